from datetime import UTC, datetime, timedelta

from dashboard.delivery.delivery_rules import ago, listed_keys, rows_shown
from dashboard.delivery.inbox import View, view_of

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def test_a_notification_from_seconds_ago_arrived_just_now() -> None:
    assert ago(NOW - timedelta(seconds=40), now=NOW) == "just now"


def test_a_notification_from_this_hour_reads_in_minutes() -> None:
    assert ago(NOW - timedelta(minutes=12, seconds=50), now=NOW) == "12 min ago"


def test_a_notification_from_today_reads_in_hours() -> None:
    assert ago(NOW - timedelta(hours=3, minutes=59), now=NOW) == "3 h ago"


def test_an_older_notification_of_this_year_reads_as_a_toronto_day() -> None:
    # 02:00 UTC on 27 February is still 26 February in Toronto.
    assert ago(datetime(2026, 2, 27, 2, 0, tzinfo=UTC), now=NOW) == "Feb 26"


def test_a_notification_of_another_year_reads_as_a_date() -> None:
    assert ago(datetime(2025, 6, 2, 14, 0, tzinfo=UTC), now=NOW) == "2025-06-02"


def test_a_page_says_which_rows_of_how_many_with_an_en_dash() -> None:
    assert rows_shown(page=1, size=50, total=85) == "1–50 of 85"
    assert rows_shown(page=2, size=50, total=85) == "51–85 of 85"


def test_large_counts_carry_thousands_separators() -> None:
    assert rows_shown(page=21, size=50, total=1085) == "1,001–1,050 of 1,085"


def test_an_empty_view_shows_none_of_none() -> None:
    assert rows_shown(page=1, size=50, total=0) == "0 of 0"


def test_a_summary_lists_the_keys_that_start_its_lines_only() -> None:
    body = (
        "SLA: 2 tickets breached.\n\nClocks that changed state in this pass:\n"
        "INC-000001 · First response breached, due … · Mentions SR-000009\n"
        "  http://desk.test/ticket?key=INC-000001\n"
        "SR-000002 · Fulfilment breached, due … · Reset\n"
    )
    assert listed_keys(body) == ["INC-000001", "SR-000002"]


def test_a_bookmarked_view_is_read_back_from_its_address() -> None:
    view = View(unread_only=True, about="sla", page=3)
    assert view_of(view.params()) == view


def test_the_default_view_keeps_the_address_clean() -> None:
    assert View().params() == {}


def test_unknown_or_hostile_parameters_read_as_the_default_view() -> None:
    hostile = {"show": "<b>x</b>", "about": "'; DROP TABLE x", "page": "-3"}
    assert view_of(hostile) == View()
    assert view_of({"page": "99999999999"}) == View()

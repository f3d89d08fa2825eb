from datetime import UTC, date, datetime, timedelta

from dashboard.delivery import emails
from dashboard.delivery.delivery_rules import (
    LONGEST_WAIT,
    MAX_ATTEMPTS,
    digest_cutoff,
    gives_up,
    is_permanent,
    retry_delay,
)
from dashboard.kernel.rules.timezones import TORONTO


def test_retries_wait_twice_as_long_each_time_up_to_an_hour() -> None:
    waits = [retry_delay(n) for n in range(1, 9)]
    assert waits[:3] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
    ]
    assert waits[-1] == LONGEST_WAIT


def test_a_delivery_gives_up_after_the_last_attempt_or_a_permanent_refusal() -> None:
    assert not gives_up(MAX_ATTEMPTS - 1, permanent=False)
    assert gives_up(MAX_ATTEMPTS, permanent=False)
    assert gives_up(1, permanent=True)


def test_only_5xx_replies_are_permanent() -> None:
    assert [is_permanent(c) for c in (None, 421, 451, 550, 554)] == [
        False,
        False,
        False,
        True,
        True,
    ]


def test_the_digest_cutoff_is_the_last_digest_hour_in_toronto() -> None:
    before = datetime(2026, 3, 3, 11, 59, tzinfo=UTC)  # 06:59 EST
    after = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)  # 07:00 EST
    assert digest_cutoff(before) == datetime(2026, 3, 2, 7, tzinfo=TORONTO)
    assert digest_cutoff(after) == datetime(2026, 3, 3, 7, tzinfo=TORONTO)


def test_the_digest_hour_follows_daylight_saving_time() -> None:
    summer = datetime(2026, 7, 1, 11, 0, tzinfo=UTC)  # 07:00 EDT
    assert digest_cutoff(summer).astimezone(UTC).hour == 11


def test_one_notification_is_mailed_with_its_own_subject_and_link() -> None:
    item = emails.Item("[INC-000001] Resolved: Reads missing", "Body.", "http://d/t")
    mail = emails.for_change([item], name="Ann", settings_link="http://d/account")
    assert mail.subject == "[INC-000001] Resolved: Reads missing"
    assert "Body.\n\nOpen: http://d/t" in mail.body


def test_a_bulk_change_is_one_email_naming_what_happened_and_every_ticket() -> None:
    items = [
        emails.Item(
            f"[INC-00000{n}] Assigned to you by Bo: T{n}", "b", f"l{n}", f"INC-00000{n}"
        )
        for n in (1, 2, 3)
    ]
    mail = emails.for_change(items, name="Ann", settings_link="s")
    assert mail.subject == "[3 tickets] Assigned to you by Bo"
    assert all(
        f"[INC-00000{n}]" in mail.body and f"l{n}" in mail.body for n in (1, 2, 3)
    )


def test_a_digest_counts_and_lists_its_notifications() -> None:
    items = [emails.Item("[INC-000001] Resolved: A", "b", "l1")]
    mail = emails.digest(items, name="Ann", day=date(2026, 3, 3), settings_link="s")
    assert (
        mail.subject == "Service desk digest for Tuesday 03 March 2026: 1 notification"
    )
    assert "* [INC-000001] Resolved: A\n  l1" in mail.body


def test_several_notices_on_one_ticket_are_one_email_naming_each() -> None:
    items = [
        emails.Item(f"[INC-000001] {what} SLA breached: T", "b", "l", "INC-000001")
        for what in ("Resolution", "Update")
    ]
    mail = emails.for_change(items, name="Ann", settings_link="s")
    assert mail.subject == (
        "[INC-000001] 2 updates: Resolution SLA breached; Update SLA breached"
    )
    assert "2 updates on INC-000001:" in mail.body

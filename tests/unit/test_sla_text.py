from datetime import UTC, datetime, timedelta

import pytest

from dashboard.kernel.rules.sla_text import span, time_left

NOW = datetime(2026, 5, 4, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(12, "12 m"), (185, "3 h 5 m"), (3060, "2 d 3 h"), (-90, "1 h 30 m")],
)
def test_durations_read_in_the_largest_units(minutes: float, text: str) -> None:
    assert span(minutes) == text


def test_a_running_clock_shows_the_time_left() -> None:
    assert time_left(NOW + timedelta(minutes=95), "running", now=NOW) == "1 h 35 m left"


def test_an_at_risk_clock_says_so() -> None:
    assert (
        time_left(NOW + timedelta(minutes=10), "at_risk", now=NOW)
        == "At risk: 10 m left"
    )


def test_a_breached_clock_shows_how_long_overdue() -> None:
    assert (
        time_left(NOW - timedelta(hours=26), "breached", now=NOW) == "Overdue 1 d 2 h"
    )


def test_a_paused_clock_is_marked_paused() -> None:
    assert (
        time_left(NOW + timedelta(hours=2), "paused", now=NOW)
        == "Paused (2 h 0 m left)"
    )


def test_a_met_clock_and_no_clock() -> None:
    assert time_left(None, "met", now=NOW) == "Met"
    assert time_left(None, None, now=NOW) == ""

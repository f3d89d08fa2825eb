"""Tests for the business calendar (24x7 and Ontario business hours)."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dashboard.kernel.rules.calendar import (
    BUSINESS_DAY_MINUTES,
    ZONE,
    BusinessCalendar,
    calendar_for,
    statutory_holidays,
)

BUSINESS = BusinessCalendar.business_hours()
ALWAYS = BusinessCalendar.twenty_four_seven()


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:  # noqa: PLR0917 - reads as datetime(...)
    """Build a Toronto wall-clock datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=ZONE)


def later(start: datetime, span: timedelta) -> datetime:
    """Add real elapsed time (same-zone datetime arithmetic is wall-clock)."""
    return (start.astimezone(UTC) + span).astimezone(start.tzinfo)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:  # noqa: PLR0917 - reads as datetime(...)
    """Build a UTC datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# --- Ontario statutory holidays -------------------------------------------------

STATUTORY_2025 = frozenset(
    {
        date(2025, 1, 1),
        date(2025, 2, 17),
        date(2025, 4, 18),
        date(2025, 5, 19),
        date(2025, 7, 1),
        date(2025, 9, 1),
        date(2025, 10, 13),
        date(2025, 12, 25),
        date(2025, 12, 26),
    }
)
CLOSED_WEEKDAYS_2026 = (
    date(2026, 1, 1),
    date(2026, 2, 16),
    date(2026, 4, 3),
    date(2026, 5, 18),
    date(2026, 7, 1),
    date(2026, 9, 7),
    date(2026, 10, 12),
    date(2026, 12, 25),
    date(2026, 12, 28),
)
NON_STATUTORY_WEEKDAYS = (
    date(2025, 8, 4),  # Civic Holiday
    date(2026, 8, 3),  # Civic Holiday
    date(2025, 4, 21),  # Easter Monday
    date(2026, 4, 6),  # Easter Monday
    date(2025, 11, 11),  # Remembrance Day
    date(2026, 11, 11),  # Remembrance Day
    date(2025, 9, 30),  # National Day for Truth and Reconciliation
    date(2026, 9, 30),  # National Day for Truth and Reconciliation
    date(2025, 12, 24),  # Christmas Eve
)


def test_statutory_holidays_2025_are_exactly_the_nine_esa_days() -> None:
    assert statutory_holidays(2025) == STATUTORY_2025


def test_statutory_holidays_2026_add_boxing_day_observed_on_monday() -> None:
    assert statutory_holidays(2026) == {*CLOSED_WEEKDAYS_2026, date(2026, 12, 26)}


@pytest.mark.parametrize("day", sorted(STATUTORY_2025) + list(CLOSED_WEEKDAYS_2026))
def test_business_hours_are_closed_on_every_statutory_holiday(day: date) -> None:
    assert not BUSINESS.is_business_day(day)
    assert not BUSINESS.is_open(datetime.combine(day, time(10), tzinfo=ZONE))


@pytest.mark.parametrize("day", NON_STATUTORY_WEEKDAYS)
def test_business_hours_are_open_on_non_statutory_holidays(day: date) -> None:
    assert BUSINESS.is_business_day(day)
    assert BUSINESS.is_open(datetime.combine(day, time(10), tzinfo=ZONE))


def test_business_hours_skip_good_friday() -> None:
    thursday = local(2026, 4, 2, 16)
    assert BUSINESS.add_business_minutes(thursday, 120) == local(2026, 4, 6, 9)


def test_business_hours_skip_family_day() -> None:
    friday_close = local(2025, 2, 14, 17)
    assert BUSINESS.next_opening(friday_close) == local(2025, 2, 18, 8)


def test_business_hours_skip_victoria_day() -> None:
    friday = local(2025, 5, 16, 16, 30)
    assert BUSINESS.add_business_minutes(friday, 60) == local(2025, 5, 20, 8, 30)


def test_thanksgiving_week_has_four_business_days() -> None:
    minutes = BUSINESS.business_minutes_between(
        local(2026, 10, 12), local(2026, 10, 17)
    )
    assert minutes == 4 * BUSINESS_DAY_MINUTES


def test_christmas_and_boxing_day_2025_close_thursday_and_friday() -> None:
    assert BUSINESS.next_opening(local(2025, 12, 24, 17)) == local(2025, 12, 29, 8)


def test_boxing_day_2026_on_saturday_is_observed_on_monday() -> None:
    assert BUSINESS.next_opening(local(2026, 12, 24, 17)) == local(2026, 12, 29, 8)


def test_christmas_2027_on_weekend_closes_the_following_monday_and_tuesday() -> None:
    assert BUSINESS.next_opening(local(2027, 12, 24, 17)) == local(2027, 12, 29, 8)


def test_civic_holiday_is_a_normal_business_day() -> None:
    monday = local(2025, 8, 4, 8)
    assert BUSINESS.add_business_minutes(monday, 60) == local(2025, 8, 4, 9)


# --- Closure days, weekends and opening hours -----------------------------------


def test_closure_day_is_not_a_business_day() -> None:
    calendar = BusinessCalendar.business_hours(closure_days=[date(2026, 3, 17)])
    assert not calendar.is_business_day(date(2026, 3, 17))


def test_closure_day_is_skipped_when_adding_minutes() -> None:
    calendar = BusinessCalendar.business_hours(closure_days=[date(2026, 3, 17)])
    monday = local(2026, 3, 16, 16)
    assert calendar.add_business_minutes(monday, 120) == local(2026, 3, 18, 9)


def test_with_closure_days_returns_a_new_calendar_and_keeps_the_original() -> None:
    closed = BUSINESS.with_closure_days([date(2026, 3, 17)])
    assert not closed.is_business_day(date(2026, 3, 17))
    assert BUSINESS.is_business_day(date(2026, 3, 17))


def test_with_closure_days_accumulates_existing_closures() -> None:
    first = BUSINESS.with_closure_days([date(2026, 3, 17)])
    both = first.with_closure_days([date(2026, 3, 18)])
    assert both.closure_days == {date(2026, 3, 17), date(2026, 3, 18)}


def test_weekend_is_not_a_business_day() -> None:
    assert not BUSINESS.is_business_day(date(2026, 3, 14))
    assert not BUSINESS.is_business_day(date(2026, 3, 15))


def test_weekend_noon_is_closed() -> None:
    assert not BUSINESS.is_open(local(2026, 3, 14, 12))


def test_ticket_opened_after_friday_close_starts_monday_at_eight() -> None:
    friday_evening = local(2026, 3, 13, 18, 30)
    assert BUSINESS.add_business_minutes(friday_evening, 0) == local(2026, 3, 16, 8)


def test_next_opening_is_the_instant_itself_when_open() -> None:
    at = local(2026, 3, 16, 10, 15)
    assert BUSINESS.next_opening(at) == at


def test_next_opening_before_eight_is_eight_the_same_day() -> None:
    assert BUSINESS.next_opening(local(2026, 3, 16, 6)) == local(2026, 3, 16, 8)


def test_opening_time_itself_is_open() -> None:
    assert BUSINESS.is_open(local(2026, 3, 16, 8))


def test_closing_time_itself_is_closed() -> None:
    assert not BUSINESS.is_open(local(2026, 3, 16, 17))


def test_adding_minutes_that_end_exactly_at_close_returns_close() -> None:
    start = local(2026, 3, 16, 16)
    assert BUSINESS.add_business_minutes(start, 60) == local(2026, 3, 16, 17)


def test_full_business_day_from_opening_ends_at_close_the_same_day() -> None:
    start = local(2026, 3, 16, 8)
    end = BUSINESS.add_business_minutes(start, BUSINESS_DAY_MINUTES)
    assert end == local(2026, 3, 16, 17)


def test_one_minute_past_a_full_day_continues_next_morning() -> None:
    start = local(2026, 3, 16, 8)
    end = BUSINESS.add_business_minutes(start, BUSINESS_DAY_MINUTES + 1)
    assert end == local(2026, 3, 17, 8, 1)


def test_twenty_business_days_end_at_close_of_the_twentieth_day() -> None:
    start = local(2026, 1, 5, 8)
    end = BUSINESS.add_business_minutes(start, 20 * BUSINESS_DAY_MINUTES)
    assert end == local(2026, 1, 30, 17)


def test_between_counts_only_open_time_across_a_weekend() -> None:
    minutes = BUSINESS.business_minutes_between(
        local(2026, 3, 13, 16), local(2026, 3, 16, 9)
    )
    assert minutes == 120


def test_between_is_zero_when_end_is_not_after_start() -> None:
    at = local(2026, 3, 16, 10)
    assert BUSINESS.business_minutes_between(at, at) == 0
    assert BUSINESS.business_minutes_between(at, at - timedelta(hours=1)) == 0


def test_sub_minute_amounts_are_kept() -> None:
    start = local(2026, 3, 16, 8)
    expected = local(2026, 3, 16, 8) + timedelta(seconds=30)
    assert BUSINESS.add_business_minutes(start, 0.5) == expected


def test_results_are_rounded_to_the_microsecond() -> None:
    start = local(2026, 3, 16, 8)
    tiny = 1.4 / 60_000_000
    expected = start + timedelta(microseconds=1)
    assert BUSINESS.add_business_minutes(start, tiny) == expected


def test_results_are_in_utc() -> None:
    result = BUSINESS.add_business_minutes(local(2026, 3, 16, 10), 30)
    assert result.tzinfo is UTC
    assert BUSINESS.next_opening(local(2026, 3, 14, 10)).tzinfo is UTC


def test_inputs_in_any_timezone_are_read_as_instants() -> None:
    eight_toronto_winter = utc(2026, 3, 2, 13)
    assert BUSINESS.is_open(eight_toronto_winter)
    assert not BUSINESS.is_open(eight_toronto_winter - timedelta(microseconds=1))


def test_twenty_four_seven_is_open_on_a_sunday_night_and_christmas() -> None:
    assert ALWAYS.is_open(local(2026, 3, 15, 3))
    assert ALWAYS.is_open(local(2026, 12, 25, 12))


def test_twenty_four_seven_with_closure_days_closes_the_whole_local_day() -> None:
    calendar = ALWAYS.with_closure_days([date(2026, 3, 17)])
    start = local(2026, 3, 16, 23)
    assert calendar.add_business_minutes(start, 120) == local(2026, 3, 18, 1)


# --- Daylight-saving time ------------------------------------------------------


def test_business_hours_spring_forward_weekend_keeps_local_opening_hours() -> None:
    friday = local(2026, 3, 6, 16)
    assert BUSINESS.add_business_minutes(friday, 120) == utc(2026, 3, 9, 13)


def test_business_hours_monday_after_spring_forward_opens_at_twelve_utc() -> None:
    assert BUSINESS.next_opening(local(2026, 3, 8, 12)) == utc(2026, 3, 9, 12)


def test_business_hours_between_across_spring_forward_counts_two_days() -> None:
    minutes = BUSINESS.business_minutes_between(
        local(2026, 3, 6, 8), local(2026, 3, 9, 17)
    )
    assert minutes == 2 * BUSINESS_DAY_MINUTES


def test_business_hours_fall_back_weekend_keeps_local_opening_hours() -> None:
    friday = local(2026, 10, 30, 16)
    assert BUSINESS.add_business_minutes(friday, 120) == utc(2026, 11, 2, 14)


def test_business_hours_between_across_fall_back_counts_two_days() -> None:
    minutes = BUSINESS.business_minutes_between(
        local(2026, 10, 30, 8), local(2026, 11, 2, 17)
    )
    assert minutes == 2 * BUSINESS_DAY_MINUTES


def test_twenty_four_seven_day_across_spring_forward_ends_at_one_am_next_day() -> None:
    start = local(2026, 3, 8)
    assert ALWAYS.add_business_minutes(start, 24 * 60) == local(2026, 3, 9, 1)


def test_twenty_four_seven_day_across_fall_back_ends_at_eleven_pm_same_day() -> None:
    start = local(2026, 11, 1)
    assert ALWAYS.add_business_minutes(start, 24 * 60) == local(2026, 11, 1, 23)


def test_twenty_four_seven_spring_forward_day_has_twenty_three_hours() -> None:
    minutes = ALWAYS.business_minutes_between(local(2026, 3, 8), local(2026, 3, 9))
    assert minutes == 23 * 60


def test_twenty_four_seven_fall_back_day_has_twenty_five_hours() -> None:
    minutes = ALWAYS.business_minutes_between(local(2026, 11, 1), local(2026, 11, 2))
    assert minutes == 25 * 60


# --- Validation and factory ----------------------------------------------------

NAIVE = local(2026, 3, 16, 10).replace(tzinfo=None)
AWARE = local(2026, 3, 16, 10)


@pytest.mark.parametrize(
    "call",
    [
        lambda: BUSINESS.add_business_minutes(NAIVE, 10),
        lambda: BUSINESS.business_minutes_between(NAIVE, AWARE),
        lambda: BUSINESS.business_minutes_between(AWARE, NAIVE),
        lambda: BUSINESS.is_open(NAIVE),
        lambda: BUSINESS.next_opening(NAIVE),
        lambda: ALWAYS.add_business_minutes(NAIVE, 10),
    ],
    ids=["add", "between-start", "between-end", "is_open", "next_opening", "24x7"],
)
def test_naive_datetime_is_rejected(call: Callable[[], object]) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        call()


def test_negative_minutes_are_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        BUSINESS.add_business_minutes(AWARE, -1)


def test_non_finite_minutes_are_rejected() -> None:
    with pytest.raises(ValueError, match="finite"):
        BUSINESS.add_business_minutes(AWARE, math.nan)


def test_is_business_day_rejects_a_datetime() -> None:
    with pytest.raises(TypeError):
        BUSINESS.is_business_day(AWARE)


def test_calendar_rejects_closing_before_opening() -> None:
    with pytest.raises(ValueError, match="earlier"):
        BusinessCalendar(
            code="x",
            name="x",
            open_time=time(17),
            close_time=time(8),
            weekdays=frozenset({0}),
            use_holidays=False,
        )


def test_calendar_for_business_returns_business_hours_with_closures() -> None:
    calendar = calendar_for("business", closure_days=[date(2026, 3, 17)])
    assert calendar == BUSINESS.with_closure_days([date(2026, 3, 17)])


def test_calendar_for_twenty_four_seven_ignores_closure_days() -> None:
    assert calendar_for("24x7", closure_days=[date(2026, 3, 17)]) == ALWAYS


def test_calendar_for_unknown_code_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown calendar"):
        calendar_for("weekends")


# --- Properties ------------------------------------------------------------------

PROPERTY = settings(max_examples=150, deadline=None, database=None)
RANGE_START = local(2024, 1, 1).astimezone(UTC)
RANGE_MICROSECONDS = (local(2028, 12, 31) - RANGE_START) // timedelta(microseconds=1)
MAX_SPAN = timedelta(days=45)

calendars = st.sampled_from(
    [
        ALWAYS,
        BUSINESS,
        BusinessCalendar.business_hours(
            closure_days=[date(2026, 3, 17), date(2026, 3, 18), date(2027, 6, 4)]
        ),
        ALWAYS.with_closure_days([date(2026, 11, 1), date(2027, 3, 14)]),
    ]
)
zones = st.sampled_from([UTC, ZONE])
instants = st.builds(
    lambda offset, step, zone: (RANGE_START + offset * step).astimezone(zone),
    st.integers(0, RANGE_MICROSECONDS),
    st.sampled_from([timedelta(microseconds=1)]),
    zones,
) | st.builds(
    lambda offset, step, zone: (RANGE_START + offset * step).astimezone(zone),
    st.integers(0, RANGE_MICROSECONDS // 60_000_000 // 15),
    st.sampled_from([timedelta(minutes=15)]),
    zones,
)
spans = st.one_of(
    st.integers(0, MAX_SPAN // timedelta(microseconds=1)).map(
        lambda us: timedelta(microseconds=us)
    ),
    st.integers(0, MAX_SPAN // timedelta(minutes=15)).map(
        lambda n: timedelta(minutes=15 * n)
    ),
)
minute_amounts = st.floats(
    min_value=0, max_value=25 * BUSINESS_DAY_MINUTES, allow_nan=False
) | st.integers(0, 25 * BUSINESS_DAY_MINUTES)


@PROPERTY
@given(calendar=calendars, start=instants, minutes=minute_amounts)
def test_between_undoes_add(
    calendar: BusinessCalendar, start: datetime, *, minutes: float
) -> None:
    end = calendar.add_business_minutes(start, minutes)
    assert calendar.business_minutes_between(start, end) == pytest.approx(
        minutes, abs=1e-6
    )


@PROPERTY
@given(calendar=calendars, start=instants, span=spans)
@example(
    calendar=BUSINESS, start=local(2026, 3, 13, 10), span=timedelta(days=3, hours=22)
)
def test_add_of_between_lands_on_the_earliest_instant_with_the_same_count(
    calendar: BusinessCalendar, start: datetime, *, span: timedelta
) -> None:
    # Exact property: `landed` is the earliest instant, at or after the first
    # opening, whose open-minute count from `start` equals that of `end`. Hence it
    # is separated from `end` by closed time only, it is not after `end` once any
    # open time has elapsed, and it equals `end` whenever open time runs right up
    # to `end`. An `end` at an opening instant collapses to the previous close.
    end = later(start, span)
    elapsed = calendar.business_minutes_between(start, end)
    landed = calendar.add_business_minutes(start, elapsed)
    early, late = sorted((landed, end))
    assert calendar.business_minutes_between(early, late) == 0
    if elapsed > 0:
        assert landed <= end
    else:
        assert landed == calendar.next_opening(start)
    if end > start and calendar.is_open(end - timedelta(microseconds=1)):
        assert landed == end


def test_add_of_between_ending_at_an_opening_lands_at_the_previous_close() -> None:
    start = local(2026, 3, 13, 10)
    tuesday_opening = local(2026, 3, 17, 8)
    elapsed = BUSINESS.business_minutes_between(start, tuesday_opening)
    landed = BUSINESS.add_business_minutes(start, elapsed)
    assert landed == local(2026, 3, 16, 17)


@PROPERTY
@given(calendar=calendars, start=instants, first=minute_amounts, second=minute_amounts)
def test_more_minutes_never_land_earlier(
    calendar: BusinessCalendar, start: datetime, *, first: float, second: float
) -> None:
    fewer, more = sorted((first, second))
    assert calendar.add_business_minutes(start, fewer) <= calendar.add_business_minutes(
        start, more
    )


@PROPERTY
@given(calendar=calendars, start=instants, first=spans, second=spans)
def test_between_is_additive(
    calendar: BusinessCalendar, start: datetime, *, first: timedelta, second: timedelta
) -> None:
    middle = later(start, first)
    end = later(middle, second)
    whole = calendar.business_minutes_between(start, end)
    parts = calendar.business_minutes_between(
        start, middle
    ) + calendar.business_minutes_between(middle, end)
    assert parts == pytest.approx(whole, abs=1e-6)


@PROPERTY
@given(calendar=calendars, start=instants, span=spans)
def test_between_never_exceeds_real_elapsed_minutes(
    calendar: BusinessCalendar, start: datetime, *, span: timedelta
) -> None:
    elapsed = span / timedelta(minutes=1)
    assert (
        calendar.business_minutes_between(start, later(start, span)) <= elapsed + 1e-9
    )


@PROPERTY
@given(instants, spans)
def test_twenty_four_seven_between_equals_real_elapsed_minutes(
    start: datetime, span: timedelta
) -> None:
    elapsed = span / timedelta(minutes=1)
    minutes = ALWAYS.business_minutes_between(start, later(start, span))
    assert minutes == pytest.approx(elapsed, abs=1e-6)


@PROPERTY
@given(calendars, instants)
def test_next_opening_is_the_instant_itself_exactly_when_open(
    calendar: BusinessCalendar, at: datetime
) -> None:
    opening = calendar.next_opening(at)
    assert opening >= at
    assert calendar.is_open(opening)
    assert (opening == at) == calendar.is_open(at)
    assert calendar.business_minutes_between(at, opening) == 0


@PROPERTY
@given(calendar=calendars, start=instants, minutes=minute_amounts)
def test_add_lands_within_opening_hours_or_at_closing(
    calendar: BusinessCalendar, start: datetime, *, minutes: float
) -> None:
    landed = calendar.add_business_minutes(start, minutes)
    just_before = landed - timedelta(microseconds=1)
    assert calendar.is_open(landed) or calendar.is_open(just_before)

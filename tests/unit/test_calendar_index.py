"""The calendar index answers as the scalar business calendar does, for arrays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dashboard.kernel.rules.calendar import ZONE, BusinessCalendar, calendar_for
from dashboard.kernel.rules.calendar_index import CalendarIndex

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
CLOSURES = (date(2024, 12, 24), date(2026, 3, 10), date(2027, 11, 12))
CALENDARS = {
    "24x7": calendar_for("24x7"),
    "business": calendar_for("business", closure_days=CLOSURES),
    # Whole local days (23 or 25 hours across a DST change), closed on closure days.
    "days": BusinessCalendar.twenty_four_seven().with_closure_days(CLOSURES),
}
INDEXES = {
    code: CalendarIndex.build(calendar, first_year=2023, last_year=2029)
    for code, calendar in CALENDARS.items()
}
# DST changes, Ontario holidays and closure days, where the calendar is hardest.
AWKWARD_DAYS = (
    date(2024, 3, 10),
    date(2024, 11, 3),
    date(2025, 3, 9),
    date(2025, 11, 2),
    date(2026, 3, 8),
    date(2026, 11, 1),
    date(2027, 3, 14),
    date(2028, 11, 5),
    date(2025, 4, 18),
    date(2026, 4, 3),
    date(2025, 12, 25),
    date(2026, 12, 28),
    date(2027, 12, 27),
    date(2028, 2, 21),
    *CLOSURES,
)
SPAN = (datetime(2024, 1, 1, tzinfo=ZONE), datetime(2028, 12, 31, tzinfo=ZONE))
MICROSECONDS_PER_DAY = 86_400_000_000


def epoch_us(moment: datetime) -> int:
    """Microseconds since the Unix epoch."""
    return (moment - EPOCH) // timedelta(microseconds=1)


def instant(microseconds: int) -> datetime:
    """The UTC instant so many microseconds after the epoch."""
    return EPOCH + timedelta(microseconds=microseconds)


def near(day: date) -> st.SearchStrategy[int]:
    """Instants within two days either side of a day's local midnight."""
    midnight = epoch_us(datetime.combine(day, time(0), tzinfo=ZONE))
    window = 2 * MICROSECONDS_PER_DAY
    return st.integers(midnight - window, midnight + window)


instants = st.one_of(
    st.integers(*map(epoch_us, SPAN)),
    st.sampled_from(AWKWARD_DAYS).flatmap(near),
)
minutes = st.one_of(
    st.just(0),
    st.integers(0, 60 * 540),
    st.floats(0, 60 * 540, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.5, 1e-7, 539.999999, 540]),
)
codes = st.sampled_from(sorted(CALENDARS))


@settings(max_examples=500)
@given(code=codes, start=instants, budget=minutes)
@example(
    code="business", start=epoch_us(datetime(2026, 4, 2, 16, tzinfo=ZONE)), budget=120
)
@example(
    code="days", start=epoch_us(datetime(2026, 3, 7, 23, tzinfo=ZONE)), budget=60 * 24
)
@example(
    code="business", start=epoch_us(datetime(2026, 3, 13, 17, tzinfo=ZONE)), budget=0
)
def test_adding_minutes_equals_the_scalar_calendar(
    code: str, start: int, *, budget: float
) -> None:
    expected = CALENDARS[code].add_business_minutes(instant(start), budget)
    answer = INDEXES[code].add_minutes(np.array([start]), np.array([budget]))
    assert instant(int(answer[0])) == expected


@settings(max_examples=500)
@given(code=codes, start=instants, end=instants)
@example(
    code="business",
    start=epoch_us(datetime(2026, 4, 2, tzinfo=ZONE)),
    end=epoch_us(datetime(2026, 4, 7, tzinfo=ZONE)),
)
def test_minutes_between_equal_the_scalar_calendar(
    code: str, start: int, *, end: int
) -> None:
    expected = CALENDARS[code].business_minutes_between(instant(start), instant(end))
    answer = INDEXES[code].minutes_between(np.array([start]), np.array([end]))
    assert answer[0] == expected


@given(code=codes, start=instants, budget=minutes)
def test_scalar_add_of_the_index_equals_the_calendar(
    code: str, start: int, *, budget: float
) -> None:
    expected = CALENDARS[code].add_business_minutes(instant(start), budget)
    assert INDEXES[code].add_business_minutes(instant(start), budget) == expected


@given(code=codes, start=instants, end=instants)
def test_scalar_minutes_between_of_the_index_equal_the_calendar(
    code: str, start: int, *, end: int
) -> None:
    expected = CALENDARS[code].business_minutes_between(instant(start), instant(end))
    answer = INDEXES[code].business_minutes_between(instant(start), instant(end))
    assert answer == expected


def test_datetime64_starts_are_answered_as_datetime64() -> None:
    starts = np.array(["2026-03-13T22:00:00"], dtype="datetime64[us]")  # Fri 18:00
    answer = INDEXES["business"].add_minutes(starts, np.array([60]))
    assert answer[0] == np.datetime64("2026-03-16T13:00:00", "us")  # Mon 09:00 EDT


def test_index_covers_2020_to_2035_with_every_open_second() -> None:
    calendar = calendar_for("business")
    index = CalendarIndex.build(calendar, first_year=2020, last_year=2035)
    whole = calendar.business_minutes_between(
        datetime(2020, 1, 1, tzinfo=ZONE), datetime(2036, 1, 1, tzinfo=ZONE)
    )
    assert index.cum_open_s[-1] == whole * 60


def test_an_instant_before_the_span_is_refused() -> None:
    before = np.array([epoch_us(datetime(2022, 12, 31, 12, tzinfo=ZONE))])
    with pytest.raises(ValueError, match="outside the span 2023-2029"):
        INDEXES["business"].minutes_between(before, before)


def test_a_scalar_instant_after_the_span_is_refused() -> None:
    after = datetime(2030, 1, 2, tzinfo=ZONE)
    with pytest.raises(ValueError, match="outside the span"):
        INDEXES["business"].business_minutes_between(after, after)


def test_an_instant_after_the_span_is_refused() -> None:
    after = np.array([epoch_us(datetime(2030, 1, 2, tzinfo=ZONE))])
    with pytest.raises(ValueError, match="outside the span"):
        INDEXES["24x7"].add_minutes(after, np.array([1]))


def test_a_result_beyond_the_span_is_refused() -> None:
    late = np.array([epoch_us(datetime(2029, 12, 31, 16, tzinfo=ZONE))])
    with pytest.raises(ValueError, match="beyond the index's span"):
        INDEXES["business"].add_minutes(late, np.array([120]))


def test_negative_minutes_are_refused() -> None:
    start = np.array([epoch_us(datetime(2026, 3, 2, 9, tzinfo=ZONE))])
    with pytest.raises(ValueError, match="negative"):
        INDEXES["business"].add_minutes(start, np.array([-1]))


def test_a_hundred_thousand_inputs_are_answered_as_arrays() -> None:
    generator = np.random.default_rng(7)
    low, high = (epoch_us(at) for at in SPAN)
    starts = generator.integers(low, high, size=100_000)
    budgets = generator.uniform(0, 20 * 540, size=100_000)
    index = INDEXES["business"]
    ends = index.add_minutes(starts, budgets)
    # Adding then measuring gives the budget back, to the microsecond.
    measured = index.minutes_between(starts, ends)
    assert np.allclose(measured, budgets, rtol=0, atol=1e-6)

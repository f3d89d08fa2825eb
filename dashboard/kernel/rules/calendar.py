"""Business calendars for SLA clocks: 24x7 and Ontario business hours."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from dashboard.kernel.i18n import N_

__all__ = [
    "BUSINESS_DAY_MINUTES",
    "ZONE",
    "BusinessCalendar",
    "calendar_for",
    "statutory_holidays",
]

ZONE = ZoneInfo("America/Toronto")
BUSINESS_DAY_MINUTES = 540

_UTC = UTC
_ALL_WEEKDAYS = frozenset(range(7))
_MONDAY_TO_FRIDAY = frozenset(range(5))
_ONE_DAY = timedelta(days=1)
_MICROSECOND = timedelta(microseconds=1)
_MICROSECONDS_PER_MINUTE = 60_000_000
# Ten years without a single open day can only mean a misconfigured calendar.
_MAX_SEARCH_DAYS = 3660

# The package's default "public" category for CA/ON is already the nine ESA
# holidays, but filtering by name keeps Civic Holiday, Easter Monday and
# Remembrance Day out even if a future release moves them into that category.
_STATUTORY_NAMES = frozenset(
    {
        "New Year's Day",
        "Family Day",
        "Good Friday",
        "Victoria Day",
        "Canada Day",
        "Labor Day",
        "Labour Day",
        "Thanksgiving",
        "Thanksgiving Day",
        "Christmas Day",
        "Boxing Day",
    }
)
_OBSERVED_SUFFIX = " (observed)"


def _is_statutory_name(name: str) -> bool:
    return name.strip().removesuffix(_OBSERVED_SUFFIX) in _STATUTORY_NAMES


@lru_cache(maxsize=256)
def statutory_holidays(year: int) -> frozenset[date]:
    """Return the Ontario statutory holiday dates (observed shifts included)."""
    # Neighbouring years are loaded too so an observed date that spills across
    # New Year is still attributed to the year it falls in.
    table = holidays.country_holidays(
        "CA",
        subdiv="ON",
        years=range(year - 1, year + 2),
        language="en_US",
        categories=("public",),
    )
    return frozenset(
        day
        for day in table
        if day.year == year and any(map(_is_statutory_name, table.get_list(day)))
    )


def _to_utc(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        raise ValueError(
            f"{what} must be a timezone-aware datetime, got naive {moment!r}"
        )
    return moment.astimezone(_UTC)


def _local_date(moment_utc: datetime) -> date:
    return moment_utc.astimezone(ZONE).date()


def _microseconds(delta: timedelta) -> int:
    return delta // _MICROSECOND


def _minutes_to_microseconds(minutes: float) -> int:
    if not math.isfinite(minutes):
        raise ValueError(f"minutes must be a finite number, got {minutes!r}")
    if minutes < 0:
        raise ValueError(f"minutes must not be negative, got {minutes!r}")
    return round(minutes * _MICROSECONDS_PER_MINUTE)


@lru_cache(maxsize=4096)
def _window(
    day: date, open_time: time | None, *, close_time: time | None
) -> tuple[datetime, datetime]:
    # Wall-clock times are resolved per day so that 08:00-17:00 stays local on
    # both sides of a DST change, while the UTC instants absorb the offset.
    if open_time is None or close_time is None:
        start = datetime.combine(day, time(0), tzinfo=ZONE)
        end = datetime.combine(day + _ONE_DAY, time(0), tzinfo=ZONE)
    else:
        start = datetime.combine(day, open_time, tzinfo=ZONE)
        end = datetime.combine(day, close_time, tzinfo=ZONE)
    return start.astimezone(_UTC), end.astimezone(_UTC)


@dataclass(frozen=True)
class BusinessCalendar:
    """Opening hours used to run SLA clocks, in America/Toronto wall-clock time."""

    code: str
    name: str
    open_time: time | None
    close_time: time | None
    weekdays: frozenset[int]
    use_holidays: bool
    closure_days: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        """Reject inconsistent opening hours."""
        if (self.open_time is None) != (self.close_time is None):
            raise ValueError("open_time and close_time must both be set or both None")
        if (
            self.open_time is not None
            and self.close_time is not None
            and not self.open_time < self.close_time
        ):
            raise ValueError("open_time must be earlier than close_time")
        if not self.weekdays <= _ALL_WEEKDAYS:
            raise ValueError("weekdays must be integers 0 (Monday) to 6 (Sunday)")
        # Callers may hand over any iterable; freezing it keeps the dataclass
        # hashable and immune to later mutation of the caller's collection.
        object.__setattr__(self, "weekdays", frozenset(self.weekdays))
        object.__setattr__(self, "closure_days", frozenset(self.closure_days))

    @classmethod
    def twenty_four_seven(cls) -> BusinessCalendar:
        """Return the calendar that is always open."""
        return cls(
            code="24x7",
            name="24x7",
            open_time=None,
            close_time=None,
            weekdays=_ALL_WEEKDAYS,
            use_holidays=False,
        )

    @classmethod
    def business_hours(cls, *, closure_days: Iterable[date] = ()) -> BusinessCalendar:
        """Return Monday-Friday 08:00-17:00 Toronto, closed on statutory holidays."""
        return cls(
            code="business",
            name=N_("Business hours"),
            open_time=time(8, 0),
            close_time=time(17, 0),
            weekdays=_MONDAY_TO_FRIDAY,
            use_holidays=True,
            closure_days=frozenset(closure_days),
        )

    def with_closure_days(self, days: Iterable[date]) -> BusinessCalendar:
        """Return a copy that is also closed on the given local dates."""
        return BusinessCalendar(
            code=self.code,
            name=self.name,
            open_time=self.open_time,
            close_time=self.close_time,
            weekdays=self.weekdays,
            use_holidays=self.use_holidays,
            closure_days=self.closure_days | frozenset(days),
        )

    @property
    def _always_open(self) -> bool:
        return (
            self.open_time is None
            and self.weekdays == _ALL_WEEKDAYS
            and not self.use_holidays
            and not self.closure_days
        )

    def is_business_day(self, day: date) -> bool:
        """Return whether the local date has opening hours at all."""
        if isinstance(day, datetime):
            # A datetime's calendar date depends on its zone, which is ambiguous.
            raise TypeError("is_business_day expects a local date, not a datetime")
        if day.weekday() not in self.weekdays or day in self.closure_days:
            return False
        return not (self.use_holidays and day in statutory_holidays(day.year))

    def is_open(self, at: datetime) -> bool:
        """Return whether the calendar is open at the instant (closing is exclusive)."""
        moment = _to_utc(at, "at")
        if self._always_open:
            return True
        day = _local_date(moment)
        if not self.is_business_day(day):
            return False
        start, end = _window(day, self.open_time, close_time=self.close_time)
        return start <= moment < end

    def next_opening(self, at: datetime) -> datetime:
        """Return the first open instant at or after `at`, in UTC."""
        return self._next_opening_utc(_to_utc(at, "at"))

    def _next_opening_utc(self, moment: datetime) -> datetime:
        if self._always_open:
            return moment
        day = _local_date(moment)
        for _ in range(_MAX_SEARCH_DAYS):
            if self.is_business_day(day):
                start, end = _window(day, self.open_time, close_time=self.close_time)
                if moment < end:
                    return max(start, moment)
            day += _ONE_DAY
        raise ValueError(
            f"calendar {self.code!r} has no opening within {_MAX_SEARCH_DAYS} days"
        )

    def add_business_minutes(self, start: datetime, minutes: float) -> datetime:
        """Return the UTC instant at which `minutes` open minutes have elapsed."""
        moment = _to_utc(start, "start")
        remaining = _minutes_to_microseconds(minutes)
        if self._always_open:
            return moment + timedelta(microseconds=remaining)
        cursor = self._next_opening_utc(moment)
        # One iteration per open day, so large budgets cost days, not minutes.
        while True:
            _, end = _window(
                _local_date(cursor),
                self.open_time,
                close_time=self.close_time,
            )
            available = _microseconds(end - cursor)
            if remaining <= available:
                return cursor + timedelta(microseconds=remaining)
            remaining -= available
            cursor = self._next_opening_utc(end)

    def business_minutes_between(self, start: datetime, end: datetime) -> float:
        """Return the open minutes in [start, end); 0 when end is not after start."""
        lower = _to_utc(start, "start")
        upper = _to_utc(end, "end")
        if upper <= lower:
            return 0.0
        if self._always_open:
            return _microseconds(upper - lower) / _MICROSECONDS_PER_MINUTE
        total = 0
        day = _local_date(lower)
        last = _local_date(upper)
        while day <= last:
            if self.is_business_day(day):
                opens, closes = _window(day, self.open_time, close_time=self.close_time)
                overlap = min(closes, upper) - max(opens, lower)
                if overlap > timedelta(0):
                    total += _microseconds(overlap)
            day += _ONE_DAY
        return total / _MICROSECONDS_PER_MINUTE


def calendar_for(code: str, *, closure_days: Iterable[date] = ()) -> BusinessCalendar:
    """Return the calendar for "24x7" or "business"; 24x7 ignores closure days."""
    if code == "24x7":
        # A 24x7 SLA is by definition never paused, even on SME closure days.
        return BusinessCalendar.twenty_four_seven()
    if code == "business":
        return BusinessCalendar.business_hours(closure_days=closure_days)
    raise ValueError(f"unknown calendar code {code!r}; expected '24x7' or 'business'")

"""Time in the seed: the period, Toronto wall clock, and business minutes as arrays.

Every instant is a float number of minutes since the grid's origin (one day before the
period starts), so that whole life cycles are computed with array arithmetic. The
business-hours calendar (Monday to Friday 08:00-17:00 America/Toronto, closed on
Ontario statutory holidays) becomes a cumulative count of open minutes: adding N
business minutes is a look-up (searchsorted) instead of a loop over days.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
import numpy.typing as npt
import pandas as pd

from dashboard.kernel.rules.calendar import BusinessCalendar

ZONE = "America/Toronto"
# The grid runs well past the end, so that any drawn duration lands on it; what
# falls after the end is cut off anyway.
HORIZON_DAYS = 400
MARGIN_DAYS = 1

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


def local_to_utc(naive: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """Toronto wall-clock times as UTC (ambiguous: standard time; gaps: moved later)."""
    localized = naive.tz_localize(
        ZONE,
        ambiguous=np.zeros(len(naive), dtype=bool),
        nonexistent="shift_forward",
    )
    return localized.tz_convert("UTC")


def period_end(end: date | datetime | None, *, now: datetime) -> datetime:
    """The instant the seeded period ends, to the minute, in UTC: a date means its
    00:00 UTC, a naive datetime is UTC, and none means now."""
    moment = now if end is None else end
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


def period_bounds(end: date | datetime, years: int) -> tuple[datetime, datetime]:
    """The seeded period: the `years` years that end at `end` (see period_end)."""
    stop = period_end(end, now=datetime.now(UTC))
    day = min(stop.day, 28) if stop.month == 2 else stop.day
    return stop.replace(year=stop.year - years, day=day), stop


@dataclass(frozen=True)
class Clock:
    """The seed's time grid: minutes since `origin`, with business-hours look-ups."""

    origin: datetime
    start: float
    end: float
    cum_open: Floats  # open minutes in [0, i) for each minute boundary i
    open_minute: Bools
    local_day: Ints  # local date (days since origin's date) of each grid hour
    day_names: tuple[str, ...]  # ISO local date of each local day index
    day_month: Ints  # local calendar month of each local day, counted from the first

    @classmethod
    def build(cls, start: datetime, end: datetime) -> "Clock":
        """A grid covering the period, with its business-hours index."""
        origin = start - timedelta(days=MARGIN_DAYS)
        horizon = end + timedelta(days=HORIZON_DAYS)
        minutes = int((horizon - origin).total_seconds() // 60)
        open_minute = _open_minutes(origin, minutes)
        cum = np.concatenate(([0.0], np.cumsum(open_minute, dtype=np.float64)))
        hours = pd.date_range(origin, horizon, freq="h", inclusive="left")
        local = hours.tz_convert(ZONE)
        first = local[0].date()
        days = (local.normalize().tz_localize(None) - pd.Timestamp(first)).days
        count = int(days.max()) + 1
        dates = [first + timedelta(days=i) for i in range(count)]
        months = [12 * (d.year - first.year) + d.month - first.month for d in dates]
        return cls(
            origin=origin,
            start=_minutes(origin, start),
            end=_minutes(origin, end),
            cum_open=cum,
            open_minute=open_minute,
            local_day=np.asarray(days, dtype=np.int64),
            day_names=tuple(str(d) for d in dates),
            day_month=np.asarray(months, dtype=np.int64),
        )

    def minute_of(self, moment: datetime) -> float:
        """An aware datetime as grid minutes."""
        return _minutes(self.origin, moment)

    def to_business(self, at: Floats) -> Floats:
        """Open minutes elapsed on the grid up to each instant."""
        size = len(self.open_minute)
        i = np.clip(np.floor(at).astype(np.int64), 0, size - 1)
        return self.cum_open[i] + self.open_minute[i] * np.clip(at - i, 0.0, 1.0)

    def from_business(self, value: Floats) -> Floats:
        """The earliest instant at which each count of open minutes is reached."""
        i = np.searchsorted(self.cum_open, value, side="left")
        i = np.clip(i, 1, len(self.cum_open) - 1)
        return i - (self.cum_open[i] - value)

    def add(self, at: Floats, minutes: Floats, *, business: Bools) -> Floats:
        """Each instant plus minutes of its calendar (business hours or 24x7)."""
        later = at + minutes
        if business.any():
            on_hours = self.from_business(self.to_business(at) + minutes)
            later = np.where(business, on_hours, later)
        return later

    def to_micros(self, at: Floats) -> Ints:
        """Grid minutes as microseconds since the epoch, rounded to the second."""
        origin_us = int(self.origin.timestamp()) * 1_000_000
        seconds = np.rint(at * 60.0).astype(np.int64)
        return origin_us + seconds * 1_000_000

    def local_day_of(self, at: Floats) -> Ints:
        """The local (Toronto) day index of each instant."""
        hour = np.clip((at // 60).astype(np.int64), 0, len(self.local_day) - 1)
        return self.local_day[hour]

    def local_month_of(self, at: Floats) -> Ints:
        """The local (Toronto) calendar month of each instant, counted from the grid's
        first month."""
        return self.day_month[self.local_day_of(at)]


def _minutes(origin: datetime, moment: datetime) -> float:
    return (moment - origin).total_seconds() / 60.0


def _open_minutes(origin: datetime, minutes: int) -> Bools:
    """Which grid minutes fall inside business hours."""
    calendar = BusinessCalendar.business_hours()
    first = origin.astimezone(UTC).date() - timedelta(days=1)
    days = [first + timedelta(days=i) for i in range(minutes // 1440 + 3)]
    open_days = [d for d in days if calendar.is_business_day(d)]
    day_index = pd.DatetimeIndex(pd.to_datetime(open_days))
    opens = local_to_utc(day_index + pd.Timedelta(hours=8))
    closes = local_to_utc(day_index + pd.Timedelta(hours=17))
    origin_us = int(origin.timestamp()) * 1_000_000
    lo = (opens.as_unit("us").asi8 - origin_us) // 60_000_000
    hi = (closes.as_unit("us").asi8 - origin_us) // 60_000_000
    marks = np.zeros(minutes + 1, dtype=np.int64)
    np.add.at(marks, np.clip(lo, 0, minutes), 1)
    np.add.at(marks, np.clip(hi, 0, minutes), -1)
    return np.cumsum(marks[:minutes]) > 0

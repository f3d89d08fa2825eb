"""A business calendar as arrays, to add and measure business time in bulk."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from dashboard.kernel.rules.calendar import ZONE, BusinessCalendar

__all__ = ["CalendarIndex"]

Int64Array = npt.NDArray[np.int64]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_US_PER_SECOND = 1_000_000
_US_PER_MINUTE = 60_000_000
# Far beyond any span an index covers, yet safely inside int64 microseconds.
_MAX_MINUTES = 2**62 // _US_PER_MINUTE


@dataclass(frozen=True, eq=False)
class CalendarIndex:
    """A calendar's open intervals over whole local years, as UTC epoch seconds.

    `cum_open_s[i]` is the open time before interval i (it has one more element than
    `opens_s`), so adding and measuring business time are binary searches. Answers
    equal the scalar BusinessCalendar's to the microsecond for instants inside the
    span (local midnight of 1 January `first_year` to that of `last_year + 1`);
    instants, or results, outside it raise ValueError.
    """

    code: str
    first_year: int
    last_year: int
    opens_s: Int64Array
    closes_s: Int64Array
    cum_open_s: Int64Array
    _opens: Int64Array = field(init=False, repr=False)
    _closes: Int64Array = field(init=False, repr=False)
    _cum: Int64Array = field(init=False, repr=False)
    _span: tuple[int, int] = field(init=False, repr=False)
    _ints: tuple[list[int], list[int], list[int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        """Check the intervals and keep microsecond copies for the look-ups."""
        if self.opens_s.size == 0:
            raise ValueError(f"calendar {self.code!r} has no opening in its span")
        first = _epoch_us(_local_midnight(date(self.first_year, 1, 1)))
        last = _epoch_us(_local_midnight(date(self.last_year + 1, 1, 1)))
        object.__setattr__(self, "_opens", self.opens_s * _US_PER_SECOND)
        object.__setattr__(self, "_closes", self.closes_s * _US_PER_SECOND)
        object.__setattr__(self, "_cum", self.cum_open_s * _US_PER_SECOND)
        object.__setattr__(self, "_span", (first, last))
        ints = (self._opens.tolist(), self._closes.tolist(), self._cum.tolist())
        object.__setattr__(self, "_ints", ints)

    @classmethod
    def build(
        cls, calendar: BusinessCalendar, *, first_year: int, last_year: int
    ) -> CalendarIndex:
        """Index a calendar's opening hours from `first_year` to `last_year`."""
        if last_year < first_year:
            raise ValueError("last_year must not be before first_year")
        first_day = date(first_year, 1, 1)
        days = (date(last_year + 1, 1, 1) - first_day).days
        windows = [
            _window(calendar, day)
            for day in (first_day + timedelta(days=n) for n in range(days))
            if calendar.is_business_day(day)
        ]
        bounds = np.array(windows, dtype=np.int64).reshape(-1, 2)
        lengths = bounds[:, 1] - bounds[:, 0]
        cumulative = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
        return cls(
            calendar.code, first_year, last_year, bounds[:, 0], bounds[:, 1], cumulative
        )

    def add_minutes(self, starts: Any, minutes: Any) -> npt.NDArray[Any]:
        """Return when `minutes` open minutes have elapsed from each start.

        Starts are datetime64 (answered as datetime64[us]) or int64 epoch
        microseconds (answered as such); a zero budget gives the next opening.
        """
        start_us, as_datetime = _instants(starts)
        budget = _minutes_to_us(minutes)
        start_us, budget = np.broadcast_arrays(start_us, budget)
        self._check_inside(start_us)
        target = self._open_before(start_us) + budget
        ends = np.searchsorted(self._cum[1:], target, side="left")
        nexts = np.searchsorted(self._closes, start_us, side="right")
        zero = budget == 0
        if np.any(np.where(zero, nexts, ends) >= self._opens.size):
            raise ValueError(f"the result lies beyond the index's span{self._years}")
        ends = np.minimum(ends, self._opens.size - 1)
        nexts = np.minimum(nexts, self._opens.size - 1)
        moved = self._opens[ends] + (target - self._cum[ends])
        opening = np.maximum(self._opens[nexts], start_us)
        result = np.where(zero, opening, moved)
        return result.view("datetime64[us]") if as_datetime else result

    def minutes_between(self, starts: Any, ends: Any) -> npt.NDArray[np.float64]:
        """Return the open minutes in each [start, end); 0 where end is not after."""
        start_us, _ = _instants(starts)
        end_us, _ = _instants(ends)
        self._check_inside(start_us)
        self._check_inside(end_us)
        open_us = self._open_before(end_us) - self._open_before(start_us)
        result: npt.NDArray[np.float64] = np.maximum(open_us, 0) / _US_PER_MINUTE
        return result

    def add_business_minutes(self, start: datetime, minutes: float) -> datetime:
        """Return the UTC instant at which `minutes` open minutes have elapsed."""
        # Scalars go through bisect on plain ints: numpy's per-call overhead would
        # cost more than the search itself.
        at, budget = self._scalar_inside(start), _scalar_minutes_to_us(minutes)
        opens, closes, cum = self._ints
        if budget == 0:
            following = bisect_right(closes, at)
            if following == len(opens):
                raise ValueError(
                    f"the result lies beyond the index's span{self._years}"
                )
            return _instant(max(opens[following], at))
        target = self._scalar_open_before(at) + budget
        interval = bisect_left(cum, target, 1) - 1
        if interval == len(opens):
            raise ValueError(f"the result lies beyond the index's span{self._years}")
        return _instant(opens[interval] + target - cum[interval])

    def business_minutes_between(self, start: datetime, end: datetime) -> float:
        """Return the open minutes in [start, end); 0 when end is not after start."""
        lower, upper = self._scalar_inside(start), self._scalar_inside(end)
        open_us = self._scalar_open_before(upper) - self._scalar_open_before(lower)
        return max(open_us, 0) / _US_PER_MINUTE

    def _scalar_inside(self, moment: datetime) -> int:
        at = _epoch_us(moment)
        low, high = self._span
        if not low <= at <= high:
            raise ValueError(f"instant {_shown(at)} is outside the span{self._years}")
        return at

    def _scalar_open_before(self, at: int) -> int:
        opens, closes, cum = self._ints
        index = max(bisect_right(opens, at) - 1, 0)
        return cum[index] + max(min(at, closes[index]) - opens[index], 0)

    @property
    def _years(self) -> str:
        return f" {self.first_year}-{self.last_year} of calendar {self.code!r}"

    def _open_before(self, instants: Int64Array) -> Int64Array:
        # Open time from the start of the span to each instant.
        index = np.maximum(np.searchsorted(self._opens, instants, side="right") - 1, 0)
        inside = np.minimum(instants, self._closes[index]) - self._opens[index]
        result: Int64Array = self._cum[index] + np.maximum(inside, 0)
        return result

    def _check_inside(self, instants: Int64Array) -> None:
        low, high = self._span
        outside = (instants < low) | (instants > high)
        if np.any(outside):
            bad = int(instants[outside].flat[0])
            shown = "NaT" if bad == np.iinfo(np.int64).min else _shown(bad)
            raise ValueError(f"instant {shown} is outside the span{self._years}")


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=ZONE)


def _window(calendar: BusinessCalendar, day: date) -> tuple[int, int]:
    # The same wall-clock rule as BusinessCalendar: opening hours are resolved per
    # local day, so the UTC bounds absorb daylight-saving changes.
    if calendar.open_time is None or calendar.close_time is None:
        start, end = _local_midnight(day), _local_midnight(day + timedelta(days=1))
    else:
        start = datetime.combine(day, calendar.open_time, tzinfo=ZONE)
        end = datetime.combine(day, calendar.close_time, tzinfo=ZONE)
    bounds = (
        divmod(_epoch_us(start), _US_PER_SECOND),
        divmod(_epoch_us(end), _US_PER_SECOND),
    )
    if any(fraction for _, fraction in bounds):
        raise ValueError(
            f"calendar {calendar.code!r} must open and close on whole seconds"
        )
    return bounds[0][0], bounds[1][0]


_EPOCH_DAY = _EPOCH.toordinal()


def _epoch_us(moment: datetime) -> int:
    if moment.tzinfo is UTC:
        # The common case in bulk work, from the fields: no timedelta arithmetic.
        seconds = (moment.toordinal() - _EPOCH_DAY) * 86_400 + (
            moment.hour * 3_600 + moment.minute * 60 + moment.second
        )
        return seconds * _US_PER_SECOND + moment.microsecond
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        raise ValueError(f"expected a timezone-aware datetime, got naive {moment!r}")
    return (moment - _EPOCH) // _MICROSECOND


def _instant(epoch_us: int) -> datetime:
    return _EPOCH + timedelta(microseconds=epoch_us)


def _shown(epoch_us: int) -> str:
    return _instant(epoch_us).isoformat()


def _instants(values: Any) -> tuple[Int64Array, bool]:
    array = np.asarray(values)
    if array.dtype.kind == "M":
        return array.astype("datetime64[us]").view(np.int64), True
    if array.dtype.kind in "iu":
        return array.astype(np.int64), False
    raise TypeError(f"instants must be datetime64 or int64 epoch-µs, not {array.dtype}")


def _scalar_minutes_to_us(minutes: float) -> int:
    # The scalar calendar's own rule, so both answer alike.
    if not math.isfinite(minutes) or minutes < 0:
        raise ValueError(f"minutes must be a finite number >= 0, got {minutes!r}")
    return round(minutes * _US_PER_MINUTE)


def _minutes_to_us(minutes: Any) -> Int64Array:
    # Rounded half to even, exactly as the scalar calendar's round().
    array = np.asarray(minutes)
    if array.dtype.kind not in "iuf":
        raise TypeError(f"minutes must be numbers, not {array.dtype}")
    if array.dtype.kind == "f" and not np.all(np.isfinite(array)):
        raise ValueError("minutes must be finite numbers")
    if np.any(array < 0):
        raise ValueError("minutes must not be negative")
    if np.any(array > _MAX_MINUTES):
        raise ValueError("minutes reach far beyond any calendar index's span")
    scaled: Int64Array
    if array.dtype.kind == "f":
        scaled = np.rint(array * _US_PER_MINUTE).astype(np.int64)
    else:
        scaled = array.astype(np.int64) * _US_PER_MINUTE
    return scaled

"""The SLA clocks of one ticket, recomputed whole from its history (DESIGN section 4).

Where the design leaves room, these clocks:
- read the history as of `now`: later events are ignored;
- stop the first response also when the incident is resolved or cancelled first;
- judge a cancelled incident's clocks, like a rejected request's, met or breached by
  the instant they stopped, so that compliance counts them;
- describe the update clock's current (or last) interval only, under the severity in
  force now; it starts once the first response is met while the ticket is open;
- give a due time that is the first instant the unpaused open time reaches the
  target: a paused clock is due as if the pause ended now, a zero target is due at
  the first opening after the start;
- breach a stopped clock that stopped after its due time, and an open one once `now`
  is past it; at risk means running or paused with 75% of the target elapsed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from fractions import Fraction
from typing import Protocol

from dashboard.kernel.rules.sla_defaults import Target, incident_key, request_key
from dashboard.kernel.rules.sla_history import (
    History,
    Span,
    StatusChange,
    Timeline,
    read_timeline,
)
from dashboard.kernel.rules.sla_policy import SlaPolicy
from dashboard.kernel.rules.workflow import Kind

__all__ = [
    "AT_RISK_SHARE",
    "Clock",
    "ClockName",
    "ClockState",
    "History",
    "SlaCalendar",
    "StatusChange",
    "compute_clocks",
]

AT_RISK_SHARE = Fraction(3, 4)
_US_PER_MINUTE = 60_000_000


class ClockName(StrEnum):
    """The clocks a ticket can run."""

    FIRST_RESPONSE = "first_response"
    UPDATE = "update"
    RESOLUTION = "resolution"
    FULFILMENT = "fulfilment"


class ClockState(StrEnum):
    """Where a clock stands; a stopped clock is met or breached."""

    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"
    BREACHED = "breached"


class SlaCalendar(Protocol):
    """Business time arithmetic: a BusinessCalendar or a CalendarIndex."""

    def add_business_minutes(self, start: datetime, minutes: float) -> datetime:
        """Return the instant at which `minutes` open minutes have elapsed."""
        ...

    def business_minutes_between(self, start: datetime, end: datetime) -> float:
        """Return the open minutes in [start, end)."""
        ...


@dataclass(frozen=True)
class Clock:
    """One clock as it stands at `now`; instants are UTC, minutes in its calendar."""

    name: ClockName
    policy_key: str
    calendar: str
    target_minutes: int
    started_at: datetime
    due_at: datetime
    stopped_at: datetime | None
    paused_minutes: float
    elapsed_minutes: float
    state: ClockState
    at_risk: bool


def compute_clocks(
    history: History,
    policy: SlaPolicy,
    *,
    calendars: Mapping[str, SlaCalendar],
    now: datetime,
) -> tuple[Clock, ...]:
    """Return the ticket's SLA clocks as they stand at `now`."""
    if history.kind == Kind.PROBLEM:
        return ()
    timeline = read_timeline(history, now)
    if history.kind == Kind.SERVICE_REQUEST:
        if history.request_type is None:
            raise ValueError("a service request's history needs its request type")
        row = policy.row(request_key(history.request_type))
        return (
            _pausable(
                ClockName.FULFILMENT,
                row,
                calendars=calendars,
                minutes=row.resolution,
                started_at=timeline.history.created_at,
                timeline=timeline,
            ),
        )
    clocks = (
        _first_response(timeline, policy, calendars=calendars),
        _update(timeline, policy, calendars=calendars),
        _resolution(timeline, policy, calendars=calendars),
    )
    return tuple(clock for clock in clocks if clock is not None)


def _first_response(
    timeline: Timeline, policy: SlaPolicy, *, calendars: Mapping[str, SlaCalendar]
) -> Clock | None:
    # A response already given is judged by the severity in force when it was given.
    met_at = timeline.first_response_at()
    row = policy.row(incident_key(timeline.severity_at(met_at or timeline.now)))
    if row.first_response is None:
        return None
    return _measure(
        ClockName.FIRST_RESPONSE,
        row,
        calendars=calendars,
        minutes=row.first_response,
        started_at=timeline.history.created_at,
        stopped_at=met_at,
        pauses=(),
        paused_now=False,
        now=timeline.now,
    )


def _update(
    timeline: Timeline, policy: SlaPolicy, *, calendars: Mapping[str, SlaCalendar]
) -> Clock | None:
    row = _current_row(timeline, policy)
    started_at = timeline.update_interval_start()
    if row.update is None or started_at is None:
        return None
    return _pausable(
        ClockName.UPDATE,
        row,
        calendars=calendars,
        minutes=row.update,
        started_at=started_at,
        timeline=timeline,
    )


def _resolution(
    timeline: Timeline, policy: SlaPolicy, *, calendars: Mapping[str, SlaCalendar]
) -> Clock:
    row = _current_row(timeline, policy)
    return _pausable(
        ClockName.RESOLUTION,
        row,
        calendars=calendars,
        minutes=row.resolution,
        started_at=timeline.history.created_at,
        timeline=timeline,
    )


def _current_row(timeline: Timeline, policy: SlaPolicy) -> Target:
    # Re-classification is retroactive: the severity in force now rules from creation.
    return policy.row(incident_key(timeline.severity_at(timeline.now)))


def _pausable(
    name: ClockName,
    row: Target,
    *,
    calendars: Mapping[str, SlaCalendar],
    minutes: int,
    started_at: datetime,
    timeline: Timeline,
) -> Clock:
    return _measure(
        name,
        row,
        calendars=calendars,
        minutes=minutes,
        started_at=started_at,
        stopped_at=timeline.stopped_at,
        pauses=timeline.pauses,
        paused_now=timeline.paused,
        now=timeline.now,
    )


def _measure(
    name: ClockName,
    row: Target,
    *,
    calendars: Mapping[str, SlaCalendar],
    minutes: int,
    started_at: datetime,
    stopped_at: datetime | None,
    pauses: tuple[Span, ...],
    paused_now: bool,
    now: datetime,
) -> Clock:
    calendar = _calendar(calendars, row.calendar)
    end = stopped_at or now
    spans = _clip(pauses, started_at, high=end)
    paused = sum(_open_us(calendar, a, end=b) for a, b in spans)
    elapsed = _open_us(calendar, started_at, end=end) - paused
    target = minutes * _US_PER_MINUTE
    due_at = _due(calendar, started_at, target=target, pauses=spans)
    state = _state(due_at=due_at, stopped_at=stopped_at, now=now, paused=paused_now)
    return Clock(
        name=name,
        policy_key=row.key,
        calendar=row.calendar,
        target_minutes=minutes,
        started_at=_utc(started_at),
        due_at=_utc(due_at),
        stopped_at=_utc(stopped_at) if stopped_at else None,
        paused_minutes=paused / _US_PER_MINUTE,
        elapsed_minutes=elapsed / _US_PER_MINUTE,
        state=state,
        at_risk=state in _OPEN_STATES and elapsed >= target * AT_RISK_SHARE,
    )


def _utc(at: datetime) -> datetime:
    return at if at.tzinfo is UTC else at.astimezone(UTC)


_OPEN_STATES = frozenset({ClockState.RUNNING, ClockState.PAUSED})


def _calendar(calendars: Mapping[str, SlaCalendar], code: str) -> SlaCalendar:
    try:
        return calendars[code]
    except KeyError:
        raise ValueError(f"no calendar {code!r} was given to compute clocks") from None


def _clip(
    spans: tuple[Span, ...], low: datetime, *, high: datetime
) -> tuple[Span, ...]:
    return tuple(
        (max(start, low), min(end, high))
        for start, end in spans
        if start < high and end > low
    )


def _due(
    calendar: SlaCalendar,
    started_at: datetime,
    *,
    target: int,
    pauses: tuple[Span, ...],
) -> datetime:
    # Walk the open time between pauses until the target is used up. An ongoing
    # pause ends at now, so a paused clock's due is "as if the pause ended now".
    cursor, remaining = started_at, target
    for pause_start, pause_end in pauses:
        available = _open_us(calendar, cursor, end=pause_start)
        if available >= remaining:
            break
        remaining -= available
        cursor = pause_end
    return calendar.add_business_minutes(cursor, remaining / _US_PER_MINUTE)


def _state(
    *, due_at: datetime, stopped_at: datetime | None, now: datetime, paused: bool
) -> ClockState:
    if stopped_at is not None:
        return ClockState.MET if stopped_at <= due_at else ClockState.BREACHED
    if now > due_at:
        return ClockState.BREACHED
    return ClockState.PAUSED if paused else ClockState.RUNNING


def _open_us(calendar: SlaCalendar, start: datetime, *, end: datetime) -> int:
    # Whole microseconds, so sums and differences stay exact.
    return round(calendar.business_minutes_between(start, end) * _US_PER_MINUTE)

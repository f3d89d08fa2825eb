"""A ticket's history as the SLA clocks read it, and what it implies at an instant."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from operator import attrgetter

from dashboard.kernel.rules.workflow import (
    DONE_STATUSES,
    INITIAL_STATUS,
    PAUSING_STATUSES,
    Kind,
)

Span = tuple[datetime, datetime]

# Moving an incident to In progress is a first response, whoever makes the move.
RESPONDING_STATUS = "In progress"


@dataclass(frozen=True)
class StatusChange:
    """A move of the ticket to `to_status`, made by SME or OSP staff or by another."""

    at: datetime
    to_status: str
    by_staff: bool


@dataclass(frozen=True)
class History:
    """What the SLA clocks read of one ticket. The caller's contract, field by field:

    - created_at: the filing instant (timezone-aware); the ticket starts in its kind's
      initial status (New, Submitted) then.
    - filed_by_staff: SME or OSP staff filed it, so its first response is met at once.
    - statuses: every status change after creation, oldest first (ties keep order).
    - staff_public_comments: the instants of PUBLIC comments by SME or OSP staff only.
      Leave out internal work notes and every comment by an LDC user: neither meets the
      first response nor restarts the update clock.
    - severities: (since, severity) pairs, oldest first, starting with the severity at
      creation; incidents only.
    - request_type: the catalogue code; service requests only.

    Events later than the `now` the clocks are computed at are ignored.
    """

    kind: Kind
    created_at: datetime
    filed_by_staff: bool = False
    statuses: tuple[StatusChange, ...] = ()
    staff_public_comments: tuple[datetime, ...] = ()
    severities: tuple[tuple[datetime, int], ...] = ()
    request_type: str | None = None


@dataclass(frozen=True)
class Timeline:
    """The history as it stood at `now` (instants in UTC): what drives the clocks."""

    history: History
    now: datetime
    changes: tuple[StatusChange, ...]
    status: str
    stopped_at: datetime | None
    pauses: tuple[Span, ...]

    @property
    def paused(self) -> bool:
        """Whether the ticket sits in a pausing status at `now`."""
        return self.status in PAUSING_STATUSES

    def status_at(self, at: datetime) -> str:
        """The status once every change at or before `at` is applied."""
        index = bisect_right(self.changes, at, key=attrgetter("at"))
        if index == 0:
            return INITIAL_STATUS[self.history.kind]
        return self.changes[index - 1].to_status

    def is_done_at(self, at: datetime) -> bool:
        """Whether the ticket is resolved, fulfilled or otherwise finished at `at`."""
        return self.status_at(at) in DONE_STATUSES[self.history.kind]

    def severity_at(self, at: datetime) -> int:
        """The severity in force at `at`."""
        severities = self.history.severities
        if not severities:
            raise ValueError("an incident's history needs its severity at creation")
        index = bisect_right(severities, at, key=lambda pair: pair[0])
        return severities[max(index - 1, 0)][1]

    def first_response_at(self) -> datetime | None:
        """When the first response was met: staff filing, staff comment, In progress.

        Reaching a done status (Resolved, Cancelled) also ends the wait: the resolution
        or cancellation is itself the desk's public answer.
        """
        history, done = self.history, DONE_STATUSES[self.history.kind]
        candidates = [history.created_at] if history.filed_by_staff else []
        candidates += [t for t in history.staff_public_comments if t <= self.now]
        candidates += [
            change.at
            for change in self.changes
            if change.to_status == RESPONDING_STATUS or change.to_status in done
        ]
        return min(candidates, default=None)

    def update_interval_start(self) -> datetime | None:
        """Where the current (or last) update interval began; None before it starts."""
        met = self.first_response_at()
        if met is None:
            return None
        started = self._open_from(met)
        if started is None:
            return None
        updates = [t for t in self.history.staff_public_comments if t <= self.now]
        updates += [change.at for change in self.changes if change.by_staff]
        restarts = [t for t in updates if t > started and not self.is_done_at(t)]
        return max(restarts, default=started)

    def _open_from(self, at: datetime) -> datetime | None:
        if not self.is_done_at(at):
            return at
        done = DONE_STATUSES[self.history.kind]
        reopenings = (
            c.at for c in self.changes if c.at > at and c.to_status not in done
        )
        return next(reopenings, None)


def read_timeline(history: History, now: datetime) -> Timeline:
    """Read the history as it stood at `now` (later events are ignored)."""
    history, now = _in_utc(history), _utc(now)
    if now < history.created_at:
        raise ValueError(f"now ({now}) is before the ticket was created")
    instants = [c.at for c in history.statuses] + list(history.staff_public_comments)
    if any(at < history.created_at for at in instants):
        raise ValueError(
            "a status change or comment is dated before the ticket's creation"
        )
    changes = tuple(
        sorted((c for c in history.statuses if c.at <= now), key=attrgetter("at"))
    )
    status = changes[-1].to_status if changes else INITIAL_STATUS[history.kind]
    stopped_at = _final_stop(changes, DONE_STATUSES[history.kind])
    pauses = _pauses(history, changes, until=stopped_at or now)
    return Timeline(history, now, changes, status, stopped_at, pauses)


def _utc(at: datetime) -> datetime:
    # Aware datetimes sharing one zone compare by wall clock, which misorders the
    # repeated hour of a fall-back; UTC instants always compare by real time.
    if at.tzinfo is None or at.tzinfo.utcoffset(at) is None:
        raise ValueError(f"SLA instants must be timezone-aware, got naive {at!r}")
    return at.astimezone(UTC)


def _in_utc(history: History) -> History:
    instants = [history.created_at, *history.staff_public_comments]
    instants += [c.at for c in history.statuses]
    instants += [since for since, _ in history.severities]
    if all(at.tzinfo is UTC for at in instants):
        return history  # already UTC instants, as the bulk recompute gives them
    return replace(
        history,
        created_at=_utc(history.created_at),
        statuses=tuple(replace(c, at=_utc(c.at)) for c in history.statuses),
        staff_public_comments=tuple(map(_utc, history.staff_public_comments)),
        severities=tuple((_utc(since), sev) for since, sev in history.severities),
    )


def _final_stop(
    changes: tuple[StatusChange, ...], done: frozenset[str]
) -> datetime | None:
    # Resolved then Closed is one stop: the clocks stopped when the run of done
    # statuses that lasts until now began.
    stopped_at = None
    for change in reversed(changes):
        if change.to_status not in done:
            break
        stopped_at = change.at
    return stopped_at


def _pauses(
    history: History, changes: tuple[StatusChange, ...], *, until: datetime
) -> tuple[Span, ...]:
    # A done status before `until` was followed by a reopen, so it counts as paused.
    pausing = PAUSING_STATUSES | DONE_STATUSES[history.kind]
    starts = [history.created_at] + [c.at for c in changes]
    statuses = [INITIAL_STATUS[history.kind]] + [c.to_status for c in changes]
    ends = starts[1:] + [until]
    return tuple(
        (start, min(end, until))
        for start, end, status in zip(starts, ends, statuses, strict=True)
        if status in pausing and start < min(end, until)
    )

"""Clocks from history: computed whole, stored on every change that could move them."""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import numpy as np
import sqlalchemy as sa

from dashboard.kernel.rules.calendar import BusinessCalendar, calendar_for
from dashboard.kernel.rules.sla_clock import (
    Clock,
    ClockState,
    SlaCalendar,
    compute_clocks,
)
from dashboard.kernel.rules.sla_defaults import Target
from dashboard.kernel.rules.sla_history import History, StatusChange
from dashboard.kernel.rules.sla_policy import SlaPolicy
from dashboard.kernel.rules.workflow import Kind
from data_access import reference_store, sla_store

CLOCKED_KINDS = (Kind.INCIDENT.value, Kind.SERVICE_REQUEST.value)
# The ticket's state is its worst clock's.
_RANK = {"breached": 0, "at_risk": 1, "running": 2, "paused": 3, "met": 4}


# One event as the clocks read it: when, its type, old and new value, the actor's
# role, and whether it was internal.
Event = tuple[datetime, str, str | None, str | None, str, bool]


def history_of(
    ticket: Mapping[str, Any], events: Iterable[Mapping[str, Any]]
) -> History:
    """The clock inputs of a stored ticket and its events (as mappings)."""
    return history_from(
        ticket,
        (
            (
                e["occurred_at"],
                e["event_type"],
                e["old_value"],
                e["new_value"],
                e["actor_role"],
                e["is_internal"],
            )
            for e in events
        ),
    )


def history_from(ticket: Mapping[str, Any], events: Iterable[Event]) -> History:
    """The clock inputs of a stored ticket and its events (as tuples)."""
    statuses, comments, severities = [], [], []
    for at, event_type, old, new, role, internal in events:
        # Only a public change by SME or OSP staff is an update the LDC sees.
        staff = role != "ldc_user" and not internal
        if event_type == "status_changed":
            statuses.append(StatusChange(at, str(new), staff))
        elif event_type == "comment" and staff:
            comments.append(at)
        elif event_type == "field_changed" and new:
            severities.append((at, old, int(new)))
    first = ticket["severity"]
    if severities and severities[0][1]:
        first = int(severities[0][1])
    return History(
        kind=Kind(ticket["kind"]),
        created_at=ticket["created_at"],
        filed_by_staff=ticket["reporter_role"] != "ldc_user",
        statuses=tuple(statuses),
        staff_public_comments=tuple(comments),
        severities=(
            ((ticket["created_at"], first), *((at, new) for at, _, new in severities))
            if first
            else ()
        ),
        request_type=ticket["request_type"],
    )


def policy_of(rows: list[dict[str, Any]], version: int) -> SlaPolicy:
    """A stored policy version as the domain's policy."""
    return SlaPolicy.of(
        version,
        (
            Target(
                key=r["target_key"],
                calendar=r["calendar_code"],
                first_response=r["first_response_minutes"],
                update=r["update_minutes"],
                resolution=r["resolution_minutes"],
            )
            for r in rows
        ),
    )


def calendars(conn: sa.Connection) -> dict[str, BusinessCalendar]:
    """The calendars with the SME's closure days."""
    return {
        "24x7": calendar_for("24x7"),
        "business": calendar_for(
            "business", closure_days=reference_store.closure_days(conn, "business")
        ),
    }


def summary(clocks: Iterable[Clock]) -> tuple[datetime | None, str | None]:
    """The nearest deadline of a clock still open, and the ticket's worst state."""
    found = list(clocks)
    open_dues = [c.due_at for c in found if c.stopped_at is None]
    states = [("at_risk" if c.at_risk else c.state.value) for c in found]
    worst = min(states, key=_RANK.__getitem__) if states else None
    return (min(open_dues) if open_dues else None), worst


def rows_of(
    ticket_id: int, clocks: Iterable[Clock], *, version: int, now: datetime
) -> list[dict[str, Any]]:
    """Clocks as rows of the sla_clocks table."""
    return [
        {
            "ticket_id": ticket_id,
            "clock": c.name.value,
            "policy_version": version,
            "policy_key": c.policy_key,
            "calendar": c.calendar,
            "target_minutes": c.target_minutes,
            "started_at": c.started_at,
            "due_at": c.due_at,
            "stopped_at": c.stopped_at,
            "paused_minutes": c.paused_minutes,
            "elapsed_minutes": c.elapsed_minutes,
            "state": c.state.value,
            "at_risk": c.at_risk,
            "computed_at": now,
        }
        for c in clocks
    ]


def domain_policies(
    stored: Mapping[int, tuple[int, list[dict[str, Any]]]],
) -> dict[int, SlaPolicy]:
    """Every stored policy version as the domain's policy, by policy id."""
    return {pid: policy_of(rows, version) for pid, (version, rows) in stored.items()}


def compute(
    ticket: Mapping[str, Any],
    events: list[dict[str, Any]],
    *,
    policies: Mapping[int, SlaPolicy],
    cals: Mapping[str, SlaCalendar],
    now: datetime,
) -> tuple[int, tuple[Clock, ...]]:
    """A ticket's policy version and its clocks at `now`."""
    policy = policy_for(ticket, policies)
    history = history_of(ticket, events)
    return policy.version, compute_clocks(history, policy, calendars=cals, now=now)


def policy_for(
    ticket: Mapping[str, Any], policies: Mapping[int, SlaPolicy]
) -> SlaPolicy:
    """The policy version a ticket runs on (the newest when it has none)."""
    return policies.get(ticket["sla_policy_id"]) or max(
        policies.values(), key=lambda p: p.version
    )


def recompute(conn: sa.Connection, ticket_id: int, *, now: datetime) -> bool:
    """Recompute one ticket's clocks from its history and store them whole when they
    differ from what is stored; returns whether anything was written."""
    found = sla_store.ticket_inputs(conn, ticket_id)
    if found is None or found[0]["kind"] not in CLOCKED_KINDS:
        return False
    ticket, events = found
    policies = domain_policies(sla_store.policies(conn))
    version, clocks = compute(
        ticket, events, policies=policies, cals=calendars(conn), now=now
    )
    rows = rows_of(ticket_id, clocks, version=version, now=now)
    due, state = summary(clocks)
    if _same(sla_store.stored_clocks(conn, ticket_id), rows) and (
        ticket["sla_due_at"],
        ticket["sla_state"],
    ) == (due, state):
        # Writing nothing keeps the watcher from colliding with people's saves.
        return False
    sla_store.write_clocks(conn, ticket_id, rows=rows, due_at=due, state=state)
    return True


def _same(stored: list[dict[str, Any]], fresh: list[dict[str, Any]]) -> bool:
    # Minutes are stored in single precision: compare them as stored.
    def value(v: Any) -> Any:
        return float(np.float32(v)) if isinstance(v, float) else v

    def key(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return sorted(
            tuple(value(v) for k, v in sorted(r.items()) if k != "computed_at")
            for r in rows
        )

    return key(stored) == key(fresh)


def is_open(clock: Mapping[str, Any]) -> bool:
    """Whether a stored clock still runs (running or paused, or breached and open)."""
    return clock["stopped_at"] is None and clock["state"] != ClockState.MET.value

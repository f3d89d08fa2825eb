"""What the SLA engine reads (history, policy, closure days) and writes (clocks)."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pyarrow as pa
import sqlalchemy as sa

from data_access.bulk_store import arrow_of
from data_access.schema import (
    sla_alerts,
    sla_clocks,
    sla_policies,
    sla_targets,
    support_groups,
    ticket_events,
    tickets,
    users,
)
from data_access.visibility import Viewer, visible_tickets

CLOCK_COLUMNS = tuple(c.name for c in sla_clocks.columns)


def _events_query() -> sa.Select[Any]:
    return (
        sa.select(
            ticket_events.c.ticket_id,
            ticket_events.c.occurred_at,
            ticket_events.c.event_type,
            ticket_events.c.field,
            ticket_events.c.old_value,
            ticket_events.c.new_value,
            ticket_events.c.is_internal,
            users.c.role.label("actor_role"),
        )
        .join(users, users.c.id == ticket_events.c.actor_id)
        .where(
            sa.or_(
                ticket_events.c.event_type == "status_changed",
                sa.and_(
                    ticket_events.c.event_type == "comment",
                    sa.not_(ticket_events.c.is_internal),
                ),
                sa.and_(
                    ticket_events.c.event_type == "field_changed",
                    ticket_events.c.field == "severity",
                ),
            )
        )
        .order_by(
            ticket_events.c.ticket_id, ticket_events.c.occurred_at, ticket_events.c.id
        )
    )


def _tickets_query() -> sa.Select[Any]:
    return sa.select(
        tickets.c.id,
        tickets.c.kind,
        tickets.c.created_at,
        tickets.c.severity,
        tickets.c.request_type,
        tickets.c.sla_policy_id,
        tickets.c.sla_due_at,
        tickets.c.sla_state,
        users.c.role.label("reporter_role"),
    ).join(users, users.c.id == tickets.c.reporter_id)


def ticket_inputs(
    conn: sa.Connection, ticket_id: int
) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """One ticket's row and the history events its clocks depend on."""
    row = conn.execute(_tickets_query().where(tickets.c.id == ticket_id)).first()
    if row is None:
        return None
    events = conn.execute(_events_query().where(ticket_events.c.ticket_id == ticket_id))
    return dict(row._mapping), [dict(e._mapping) for e in events]


def all_inputs(
    conn: sa.Connection, *, kinds: Sequence[str]
) -> tuple[pa.Table, pa.Table]:
    """Every ticket of these kinds (by id) and their clock-relevant events (by ticket,
    then time), as two Arrow tables: the bulk recompute reads millions of them."""
    chosen = tickets.c.kind.in_(kinds)
    rows = arrow_of(conn, _tickets_query().where(chosen).order_by(tickets.c.id))
    events = arrow_of(
        conn,
        _events_query().where(
            ticket_events.c.ticket_id.in_(sa.select(tickets.c.id).where(chosen))
        ),
    )
    return rows, events


def policies(conn: sa.Connection) -> dict[int, tuple[int, list[dict[str, Any]]]]:
    """Every policy version: id -> (version, target rows)."""
    versions = dict(
        conn.execute(sa.select(sla_policies.c.id, sla_policies.c.version)).all()
    )
    found: dict[int, tuple[int, list[dict[str, Any]]]] = {
        int(i): (int(v), []) for i, v in versions.items()
    }
    for row in conn.execute(sa.select(sla_targets)).mappings():
        found[int(row["policy_id"])][1].append(dict(row))
    return found


def write_clocks(
    conn: sa.Connection,
    ticket_id: int,
    *,
    rows: list[dict[str, Any]],
    due_at: datetime | None,
    state: str | None,
) -> None:
    """Replace a ticket's stored clocks and its nearest deadline and state."""
    conn.execute(sla_clocks.delete().where(sla_clocks.c.ticket_id == ticket_id))
    if rows:
        conn.execute(sla_clocks.insert(), rows)
    conn.execute(
        tickets.update()
        .where(tickets.c.id == ticket_id)
        .values(sla_due_at=due_at, sla_state=state)
    )


def clocks_of(
    conn: sa.Connection, viewer: Viewer, *, ticket_id: int
) -> list[dict[str, Any]]:
    """A visible ticket's stored clocks, in the order they started."""
    rows = conn.execute(
        sa.select(sla_clocks)
        .join(tickets, tickets.c.id == sla_clocks.c.ticket_id)
        .where(sla_clocks.c.ticket_id == ticket_id, visible_tickets(viewer))
        .order_by(sla_clocks.c.started_at, sla_clocks.c.clock)
    ).mappings()
    return [dict(r) for r in rows]


def open_ticket_ids(conn: sa.Connection) -> list[int]:
    """Tickets with a clock still open (their states move with time alone)."""
    return list(
        conn.scalars(
            sa.select(sla_clocks.c.ticket_id)
            .where(sla_clocks.c.stopped_at.is_(None))
            .distinct()
        )
    )


def alerted(conn: sa.Connection, ticket_id: int) -> set[tuple[str, datetime, str]]:
    """The (clock, interval start, state) alerts already sent for a ticket."""
    rows = conn.execute(
        sa.select(
            sla_alerts.c.clock, sla_alerts.c.started_at, sla_alerts.c.state
        ).where(sla_alerts.c.ticket_id == ticket_id)
    ).all()
    return {(r.clock, r.started_at, r.state) for r in rows}


def new_alerts(conn: sa.Connection) -> list[dict[str, Any]]:
    """Open clocks at risk or breached whose state has not been alerted yet, with
    their ticket's key, title, assignee and group, worst first."""
    state = sa.case((sla_clocks.c.state == "breached", "breached"), else_="at_risk")
    done = sa.exists().where(
        sla_alerts.c.ticket_id == sla_clocks.c.ticket_id,
        sla_alerts.c.clock == sla_clocks.c.clock,
        sla_alerts.c.started_at == sla_clocks.c.started_at,
        sla_alerts.c.state == state,
    )
    rows = conn.execute(
        sa.select(
            sla_clocks.c.ticket_id,
            sla_clocks.c.clock,
            sla_clocks.c.started_at,
            sla_clocks.c.due_at,
            state.label("state"),
            tickets.c.ticket_key,
            tickets.c.title,
            tickets.c.assignee_id,
            support_groups.c.code.label("group_code"),
        )
        .join(tickets, tickets.c.id == sla_clocks.c.ticket_id)
        .outerjoin(support_groups, support_groups.c.id == tickets.c.group_id)
        .where(
            sla_clocks.c.stopped_at.is_(None),
            sa.or_(sla_clocks.c.state == "breached", sla_clocks.c.at_risk),
            sa.not_(done),
        )
        .order_by(state.desc(), sla_clocks.c.due_at, tickets.c.ticket_key)
    ).mappings()
    return [dict(r) for r in rows]


def record_alert(
    conn: sa.Connection,
    ticket_id: int,
    *,
    clock: str,
    started_at: datetime,
    state: str,
    now: datetime,
) -> None:
    """Remember that an alert was sent, so that it is sent once."""
    conn.execute(
        sla_alerts.insert().values(
            ticket_id=ticket_id,
            clock=clock,
            started_at=started_at,
            state=state,
            alerted_at=now,
        )
    )


def mark_alerted_as_stored(
    conn: sa.Connection, *, now: datetime, ticket_ids: Sequence[int] | None = None
) -> int:
    """Count open clocks' present at-risk or breached states as already alerted (all
    tickets', or these): for history loaded from elsewhere, whose alerts belong to
    the past. Returns how many were marked."""
    chosen_tickets = (
        sa.true() if ticket_ids is None else sla_clocks.c.ticket_id.in_(ticket_ids)
    )
    alert = sa.case((sla_clocks.c.state == "breached", "breached"), else_="at_risk")
    chosen = (
        sa.select(
            sla_clocks.c.ticket_id,
            sla_clocks.c.clock,
            sla_clocks.c.started_at,
            alert.label("state"),
            sa.literal(now, sla_alerts.c.alerted_at.type).label("alerted_at"),
        )
        .where(
            chosen_tickets,
            sla_clocks.c.stopped_at.is_(None),
            sa.or_(sla_clocks.c.state == "breached", sla_clocks.c.at_risk),
        )
        .except_(
            sa.select(
                sla_alerts.c.ticket_id,
                sla_alerts.c.clock,
                sla_alerts.c.started_at,
                sla_alerts.c.state,
                sla_alerts.c.alerted_at,
            )
        )
    )
    result = conn.execute(
        sla_alerts.insert().from_select(
            ["ticket_id", "clock", "started_at", "state", "alerted_at"], chosen
        )
    )
    return int(result.rowcount or 0)


def stored_clocks(conn: sa.Connection, ticket_id: int) -> list[dict[str, Any]]:
    """A ticket's stored clock rows, as written (for the engine's own comparison)."""
    rows = conn.execute(
        sa.select(sla_clocks).where(sla_clocks.c.ticket_id == ticket_id)
    )
    return [dict(r._mapping) for r in rows]

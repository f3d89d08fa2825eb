"""SLA policy versions, closure days and the audit log, for administration."""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from data_access.schema import (
    audit_id_seq,
    audit_log,
    closure_days,
    sla_clocks,
    sla_policies,
    sla_targets,
    tickets,
    users,
)


def audit(
    conn: sa.Connection,
    *,
    actor_id: int,
    action: str,
    subject: str,
    detail: str,
    now: datetime,
) -> None:
    """Record an administration change and who made it."""
    conn.execute(
        audit_log.insert().values(
            id=conn.scalar(audit_id_seq.next_value()),
            occurred_at=now,
            actor_id=actor_id,
            action=action,
            subject=subject[:200],
            detail=detail,
        )
    )


def audit_entries(conn: sa.Connection, *, limit: int = 100) -> list[dict[str, Any]]:
    """The newest administration changes, with who made them."""
    rows = conn.execute(
        sa.select(audit_log, users.c.display_name.label("actor_name"))
        .join(users, users.c.id == audit_log.c.actor_id)
        .order_by(audit_log.c.occurred_at.desc(), audit_log.c.id.desc())
        .limit(limit)
    ).mappings()
    return [dict(r) for r in rows]


def policy_versions(
    conn: sa.Connection, *, open_statuses: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Every policy version, newest first, with its tickets (all and open)."""
    counts = (
        sa.select(
            tickets.c.sla_policy_id,
            sa.func.count().label("tickets"),
            sa.func.count()
            .filter(tickets.c.status.in_(open_statuses))
            .label("open_tickets"),
        )
        .where(tickets.c.kind != "problem")
        .group_by(tickets.c.sla_policy_id)
        .subquery()
    )
    rows = conn.execute(
        sa.select(
            sla_policies,
            users.c.display_name.label("created_by_name"),
            sa.func.coalesce(counts.c.tickets, 0).label("tickets"),
            sa.func.coalesce(counts.c.open_tickets, 0).label("open_tickets"),
        )
        .join(users, users.c.id == sla_policies.c.created_by)
        .outerjoin(counts, counts.c.sla_policy_id == sla_policies.c.id)
        .order_by(sla_policies.c.version.desc())
    ).mappings()
    return [dict(r) for r in rows]


def targets(conn: sa.Connection, policy_id: int) -> list[dict[str, Any]]:
    """A policy version's target rows."""
    rows = conn.execute(
        sa.select(sla_targets)
        .where(sla_targets.c.policy_id == policy_id)
        .order_by(sla_targets.c.target_key)
    ).mappings()
    return [dict(r) for r in rows]


def open_ticket_ids(
    conn: sa.Connection,
    *,
    open_statuses: tuple[str, ...],
    among: list[int] | None = None,
) -> list[int]:
    """Incidents and service requests still open (of the given ones, if any), by id."""
    query = sa.select(tickets.c.id).where(
        tickets.c.kind != "problem", tickets.c.status.in_(open_statuses)
    )
    if among is not None:
        query = query.where(tickets.c.id.in_(among))
    return list(conn.scalars(query.order_by(tickets.c.id)))


def move_to_policy(
    conn: sa.Connection, ticket_ids: list[int], *, policy_id: int
) -> None:
    """Put tickets on a policy version (their clocks must then be recomputed)."""
    if ticket_ids:
        conn.execute(
            tickets.update()
            .where(tickets.c.id.in_(ticket_ids))
            .values(sla_policy_id=policy_id)
        )


def list_closure_days(conn: sa.Connection, calendar_code: str) -> list[dict[str, Any]]:
    """A calendar's closure days, soonest first, with who added them."""
    rows = conn.execute(
        sa.select(closure_days, users.c.display_name.label("created_by_name"))
        .join(users, users.c.id == closure_days.c.created_by)
        .where(closure_days.c.calendar_code == calendar_code)
        .order_by(closure_days.c.day)
    ).mappings()
    return [dict(r) for r in rows]


def add_closure_day(
    conn: sa.Connection,
    calendar_code: str,
    *,
    day: date,
    reason: str,
    by: int,
    now: datetime,
) -> bool:
    """Add a closure day; False when it is already there."""
    exists = conn.scalar(
        sa.select(sa.func.count())
        .select_from(closure_days)
        .where(closure_days.c.calendar_code == calendar_code, closure_days.c.day == day)
    )
    if exists:
        return False
    conn.execute(
        closure_days.insert().values(
            calendar_code=calendar_code,
            day=day,
            reason=reason,
            created_at=now,
            created_by=by,
        )
    )
    return True


def remove_closure_day(conn: sa.Connection, calendar_code: str, *, day: date) -> bool:
    """Remove a closure day; False when there was none."""
    result = conn.execute(
        closure_days.delete().where(
            closure_days.c.calendar_code == calendar_code, closure_days.c.day == day
        )
    )
    return bool(result.rowcount)


def tickets_with_business_clocks_on(
    conn: sa.Connection, start: datetime, *, end: datetime
) -> list[int]:
    """Tickets with a business-hours clock whose span touches [start, end).

    A clock's span runs from its start to its stop or its due time, whichever is
    later: a clock met early still has a due time the day moves, and whether it
    was met or breached may turn on it.
    """
    return list(
        conn.scalars(
            sa.select(sla_clocks.c.ticket_id)
            .where(
                sla_clocks.c.calendar == "business",
                sla_clocks.c.started_at < end,
                sa.or_(
                    sla_clocks.c.stopped_at.is_(None),
                    sla_clocks.c.stopped_at >= start,
                    sla_clocks.c.due_at >= start,
                ),
            )
            .distinct()
        )
    )

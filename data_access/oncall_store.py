"""The on-call rota's rows, and what the paging ladder reads of incidents."""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from data_access.schema import (
    oncall_days,
    oncall_weeks,
    sla_targets,
    ticket_events,
    tickets,
    users,
)

LADDER_EVENTS = ("oncall_paged", "acknowledged")


def _rows(
    conn: sa.Connection, table: sa.Table, *, day: str, start: date, end: date
) -> list[dict[str, Any]]:
    column = table.c[day]
    rows = conn.execute(
        sa.select(
            column.label("day"),
            table.c.role,
            table.c.user_id,
            users.c.display_name,
            table.c.set_by,
            table.c.set_at,
        )
        .join(users, users.c.id == table.c.user_id)
        .where(column >= start, column < end)
        .order_by(column, table.c.role)
    ).mappings()
    return [dict(r) for r in rows]


def weeks(conn: sa.Connection, *, start: date, end: date) -> list[dict[str, Any]]:
    """The rota weeks starting in [start, end), with each person's name."""
    return _rows(conn, oncall_weeks, day="week_start", start=start, end=end)


def days(conn: sa.Connection, *, start: date, end: date) -> list[dict[str, Any]]:
    """The day overrides in [start, end), with each person's name."""
    return _rows(conn, oncall_days, day="day", start=start, end=end)


def _put(
    conn: sa.Connection,
    table: sa.Table,
    *,
    key: dict[str, Any],
    user_id: int | None,
    by: int,
    now: datetime,
) -> None:
    where = [table.c[name] == value for name, value in key.items()]
    conn.execute(table.delete().where(*where))
    if user_id is not None:
        conn.execute(
            table.insert().values(**key, user_id=user_id, set_by=by, set_at=now)
        )


def set_week(
    conn: sa.Connection,
    week_start: date,
    *,
    role: str,
    user_id: int | None,
    by: int,
    now: datetime,
) -> None:
    """Put a person on a week's role (None: nobody), recording who set it."""
    key = {"week_start": week_start, "role": role}
    _put(conn, oncall_weeks, key=key, user_id=user_id, by=by, now=now)


def set_day(
    conn: sa.Connection,
    day: date,
    *,
    role: str,
    user_id: int | None,
    by: int,
    now: datetime,
) -> None:
    """Override a day's role (None: remove the override), recording who set it."""
    _put(
        conn,
        oncall_days,
        key={"day": day, "role": role},
        user_id=user_id,
        by=by,
        now=now,
    )


def day_override(conn: sa.Connection, day: date, *, role: str) -> int | None:
    """Who a day's override names for a role, if any."""
    found = conn.scalar(
        sa.select(oncall_days.c.user_id).where(
            oncall_days.c.day == day, oncall_days.c.role == role
        )
    )
    return None if found is None else int(found)


def user(conn: sa.Connection, user_id: int) -> dict[str, Any] | None:
    """A user's name, role and whether they are active."""
    row = (
        conn.execute(
            sa.select(
                users.c.id, users.c.display_name, users.c.role, users.c.active
            ).where(users.c.id == user_id)
        )
        .mappings()
        .first()
    )
    return None if row is None else dict(row)


def active_of_role(conn: sa.Connection, role: str) -> list[dict[str, Any]]:
    """The active users of a role, by name."""
    rows = conn.execute(
        sa.select(users.c.id, users.c.display_name)
        .where(users.c.role == role, users.c.active)
        .order_by(users.c.display_name, users.c.id)
    ).mappings()
    return [dict(r) for r in rows]


def ladder_events(conn: sa.Connection, ticket_id: int) -> list[dict[str, Any]]:
    """An incident's paging and acknowledgement events, oldest first."""
    rows = conn.execute(
        sa.select(
            ticket_events.c.event_type,
            ticket_events.c.field,
            ticket_events.c.new_value,
            ticket_events.c.occurred_at,
            users.c.display_name.label("actor_name"),
        )
        .join(users, users.c.id == ticket_events.c.actor_id)
        .where(
            ticket_events.c.ticket_id == ticket_id,
            ticket_events.c.event_type.in_(LADDER_EVENTS),
        )
        .order_by(ticket_events.c.id)
    ).mappings()
    return [dict(r) for r in rows]


def paged_incidents(
    conn: sa.Connection, *, open_statuses: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Open severity 1 and 2 incidents that have been paged, oldest first."""
    paged = sa.exists().where(
        ticket_events.c.ticket_id == tickets.c.id,
        ticket_events.c.event_type == "oncall_paged",
    )
    rows = conn.execute(
        sa.select(
            tickets.c.id,
            tickets.c.ticket_key,
            tickets.c.title,
            tickets.c.severity,
            tickets.c.sla_policy_id,
        )
        .where(
            tickets.c.kind == "incident",
            tickets.c.severity.in_((1, 2)),
            tickets.c.status.in_(open_statuses),
            paged,
        )
        .order_by(tickets.c.id)
    ).mappings()
    return [dict(r) for r in rows]


def acknowledge_minutes(
    conn: sa.Connection, *, policy_id: int | None, severity: int
) -> int | None:
    """A policy's acknowledge time for a severity, if it has one."""
    found = conn.scalar(
        sa.select(sla_targets.c.acknowledge_minutes).where(
            sla_targets.c.policy_id == policy_id,
            sla_targets.c.target_key == f"incident:{severity}",
        )
    )
    return None if found is None else int(found)

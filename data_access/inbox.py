"""The in-app inbox: a user's notifications, read and unread."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from data_access.schema import notifications, tickets


def unread_count(conn: sa.Connection, user_id: int) -> int:
    """How many of the user's notifications are unread."""
    return int(
        conn.scalar(
            sa.select(sa.func.count())
            .select_from(notifications)
            .where(
                notifications.c.recipient_id == user_id,
                notifications.c.read_at.is_(None),
            )
        )
        or 0
    )


def list_for(
    conn: sa.Connection, user_id: int, *, unread_only: bool, limit: int, offset: int = 0
) -> list[dict[str, Any]]:
    """The user's notifications, newest first, with the ticket key they are about."""
    query = (
        sa.select(
            notifications.c.id,
            notifications.c.subject,
            notifications.c.body,
            notifications.c.event,
            notifications.c.created_at,
            notifications.c.read_at,
            notifications.c.email_state,
            tickets.c.ticket_key,
        )
        .outerjoin(tickets, tickets.c.id == notifications.c.ticket_id)
        .where(notifications.c.recipient_id == user_id)
        .order_by(notifications.c.created_at.desc(), notifications.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    if unread_only:
        query = query.where(notifications.c.read_at.is_(None))
    return [dict(r) for r in conn.execute(query).mappings()]


def mark_read(
    conn: sa.Connection, user_id: int, *, ids: list[int] | None, now: datetime
) -> int:
    """Mark some (or, with ids None, all) of the user's notifications read."""
    query = notifications.update().where(
        notifications.c.recipient_id == user_id, notifications.c.read_at.is_(None)
    )
    if ids is not None:
        query = query.where(notifications.c.id.in_(ids))
    return conn.execute(query.values(read_at=now)).rowcount

"""The in-app inbox: a user's notifications, read and unread."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from data_access.conflicts import conflicts_as_write_conflict
from data_access.schema import notifications, tickets, users


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


def _chosen(user_id: int, *, unread_only: bool, about: str) -> list[Any]:
    """The conditions of one view of a user's notifications."""
    where: list[Any] = [notifications.c.recipient_id == user_id]
    if unread_only:
        where.append(notifications.c.read_at.is_(None))
    if about == "sla":
        where.append(notifications.c.event.like("sla\\_%", escape="\\"))
    elif about == "mine":
        where.append(
            sa.or_(tickets.c.assignee_id == user_id, tickets.c.reporter_id == user_id)
        )
    elif about == "problems":
        where.append(tickets.c.kind == "problem")
    return where


def count_for(
    conn: sa.Connection, user_id: int, *, unread_only: bool, about: str = "all"
) -> int:
    """How many of the user's notifications one view shows."""
    query = (
        sa.select(sa.func.count())
        .select_from(notifications)
        .outerjoin(tickets, tickets.c.id == notifications.c.ticket_id)
        .where(*_chosen(user_id, unread_only=unread_only, about=about))
    )
    return int(conn.scalar(query) or 0)


def list_for(
    conn: sa.Connection,
    user_id: int,
    *,
    unread_only: bool,
    limit: int,
    offset: int = 0,
    about: str = "all",
) -> list[dict[str, Any]]:
    """A page of the user's notifications in one view, newest first, with the ticket
    key they are about."""
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
            tickets.c.kind,
        )
        .outerjoin(tickets, tickets.c.id == notifications.c.ticket_id)
        .where(*_chosen(user_id, unread_only=unread_only, about=about))
        .order_by(notifications.c.created_at.desc(), notifications.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
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
    with conflicts_as_write_conflict():
        return conn.execute(query.values(read_at=now)).rowcount


def notify_pref(conn: sa.Connection, user_id: int) -> str | None:
    """How the user wants to be told: immediate, digest or in_app."""
    return conn.scalar(sa.select(users.c.notify_pref).where(users.c.id == user_id))


def set_notify_pref(
    conn: sa.Connection, user_id: int, *, pref: str, by: int, now: datetime
) -> int:
    """Store a user's notification preference, recording who set it."""
    with conflicts_as_write_conflict():
        return conn.execute(
            users.update()
            .where(users.c.id == user_id)
            .values(notify_pref=pref, updated_at=now, updated_by=by)
        ).rowcount

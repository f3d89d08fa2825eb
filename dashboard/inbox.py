"""The signed-in user's notifications."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.domain.authorization import Actor
from data_access import inbox
from data_access.engine import UnitOfWork, read

PAGE = 50


def unread(engine: sa.Engine, actor: Actor) -> int:
    """How many notifications the actor has not read."""
    with read(engine) as conn:
        return inbox.unread_count(conn, actor.user_id)


def notifications(
    engine: sa.Engine, actor: Actor, *, unread_only: bool, page: int = 1
) -> list[dict[str, Any]]:
    """A page of the actor's notifications, newest first."""
    with read(engine) as conn:
        return inbox.list_for(
            conn,
            actor.user_id,
            unread_only=unread_only,
            limit=PAGE,
            offset=(max(page, 1) - 1) * PAGE,
        )


def mark_read(
    engine: sa.Engine, actor: Actor, *, ids: list[int] | None, now: datetime
) -> int:
    """Mark the actor's notifications read (only their own; all when ids is None)."""
    with UnitOfWork(engine) as uow:
        count = inbox.mark_read(uow.conn, actor.user_id, ids=ids, now=now)
        uow.commit()
    return count

"""The signed-in user's notifications, and how they want to be told."""

import time
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.delivery.delivery_rules import PREFERENCES
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.errors import InvalidInput, StaleVersion
from data_access import inbox_store
from data_access.conflicts import WriteConflict
from data_access.engine import UnitOfWork, read

PAGE = 50
TRIES = 3
EMAIL_STATES = {
    "pending": "email on its way",
    "sent": "emailed",
    "failed": "email failed",
    "digest": "in your next digest",
    "digest_failed": "digest email failed",
    "in_app_only": "in-app only",
    "not_emailed": "not emailed",
}


def unread(engine: sa.Engine, actor: Actor) -> int:
    """How many notifications the actor has not read."""
    with read(engine) as conn:
        return inbox_store.unread_count(conn, actor.user_id)


def notifications(
    engine: sa.Engine, actor: Actor, *, unread_only: bool, page: int = 1
) -> list[dict[str, Any]]:
    """A page of the actor's notifications, newest first."""
    with read(engine) as conn:
        return inbox_store.list_for(
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
    for attempt in range(TRIES):
        try:
            with UnitOfWork(engine) as uow:
                count = inbox_store.mark_read(uow.conn, actor.user_id, ids=ids, now=now)
                uow.commit()
            return count
        except WriteConflict:
            # The email sender was recording a result on the same rows.
            time.sleep(0.05 * (attempt + 1))
    raise StaleVersion("Your inbox was changing at that moment: try again.")


def preference(engine: sa.Engine, actor: Actor) -> str:
    """How the actor wants to be told: immediate, digest or in_app."""
    with read(engine) as conn:
        return inbox_store.notify_pref(conn, actor.user_id) or "immediate"


def set_preference(
    engine: sa.Engine, actor: Actor, *, choice: object, now: datetime
) -> None:
    """Choose immediate email, a daily digest or in-app only (for what comes next)."""
    require(actor, Action.MANAGE_OWN_ACCOUNT)
    if not isinstance(choice, str) or choice not in PREFERENCES:
        raise InvalidInput("Choose immediate email, a daily digest or in-app only.")
    try:
        with UnitOfWork(engine) as uow:
            inbox_store.set_notify_pref(
                uow.conn, actor.user_id, pref=choice, by=actor.user_id, now=now
            )
            uow.commit()
    except WriteConflict:
        raise StaleVersion(
            "Your account was changing at that moment. Nothing was saved: try again."
        ) from None

"""Emails that failed for good: the desk's list, and a retry by hand."""

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.kernel.i18n import _
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed, StaleVersion
from data_access import change_store, outbox_store
from data_access.conflicts import WriteConflict
from data_access.engine import UnitOfWork, read
from data_access.sla_admin_store import audit

LIST_LIMIT = 200


def _require(actor: Actor) -> None:
    if not may(actor, Action.RETRY_EMAILS):
        raise NotAllowed(
            _("As {role} you may not see or retry failed email deliveries.").format(
                role=_(actor.label)
            )
        )


def failed_emails(engine: sa.Engine, actor: Actor) -> list[dict[str, Any]]:
    """Emails the server kept refusing, one row each, newest first."""
    _require(actor)
    with read(engine) as conn:
        return outbox_store.failed_emails(conn, limit=LIST_LIMIT)


def retry(engine: sa.Engine, actor: Actor, *, first_id: int, now: datetime) -> int:
    """Put a failed email back in the outbox; how many notifications it holds."""
    _require(actor)
    if not isinstance(first_id, int) or isinstance(first_id, bool) or first_id < 1:
        raise InvalidInput(_("Choose a failed email from the list."))
    try:
        with UnitOfWork(engine) as uow:
            rows = outbox_store.failed_of(uow.conn, first_id)
            if not rows:
                raise InvalidInput(
                    _("This email is no longer failed: someone retried it already.")
                )
            count = outbox_store.retry(uow.conn, [r["id"] for r in rows])
            _note(uow.conn, actor, rows=rows, now=now)
            uow.commit()
    except WriteConflict:
        raise StaleVersion(
            _(
                "The outbox was changing this email at the same moment. Nothing was "
                "changed: try again."
            )
        ) from None
    return count


def _note(
    conn: sa.Connection, actor: Actor, *, rows: list[dict[str, Any]], now: datetime
) -> None:
    head = rows[0]
    who = f"{head['display_name']} <{head['email']}>"
    audit(
        conn,
        actor_id=actor.user_id,
        action="email_retried",
        subject=f"Email to {who}: {head['subject']}",
        detail=f"{len(rows)} notification(s) put back for delivery; the last error "
        f"was: {head['last_error'] or 'unknown'}",
        now=now,
    )
    change_id = str(uuid.uuid4())
    for ticket_id in sorted({r["ticket_id"] for r in rows if r["ticket_id"]}):
        change_store.add_events(
            conn,
            ticket_id,
            events=[
                {
                    "event_type": "notification_retried",
                    "new_value": head["display_name"],
                    "reason": f"Email to {who} sent again by hand.",
                    "is_internal": True,
                }
            ],
            actor_id=actor.user_id,
            change_id=change_id,
            now=now,
        )

"""The outbox seen by its sender: due emails, claims with a lease, results."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from data_access import dialect
from data_access.conflicts import conflicts_as_write_conflict
from data_access.schema import notifications, tickets, users

n = notifications.c
SENDABLE = ("pending", "digest")
FAILED = {"pending": "failed", "digest": "digest_failed"}
RETRIED = {failed: state for state, failed in FAILED.items()}


def _claimable(state: str, now: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(
        n.email_state == state,
        sa.or_(n.claimed_until.is_(None), n.claimed_until < now),
        sa.or_(n.next_attempt_at.is_(None), n.next_attempt_at <= now),
    )


def due_changes(conn: sa.Connection, *, now: datetime, limit: int) -> list[Any]:
    """(change_id, recipient_id) of immediate emails due now, oldest first."""
    return list(
        conn.execute(
            sa.select(n.change_id, n.recipient_id)
            .where(_claimable("pending", now))
            .group_by(n.change_id, n.recipient_id)
            .order_by(sa.func.min(n.id))
            .limit(limit)
        ).all()
    )


def due_digests(
    conn: sa.Connection, *, now: datetime, cutoff: datetime, limit: int
) -> list[int]:
    """Recipients with digest notifications made before the cutoff, unsent."""
    return list(
        conn.scalars(
            sa.select(n.recipient_id)
            .where(_claimable("digest", now), n.created_at < cutoff)
            .group_by(n.recipient_id)
            .order_by(sa.func.min(n.id))
            .limit(limit)
        )
    )


def claim(
    conn: sa.Connection,
    *,
    state: str,
    recipient_id: int,
    change_id: str | None = None,
    created_before: datetime | None = None,
    worker: str,
    now: datetime,
    until: datetime,
) -> list[int]:
    """Claim one email's notifications until a time; their ids (none if taken)."""
    where = [_claimable(state, now), n.recipient_id == recipient_id]
    if change_id is not None:
        where.append(n.change_id == change_id)
    if created_before is not None:
        where.append(n.created_at < created_before)
    # Read, then a plain UPDATE: an UPDATE … RETURNING would not see another
    # sender's uncommitted claim of the same rows (see changes.update_ticket).
    # PostgreSQL would let the second sender wait and then claim the rows again:
    # there the read locks them, passing over the rows another sender holds.
    query = sa.select(n.id).where(*where)
    if dialect.is_postgres(conn):
        query = query.with_for_update(skip_locked=True)
    with conflicts_as_write_conflict():
        ids = sorted(conn.scalars(query))
        if ids:
            conn.execute(
                notifications.update()
                .where(n.id.in_(ids))
                .values(claimed_by=worker, claimed_until=until)
            )
    return ids


def claimed(conn: sa.Connection, ids: list[int]) -> list[dict[str, Any]]:
    """Claimed notifications with their recipient (and the language the email is
    put in: null is English) and ticket, oldest first."""
    rows = conn.execute(
        sa.select(
            n.id,
            n.ticket_id,
            n.event,
            n.subject,
            n.body,
            n.message_id,
            n.attempts,
            n.email_state,
            n.last_error,
            n.created_at,
            users.c.email,
            users.c.display_name,
            users.c.language,
            tickets.c.ticket_key,
        )
        .join(users, users.c.id == n.recipient_id)
        .outerjoin(tickets, tickets.c.id == n.ticket_id)
        .where(n.id.in_(ids))
        .order_by(n.id)
    ).mappings()
    return [dict(r) for r in rows]


def record_sent(conn: sa.Connection, ids: list[int], *, now: datetime) -> None:
    """Record that the server took the email (whoever holds the claim now)."""
    with conflicts_as_write_conflict():
        conn.execute(
            notifications.update()
            .where(n.id.in_(ids), n.email_state.in_(SENDABLE))
            .values(
                email_state="sent",
                sent_at=now,
                attempts=n.attempts + 1,
                claimed_by=None,
                claimed_until=None,
                last_error=None,
            )
        )


def record_failure(
    conn: sa.Connection,
    ids: list[int],
    *,
    worker: str,
    attempts: int,
    error: str,
    retry_at: datetime | None,
) -> int:
    """Record a failed attempt: try again at retry_at, or failed for good if None."""
    values: dict[str, Any] = {
        "attempts": attempts,
        "last_error": error[:2000],
        "next_attempt_at": retry_at,
        "claimed_by": None,
        "claimed_until": None,
    }
    if retry_at is None:
        values["email_state"] = sa.case(
            *((n.email_state == s, f) for s, f in FAILED.items()),
            else_=n.email_state,
        )
    with conflicts_as_write_conflict():
        return conn.execute(
            notifications.update()
            .where(n.id.in_(ids), n.claimed_by == worker)
            .values(**values)
        ).rowcount


def _failed_group() -> sa.ColumnElement[str]:
    # A failed digest is one email across changes: it is retried as one.
    return sa.case((n.email_state == "digest_failed", "digest"), else_=n.change_id)


def failed_emails(conn: sa.Connection, *, limit: int) -> list[dict[str, Any]]:
    """Emails failed for good, one row per email, newest first."""
    group = _failed_group().label("email_group")
    query = (
        sa.select(
            group,
            n.recipient_id,
            sa.func.min(n.id).label("first_id"),
            sa.func.count().label("notifications"),
            sa.func.min(n.subject).label("subject"),
            sa.func.max(n.attempts).label("attempts"),
            sa.func.max(n.last_error).label("last_error"),
            sa.func.max(n.created_at).label("created_at"),
            sa.func.string_agg(tickets.c.ticket_key, ", ").label("ticket_keys"),
            sa.func.min(users.c.display_name).label("recipient"),
            sa.func.min(users.c.email).label("email"),
        )
        .join(users, users.c.id == n.recipient_id)
        .outerjoin(tickets, tickets.c.id == n.ticket_id)
        .where(n.email_state.in_(tuple(RETRIED)))
        .group_by(group, n.recipient_id)
        .order_by(sa.func.max(n.created_at).desc())
        .limit(limit)
    )
    return [dict(r) for r in conn.execute(query).mappings()]


def failed_of(conn: sa.Connection, first_id: int) -> list[dict[str, Any]]:
    """The failed notifications of the email that starts with this one."""
    head = conn.execute(
        sa.select(n.change_id, n.recipient_id, n.email_state).where(n.id == first_id)
    ).first()
    if head is None or head.email_state not in RETRIED:
        return []
    where = [n.recipient_id == head.recipient_id, n.email_state == head.email_state]
    if head.email_state == "failed":
        where.append(n.change_id == head.change_id)
    return claimed(
        conn, list(conn.scalars(sa.select(n.id).where(*where).order_by(n.id)))
    )


def retry(conn: sa.Connection, ids: list[int]) -> int:
    """Put failed notifications back in the outbox, their attempts counted anew."""
    with conflicts_as_write_conflict():
        return conn.execute(
            notifications.update()
            .where(n.id.in_(ids), n.email_state.in_(tuple(RETRIED)))
            .values(
                email_state=sa.case(
                    *((n.email_state == f, s) for f, s in RETRIED.items()),
                    else_=n.email_state,
                ),
                attempts=0,
                next_attempt_at=None,
                claimed_by=None,
                claimed_until=None,
            )
        ).rowcount

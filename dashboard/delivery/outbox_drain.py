"""Draining the outbox: claim an email's notifications, send it, record the result."""

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import sqlalchemy as sa

from dashboard.delivery import delivery_rules, emails
from dashboard.delivery.delivery_smtp import SendFailed, message
from dashboard.kernel.i18n import using
from dashboard.kernel.mail_config import SmtpSettings, link
from dashboard.kernel.rules.notices import is_urgent
from dashboard.kernel.rules.reference import SYSTEM_USERNAME
from dashboard.kernel.rules.timezones import local
from data_access import change_store, outbox_store, reference_store, user_store
from data_access.conflicts import WriteConflict, conflicts_as_write_conflict
from data_access.engine import UnitOfWork, read

log = logging.getLogger(__name__)
BATCH = 50
RECORD_TRIES = 5

Send = Callable[[EmailMessage], None]


@dataclass(frozen=True)
class Sender:
    """Who sends (its claims carry this name) and how."""

    worker: str
    settings: SmtpSettings
    send: Send
    lease: timedelta = delivery_rules.LEASE


def worker_name() -> str:
    """A name for one sender, unique across processes and restarts."""
    return f"delivery-{uuid.uuid4().hex[:12]}"


def deliver_due(engine: sa.Engine, sender: Sender, *, now: datetime) -> int:
    """Send every immediate email due now (one per change and recipient)."""
    with read(engine) as conn:
        due = outbox_store.due_changes(conn, now=now, limit=BATCH)
    sent = 0
    for change_id, recipient_id in due:
        sent += _deliver(
            engine,
            sender,
            now=now,
            claim={
                "state": "pending",
                "recipient_id": recipient_id,
                "change_id": change_id,
            },
        )
    return sent


def deliver_digests(engine: sa.Engine, sender: Sender, *, now: datetime) -> int:
    """Send each digest reader one email of what came before the digest hour."""
    with read(engine) as conn:
        cutoff = delivery_rules.digest_cutoff(now, hour=digest_hour(conn))
        due = outbox_store.due_digests(conn, now=now, cutoff=cutoff, limit=BATCH)
    sent = 0
    for recipient_id in due:
        sent += _deliver(
            engine,
            sender,
            now=now,
            claim={
                "state": "digest",
                "recipient_id": recipient_id,
                "created_before": cutoff,
            },
            day=local(cutoff).date(),
        )
    return sent


def digest_hour_of(engine: sa.Engine) -> int:
    """The hour (Toronto time) at which digests go out."""
    with read(engine) as conn:
        return digest_hour(conn)


def digest_hour(conn: sa.Connection) -> int:
    """The hour (Toronto time) of the daily digest: setting digest_hour, or 7."""
    value = reference_store.get_setting(conn, "digest_hour")
    return (
        int(value)
        if value and value.isdigit() and int(value) < 24
        else (delivery_rules.DIGEST_HOUR)
    )


def _deliver(
    engine: sa.Engine,
    sender: Sender,
    *,
    now: datetime,
    claim: dict[str, Any],
    day: date | None = None,
) -> int:
    rows = _claim(engine, sender, now=now, claim=claim)
    if not rows:
        return 0
    try:
        sender.send(_compose(sender.settings, rows, day=day))
    except SendFailed as failure:
        _record_failure(engine, sender, rows=rows, failure=failure, now=now)
        return 0
    _record(engine, lambda conn: outbox_store.record_sent(conn, _ids(rows), now=now))
    return 1


def _claim(
    engine: sa.Engine, sender: Sender, *, now: datetime, claim: dict[str, Any]
) -> list[dict[str, Any]]:
    # A short transaction of its own: the send happens outside any transaction.
    try:
        with UnitOfWork(engine) as uow:
            ids = outbox_store.claim(
                uow.conn,
                **claim,
                worker=sender.worker,
                now=now,
                until=now + sender.lease,
            )
            with conflicts_as_write_conflict():
                uow.commit()
    except WriteConflict:
        return []  # someone else touched these rows: the next pass sees them
    if not ids:
        return []
    with read(engine) as conn:
        return outbox_store.claimed(conn, ids)


def _compose(
    settings: SmtpSettings, rows: list[dict[str, Any]], *, day: date | None
) -> EmailMessage:
    head = rows[0]
    items = [
        emails.Item(
            subject=r["subject"],
            body=r["body"],
            link=link(f"ticket?key={r['ticket_key']}") if r["ticket_key"] else "",
            key=r["ticket_key"] or "",
            urgent=is_urgent(r["event"]),
        )
        for r in rows
    ]
    words = {"name": head["display_name"], "settings_link": link("account")}
    # The email in its recipient's language, as its notifications were written
    # (whoever's change queued them, and whatever this thread's language).
    with using(head["language"]):
        email = (
            emails.digest(items, day=day, **words)
            if day is not None
            else emails.for_change(items, **words)
        )
    # The first notification's Message-ID names the email: the same on every retry.
    return message(
        settings,
        email,
        to=head["email"],
        name=head["display_name"],
        message_id=head["message_id"],
    )


def _record_failure(
    engine: sa.Engine,
    sender: Sender,
    *,
    rows: list[dict[str, Any]],
    failure: SendFailed,
    now: datetime,
) -> None:
    attempts = max(r["attempts"] for r in rows) + 1
    permanent = delivery_rules.is_permanent(failure.code)
    final = delivery_rules.gives_up(attempts, permanent=permanent)
    retry_at = None if final else now + delivery_rules.retry_delay(attempts)
    log.warning("email %s failed (%s): %s", rows[0]["message_id"], attempts, failure)

    def write(conn: sa.Connection) -> None:
        updated = outbox_store.record_failure(
            conn,
            _ids(rows),
            worker=sender.worker,
            attempts=attempts,
            error=failure.reason,
            retry_at=retry_at,
        )
        if final and updated:
            _note_failure(conn, rows, attempts=attempts, error=failure.reason, now=now)

    _record(engine, write)


def _note_failure(
    conn: sa.Connection,
    rows: list[dict[str, Any]],
    *,
    attempts: int,
    error: str,
    now: datetime,
) -> None:
    system = user_store.find_by_username(conn, SYSTEM_USERNAME)
    if system is None:
        return
    head = rows[0]
    reason = (
        f"Email to {head['display_name']} <{head['email']}> failed after "
        f"{attempts} attempt(s): {error}"
    )
    for ticket_id in sorted({r["ticket_id"] for r in rows if r["ticket_id"]}):
        change_store.add_events(
            conn,
            ticket_id,
            events=[
                {
                    "event_type": "notification_failed",
                    "new_value": head["display_name"],
                    "reason": reason,
                    "is_internal": True,
                }
            ],
            actor_id=system["id"],
            change_id=str(uuid.uuid4()),
            now=now,
        )


def _record(engine: sa.Engine, write: Callable[[sa.Connection], None]) -> None:
    # Someone marking the notification read at this moment conflicts: try again.
    # If every try conflicts, the lease lapses and the email is sent again with
    # the same Message-ID: a duplicate, never a loss.
    for attempt in range(RECORD_TRIES):
        try:
            with UnitOfWork(engine) as uow:
                write(uow.conn)
                with conflicts_as_write_conflict():
                    uow.commit()
            return
        except WriteConflict:
            time.sleep(0.05 * (attempt + 1))
    log.error("could not record an email's result after %s tries", RECORD_TRIES)


def _ids(rows: list[dict[str, Any]]) -> list[int]:
    return [r["id"] for r in rows]

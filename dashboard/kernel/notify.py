"""Notices become outbox rows, written in the transaction of the change."""

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.kernel.i18n import using
from dashboard.kernel.mail_config import link, smtp_configured
from dashboard.kernel.rules.notices import Notice, Text, compose, is_urgent
from data_access import change_store, people_store


def ticket_link(key: str) -> str:
    """The address of a ticket's (or problem's) page, from SERVICEDESK_BASE_URL."""
    return link(f"ticket?key={key}")


def _email_state(preference: str, *, smtp: bool, urgent: bool = False) -> str:
    if urgent and smtp:
        return "pending"
    if preference == "in_app":
        return "in_app_only"
    if not smtp:
        # Made while SMTP is off: stays in the inbox, never mailed later.
        return "not_emailed"
    return "digest" if preference == "digest" else "pending"


def queue(
    conn: sa.Connection,
    notices: list[Notice],
    *,
    ticket_id: int | None,
    change_id: str,
    now: datetime,
) -> int:
    """Write the notices' outbox rows; returns how many were queued."""
    smtp = smtp_configured()
    rows: list[dict[str, Any]] = []
    for notice in notices:
        for person in people_store.people(conn, notice.recipients):
            with using(person["language"]):  # each reader's own language
                subject, body = notice.subject, notice.body
            rows.append(
                {
                    "change_id": change_id,
                    "ticket_id": ticket_id,
                    "recipient_id": person["id"],
                    "event": notice.event,
                    "subject": subject,
                    "body": body,
                    "created_at": now,
                    "message_id": f"<{uuid.uuid4()}@mdmr-servicedesk>",
                    "email_state": _email_state(
                        person["notify_pref"], smtp=smtp, urgent=is_urgent(notice.event)
                    ),
                }
            )
    change_store.queue_notifications(conn, rows)
    return len(rows)


def about(
    ticket: Mapping[str, Any],
    *,
    event: str,
    recipients: set[int] | frozenset[int],
    what: Text,
    details: Text = "",
) -> Notice:
    """A notice about a stored ticket, naming it and linking to its page; `what` and
    `details` are user text or words put in each reader's language (a Message)."""
    return compose(
        event=event,
        recipients=recipients,
        ticket_key=ticket["ticket_key"],
        title=ticket["title"],
        what=what,
        details=details,
        link=ticket_link(ticket["ticket_key"]),
    )

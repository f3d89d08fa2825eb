"""The inboxes of the demo world: the routing notices of the last days' tickets.

Each incident or service request filed in the last `days` of the history told its
support group's members, as filing one in the desk does (the same wording, through
the domain's `compose`). Notices older than two days have been read. None was
emailed: the demo world has no mail server.
"""

import uuid
from datetime import datetime, timedelta
from typing import Any

import pyarrow as pa
import sqlalchemy as sa

from dashboard.kernel.notify import ticket_link
from dashboard.kernel.rules.catalogue import BY_CODE
from dashboard.kernel.rules.notices import compose
from data_access.bulk_store import load_frame, reserve_ids
from data_access.schema import group_members, tickets, users

_NAMESPACE = uuid.UUID("8f4a7e2c-1d3b-4c5e-9a6f-0b1c2d3e4f50")
READ_AFTER = timedelta(days=2)


def _what(ticket: Any) -> tuple[str, str, str]:
    # The filing use cases' own wording.
    if ticket.kind == "incident":
        wide = "MDM/R-wide " if ticket.is_mdmr_wide else ""
        return (
            "incident_submitted",
            f"New {wide}severity {ticket.severity} incident",
            f"Severity {ticket.severity}, reported by {ticket.reporter}.",
        )
    request = BY_CODE[str(ticket.request_type)]
    return (
        "request_submitted",
        f"New {request.name} request",
        f"Filed by {ticket.reporter}.",
    )


def load_recent_notices(conn: sa.Connection, *, stop: datetime, days: int = 10) -> int:
    """Write the routing notices of tickets filed in the last `days`; the count."""
    recent = conn.execute(
        sa.select(
            tickets.c.ticket_key,
            tickets.c.kind,
            tickets.c.title,
            tickets.c.severity,
            tickets.c.request_type,
            tickets.c.is_mdmr_wide,
            tickets.c.group_id,
            tickets.c.id,
            tickets.c.created_at,
            users.c.display_name.label("reporter"),
        )
        .join(users, users.c.id == tickets.c.reporter_id)
        .where(
            tickets.c.kind.in_(("incident", "service_request")),
            tickets.c.created_at >= stop - timedelta(days=days),
            tickets.c.group_id.is_not(None),
        )
        .order_by(tickets.c.id)
    ).all()
    members: dict[int, list[int]] = {}
    for group_id, user_id in conn.execute(
        sa.select(group_members.c.group_id, group_members.c.user_id).order_by(
            group_members.c.group_id, group_members.c.user_id
        )
    ):
        members.setdefault(int(group_id), []).append(int(user_id))
    rows: list[dict[str, object]] = []
    for ticket in recent:
        event, what, details = _what(ticket)
        told = members.get(int(ticket.group_id), [])
        notice = compose(
            event=event,
            recipients=frozenset(told),
            ticket_key=ticket.ticket_key,
            title=ticket.title,
            what=what,
            details=details,
            link=ticket_link(ticket.ticket_key),
        )
        change_id = str(uuid.uuid5(_NAMESPACE, ticket.ticket_key))
        for user_id in told:
            rows.append(
                {
                    "change_id": change_id,
                    "ticket_id": ticket.id,
                    "recipient_id": user_id,
                    "event": notice.event,
                    "subject": notice.subject,
                    "body": notice.body,
                    "created_at": ticket.created_at,
                    "read_at": (
                        ticket.created_at + timedelta(hours=1)
                        if ticket.created_at < stop - READ_AFTER
                        else None
                    ),
                    "message_id": f"<seed-{change_id}-{user_id}@mdmr-servicedesk>",
                    "email_state": "not_emailed",
                    "attempts": 0,
                }
            )
    if not rows:
        return 0
    first = reserve_ids(conn, "notification_id_seq", count=len(rows))
    frame = pa.Table.from_pylist(
        [{"id": first + n, **row} for n, row in enumerate(rows)]
    )
    return load_frame(conn, "notifications", frame=frame)

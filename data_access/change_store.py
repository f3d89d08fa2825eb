"""Writing tickets: one change = its fields, its history, its notifications."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from data_access.bulk_store import take_ids
from data_access.conflicts import conflicts_as_write_conflict
from data_access.schema import (
    attachment_id_seq,
    attachments,
    comment_id_seq,
    comments,
    event_id_seq,
    incident_number_seq,
    notification_id_seq,
    notifications,
    problem_links,
    problem_number_seq,
    request_number_seq,
    ticket_events,
    ticket_id_seq,
    tickets,
)

NUMBER_SEQUENCES = {
    "incident": incident_number_seq,
    "problem": problem_number_seq,
    "service_request": request_number_seq,
}


# Every row of one insert must name the same columns.
_EVENT_DEFAULTS: dict[str, Any] = {
    "field": None,
    "old_value": None,
    "new_value": None,
    "is_internal": False,
    "comment_id": None,
    "reason": None,
}


def next_ticket_ids(conn: sa.Connection, kind: str) -> tuple[int, int]:
    """A new ticket's id and its number within its kind."""
    return (
        int(conn.scalar(ticket_id_seq.next_value())),
        int(conn.scalar(NUMBER_SEQUENCES[kind].next_value())),
    )


def insert_ticket(conn: sa.Connection, values: dict[str, Any]) -> None:
    """Store a new ticket row (its id, number and key already chosen)."""
    conn.execute(tickets.insert().values(version=1, **values))


def update_ticket(
    conn: sa.Connection, ticket_id: int, *, version: int, values: dict[str, Any]
) -> int | None:
    """Change a ticket still at `version`; its new version, or None when stale."""
    # No RETURNING: DuckDB 2.0.1 lets an UPDATE … RETURNING overwrite a row that
    # another transaction has changed but not committed, and both commit (a lost
    # update); a plain UPDATE fails with a conflict, as it should.
    with conflicts_as_write_conflict():
        updated = conn.execute(
            tickets.update()
            .where(tickets.c.id == ticket_id, tickets.c.version == version)
            .values(version=tickets.c.version + 1, **values)
        ).rowcount
    return version + 1 if updated == 1 else None


def touch_ticket(
    conn: sa.Connection, ticket_id: int, *, values: dict[str, Any]
) -> None:
    """Stamp a ticket as updated without changing its version."""
    with conflicts_as_write_conflict():
        conn.execute(tickets.update().where(tickets.c.id == ticket_id).values(**values))


def add_events(
    conn: sa.Connection,
    ticket_id: int,
    *,
    events: list[dict[str, Any]],
    actor_id: int,
    change_id: str,
    now: datetime,
) -> None:
    """Append history events to a ticket."""
    if not events:
        return
    ids = take_ids(conn, event_id_seq, count=len(events))
    rows = [
        {
            "id": event_id,
            "ticket_id": ticket_id,
            "occurred_at": now,
            "actor_id": actor_id,
            "change_id": change_id,
            **_EVENT_DEFAULTS,
            **event,
        }
        for event_id, event in zip(ids, events, strict=True)
    ]
    conn.execute(ticket_events.insert(), rows)


def add_comment(
    conn: sa.Connection,
    ticket_id: int,
    *,
    author_id: int,
    body: str,
    internal: bool,
    now: datetime,
) -> int:
    """Store a comment or work note and return its id."""
    comment_id = int(conn.scalar(comment_id_seq.next_value()))
    conn.execute(
        comments.insert().values(
            id=comment_id,
            ticket_id=ticket_id,
            author_id=author_id,
            body=body,
            is_internal=internal,
            created_at=now,
        )
    )
    return comment_id


def add_attachment(
    conn: sa.Connection,
    ticket_id: int,
    *,
    filename: str,
    content_type: str,
    content: bytes,
    sha256: str,
    by: int,
    now: datetime,
) -> int:
    """Store a file on a ticket and return its id."""
    attachment_id = int(conn.scalar(attachment_id_seq.next_value()))
    conn.execute(
        attachments.insert().values(
            id=attachment_id,
            ticket_id=ticket_id,
            filename=filename,
            content_type=content_type,
            size_bytes=len(content),
            sha256=sha256,
            content=content,
            uploaded_by=by,
            uploaded_at=now,
        )
    )
    return attachment_id


def queue_notifications(conn: sa.Connection, rows: list[dict[str, Any]]) -> None:
    """Put notifications in the outbox (and so in their recipients' inboxes)."""
    if rows:
        ids = take_ids(conn, notification_id_seq, count=len(rows))
        conn.execute(
            notifications.insert(),
            [{"id": i, "attempts": 0, **row} for i, row in zip(ids, rows, strict=True)],
        )


def link_problem(
    conn: sa.Connection, *, incident_id: int, problem_id: int, by: int, now: datetime
) -> None:
    """Link an incident to a problem (replacing any earlier link)."""
    conn.execute(
        problem_links.delete().where(problem_links.c.incident_id == incident_id)
    )
    conn.execute(
        problem_links.insert().values(
            incident_id=incident_id, problem_id=problem_id, linked_at=now, linked_by=by
        )
    )


def version_of(conn: sa.Connection, ticket_id: int) -> int:
    """The version a ticket is at now."""
    return int(
        conn.scalar(sa.select(tickets.c.version).where(tickets.c.id == ticket_id)) or 0
    )

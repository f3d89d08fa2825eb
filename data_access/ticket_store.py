"""Reading tickets, always through the viewer's visibility."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypedDict, cast

import sqlalchemy as sa

from data_access.schema import (
    attachments,
    comments,
    organizations,
    problem_links,
    releases,
    support_groups,
    ticket_events,
    tickets,
    users,
)
from data_access.visibility import Viewer, visible_tickets

SORTS = {
    "newest": (tickets.c.created_at.desc(), tickets.c.id.desc()),
    "oldest": (tickets.c.created_at.asc(), tickets.c.id.asc()),
    "recently updated": (tickets.c.updated_at.desc(), tickets.c.id.desc()),
    "severity": (tickets.c.severity.asc().nulls_last(), tickets.c.created_at.desc()),
    "nearest deadline": (tickets.c.sla_due_at.asc().nulls_last(), tickets.c.id.asc()),
}


class StoredTicket(TypedDict):
    """A row of the tickets table."""

    id: int
    kind: str
    number: int
    ticket_key: str
    title: str
    description: str
    status: str
    org_id: int | None
    is_mdmr_wide: bool
    reporter_id: int
    assignee_id: int | None
    group_id: int | None
    category: str | None
    environment: str | None
    release_id: int | None
    impact: int | None
    urgency: int | None
    severity: int | None
    ldc_contact_id: int | None
    backup_contact_id: int | None
    request_type: str | None
    request_fields: str | None
    resolution_type: str | None
    resolution_notes: str | None
    public_summary: str | None
    workaround: str | None
    root_cause: str | None
    target_release_id: int | None
    sla_policy_id: int | None
    created_at: datetime
    updated_at: datetime
    updated_by: int
    resolved_at: datetime | None
    closed_at: datetime | None
    version: int
    sla_due_at: datetime | None
    sla_state: str | None


class TicketRow(StoredTicket):
    """A stored ticket with the names of what it refers to, as changes read it."""

    org_name: str | None
    org_code: str | None
    reporter_name: str | None
    assignee_name: str | None
    group_name: str | None
    group_code: str | None
    release_name: str | None
    problem_key: str | None


@dataclass(frozen=True)
class TicketQuery:
    """Filters, sort and page of a ticket list."""

    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    severities: tuple[int, ...] = ()
    org_ids: tuple[int, ...] = ()
    categories: tuple[str, ...] = ()
    request_types: tuple[str, ...] = ()
    group_ids: tuple[int, ...] = ()
    assignee_ids: tuple[int, ...] = ()
    unassigned: bool = False
    created_before: datetime | None = None
    sla_states: tuple[str, ...] = ()
    text: str = ""
    sort: str = "newest"
    page: int = 1
    page_size: int = 50


reporter = users.alias("reporter")
assignee = users.alias("assignee")


def _conditions(viewer: Viewer, query: TicketQuery) -> list[sa.ColumnElement[bool]]:
    conds = [visible_tickets(viewer)]
    # Each filter given keeps the tickets whose column is one of its values.
    for column, values in (
        (tickets.c.kind, query.kinds),
        (tickets.c.status, query.statuses),
        (tickets.c.severity, query.severities),
        (tickets.c.org_id, query.org_ids),
        (tickets.c.category, query.categories),
        (tickets.c.request_type, query.request_types),
        (tickets.c.group_id, query.group_ids),
        (tickets.c.sla_state, query.sla_states),
    ):
        if values:
            conds.append(column.in_(values))
    # Assigned to these people, or to nobody: either, when both are asked.
    owners = []
    if query.assignee_ids:
        owners.append(tickets.c.assignee_id.in_(query.assignee_ids))
    if query.unassigned:
        owners.append(tickets.c.assignee_id.is_(None))
    if owners:
        conds.append(sa.or_(*owners))
    if query.created_before is not None:
        conds.append(tickets.c.created_at < query.created_before)
    if query.text:
        pattern = f"%{_escape_like(query.text)}%"
        conds.append(
            sa.or_(
                tickets.c.title.ilike(pattern, escape="\\"),
                tickets.c.description.ilike(pattern, escape="\\"),
            )
        )
    return conds


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_tickets(
    conn: sa.Connection, viewer: Viewer, *, query: TicketQuery
) -> tuple[list[dict[str, Any]], int]:
    """One page of the tickets this viewer may see, and how many match in all."""
    conds = _conditions(viewer, query)
    total = conn.scalar(sa.select(sa.func.count()).select_from(tickets).where(*conds))
    page = (
        sa.select(
            tickets.c.ticket_key,
            tickets.c.kind,
            tickets.c.title,
            tickets.c.status,
            tickets.c.severity,
            tickets.c.request_type,
            organizations.c.short_name.label("organization"),
            tickets.c.is_mdmr_wide,
            assignee.c.display_name.label("assignee"),
            support_groups.c.name.label("group_name"),
            tickets.c.created_at,
            tickets.c.updated_at,
            tickets.c.sla_due_at,
            tickets.c.sla_state,
        )
        .select_from(
            tickets.outerjoin(organizations, organizations.c.id == tickets.c.org_id)
            .outerjoin(assignee, assignee.c.id == tickets.c.assignee_id)
            .outerjoin(support_groups, support_groups.c.id == tickets.c.group_id)
        )
        .where(*conds)
        .order_by(*SORTS.get(query.sort, SORTS["newest"]))
        .limit(query.page_size)
        .offset((max(query.page, 1) - 1) * query.page_size)
    )
    rows = [dict(r) for r in conn.execute(page).mappings()]
    return rows, int(total or 0)


def get_ticket(conn: sa.Connection, viewer: Viewer, *, key: str) -> TicketRow | None:
    """A ticket with its names resolved, or None when absent or not the viewer's."""
    # Two point reads: joining the whole tickets table to resolve a few names would
    # scan it; looking the row up by its key first touches one row.
    row = conn.execute(
        sa.select(tickets).where(tickets.c.ticket_key == key, visible_tickets(viewer))
    ).first()
    if row is None:
        return None
    ticket = dict(row._mapping)
    return cast(TicketRow, ticket | _names_of(conn, ticket))


def _names_of(conn: sa.Connection, ticket: dict[str, Any]) -> dict[str, Any]:
    # Point reads of small tables: one planned statement with seven scalar
    # subqueries costs DuckDB more than four plain look-ups.
    org = conn.execute(
        sa.select(organizations.c.name, organizations.c.org_code).where(
            organizations.c.id == ticket["org_id"]
        )
    ).first()
    people = dict(
        conn.execute(
            sa.select(users.c.id, users.c.display_name).where(
                users.c.id.in_(
                    [i for i in (ticket["reporter_id"], ticket["assignee_id"]) if i]
                )
            )
        ).all()
    )
    group = (
        conn.execute(
            sa.select(support_groups.c.name, support_groups.c.code).where(
                support_groups.c.id == ticket["group_id"]
            )
        ).first()
        if ticket["group_id"] is not None
        else None
    )
    release = (
        conn.scalar(
            sa.select(releases.c.name).where(releases.c.id == ticket["release_id"])
        )
        if ticket["release_id"] is not None
        else None
    )
    problem_id = conn.scalar(
        sa.select(problem_links.c.problem_id).where(
            problem_links.c.incident_id == ticket["id"]
        )
    )
    problem_key = (
        conn.scalar(sa.select(tickets.c.ticket_key).where(tickets.c.id == problem_id))
        if problem_id is not None
        else None
    )
    return {
        "org_name": org.name if org else None,
        "org_code": org.org_code if org else None,
        "reporter_name": people.get(ticket["reporter_id"]),
        "assignee_name": people.get(ticket["assignee_id"]),
        "group_name": group.name if group else None,
        "group_code": group.code if group else None,
        "release_name": release,
        "problem_key": problem_key,
    }


def get_ticket_by_id(
    conn: sa.Connection, viewer: Viewer, *, ticket_id: int
) -> TicketRow | None:
    """A ticket by its internal id, or None when absent or not the viewer's."""
    key = conn.scalar(
        sa.select(tickets.c.ticket_key).where(
            tickets.c.id == ticket_id, visible_tickets(viewer)
        )
    )
    return get_ticket(conn, viewer, key=key) if key else None


def ticket_timeline(
    conn: sa.Connection, viewer: Viewer, *, ticket_id: int
) -> list[dict[str, Any]]:
    """A visible ticket's history and comments, oldest first, internal notes only
    for those who may read them."""
    if not conn.scalar(
        sa.select(tickets.c.id).where(
            tickets.c.id == ticket_id, visible_tickets(viewer)
        )
    ):
        return []
    query = (
        sa.select(
            ticket_events.c.occurred_at,
            ticket_events.c.event_type,
            ticket_events.c.field,
            ticket_events.c.old_value,
            ticket_events.c.new_value,
            ticket_events.c.reason,
            ticket_events.c.is_internal,
            ticket_events.c.actor_id,
            ticket_events.c.comment_id,
            ticket_events.c.change_id,
        )
        .where(ticket_events.c.ticket_id == ticket_id)
        .order_by(ticket_events.c.occurred_at, ticket_events.c.id)
    )
    if not viewer.internal_notes:
        query = query.where(sa.not_(ticket_events.c.is_internal))
    events = [dict(r) for r in conn.execute(query).mappings()]
    # Names and bodies by point lookups: a join would hash the whole comments table.
    bodies = dict(
        conn.execute(
            sa.select(comments.c.id, comments.c.body).where(
                comments.c.ticket_id == ticket_id
            )
        ).all()
    )
    actors = {e["actor_id"] for e in events}
    names = dict(
        conn.execute(
            sa.select(users.c.id, users.c.display_name).where(users.c.id.in_(actors))
        ).all()
    )
    for event in events:
        event["actor_name"] = names.get(event["actor_id"])
        event["comment_body"] = bodies.get(event["comment_id"])
    return events


def open_mdmr_wide_incidents(
    conn: sa.Connection, *, open_statuses: tuple[str, ...]
) -> list[dict[str, Any]]:
    """MDM/R-wide incidents still open, for the banner every LDC user sees."""
    rows = conn.execute(
        sa.select(tickets.c.ticket_key, tickets.c.title, tickets.c.status)
        .where(
            tickets.c.is_mdmr_wide,
            tickets.c.kind == "incident",
            tickets.c.status.in_(open_statuses),
        )
        .order_by(tickets.c.created_at.desc())
    ).mappings()
    return [dict(r) for r in rows]


def resolved_incidents_before(conn: sa.Connection, cutoff: datetime) -> list[TicketRow]:
    """Incidents in Resolved since before the cutoff, with what a change needs."""
    ids = conn.scalars(
        sa.select(tickets.c.ticket_key).where(
            tickets.c.kind == "incident",
            tickets.c.status == "Resolved",
            tickets.c.resolved_at <= cutoff,
        )
    ).all()
    everyone = Viewer(user_id=0, org_id=0, all_organizations=True, internal_notes=True)
    return [t for key in ids if (t := get_ticket(conn, everyone, key=key))]


def attachments_of(
    conn: sa.Connection, viewer: Viewer, *, ticket_id: int
) -> list[dict[str, Any]]:
    """A visible ticket's files (without their content), oldest first."""
    rows = conn.execute(
        sa.select(
            attachments.c.id,
            attachments.c.filename,
            attachments.c.content_type,
            attachments.c.size_bytes,
            attachments.c.uploaded_at,
            users.c.display_name.label("uploaded_by"),
        )
        .join(tickets, tickets.c.id == attachments.c.ticket_id)
        .join(users, users.c.id == attachments.c.uploaded_by)
        .where(attachments.c.ticket_id == ticket_id, visible_tickets(viewer))
        .order_by(attachments.c.uploaded_at, attachments.c.id)
    ).mappings()
    return [dict(r) for r in rows]


def attachment_content(
    conn: sa.Connection, viewer: Viewer, *, attachment_id: int
) -> bytes | None:
    """A file's bytes, if the viewer may see its ticket."""
    return conn.scalar(
        sa.select(attachments.c.content)
        .join(tickets, tickets.c.id == attachments.c.ticket_id)
        .where(attachments.c.id == attachment_id, visible_tickets(viewer))
    )

"""Reading problems, their links and subscriptions; public fields unless internal."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

import sqlalchemy as sa

from data_access.conflicts import conflicts_as_write_conflict
from data_access.schema import (
    comments,
    organizations,
    problem_links,
    releases,
    subscriptions,
    support_groups,
    ticket_events,
    tickets,
    users,
)
from data_access.ticket_store import StoredTicket, assignee, reporter
from data_access.visibility import Viewer, visible_tickets

SORTS = {
    "last updated": (tickets.c.updated_at.desc(), tickets.c.id.desc()),
    "least recently updated": (tickets.c.updated_at.asc(), tickets.c.id.asc()),
    "newest": (tickets.c.created_at.desc(), tickets.c.id.desc()),
}
_UNAFFECTED = {"affected_ldcs": 0, "mdmr_wide": False}
incident = tickets.alias("incident")
target = releases.alias("target")


@dataclass(frozen=True)
class ProblemQuery:
    """Filters, sort and page of the problem list."""

    text: str = ""
    statuses: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    subscribed_only: bool = False
    sort: str = "last updated"
    page: int = 1
    page_size: int = 25


def _conditions(query: ProblemQuery, user_id: int) -> list[sa.ColumnElement[bool]]:
    conds = [tickets.c.kind == "problem"]
    if query.statuses:
        conds.append(tickets.c.status.in_(query.statuses))
    if query.categories:
        conds.append(tickets.c.category.in_(query.categories))
    if query.text:
        pattern = f"%{_escape_like(query.text)}%"
        searched = (tickets.c.title, tickets.c.public_summary, tickets.c.workaround)
        conds.append(sa.or_(*(c.ilike(pattern, escape="\\") for c in searched)))
    if query.subscribed_only:
        conds.append(sa.exists().where(_subscription(tickets.c.id, user_id)))
    return conds


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_problems(
    conn: sa.Connection, query: ProblemQuery, *, user_id: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of problems (public fields only) and how many match in all."""
    conds = _conditions(query, user_id)
    total = conn.scalar(sa.select(sa.func.count()).select_from(tickets).where(*conds))
    page = (
        sa.select(
            tickets.c.id,
            tickets.c.ticket_key,
            tickets.c.title,
            tickets.c.status,
            tickets.c.category,
            tickets.c.public_summary,
            target.c.name.label("target_release"),
            tickets.c.updated_at,
            sa.exists().where(_subscription(tickets.c.id, user_id)).label("subscribed"),
        )
        .select_from(
            tickets.outerjoin(target, target.c.id == tickets.c.target_release_id)
        )
        .where(*conds)
        .order_by(*SORTS.get(query.sort, SORTS["last updated"]))
        .limit(query.page_size)
        .offset((max(query.page, 1) - 1) * query.page_size)
    )
    found = [dict(r) for r in conn.execute(page).mappings()]
    counts = affected_counts(conn, [r["id"] for r in found])
    rows = [r | counts.get(r["id"], _UNAFFECTED) for r in found]
    return rows, int(total or 0)


def affected_counts(
    conn: sa.Connection, problem_ids: list[int]
) -> dict[int, dict[str, Any]]:
    """Per problem, how many LDCs its linked incidents touch, and if one is wide."""
    if not problem_ids:
        return {}
    ldc = sa.and_(organizations.c.kind == "ldc", sa.not_(incident.c.is_mdmr_wide))
    rows = conn.execute(
        sa.select(
            problem_links.c.problem_id,
            sa.func.count(sa.distinct(sa.case((ldc, incident.c.org_id)))).label(
                "affected_ldcs"
            ),
            sa.func.max(sa.case((incident.c.is_mdmr_wide, 1), else_=0)).label("wide"),
        )
        .join(incident, incident.c.id == problem_links.c.incident_id)
        .outerjoin(organizations, organizations.c.id == incident.c.org_id)
        .where(problem_links.c.problem_id.in_(problem_ids))
        .group_by(problem_links.c.problem_id)
    )
    return {
        r.problem_id: {"affected_ldcs": int(r.affected_ldcs), "mdmr_wide": bool(r.wide)}
        for r in rows
    }


def get_problem(
    conn: sa.Connection,
    key: str,
    *,
    internal: bool,
    root_cause_statuses: tuple[str, ...],
) -> dict[str, Any] | None:
    """A problem by key: public fields, plus its internal side when internal."""
    root_cause: sa.ColumnElement[Any] = tickets.c.root_cause
    if not internal:
        root_cause = sa.case(
            (tickets.c.status.in_(root_cause_statuses), tickets.c.root_cause)
        )
    columns: list[Any] = [
        tickets.c.id,
        tickets.c.kind,
        tickets.c.ticket_key,
        tickets.c.title,
        tickets.c.status,
        tickets.c.category,
        tickets.c.public_summary,
        tickets.c.workaround,
        root_cause.label("root_cause"),
        tickets.c.target_release_id,
        target.c.name.label("target_release"),
        tickets.c.created_at,
        tickets.c.updated_at,
        tickets.c.resolved_at,
        tickets.c.closed_at,
        tickets.c.version,
    ]
    joined = tickets.outerjoin(target, target.c.id == tickets.c.target_release_id)
    if internal:
        columns += [
            tickets.c.description,
            reporter.c.display_name.label("reporter_name"),
            assignee.c.display_name.label("assignee_name"),
            support_groups.c.name.label("group_name"),
        ]
        joined = (
            joined.outerjoin(reporter, reporter.c.id == tickets.c.reporter_id)
            .outerjoin(assignee, assignee.c.id == tickets.c.assignee_id)
            .outerjoin(support_groups, support_groups.c.id == tickets.c.group_id)
        )
    row = conn.execute(
        sa.select(*columns)
        .select_from(joined)
        .where(tickets.c.ticket_key == key, tickets.c.kind == "problem")
    ).first()
    if row is None:
        return None
    found = dict(row._mapping)
    return found | affected_counts(conn, [found["id"]]).get(found["id"], _UNAFFECTED)


class LinkedIncident(StoredTicket):
    """An incident linked to a problem, with its LDC's short name."""

    organization: str | None
    linked_at: datetime


def linked_incidents(
    conn: sa.Connection, viewer: Viewer, *, problem_id: int
) -> list[LinkedIncident]:
    """The incidents linked to a problem that this viewer may see, newest first."""
    rows = conn.execute(
        sa.select(
            tickets,
            organizations.c.short_name.label("organization"),
            problem_links.c.linked_at,
        )
        .join(problem_links, problem_links.c.incident_id == tickets.c.id)
        .outerjoin(organizations, organizations.c.id == tickets.c.org_id)
        .where(problem_links.c.problem_id == problem_id, visible_tickets(viewer))
        .order_by(tickets.c.created_at.desc(), tickets.c.id.desc())
    ).mappings()
    return [cast(LinkedIncident, dict(r)) for r in rows]


def problem_of(conn: sa.Connection, incident_id: int) -> dict[str, Any] | None:
    """The problem an incident is linked to (id and key), if any."""
    row = conn.execute(
        sa.select(tickets.c.id, tickets.c.ticket_key)
        .join(problem_links, problem_links.c.problem_id == tickets.c.id)
        .where(problem_links.c.incident_id == incident_id)
    ).first()
    return dict(row._mapping) if row else None


PROPOSAL_EVENTS = ("problem_proposed", "problem_proposal_declined")


def proposed_problem(conn: sa.Connection, incident_id: int) -> str | None:
    """The problem the reporter said an unlinked incident is, until declined."""
    last = conn.execute(
        sa.select(ticket_events.c.event_type, ticket_events.c.new_value)
        .where(
            ticket_events.c.ticket_id == incident_id,
            ticket_events.c.event_type.in_(PROPOSAL_EVENTS),
        )
        .order_by(ticket_events.c.occurred_at.desc(), ticket_events.c.id.desc())
        .limit(1)
    ).first()
    if last is None or last.event_type != "problem_proposed":
        return None
    return None if problem_of(conn, incident_id) else str(last.new_value)


def unlink(conn: sa.Connection, *, incident_id: int) -> None:
    """Remove an incident's link to its problem."""
    with conflicts_as_write_conflict():
        conn.execute(
            problem_links.delete().where(problem_links.c.incident_id == incident_id)
        )


def has_comment(conn: sa.Connection, ticket_id: int, *, body: str) -> bool:
    """Whether a ticket already carries a public comment with exactly this text."""
    return bool(
        conn.scalar(
            sa.select(
                sa.exists().where(
                    comments.c.ticket_id == ticket_id,
                    comments.c.body == body,
                    sa.not_(comments.c.is_internal),
                )
            )
        )
    )


def public_timeline(
    conn: sa.Connection, problem_id: int, *, fields: tuple[str, ...]
) -> list[dict[str, Any]]:
    """A problem's public history: creation, status, public fields, public comments."""
    actor = users.alias("actor")
    kept = sa.or_(
        ticket_events.c.event_type.in_(("created", "status_changed", "comment")),
        sa.and_(
            ticket_events.c.event_type == "field_changed",
            ticket_events.c.field.in_(fields),
        ),
    )
    rows = conn.execute(
        sa.select(
            ticket_events.c.occurred_at,
            ticket_events.c.event_type,
            ticket_events.c.field,
            ticket_events.c.old_value,
            ticket_events.c.new_value,
            ticket_events.c.reason,
            ticket_events.c.is_internal,
            actor.c.display_name.label("actor_name"),
            comments.c.body.label("comment_body"),
        )
        .select_from(
            ticket_events.join(tickets, tickets.c.id == ticket_events.c.ticket_id)
            .outerjoin(actor, actor.c.id == ticket_events.c.actor_id)
            .outerjoin(comments, comments.c.id == ticket_events.c.comment_id)
        )
        .where(
            ticket_events.c.ticket_id == problem_id,
            tickets.c.kind == "problem",
            sa.not_(ticket_events.c.is_internal),
            kept,
        )
        .order_by(ticket_events.c.occurred_at, ticket_events.c.id)
    ).mappings()
    return [dict(r) for r in rows]


def _subscription(
    ticket_id: int | sa.ColumnElement[int], user_id: int
) -> sa.ColumnElement[bool]:
    return sa.and_(
        subscriptions.c.ticket_id == ticket_id, subscriptions.c.user_id == user_id
    )


def is_subscribed(conn: sa.Connection, ticket_id: int, *, user_id: int) -> bool:
    """Whether the user follows the ticket."""
    found = sa.exists().where(_subscription(ticket_id, user_id))
    return bool(conn.scalar(sa.select(found)))


def subscribe(
    conn: sa.Connection, ticket_id: int, *, user_id: int, now: datetime
) -> None:
    """Subscribe a user to a ticket (once, however often asked)."""
    if not is_subscribed(conn, ticket_id, user_id=user_id):
        with conflicts_as_write_conflict():
            conn.execute(
                subscriptions.insert().values(
                    ticket_id=ticket_id, user_id=user_id, created_at=now
                )
            )


def unsubscribe(conn: sa.Connection, ticket_id: int, *, user_id: int) -> None:
    """End a user's subscription to a ticket, if any."""
    with conflicts_as_write_conflict():
        conn.execute(subscriptions.delete().where(_subscription(ticket_id, user_id)))

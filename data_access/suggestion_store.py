"""What suggestions are drawn from: problems' public fields, and the recent incidents
a viewer may see."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from data_access.schema import organizations, problem_links, subscriptions, tickets
from data_access.visibility import Viewer, visible_tickets

problem = tickets.alias("problem")


def generation(conn: sa.Connection, *, kind: str) -> tuple[Any, ...]:
    """What changes whenever a ticket of the kind is filed or saved."""
    row = conn.execute(
        sa.select(sa.func.max(tickets.c.updated_at), sa.func.count()).where(
            tickets.c.kind == kind
        )
    ).one()
    return tuple(row)


def problems_in(conn: sa.Connection, statuses: Sequence[str]) -> list[dict[str, Any]]:
    """The problems in these statuses, public fields only, newest first."""
    rows = conn.execute(
        sa.select(
            tickets.c.ticket_key,
            tickets.c.title,
            tickets.c.category,
            tickets.c.status,
            tickets.c.public_summary,
            tickets.c.workaround,
            tickets.c.updated_at,
        )
        .where(tickets.c.kind == "problem", tickets.c.status.in_(statuses))
        .order_by(tickets.c.created_at.desc(), tickets.c.id.desc())
    ).mappings()
    return [dict(r) for r in rows]


def recent_incidents(
    conn: sa.Connection,
    viewer: Viewer,
    *,
    since: datetime,
    statuses: Sequence[str],
    limit: int,
) -> list[dict[str, Any]]:
    """The viewer's incidents filed since then in these statuses, newest first, with
    their LDC and the problem each is linked to."""
    rows = conn.execute(
        sa.select(
            tickets.c.id,
            tickets.c.ticket_key,
            tickets.c.updated_at,
            tickets.c.title,
            tickets.c.description,
            tickets.c.category,
            tickets.c.status,
            tickets.c.is_mdmr_wide,
            tickets.c.created_at,
            organizations.c.short_name.label("organization"),
            problem.c.ticket_key.label("problem_key"),
        )
        .select_from(
            tickets.join(organizations, organizations.c.id == tickets.c.org_id)
            .outerjoin(problem_links, problem_links.c.incident_id == tickets.c.id)
            .outerjoin(problem, problem.c.id == problem_links.c.problem_id)
        )
        .where(
            tickets.c.kind == "incident",
            tickets.c.created_at >= since,
            tickets.c.status.in_(statuses),
            visible_tickets(viewer),
        )
        .order_by(tickets.c.created_at.desc(), tickets.c.id.desc())
        .limit(limit)
    ).mappings()
    return [dict(r) for r in rows]


def followed_among(
    conn: sa.Connection, keys: Sequence[str], *, user_id: int
) -> frozenset[str]:
    """Which of these problems the user follows."""
    if not keys:
        return frozenset()
    rows = conn.execute(
        sa.select(tickets.c.ticket_key)
        .join(subscriptions, subscriptions.c.ticket_id == tickets.c.id)
        .where(tickets.c.ticket_key.in_(keys), subscriptions.c.user_id == user_id)
    )
    return frozenset(str(r.ticket_key) for r in rows)

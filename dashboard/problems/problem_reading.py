"""Reading problems on behalf of the signed-in user: public fields unless staff."""

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from dashboard.kernel.access import viewer_for
from dashboard.kernel.i18n import _, formats
from dashboard.kernel.reading import MAX_SEARCH_LENGTH, normalize_key, timeline
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.errors import InvalidInput, NotFound
from dashboard.kernel.rules.list_address import PAGE_SIZES
from dashboard.problems import problem_rules
from data_access import problem_store
from data_access.engine import read
from data_access.problem_store import SORTS, ProblemQuery

# The query shapes are the store's; the widgets reach them through this module.
__all__ = [
    "PAGE_SIZES",
    "SORTS",
    "ProblemPage",
    "ProblemQuery",
    "get_problem",
    "linked_incidents",
    "list_problems",
    "problem_timeline",
]


@dataclass(frozen=True)
class ProblemPage:
    """One page of the problem list."""

    rows: list[dict[str, Any]]
    total: int
    page: int
    page_count: int


def list_problems(
    engine: sa.Engine, actor: Actor, *, query: ProblemQuery
) -> ProblemPage:
    """A page of problems with their public fields, filtered and sorted in the store."""
    require(actor, Action.BROWSE_PROBLEMS)
    if len(query.text) > MAX_SEARCH_LENGTH:
        raise InvalidInput(
            _("Search words are limited to {limit} characters.").format(
                limit=formats.number(MAX_SEARCH_LENGTH)
            )
        )
    if query.page_size not in PAGE_SIZES:
        raise InvalidInput(
            _("Page size must be one of {sizes}.").format(
                sizes=", ".join(map(str, PAGE_SIZES))
            )
        )
    with read(engine) as conn:
        rows, total = problem_store.list_problems(conn, query, user_id=actor.user_id)
    page_count = max(1, -(-total // query.page_size))
    return ProblemPage(rows=rows, total=total, page=query.page, page_count=page_count)


def get_problem(engine: sa.Engine, actor: Actor, *, key: str) -> dict[str, Any]:
    """A problem as the actor may read it, or NotFound."""
    require(actor, Action.BROWSE_PROBLEMS)
    canonical = normalize_key(key)
    with read(engine) as conn:
        problem = problem_store.get_problem(
            conn,
            canonical,
            internal=problem_rules.sees_internals(actor),
            root_cause_statuses=problem_rules.ROOT_CAUSE_PUBLIC,
        )
        if problem is not None:
            problem["subscribed"] = problem_store.is_subscribed(
                conn, problem["id"], user_id=actor.user_id
            )
    if problem is None:
        raise NotFound(_("There is no problem {key}.").format(key=canonical))
    return problem


def linked_incidents(
    engine: sa.Engine, actor: Actor, *, problem_id: int
) -> list[dict[str, Any]]:
    """The linked incidents the actor may see: all for staff, their LDC's for LDCs."""
    require(actor, Action.BROWSE_PROBLEMS)
    with read(engine) as conn:
        linked = problem_store.linked_incidents(
            conn, viewer_for(actor), problem_id=problem_id
        )
    rows = [dict[str, Any](row) for row in linked]
    if problem_rules.sees_internals(actor):
        return rows
    shown = ("id", "ticket_key", "title", "status", "is_mdmr_wide")
    return [{name: row[name] for name in shown} for row in rows]


def problem_timeline(
    engine: sa.Engine, actor: Actor, *, problem_id: int
) -> list[dict[str, Any]]:
    """A problem's history: all of it for staff, its public side for LDC users."""
    require(actor, Action.BROWSE_PROBLEMS)
    if problem_rules.sees_internals(actor):
        return timeline(engine, actor, ticket_id=problem_id)
    with read(engine) as conn:
        return problem_store.public_timeline(
            conn, problem_id, fields=problem_rules.PUBLIC_FIELDS
        )


def follows_any(engine: sa.Engine, actor: Actor) -> bool:
    """Whether the actor follows at least one problem."""
    query = ProblemQuery(subscribed_only=True, page_size=PAGE_SIZES[0])
    return list_problems(engine, actor, query=query).total > 0

"""Known problems and incidents like the one being reported, as far as the user may
see: problems by their public fields, incidents of the user's own scope."""

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from dashboard.kernel import reading
from dashboard.kernel.access import viewer_for
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.workflow import Kind, open_statuses, statuses
from dashboard.problems.problem_matching import Candidate, Ranking, words
from data_access import suggestion_store
from data_access.engine import read, store_name

# Filing: the open incidents of the last quarter; staff: every incident of a month.
REPORT_WINDOW = timedelta(days=90)
WAVE_WINDOW = timedelta(days=30)
MOST_INCIDENTS = 5000
SHOWN = 5
_PROBLEM_STATUSES = open_statuses(Kind.PROBLEM)


@dataclass(frozen=True)
class ProblemSuggestion:
    """An open problem like the report, with what the user may read of it."""

    key: str
    title: str
    status: str
    summary: str
    workaround: str
    followed: bool = False


@dataclass(frozen=True)
class IncidentSuggestion:
    """An incident like the report."""

    key: str
    title: str
    status: str
    organization: str
    problem_key: str | None
    created_at: datetime


@dataclass(frozen=True)
class Suggestions:
    """What looks like the same thing: problems first, then incidents."""

    problems: list[ProblemSuggestion]
    incidents: list[IncidentSuggestion]


def for_report(
    engine: sa.Engine,
    actor: Actor,
    *,
    title: str,
    description: str,
    category: str,
    now: datetime,
) -> Suggestions:
    """The open problems and the user's recent open incidents like a new report."""
    require(actor, Action.FILE_INCIDENT)
    query = words(f"{title} {description}")
    if not query:
        return Suggestions([], [])
    with read(engine) as conn:
        found = suggestion_store.recent_incidents(
            conn,
            viewer_for(actor),
            since=now - REPORT_WINDOW,
            statuses=open_statuses(Kind.INCIDENT),
            limit=MOST_INCIDENTS,
        )
        problems = _problems(conn, store_name(engine))
        ranked = _ranked_problems(problems, query, category=category)
        followed = suggestion_store.followed_among(
            conn, [p.key for p in ranked], user_id=actor.user_id
        )
    return Suggestions(
        [replace(p, followed=p.key in followed) for p in ranked],
        _ranked_incidents(found, query, category=category),
    )


def like_incident(
    engine: sa.Engine, actor: Actor, *, ticket_key: str, now: datetime
) -> Suggestions:
    """For staff: the open problems and every LDC's recent incidents like this one."""
    require(actor, Action.SEE_ALL_TICKETS)
    ticket = reading.get_ticket(engine, actor, key=ticket_key)
    query = words(f"{ticket['title']} {ticket['description']}")
    every_but_cancelled = [s for s in statuses(Kind.INCIDENT) if s != "Cancelled"]
    with read(engine) as conn:
        found = suggestion_store.recent_incidents(
            conn,
            viewer_for(actor),
            since=now - WAVE_WINDOW,
            statuses=every_but_cancelled,
            limit=MOST_INCIDENTS,
        )
        problems = _problems(conn, store_name(engine))
    category = str(ticket["category"] or "")
    leave_out = frozenset({str(ticket["ticket_key"])})
    return Suggestions(
        _ranked_problems(problems, query, category=category),
        _ranked_incidents(found, query, category=category, leave_out=leave_out),
    )


@dataclass(frozen=True)
class _Problems:
    ranking: Ranking
    rows: Mapping[str, Mapping[str, Any]]


_problem_cache: dict[str, tuple[tuple[Any, ...], _Problems]] = {}
_problem_lock = threading.Lock()


def _problems(conn: sa.Connection, store: str) -> _Problems:
    """The open problems' ranking, indexed again only when a problem changed."""
    generation = suggestion_store.problems_generation(conn)
    with _problem_lock:
        cached = _problem_cache.get(store)
        if cached is not None and cached[0] == generation:
            return cached[1]
        rows = suggestion_store.problems_in(conn, _PROBLEM_STATUSES)
        candidates = [
            Candidate(
                key=str(r["ticket_key"]),
                words=tuple(
                    words(
                        f"{r['title']} {r['public_summary'] or ''} "
                        f"{r['workaround'] or ''}"
                    )
                ),
                category=str(r["category"] or ""),
            )
            for r in rows
        ]
        built = _Problems(Ranking(candidates), {str(r["ticket_key"]): r for r in rows})
        _problem_cache[store] = (generation, built)
        return built


def forget() -> None:
    """Drop the indexed problems (tests that replace a store under one name)."""
    with _problem_lock:
        _problem_cache.clear()


def _ranked_problems(
    problems: _Problems, query: Sequence[str], *, category: str
) -> list[ProblemSuggestion]:
    best = problems.ranking.best(query, category=category, limit=SHOWN)
    return [_problem(problems.rows[c.key]) for c, _score in best]


def _problem(row: Mapping[str, Any]) -> ProblemSuggestion:
    return ProblemSuggestion(
        key=str(row["ticket_key"]),
        title=str(row["title"]),
        status=str(row["status"]),
        summary=str(row["public_summary"] or ""),
        workaround=str(row["workaround"] or ""),
    )


@lru_cache(maxsize=100_000)
def _incident_words(version: tuple[int, datetime], text: str) -> tuple[str, ...]:
    """An incident's words, worked out once per version (id, last save) of it."""
    return tuple(words(text))


def _ranked_incidents(
    rows: list[dict[str, Any]],
    query: Sequence[str],
    *,
    category: str,
    leave_out: frozenset[str] = frozenset(),
) -> list[IncidentSuggestion]:
    candidates = [
        Candidate(
            key=str(r["ticket_key"]),
            words=_incident_words(
                (r["id"], r["updated_at"]), f"{r['title']} {r['description'] or ''}"
            ),
            category=str(r["category"] or ""),
        )
        for r in rows
    ]
    by_key = {str(r["ticket_key"]): r for r in rows}
    best = Ranking(candidates).best(
        query, category=category, limit=SHOWN, leave_out=leave_out
    )
    return [_incident(by_key[c.key]) for c, _score in best]


def _incident(row: Mapping[str, Any]) -> IncidentSuggestion:
    return IncidentSuggestion(
        key=str(row["ticket_key"]),
        title=str(row["title"]),
        status=str(row["status"]),
        organization="MDM/R-wide" if row["is_mdmr_wide"] else str(row["organization"]),
        problem_key=row["problem_key"],
        created_at=row["created_at"],
    )

"""Known problems and incidents like the one being reported, as far as the user may
see: problems by their public fields, incidents of the user's own scope."""

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from time import monotonic
from typing import Any

import sqlalchemy as sa

from dashboard.kernel import reading
from dashboard.kernel.access import viewer_for
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.workflow import Kind, open_statuses, statuses
from dashboard.problems.problem_matching import Candidate, Ranking, words
from data_access import suggestion_store
from data_access.engine import read, store_name

# Filing: the open incidents of the last quarter; staff: every incident of a month.
REPORT_WINDOW = timedelta(days=90)
WAVE_WINDOW = timedelta(days=30)
MOST_INCIDENTS = 5000
INCIDENTS_FRESH_FOR = 60.0  # seconds an incident index serves while incidents change
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
    viewer = viewer_for(actor)
    scope = "all" if viewer.all_organizations else str(viewer.org_id)

    def fetch(conn: sa.Connection) -> list[dict[str, Any]]:
        return suggestion_store.recent_incidents(
            conn,
            viewer,
            since=now - REPORT_WINDOW,
            statuses=open_statuses(Kind.INCIDENT),
            limit=MOST_INCIDENTS,
        )

    with read(engine) as conn:
        problems = _problems(conn, store_name(engine))
        incidents = _incidents(conn, (store_name(engine), "report", scope), fetch=fetch)
        ranked = _ranked(problems, query, category=category)
        followed = suggestion_store.followed_among(
            conn, [str(r["ticket_key"]) for r in ranked], user_id=actor.user_id
        )
    return Suggestions(
        [_problem(r, followed=str(r["ticket_key"]) in followed) for r in ranked],
        [_incident(r) for r in _ranked(incidents, query, category=category)],
    )


def like_incident(
    engine: sa.Engine, actor: Actor, *, ticket_key: str, now: datetime
) -> Suggestions:
    """For staff: the open problems and every LDC's recent incidents like this one."""
    require(actor, Action.SEE_ALL_TICKETS)
    ticket = reading.get_ticket(engine, actor, key=ticket_key)
    query = words(f"{ticket['title']} {ticket['description']}")
    every_but_cancelled = [s for s in statuses(Kind.INCIDENT) if s != "Cancelled"]

    def fetch(conn: sa.Connection) -> list[dict[str, Any]]:
        return suggestion_store.recent_incidents(
            conn,
            viewer_for(actor),
            since=now - WAVE_WINDOW,
            statuses=every_but_cancelled,
            limit=MOST_INCIDENTS,
        )

    with read(engine) as conn:
        problems = _problems(conn, store_name(engine))
        incidents = _incidents(conn, (store_name(engine), "wave", "all"), fetch=fetch)
    category = str(ticket["category"] or "")
    leave_out = frozenset({str(ticket["ticket_key"])})
    return Suggestions(
        [_problem(r) for r in _ranked(problems, query, category=category)],
        [
            _incident(r)
            for r in _ranked(incidents, query, category=category, leave_out=leave_out)
        ],
    )


@dataclass(frozen=True)
class _Indexed:
    """A scope's candidates, ranked, with their rows, as of a generation."""

    generation: tuple[Any, ...]
    built_at: float
    ranking: Ranking
    rows: Mapping[str, Mapping[str, Any]]


_cache: dict[tuple[str, ...], _Indexed] = {}
_lock = threading.Lock()


def _indexed(
    key: tuple[str, ...],
    *,
    generation: tuple[Any, ...],
    fresh_for: float,
    build: Callable[[], tuple[list[Candidate], list[dict[str, Any]]]],
) -> _Indexed:
    """A scope's index: built again once its generation changed, but not more often
    than every `fresh_for` seconds (new tickets then wait that long to be found)."""
    with _lock:
        cached = _cache.get(key)
        if cached is not None and (
            cached.generation == generation or monotonic() - cached.built_at < fresh_for
        ):
            return cached
        candidates, rows = build()
        built = _Indexed(
            generation,
            monotonic(),
            Ranking(candidates),
            {str(r["ticket_key"]): r for r in rows},
        )
        _cache[key] = built
        return built


def _problems(conn: sa.Connection, store: str) -> _Indexed:
    """The open problems, indexed again whenever a problem changed."""

    def build() -> tuple[list[Candidate], list[dict[str, Any]]]:
        rows = suggestion_store.problems_in(conn, _PROBLEM_STATUSES)
        return [_candidate(r, "public_summary", "workaround") for r in rows], rows

    return _indexed(
        (store, "problems"),
        generation=suggestion_store.generation(conn, kind="problem"),
        fresh_for=0.0,
        build=build,
    )


def _incidents(
    conn: sa.Connection,
    key: tuple[str, ...],
    *,
    fetch: Callable[[sa.Connection], list[dict[str, Any]]],
) -> _Indexed:
    """A scope's recent incidents, indexed again at most every INCIDENTS_FRESH_FOR
    seconds while incidents change."""

    def build() -> tuple[list[Candidate], list[dict[str, Any]]]:
        rows = fetch(conn)
        return [_candidate(r, "description") for r in rows], rows

    return _indexed(
        key,
        generation=suggestion_store.generation(conn, kind="incident"),
        fresh_for=INCIDENTS_FRESH_FOR,
        build=build,
    )


def forget() -> None:
    """Drop every index (the next query builds them anew)."""
    with _lock:
        _cache.clear()


def _candidate(row: Mapping[str, Any], *texts: str) -> Candidate:
    text = " ".join([str(row["title"]), *(str(row[t] or "") for t in texts)])
    return Candidate(
        key=str(row["ticket_key"]),
        words=_words((row["ticket_key"], row["updated_at"]), text),
        category=str(row["category"] or ""),
    )


@lru_cache(maxsize=100_000)
def _words(version: tuple[str, datetime], text: str) -> tuple[str, ...]:
    """A ticket's words, worked out once per version (key, last save) of it."""
    return tuple(words(text))


def _ranked(
    indexed: _Indexed,
    query: Sequence[str],
    *,
    category: str,
    leave_out: frozenset[str] = frozenset(),
) -> list[Mapping[str, Any]]:
    best = indexed.ranking.best(
        query, category=category, limit=SHOWN, leave_out=leave_out
    )
    return [indexed.rows[c.key] for c, _score in best]


def _problem(row: Mapping[str, Any], *, followed: bool = False) -> ProblemSuggestion:
    return ProblemSuggestion(
        key=str(row["ticket_key"]),
        title=str(row["title"]),
        status=str(row["status"]),
        summary=str(row["public_summary"] or ""),
        workaround=str(row["workaround"] or ""),
        followed=followed,
    )


def _incident(row: Mapping[str, Any]) -> IncidentSuggestion:
    return IncidentSuggestion(
        key=str(row["ticket_key"]),
        title=str(row["title"]),
        status=str(row["status"]),
        organization=_("MDM/R-wide")
        if row["is_mdmr_wide"]
        else str(row["organization"]),
        problem_key=row["problem_key"],
        created_at=row["created_at"],
    )

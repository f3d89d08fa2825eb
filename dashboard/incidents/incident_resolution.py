"""Resolving an incident: fixed, or with a workaround that logs or links a problem."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.incidents import incident_rules
from dashboard.incidents.incident_rules import Step
from dashboard.incidents.incident_work import facts, load_incident
from dashboard.kernel import changes
from dashboard.kernel.access import viewer_for
from dashboard.kernel.audience import tell_ldc
from dashboard.kernel.i18n import N_, _, later
from dashboard.kernel.reading import normalize_key
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.reference import SERVICE_DESK_GROUP
from dashboard.kernel.rules.ticket_text import SUMMARY_MAX, TITLE_MAX, text_problems
from dashboard.kernel.rules.workflow import (
    DONE_STATUSES,
    INITIAL_STATUS,
    Kind,
    ticket_key,
)
from data_access import change_store, people_store, ticket_store

RESOLUTION_MAX = 20_000
# A new problem's public field (key) that repeats its incident's own text (key).
REPEATS = {
    ("title", "title"): N_("The problem's public title repeats the incident's title."),
    ("title", "description"): N_(
        "The problem's public title repeats the incident's description."
    ),
    ("summary", "title"): N_(
        "The problem's public summary repeats the incident's title."
    ),
    ("summary", "description"): N_(
        "The problem's public summary repeats the incident's description."
    ),
}


@dataclass(frozen=True)
class Resolution:
    """How an incident was resolved."""

    kind: str  # "fixed" or "workaround"
    text: str  # the resolution notes, or the workaround
    problem_key: str = ""  # link this existing problem…
    new_problem_title: str = ""  # …or log a new one, with the public title…
    new_problem_summary: str = ""  # …and public summary that every LDC reads


def _check(resolution: Resolution) -> None:
    if resolution.kind not in ("fixed", "workaround"):
        raise InvalidInput(
            _("Choose how the incident was resolved: fixed or workaround.")
        )
    label = "resolution notes" if resolution.kind == "fixed" else "workaround"
    problems = text_problems(
        label, resolution.text, limit=RESOLUTION_MAX, required=True
    )
    if resolution.kind == "workaround":
        new = bool(
            resolution.new_problem_title.strip()
            or resolution.new_problem_summary.strip()
        )
        if bool(resolution.problem_key.strip()) + new != 1:
            problems.append(
                _("A workaround links one existing problem or logs one new problem.")
            )
        elif new:
            problems += text_problems(
                "problem's public title",
                resolution.new_problem_title,
                limit=TITLE_MAX,
                required=True,
            )
            problems += text_problems(
                "problem's public summary",
                resolution.new_problem_summary,
                limit=SUMMARY_MAX,
                required=True,
            )
    if problems:
        raise InvalidInput(" ".join(problems))


def resolve(
    engine: sa.Engine,
    actor: Actor,
    *,
    key: str,
    version: int,
    resolution: Resolution,
    now: datetime,
) -> str | None:
    """Resolve an incident; returns the key of the problem linked, if any."""
    _check(resolution)
    with changes.Save(engine) as uow:
        conn = uow.conn
        ticket = load_incident(conn, actor, key=key)
        incident_rules.require_step(actor, facts(ticket), step=Step.RESOLVE)
        _check_public(resolution, ticket)
        ticket = ticket | {"version": version}
        change = changes.Change(actor=actor, now=now)
        change.set(ticket, "status", value="Resolved")
        change.set(ticket, "resolved_at", value=now)
        change.set(ticket, "resolution_type", value=resolution.kind, label="resolution")
        text = resolution.text.strip()
        column = "resolution_notes" if resolution.kind == "fixed" else "workaround"
        change.set(ticket, column, value=text)
        problem_key = None
        if resolution.kind == "workaround":
            problem_key = _link_problem(
                conn,
                actor,
                change=change,
                ticket=ticket,
                resolution=resolution,
                now=now,
            )
        what = (
            later("Resolved")
            if resolution.kind == "fixed"
            else later("Resolved with a workaround")
        )
        tell_ldc(conn, change, ticket=ticket, what=what, details=text)
        changes.apply(conn, change, ticket=ticket)
        uow.commit()
    return problem_key


def _check_public(resolution: Resolution, incident: Mapping[str, Any]) -> None:
    """A new problem's public text is written for every LDC, never the text of the
    one LDC's incident it comes from."""
    if resolution.kind != "workaround" or resolution.problem_key.strip():
        return
    own = {"title": incident["title"], "description": incident["description"]}
    written = {
        "title": resolution.new_problem_title,
        "summary": resolution.new_problem_summary,
    }
    repeats = [
        _(REPEATS[field, source])
        for field, text in written.items()
        for source, incident_text in own.items()
        if _normalized(incident_text)
        and _normalized(text) == _normalized(incident_text)
    ]
    if repeats:
        public = _(
            "A problem's title and summary are public (every LDC reads them): write "
            "them for all LDCs, in words of your own."
        )
        raise InvalidInput(" ".join([*repeats, public]))


def _normalized(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _link_problem(
    conn: sa.Connection,
    actor: Actor,
    *,
    change: changes.Change,
    ticket: Mapping[str, Any],
    resolution: Resolution,
    now: datetime,
) -> str:
    if resolution.problem_key.strip():
        problem = ticket_store.get_ticket(
            conn, viewer_for(actor), key=normalize_key(resolution.problem_key)
        )
        if problem is None or problem["kind"] != Kind.PROBLEM:
            raise InvalidInput(
                _("There is no problem {key}.").format(
                    key=resolution.problem_key.strip()
                )
            )
        status = str(problem["status"])
        if status in DONE_STATUSES[Kind.PROBLEM]:
            raise InvalidInput(
                _("{key} is {status}; link an open problem.").format(
                    key=problem["ticket_key"], status=_(status)
                )
            )
        problem_id, problem_key = problem["id"], problem["ticket_key"]
    else:
        problem_id, problem_key = _log_problem(
            conn, actor, ticket=ticket, resolution=resolution, now=now
        )
    change_store.link_problem(
        conn, incident_id=ticket["id"], problem_id=problem_id, by=actor.user_id, now=now
    )
    change.record("field_changed", field="problem", new_value=problem_key)
    linked = changes.Change(actor=actor, now=now, change_id=change.change_id)
    linked.record(
        "field_changed", field="linked incident", new_value=ticket["ticket_key"]
    )
    changes.write_history(conn, linked, ticket_id=problem_id)
    return str(problem_key)


def _log_problem(
    conn: sa.Connection,
    actor: Actor,
    *,
    ticket: Mapping[str, Any],
    resolution: Resolution,
    now: datetime,
) -> tuple[int, str]:
    problem_id, number = change_store.next_ticket_ids(conn, Kind.PROBLEM)
    key = ticket_key(Kind.PROBLEM, number)
    title = resolution.new_problem_title.strip()
    change_store.insert_ticket(
        conn,
        {
            "id": problem_id,
            "kind": Kind.PROBLEM.value,
            "number": number,
            "ticket_key": key,
            "title": title,
            "description": (
                f"Logged when {ticket['ticket_key']} was resolved with a workaround."
            ),
            "status": INITIAL_STATUS[Kind.PROBLEM],
            "org_id": None,
            "is_mdmr_wide": False,
            "reporter_id": actor.user_id,
            "group_id": people_store.group_id(conn, SERVICE_DESK_GROUP),
            "category": ticket["category"],
            "public_summary": resolution.new_problem_summary.strip(),
            "workaround": resolution.text.strip(),
            "created_at": now,
            "updated_at": now,
            "updated_by": actor.user_id,
        },
    )
    created = changes.Change(actor=actor, now=now)
    created.record("created", new_value=INITIAL_STATUS[Kind.PROBLEM])
    changes.write_history(conn, created, ticket_id=problem_id)
    return problem_id, key

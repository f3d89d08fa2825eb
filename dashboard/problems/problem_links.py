"""Linking incidents to a problem, and unlinking them, from the problem's side."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.kernel import changes, reading
from dashboard.kernel.i18n import _
from dashboard.kernel.reading import load_for_change, normalize_key
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.workflow import DONE_STATUSES, Kind
from dashboard.problems.problem_rules import LinkedElsewhere
from dashboard.problems.problem_work import load_problem
from data_access import change_store, problem_store
from data_access.engine import read


def link_incident(
    engine: sa.Engine,
    actor: Actor,
    *,
    problem_key: str,
    incident_key: str,
    move: bool = False,
    now: datetime,
) -> str:
    """Link an incident here (one linked elsewhere moves only if `move`); its key."""
    require(actor, Action.EDIT_PROBLEMS)
    with changes.Save(engine) as uow:
        conn = uow.conn
        problem = load_problem(conn, actor, key=problem_key)
        if problem["status"] in DONE_STATUSES[Kind.PROBLEM]:
            raise InvalidInput(
                _("{key} is {status}; link incidents to an open problem.").format(
                    key=problem["ticket_key"], status=_(str(problem["status"]))
                )
            )
        incident = load_for_change(
            conn, actor, key=normalize_key(incident_key), kind=Kind.INCIDENT
        )
        if incident["status"] == "Cancelled":
            raise InvalidInput(
                _("{key} is cancelled: it is not an incident.").format(
                    key=incident["ticket_key"]
                )
            )
        current = problem_store.problem_of(conn, incident["id"])
        if current is not None and current["id"] == problem["id"]:
            raise InvalidInput(
                _("{incident} is already linked to {problem}.").format(
                    incident=incident["ticket_key"], problem=problem["ticket_key"]
                )
            )
        if current is not None and not move:
            raise LinkedElsewhere(
                _(
                    "{incident} is linked to {other}, and an incident links to one "
                    "problem only. Move it here only if {other} is the wrong problem "
                    "for it."
                ).format(incident=incident["ticket_key"], other=current["ticket_key"]),
                incident_key=incident["ticket_key"],
                other_key=current["ticket_key"],
            )
        change_store.link_problem(
            conn,
            incident_id=incident["id"],
            problem_id=problem["id"],
            by=actor.user_id,
            now=now,
        )
        _history(
            conn,
            changes.Change(actor=actor, now=now),
            incident=incident,
            old=current,
            new=problem,
        )
        uow.commit()
    return str(incident["ticket_key"])


def proposal(engine: sa.Engine, actor: Actor, *, incident_id: int) -> str | None:
    """The problem an incident's reporter said it is, while the desk has not
    linked it nor declined."""
    require(actor, Action.EDIT_PROBLEMS)
    with read(engine) as conn:
        return problem_store.proposed_problem(conn, incident_id)


def confirm_proposal(
    engine: sa.Engine, actor: Actor, *, incident_key: str, now: datetime
) -> str:
    """Link an incident to the problem its reporter named; the problem's key."""
    problem_key = _pending(engine, actor, incident_key=incident_key)
    link_incident(
        engine, actor, problem_key=problem_key, incident_key=incident_key, now=now
    )
    return problem_key


def decline_proposal(
    engine: sa.Engine, actor: Actor, *, incident_key: str, now: datetime
) -> str:
    """Say an incident is not the problem its reporter named; the problem's key."""
    problem_key = _pending(engine, actor, incident_key=incident_key)
    with changes.Save(engine) as uow:
        incident = load_for_change(
            uow.conn, actor, key=normalize_key(incident_key), kind=Kind.INCIDENT
        )
        change = changes.Change(actor=actor, now=now)
        change.record("problem_proposal_declined", old_value=problem_key)
        changes.write_history(uow.conn, change, ticket_id=incident["id"])
        uow.commit()
    return problem_key


def _pending(engine: sa.Engine, actor: Actor, *, incident_key: str) -> str:
    incident = reading.get_ticket(engine, actor, key=incident_key)
    pending = proposal(engine, actor, incident_id=incident["id"])
    if pending is None:
        raise InvalidInput(
            _(
                "{key} names no problem to confirm: it was linked or declined "
                "meanwhile."
            ).format(key=incident["ticket_key"])
        )
    return pending


def unlink_incident(
    engine: sa.Engine,
    actor: Actor,
    *,
    problem_key: str,
    incident_key: str,
    now: datetime,
) -> None:
    """Remove an incident's link to this problem."""
    require(actor, Action.EDIT_PROBLEMS)
    with changes.Save(engine) as uow:
        conn = uow.conn
        problem = load_problem(conn, actor, key=problem_key)
        incident = load_for_change(
            conn, actor, key=normalize_key(incident_key), kind=Kind.INCIDENT
        )
        current = problem_store.problem_of(conn, incident["id"])
        if current is None or current["id"] != problem["id"]:
            raise InvalidInput(
                _("{incident} is not linked to {problem}.").format(
                    incident=incident["ticket_key"], problem=problem["ticket_key"]
                )
            )
        problem_store.unlink(conn, incident_id=incident["id"])
        _history(
            conn,
            changes.Change(actor=actor, now=now),
            incident=incident,
            old=problem,
            new=None,
        )
        uow.commit()


def _history(
    conn: sa.Connection,
    change: changes.Change,
    *,
    incident: Mapping[str, Any],
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
) -> None:
    """Record a link's change on the incident and on each problem it touches."""
    key = incident["ticket_key"]
    change.record(
        "field_changed",
        field="problem",
        old_value=old["ticket_key"] if old else None,
        new_value=new["ticket_key"] if new else None,
    )
    changes.apply(conn, change, ticket=incident)
    for problem, linked in ((old, False), (new, True)):
        if problem is None:
            continue
        side = changes.Change(
            actor=change.actor, now=change.now, change_id=change.change_id
        )
        side.record(
            "field_changed",
            field="linked incident",
            old_value=None if linked else key,
            new_value=key if linked else None,
        )
        # A link changes no field of the problem: it is stamped, not versioned.
        changes.apply(conn, side, ticket=problem)

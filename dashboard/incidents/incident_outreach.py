"""A problem reaches its linked incidents: its workaround as a comment on each, then,
once the fix is deployed, their close (incident work started from the problem page)."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.incidents import incident_rules
from dashboard.incidents.incident_rules import Step
from dashboard.incidents.incident_work import facts, step_in
from dashboard.kernel import changes
from dashboard.kernel.access import viewer_for
from dashboard.kernel.audience import tell_ldc
from dashboard.kernel.i18n import _, later
from dashboard.kernel.reading import load_for_change
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.workflow import DONE_STATUSES, Kind
from data_access import problem_store
from data_access.engine import read
from data_access.problem_store import LinkedIncident
from data_access.ticket_store import TicketRow

FIXED = ("Resolved", "Closed")


def workaround_targets(
    conn: sa.Connection, actor: Actor, *, problem: Mapping[str, Any]
) -> list[LinkedIncident]:
    """Open linked incidents that have not yet been sent the current workaround."""
    workaround = (problem["workaround"] or "").strip()
    if not workaround:
        return []
    body = incident_rules.workaround_comment(problem["ticket_key"], workaround)
    done = DONE_STATUSES[Kind.INCIDENT]
    linked = problem_store.linked_incidents(
        conn, viewer_for(actor), problem_id=problem["id"]
    )
    return [
        i
        for i in linked
        if i["status"] not in done
        and not problem_store.has_comment(conn, i["id"], body=body)
    ]


def close_targets(
    conn: sa.Connection, actor: Actor, *, problem: Mapping[str, Any]
) -> list[LinkedIncident]:
    """Linked incidents resolved with a workaround, closable once the fix is out."""
    if problem["status"] not in FIXED:
        return []
    linked = problem_store.linked_incidents(
        conn, viewer_for(actor), problem_id=problem["id"]
    )
    return [
        i
        for i in linked
        if i["status"] == "Resolved" and i["resolution_type"] == "workaround"
    ]


def pending(engine: sa.Engine, actor: Actor, *, key: str) -> dict[str, list[str]]:
    """Keys of the incidents a workaround push and a bulk close would reach now."""
    require(actor, Action.EDIT_PROBLEMS)
    with read(engine) as conn:
        problem = load_for_change(conn, actor, key=key, kind=Kind.PROBLEM)
        return {
            "workaround": [
                i["ticket_key"]
                for i in workaround_targets(conn, actor, problem=problem)
            ],
            "close": [
                i["ticket_key"] for i in close_targets(conn, actor, problem=problem)
            ],
        }


def send_workaround(engine: sa.Engine, actor: Actor, *, key: str, now: datetime) -> int:
    """Post the workaround on every open linked incident, in one change; how many."""
    require(actor, Action.EDIT_PROBLEMS)
    with changes.Save(engine) as uow:
        conn = uow.conn
        problem = load_for_change(conn, actor, key=key, kind=Kind.PROBLEM)
        targets = workaround_targets(conn, actor, problem=problem)
        if not targets:
            raise InvalidInput(
                _(
                    "No open incident linked to {key} is waiting for its workaround."
                ).format(key=problem["ticket_key"])
            )
        change_id = changes.new_change_id()
        workaround = problem["workaround"] or ""
        body = incident_rules.workaround_comment(problem["ticket_key"], workaround)
        for incident in targets:
            incident_rules.require_step(actor, facts(incident), step=Step.COMMENT)
            change = changes.Change(actor=actor, now=now, change_id=change_id)
            changes.add_comment(
                conn, change, ticket=incident, body=body, internal=False
            )
            what = later("Workaround from problem {key}", key=problem["ticket_key"])
            tell_ldc(conn, change, ticket=incident, what=what, details=workaround)
            changes.apply(conn, change, ticket=incident)
        note = changes.Change(actor=actor, now=now, change_id=change_id)
        _note(conn, note, problem=problem, what="workaround sent to", reached=targets)
        uow.commit()
    return len(targets)


def close_worked_around(
    engine: sa.Engine, actor: Actor, *, key: str, now: datetime
) -> int:
    """Close, in one change, the linked incidents resolved with a workaround."""
    require(actor, Action.BULK_CHANGE)
    with changes.Save(engine) as uow:
        conn = uow.conn
        problem = load_for_change(conn, actor, key=key, kind=Kind.PROBLEM)
        status = str(problem["status"])
        if status not in FIXED:
            raise InvalidInput(
                _(
                    "{key} is {status}: close its incidents once the fix is deployed "
                    "(Resolved)."
                ).format(key=problem["ticket_key"], status=_(status))
            )
        targets = close_targets(conn, actor, problem=problem)
        if not targets:
            raise InvalidInput(
                _("No incident linked to {key} is resolved with a workaround.").format(
                    key=problem["ticket_key"]
                )
            )
        change_id = changes.new_change_id()
        for incident in targets:
            incident_rules.require_step(actor, facts(incident), step=Step.CLOSE)
            change = changes.Change(actor=actor, now=now, change_id=change_id)
            fixed = problem["ticket_key"]
            # Kept in the history as it is; told in each reader's language.
            step_in(
                conn,
                change,
                ticket=incident,
                step=Step.CLOSE,
                reason=f"The fix for problem {fixed} is deployed.",
                said=later("The fix for problem {key} is deployed.", key=fixed),
            )
            changes.apply(conn, change, ticket=incident)
        note = changes.Change(actor=actor, now=now, change_id=change_id)
        what = "linked incidents closed"
        _note(conn, note, problem=problem, what=what, reached=targets)
        uow.commit()
    return len(targets)


def _note(
    conn: sa.Connection,
    note: changes.Change,
    *,
    problem: TicketRow,
    what: str,
    reached: list[LinkedIncident],
) -> None:
    """Record on the problem, for staff only, which incidents were reached."""
    keys = ", ".join(i["ticket_key"] for i in reached)
    note.record("field_changed", field=what, new_value=keys, is_internal=True)
    changes.write_history(conn, note, ticket_id=problem["id"])

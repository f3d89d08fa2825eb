"""Logging and editing problems, and commenting on them."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard import changes as writes
from dashboard import problem_notices as notices
from dashboard import submissions
from dashboard.domain import problems as rules
from dashboard.domain.authorization import Action, Actor, Role, require
from dashboard.domain.errors import InvalidInput
from dashboard.domain.incidents import text_problems
from dashboard.domain.problems import ProblemDraft, ProblemEdit
from dashboard.domain.reference import CATEGORY_NAMES, OSP_GROUP, SERVICE_DESK_GROUP
from dashboard.domain.workflow import INITIAL_STATUS, Kind, ticket_key
from dashboard.tickets import load_for_change
from data_access import changes, people, reference
from data_access.tickets import TicketRow


def load_problem(conn: sa.Connection, actor: Actor, *, key: str) -> TicketRow:
    """A problem the actor may see, read in the writing transaction."""
    return load_for_change(conn, actor, key=key, kind=Kind.PROBLEM)


def log_problem(
    engine: sa.Engine, actor: Actor, *, draft: ProblemDraft, now: datetime
) -> str:
    """Log a new problem directly; returns its key."""
    require(actor, Action.EDIT_PROBLEMS)
    rules.check_draft(draft)
    group = OSP_GROUP if actor.role is Role.OSP_ENGINEER else SERVICE_DESK_GROUP
    with writes.Save(engine) as uow:
        conn = uow.conn
        problem_id, number = changes.next_ticket_ids(conn, Kind.PROBLEM)
        key = ticket_key(Kind.PROBLEM, number)
        changes.insert_ticket(
            conn,
            {
                "id": problem_id,
                "kind": Kind.PROBLEM.value,
                "number": number,
                "ticket_key": key,
                "title": draft.title.strip(),
                "description": draft.description.strip(),
                "status": INITIAL_STATUS[Kind.PROBLEM],
                "org_id": None,
                "is_mdmr_wide": False,
                "reporter_id": actor.user_id,
                "group_id": people.group_id(conn, group),
                "category": draft.category,
                "public_summary": draft.public_summary.strip(),
                "workaround": draft.workaround.strip() or None,
                "created_at": now,
                "updated_at": now,
                "updated_by": actor.user_id,
            },
        )
        created = writes.Change(actor=actor, now=now)
        created.record("created", new_value=INITIAL_STATUS[Kind.PROBLEM])
        writes.write_history(conn, created, ticket_id=problem_id)
        uow.commit()
    return key


def update_problem(
    engine: sa.Engine,
    actor: Actor,
    *,
    key: str,
    version: int,
    edit: ProblemEdit,
    now: datetime,
) -> None:
    """Save a problem's fields and status, telling subscribers of public changes."""
    require(actor, Action.EDIT_PROBLEMS)
    with writes.Save(engine) as uow:
        conn = uow.conn
        releases = {r["id"]: r["name"] for r in reference.list_releases(conn)}
        problem = load_problem(conn, actor, key=key)
        rules.check_edit(problem["status"], edit, release_ids=frozenset(releases))
        change = writes.Change(actor=actor, now=now)
        _set_fields(change, problem, edit=edit, releases=releases)
        if not change.fields:
            raise InvalidInput("Nothing to save: no field was changed.")
        _tell(conn, change, problem=problem, edit=edit, releases=releases)
        writes.apply(conn, change, ticket=problem | {"version": version})
        uow.commit()


def _set_fields(
    change: writes.Change,
    problem: TicketRow,
    *,
    edit: ProblemEdit,
    releases: dict[int, str],
) -> None:
    change.set(problem, "title", value=edit.title.strip(), label="title")
    _set_named(
        change, problem, column="category", value=edit.category, names=CATEGORY_NAMES
    )
    summary = edit.public_summary.strip()
    change.set(problem, "public_summary", value=summary, label="public summary")
    change.set(
        problem, "workaround", value=edit.workaround.strip() or None, label="workaround"
    )
    change.set(
        problem, "root_cause", value=edit.root_cause.strip() or None, label="root cause"
    )
    release = edit.target_release_id
    _set_named(
        change, problem, column="target_release_id", value=release, names=releases
    )
    if edit.status == problem["status"]:
        return
    change.set(problem, "status", value=edit.status, reason=edit.reason.strip())
    if edit.status == "Resolved":
        change.set(problem, "resolved_at", value=change.now)
    elif edit.status == "Closed":
        change.set(problem, "closed_at", value=change.now)
    else:
        change.set(problem, "resolved_at", value=None)


LABELS = {"category": "category", "target_release_id": "target release"}


def _set_named(
    change: writes.Change,
    problem: Mapping[str, Any],
    *,
    column: str,
    value: Any,
    names: dict[Any, str],
) -> None:
    """Set a coded field, keeping its names (not its codes) in the history."""
    change.set(
        problem,
        column,
        value=value,
        label=LABELS[column],
        shown=(names.get(problem[column]), names.get(value)),
    )


def _tell(
    conn: sa.Connection,
    change: writes.Change,
    *,
    problem: TicketRow,
    edit: ProblemEdit,
    releases: dict[int, str],
) -> None:
    release = releases.get(edit.target_release_id or -1)
    said = rules.public_changes(problem, edit, release_name=release)
    if not said:
        return
    details = rules.public_details(
        status=edit.status,
        summary=edit.public_summary,
        workaround=edit.workaround,
        target_release=release,
    )
    now_titled = problem | {"title": edit.title.strip()}
    fixed = edit.status == "Resolved" and problem["status"] != "Resolved"
    tell = notices.tell_fix_deployed if fixed else notices.tell_subscribers
    tell(conn, change, problem=now_titled, what=rules.headline(said), details=details)


def comment(
    engine: sa.Engine,
    actor: Actor,
    *,
    key: str,
    body: str,
    internal: bool,
    now: datetime,
    token: str | None = None,
) -> None:
    """Add a public comment (told to subscribers) or an internal work note, once per
    token of the form."""
    require(actor, Action.EDIT_PROBLEMS)
    if internal:
        require(actor, Action.WRITE_INTERNAL_NOTE)
    body = body.strip()
    found = text_problems("comment", body, limit=rules.TEXT_MAX, required=True)
    if found:
        raise InvalidInput(" ".join(found))
    with submissions.once(engine, token, actor=actor), writes.Save(engine) as uow:
        conn = uow.conn
        problem = load_problem(conn, actor, key=key)
        change = writes.Change(actor=actor, now=now)
        writes.add_comment(
            conn, change, ticket=problem, body=body, internal=internal, token=token
        )
        if not internal:
            what = f"New comment from {actor.display_name}"
            notices.tell_subscribers(
                conn, change, problem=problem, what=what, details=body
            )
        writes.apply(conn, change, ticket=problem)
        uow.commit()

"""Logging and editing problems, and commenting on them."""

from collections.abc import Mapping
from datetime import datetime
from functools import partial
from typing import Any

import sqlalchemy as sa

from dashboard.kernel import changes, submissions
from dashboard.kernel.i18n import _, later
from dashboard.kernel.reading import load_for_change
from dashboard.kernel.rules.authorization import Action, Actor, Role, require
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.reference import (
    CATEGORY_NAMES,
    OSP_GROUP,
    SERVICE_DESK_GROUP,
)
from dashboard.kernel.rules.ticket_text import text_problems
from dashboard.kernel.rules.workflow import INITIAL_STATUS, Kind, ticket_key
from dashboard.problems import problem_notices, problem_rules
from dashboard.problems.problem_rules import ProblemDraft, ProblemEdit
from data_access import change_store, people_store, reference_store
from data_access.ticket_store import TicketRow


def load_problem(conn: sa.Connection, actor: Actor, *, key: str) -> TicketRow:
    """A problem the actor may see, read in the writing transaction."""
    return load_for_change(conn, actor, key=key, kind=Kind.PROBLEM)


def log_problem(
    engine: sa.Engine, actor: Actor, *, draft: ProblemDraft, now: datetime
) -> str:
    """Log a new problem directly; returns its key."""
    require(actor, Action.EDIT_PROBLEMS)
    problem_rules.check_draft(draft)
    group = OSP_GROUP if actor.role is Role.OSP_ENGINEER else SERVICE_DESK_GROUP
    with changes.Save(engine) as uow:
        conn = uow.conn
        problem_id, number = change_store.next_ticket_ids(conn, Kind.PROBLEM)
        key = ticket_key(Kind.PROBLEM, number)
        change_store.insert_ticket(
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
                "group_id": people_store.group_id(conn, group),
                "category": draft.category,
                "public_summary": draft.public_summary.strip(),
                "workaround": draft.workaround.strip() or None,
                "created_at": now,
                "updated_at": now,
                "updated_by": actor.user_id,
            },
        )
        created = changes.Change(actor=actor, now=now)
        created.record("created", new_value=INITIAL_STATUS[Kind.PROBLEM])
        changes.write_history(conn, created, ticket_id=problem_id)
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
    with changes.Save(engine) as uow:
        conn = uow.conn
        releases = {r["id"]: r["name"] for r in reference_store.list_releases(conn)}
        problem = load_problem(conn, actor, key=key)
        problem_rules.check_edit(
            problem["status"], edit, release_ids=frozenset(releases)
        )
        change = changes.Change(actor=actor, now=now)
        _set_fields(change, problem, edit=edit, releases=releases)
        if not change.fields:
            raise InvalidInput(_("Nothing to save: no field was changed."))
        _tell(conn, change, problem=problem, edit=edit, releases=releases)
        changes.apply(conn, change, ticket=problem | {"version": version})
        uow.commit()


def _set_fields(
    change: changes.Change,
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


# The history's names of coded fields (stored in English, shown through `_()`).
LABELS = {"category": "category", "target_release_id": "target release"}


def _set_named(
    change: changes.Change,
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
    change: changes.Change,
    *,
    problem: TicketRow,
    edit: ProblemEdit,
    releases: dict[int, str],
) -> None:
    release = releases.get(edit.target_release_id or -1)
    said = problem_rules.told_changes(problem, edit, release_name=release)
    if not said:
        return
    details = problem_rules.public_details(
        status=edit.status,
        summary=edit.public_summary,
        workaround=edit.workaround,
        target_release=release,
    )
    now_titled = problem | {"title": edit.title.strip()}
    fixed = edit.status == "Resolved" and problem["status"] != "Resolved"
    tell = (
        problem_notices.tell_fix_deployed if fixed else problem_notices.tell_subscribers
    )
    tell(
        conn,
        change,
        problem=now_titled,
        # Put in words per recipient, in their language.
        what=partial(problem_rules.headline, said),
        details=details,
    )


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
    found = text_problems("comment", body, limit=problem_rules.TEXT_MAX, required=True)
    if found:
        raise InvalidInput(" ".join(found))
    with submissions.once(engine, token, actor=actor), changes.Save(engine) as uow:
        conn = uow.conn
        problem = load_problem(conn, actor, key=key)
        change = changes.Change(actor=actor, now=now)
        changes.add_comment(
            conn, change, ticket=problem, body=body, internal=internal, token=token
        )
        if not internal:
            what = later("New comment from {name}", name=actor.display_name)
            problem_notices.tell_subscribers(
                conn, change, problem=problem, what=what, details=body
            )
        changes.apply(conn, change, ticket=problem)
        uow.commit()

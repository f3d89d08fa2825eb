"""Fulfilling a service request: status steps, assignment, comments, notices."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.accounts.user_admin import NewAccount
from dashboard.kernel import changes, notify, submissions
from dashboard.kernel.assignment import Assigning, assigning_to
from dashboard.kernel.i18n import _, formats, later
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.notices import Text, compose
from dashboard.kernel.rules.ticket_text import COMMENT_MAX
from dashboard.kernel.rules.workflow import Kind
from dashboard.requests import request_automation
from dashboard.requests.request_steps import (
    STEP_STATUS,
    RequestFacts,
    Step,
    check_reason,
    require_step,
)
from data_access import people_store
from data_access.ticket_store import TicketRow


def facts(ticket: Mapping[str, Any]) -> RequestFacts:
    """The rules' view of a stored request."""
    return RequestFacts(
        status=ticket["status"],
        reporter_id=ticket["reporter_id"],
        org_id=ticket["org_id"],
    )


def _work(
    engine: sa.Engine,
    actor: Actor,
    *,
    key: str,
    version: int | None,
    step: Step,
    now: datetime,
    make: changes.Make,
) -> None:
    changes.change_ticket(
        engine,
        actor,
        key=key,
        kind=Kind.SERVICE_REQUEST,
        version=version,
        now=now,
        check=lambda ticket: require_step(actor, facts(ticket), step=step),
        make=make,
    )


def tell_requester(
    change: changes.Change, ticket: TicketRow, *, what: Text, details: Text = ""
) -> None:
    """Tell the requester and the LDC contact of a public change (words put in each
    reader's language: a Message, or user text)."""
    contact = ticket["ldc_contact_id"]
    told = {ticket["reporter_id"]} | ({contact} if contact is not None else set())
    change.tell(
        compose(
            event="request_updated",
            recipients=told,
            ticket_key=ticket["ticket_key"],
            title=ticket["title"],
            what=what,
            details=details,
            link=notify.ticket_link(ticket["ticket_key"]),
        )
    )


def change_status(
    engine: sa.Engine,
    actor: Actor,
    *,
    key: str,
    version: int,
    step: Step,
    reason: str = "",
    now: datetime,
) -> NewAccount | None:
    """Move a request by a step; fulfilling may open an account (its code returned)."""
    if step not in STEP_STATUS:
        raise InvalidInput(
            _("“{step}” is not a status step.").format(step=_(step.value))
        )
    reason = check_reason(step, reason)
    opened: list[NewAccount] = []

    def make(conn: sa.Connection, ticket: TicketRow, *, change: changes.Change) -> None:
        target = STEP_STATUS[step]
        change.set(ticket, "status", value=target, reason=reason)
        if step is Step.START and ticket["assignee_id"] is None:
            change.set(
                ticket,
                "assignee_id",
                value=actor.user_id,
                label="assignee",
                shown=(None, actor.display_name),
            )
        if step is Step.FULFIL:
            change.set(ticket, "resolved_at", value=now)
            account = request_automation.carry_out(conn, change, ticket=dict(ticket))
            if account is not None:
                opened.append(account)
        if step is Step.CLOSE:
            change.set(ticket, "closed_at", value=now)
        tell_requester(
            change,
            ticket,
            what=later("Status changed to {status}", status=later(target)),
            details=reason,
        )

    _work(engine, actor, key=key, version=version, step=step, now=now, make=make)
    return opened[0] if opened else None


# A request's notice keeps the event it has always had (a request was assigned by
# the incidents' code): the inbox and the mails are the same as before. Giving a
# request to a person leaves its status as it is: it starts with Start fulfilment.
ASSIGNING = Assigning(event="incident_assigned", plural="requests")


def assign(
    engine: sa.Engine,
    actor: Actor,
    *,
    key: str,
    version: int | None,
    assignee_id: int | None,
    group_code: str,
    now: datetime,
) -> None:
    """Give a request to a group and, optionally, a person in it."""
    make = assigning_to(
        assignee_id=assignee_id, group_code=group_code, assigning=ASSIGNING
    )

    _work(engine, actor, key=key, version=version, step=Step.ASSIGN, now=now, make=make)


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
    """Add a public comment or an internal work note, once per token of the form."""
    body = body.strip()
    if not body:
        raise InvalidInput(_("The comment is required."))
    if len(body) > COMMENT_MAX:
        raise InvalidInput(
            _("A comment is limited to {limit} characters.").format(
                limit=formats.number(COMMENT_MAX)
            )
        )
    step = Step.INTERNAL_NOTE if internal else Step.COMMENT

    def make(conn: sa.Connection, ticket: TicketRow, *, change: changes.Change) -> None:
        changes.add_comment(
            conn, change, ticket=ticket, body=body, internal=internal, token=token
        )
        if internal:
            return
        what = later("New comment from {name}", name=actor.display_name)
        tell_requester(change, ticket, what=what, details=body)
        if actor.is_ldc:
            _tell_worker(conn, change, ticket=ticket, what=what, details=body)

    with submissions.once(engine, token, actor=actor):
        _work(engine, actor, key=key, version=None, step=step, now=now, make=make)


def _tell_worker(
    conn: sa.Connection,
    change: changes.Change,
    *,
    ticket: TicketRow,
    what: Text,
    details: Text,
) -> None:
    """A requester's comment goes to the assignee, or to the group while unassigned."""
    if ticket["assignee_id"]:
        told = {ticket["assignee_id"]}
    else:
        told = set(people_store.group_member_ids(conn, ticket["group_code"] or ""))
    change.tell(
        compose(
            event="request_ldc_comment",
            recipients=told,
            ticket_key=ticket["ticket_key"],
            title=ticket["title"],
            what=what,
            details=details,
            link=notify.ticket_link(ticket["ticket_key"]),
        )
    )

"""Working an incident: status steps, assignment, re-classification, comments, files."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.incidents import incident_rules
from dashboard.incidents.incident_rules import Step
from dashboard.kernel import changes, notify, submissions, uploads
from dashboard.kernel.assignment import Assigning, assigning_to
from dashboard.kernel.audience import tell_ldc
from dashboard.kernel.i18n import N_, Message, _, formats, later
from dashboard.kernel.reading import load_for_change
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.notices import Text
from dashboard.kernel.rules.severity import is_critical, severity_of
from dashboard.kernel.rules.ticket_text import COMMENT_MAX, REASON_MAX, text_problems
from dashboard.kernel.rules.workflow import Kind
from dashboard.oncall import oncall_paging
from data_access import people_store
from data_access.ticket_store import StoredTicket, TicketRow

# The steps that need a reason, and the refusal when none is given.
REASON_STEPS = {
    Step.AWAIT_LDC: N_("Say what the desk needs from the LDC."),
    Step.REOPEN: N_("Say why the incident is not solved."),
    Step.CANCEL: N_("Say why the incident is cancelled."),
}


def facts(ticket: Mapping[str, Any]) -> incident_rules.IncidentFacts:
    """The rules' view of a stored incident."""
    return incident_rules.IncidentFacts(
        status=ticket["status"],
        org_id=ticket["org_id"],
        is_mdmr_wide=ticket["is_mdmr_wide"],
        reporter_id=ticket["reporter_id"],
        assignee_id=ticket["assignee_id"],
        severity=ticket["severity"],
    )


def load_incident(conn: sa.Connection, actor: Actor, *, key: str) -> TicketRow:
    """An incident the actor may see, read in the writing transaction."""
    return load_for_change(conn, actor, key=key, kind=Kind.INCIDENT)


def _work(
    engine: sa.Engine,
    actor: Actor,
    *,
    key: str,
    version: int,
    step: Step,
    now: datetime,
    make: changes.Make,
) -> None:
    changes.change_ticket(
        engine,
        actor,
        key=key,
        kind=Kind.INCIDENT,
        version=version,
        now=now,
        check=lambda ticket: incident_rules.require_step(
            actor, facts(ticket), step=step
        ),
        make=make,
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
) -> None:
    """Move an incident by a status step (start, await, resume, close, cancel…)."""
    if step not in incident_rules.STEP_STATUS or step is Step.RESOLVE:
        raise InvalidInput(
            _("“{step}” is not a status step.").format(step=_(step.value))
        )
    reason = status_reason(step, reason)

    def make(conn: sa.Connection, ticket: TicketRow, *, change: changes.Change) -> None:
        step_in(conn, change, ticket=ticket, step=step, reason=reason)

    _work(engine, actor, key=key, version=version, step=step, now=now, make=make)


def status_reason(step: Step, reason: str) -> str:
    """The reason given for a status step, checked: said where the step needs one."""
    reason = reason.strip()
    if step in REASON_STEPS and not reason:
        raise InvalidInput(_(REASON_STEPS[step]))
    _check_length(reason)
    return reason


def _check_length(reason: str) -> None:
    if len(reason) > REASON_MAX:
        raise InvalidInput(
            _("A reason is limited to {limit} characters.").format(
                limit=formats.number(REASON_MAX)
            )
        )


def step_in(
    conn: sa.Connection,
    change: changes.Change,
    *,
    ticket: StoredTicket,
    step: Step,
    reason: str = "",
    said: Text | None = None,
) -> None:
    """The status part of a change (shared by people, bulk closes and jobs): the
    reason is kept in the history as given; the LDC is told it, or what `said` says
    (words put in each reader's language)."""
    target = incident_rules.STEP_STATUS[step]
    change.set(ticket, "status", value=target, reason=reason)
    if step is Step.CLOSE:
        change.set(ticket, "closed_at", value=change.now)
    if step is Step.REOPEN:
        change.set(ticket, "resolved_at", value=None)
    if step is Step.START and ticket["assignee_id"] is None:
        change.set(
            ticket,
            "assignee_id",
            value=change.actor.user_id,
            label="assignee",
            shown=(None, change.actor.display_name),
        )
    tell_ldc(
        conn,
        change,
        ticket=ticket,
        what=later("Status changed to {status}", status=later(target)),
        details=reason if said is None else said,
    )


def assign(
    engine: sa.Engine,
    actor: Actor,
    *,
    key: str,
    version: int,
    assignee_id: int | None,
    group_code: str,
    now: datetime,
) -> None:
    """Give an incident to a group and, optionally, a person in it."""
    assigning = assigning_to(
        assignee_id=assignee_id, group_code=group_code, assigning=ASSIGNING
    )

    def make(conn: sa.Connection, ticket: TicketRow, *, change: changes.Change) -> None:
        assigning(conn, ticket, change=change)
        if assignee_id == actor.user_id:
            # Taking a paged incident oneself is acknowledging the page.
            oncall_paging.acknowledge_in(
                conn, change, ticket=ticket, how="assigned it to themselves"
            )

    _work(engine, actor, key=key, version=version, step=Step.ASSIGN, now=now, make=make)


# An incident given to a person while New is Assigned from then on.
ASSIGNING = Assigning(
    event="incident_assigned", plural="incidents", moves={"New": "Assigned"}
)


def reclassify(
    engine: sa.Engine,
    actor: Actor,
    *,
    key: str,
    version: int,
    impact: int,
    urgency: int,
    reason: str,
    now: datetime,
) -> None:
    """Set a new impact and urgency, keeping the reason; severity 1–2 go to the CIMs."""

    def make(conn: sa.Connection, ticket: TicketRow, *, change: changes.Change) -> None:
        reclassify_in(
            conn, change, ticket=ticket, impact=impact, urgency=urgency, reason=reason
        )

    _work(
        engine,
        actor,
        key=key,
        version=version,
        step=Step.RECLASSIFY,
        now=now,
        make=make,
    )


def reclassify_in(
    conn: sa.Connection,
    change: changes.Change,
    *,
    ticket: TicketRow,
    impact: int,
    urgency: int,
    reason: str,
) -> None:
    """The re-classification part of a change (shared by single and bulk)."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Say why the incident is re-classified."))
    _check_length(reason)
    severity = severity_of(impact, urgency)
    if (impact, urgency) == (ticket["impact"], ticket["urgency"]):
        raise InvalidInput(
            _("{key} already has this impact and urgency.").format(
                key=ticket["ticket_key"]
            )
        )
    for name, value in (("impact", impact), ("urgency", urgency)):
        change.set(ticket, name, value=value, label=name, reason=reason)
    change.set(ticket, "severity", value=severity, label="severity", reason=reason)
    before = ticket["severity"]
    raised = is_critical(severity) and not (before and is_critical(before))
    if raised:
        group = incident_rules.route(severity)
        critical = {g["code"]: g for g in people_store.groups(conn)}[group]
        change.set(
            ticket,
            "group_id",
            value=critical["id"],
            label="group",
            shown=(ticket["group_name"], critical["name"]),
            reason=reason,
        )
        change.tell(
            notify.about(
                ticket,
                event="incident_escalated",
                recipients=people_store.group_member_ids(conn, group),
                what=later("Raised to severity {severity}", severity=severity),
                details=later("Reason: {reason}", reason=reason),
            )
        )
        oncall_paging.start_ladder(conn, change, ticket=ticket | change.fields)
    tell_ldc(
        conn,
        change,
        ticket=ticket,
        what=later("Severity changed to {severity}", severity=severity),
        details=later("Reason: {reason}", reason=reason),
    )


def comment(
    engine: sa.Engine,
    actor: Actor,
    *,
    key: str,
    body: str,
    internal: bool,
    now: datetime,
    files: list[uploads.Upload] | None = None,
    token: str | None = None,
) -> None:
    """Add a public comment or an internal work note, with optional files, once per
    token of the form."""
    body = body.strip()
    problems = text_problems("comment", body, limit=COMMENT_MAX, required=not files)
    if problems:
        raise InvalidInput(" ".join(problems))
    uploads.check(files or [])
    step = Step.INTERNAL_NOTE if internal else (Step.COMMENT if body else Step.ATTACH)
    with submissions.once(engine, token, actor=actor), changes.Save(engine) as uow:
        conn = uow.conn
        ticket = load_incident(conn, actor, key=key)
        incident_rules.require_step(actor, facts(ticket), step=step)
        change = changes.Change(actor=actor, now=now)
        changes.add_comment(
            conn, change, ticket=ticket, body=body, internal=internal, token=token
        )
        uploads.store(conn, change, ticket_id=ticket["id"], files=files or [], now=now)
        if not internal:
            what = (
                later("New comment from {name}", name=actor.display_name)
                if body
                else later("Files added")
            )
            tell_ldc(conn, change, ticket=ticket, what=what, details=body)
            if actor.is_ldc:
                _tell_worker(conn, change, ticket=ticket, what=what, details=body)
        changes.apply(conn, change, ticket=ticket)
        uow.commit()


def _tell_worker(
    conn: sa.Connection,
    change: changes.Change,
    *,
    ticket: TicketRow,
    what: Message,
    details: str,
) -> None:
    """An LDC's comment goes to the assignee, or to the group while unassigned."""
    if ticket["assignee_id"]:
        told = {ticket["assignee_id"]}
    else:
        told = set(people_store.group_member_ids(conn, ticket["group_code"] or ""))
    change.tell(
        notify.about(
            ticket,
            event="incident_ldc_comment",
            recipients=told,
            what=what,
            details=details,
        )
    )

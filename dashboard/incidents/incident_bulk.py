"""Changing many incidents at once: one change, one transaction, all or nothing."""

from datetime import datetime

import sqlalchemy as sa

from dashboard.incidents import incident_rules
from dashboard.incidents.incident_rules import Step
from dashboard.incidents.incident_work import (
    ASSIGNING,
    facts,
    reclassify_in,
    status_reason,
    step_in,
)
from dashboard.kernel import bulk, changes
from dashboard.kernel.assignment import assigning_to
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.workflow import Kind
from data_access.ticket_store import TicketRow


def _bulk(
    engine: sa.Engine,
    actor: Actor,
    *,
    keys: list[str],
    step: Step,
    now: datetime,
    make: changes.Make,
) -> int:
    require(actor, Action.BULK_CHANGE)
    return bulk.change_tickets(
        engine,
        actor,
        keys=keys,
        kind=Kind.INCIDENT,
        now=now,
        check=lambda ticket: incident_rules.require_step(
            actor, facts(ticket), step=step
        ),
        make=make,
        noun="incident",
        verb="Change",
    )


def bulk_assign(
    engine: sa.Engine,
    actor: Actor,
    *,
    keys: list[str],
    assignee_id: int | None,
    group_code: str,
    now: datetime,
) -> int:
    """Assign several incidents to one group and person; returns how many."""
    make = assigning_to(
        assignee_id=assignee_id, group_code=group_code, assigning=ASSIGNING
    )

    return _bulk(engine, actor, keys=keys, step=Step.ASSIGN, now=now, make=make)


def bulk_reclassify(
    engine: sa.Engine,
    actor: Actor,
    *,
    keys: list[str],
    impact: int,
    urgency: int,
    reason: str,
    now: datetime,
) -> int:
    """Re-classify several incidents with one reason; returns how many."""

    def make(conn: sa.Connection, ticket: TicketRow, *, change: changes.Change) -> None:
        reclassify_in(
            conn, change, ticket=ticket, impact=impact, urgency=urgency, reason=reason
        )

    return _bulk(engine, actor, keys=keys, step=Step.RECLASSIFY, now=now, make=make)


CLOSING_STEPS = (Step.CANCEL, Step.CLOSE)


def bulk_close(
    engine: sa.Engine,
    actor: Actor,
    *,
    keys: list[str],
    step: Step,
    reason: str,
    now: datetime,
) -> int:
    """Cancel several new incidents (duplicates, not incidents) with one reason, or
    confirm and close several resolved ones; returns how many."""
    if step not in CLOSING_STEPS:
        raise InvalidInput(
            _("“{step}” does not close incidents.").format(step=_(step.value))
        )
    reason = status_reason(step, reason)

    def make(conn: sa.Connection, ticket: TicketRow, *, change: changes.Change) -> None:
        step_in(conn, change, ticket=ticket, step=step, reason=reason)

    return _bulk(engine, actor, keys=keys, step=step, now=now, make=make)

"""Changing many incidents at once: one change, one transaction, all or nothing."""

from datetime import datetime

import sqlalchemy as sa

from dashboard.incidents import incident_rules
from dashboard.incidents.incident_rules import Step
from dashboard.incidents.incident_work import (
    assign_in,
    facts,
    load_incident,
    reclassify_in,
)
from dashboard.kernel import changes
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.errors import DomainError, InvalidInput
from data_access.ticket_store import TicketRow

MAX_BULK = 200


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
    if not keys:
        raise InvalidInput("Select at least one incident.")
    if len(keys) > MAX_BULK:
        raise InvalidInput(f"Change at most {MAX_BULK} incidents at once.")
    change_id = changes.new_change_id()
    refused: list[str] = []
    with changes.Save(engine) as uow:
        for key in keys:
            try:
                ticket = load_incident(uow.conn, actor, key=key)
                incident_rules.require_step(actor, facts(ticket), step=step)
                change = changes.Change(actor=actor, now=now, change_id=change_id)
                make(uow.conn, ticket, change=change)
                changes.apply(uow.conn, change, ticket=ticket)
            except DomainError as refusal:
                refused.append(f"{key}: {refusal.message}")
        if refused:
            raise InvalidInput("Nothing was changed. " + " ".join(refused))
        uow.commit()
    return len(keys)


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

    def make(conn: sa.Connection, ticket: TicketRow, *, change: changes.Change) -> None:
        assign_in(
            conn, change, ticket=ticket, assignee_id=assignee_id, group_code=group_code
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

"""Changing many incidents at once: one change, one transaction, all or nothing."""

from datetime import datetime

import sqlalchemy as sa

from dashboard import changes as writes
from dashboard.domain import incidents as rules
from dashboard.domain.authorization import Action, Actor, require
from dashboard.domain.errors import DomainError, InvalidInput
from dashboard.domain.incidents import Step
from dashboard.incident_work import assign_in, facts, load_incident, reclassify_in
from data_access.tickets import TicketRow

MAX_BULK = 200


def _bulk(
    engine: sa.Engine,
    actor: Actor,
    *,
    keys: list[str],
    step: Step,
    now: datetime,
    make: writes.Make,
) -> int:
    require(actor, Action.BULK_CHANGE)
    if not keys:
        raise InvalidInput("Select at least one incident.")
    if len(keys) > MAX_BULK:
        raise InvalidInput(f"Change at most {MAX_BULK} incidents at once.")
    change_id = writes.new_change_id()
    refused: list[str] = []
    with writes.Save(engine) as uow:
        for key in keys:
            try:
                ticket = load_incident(uow.conn, actor, key=key)
                rules.require_step(actor, facts(ticket), step=step)
                change = writes.Change(actor=actor, now=now, change_id=change_id)
                make(uow.conn, ticket, change=change)
                writes.apply(uow.conn, change, ticket=ticket)
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

    def make(conn: sa.Connection, ticket: TicketRow, *, change: writes.Change) -> None:
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

    def make(conn: sa.Connection, ticket: TicketRow, *, change: writes.Change) -> None:
        reclassify_in(
            conn, change, ticket=ticket, impact=impact, urgency=urgency, reason=reason
        )

    return _bulk(engine, actor, keys=keys, step=Step.RECLASSIFY, now=now, make=make)

"""One change to many tickets of a kind: one transaction, one change id, all or
nothing."""

from collections.abc import Callable
from datetime import datetime

import sqlalchemy as sa

from dashboard.kernel import changes
from dashboard.kernel.reading import load_for_change
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import DomainError, InvalidInput
from dashboard.kernel.rules.workflow import Kind
from data_access.ticket_store import TicketRow

MAX_BULK = 200


def change_tickets(
    engine: sa.Engine,
    actor: Actor,
    *,
    keys: list[str],
    kind: Kind,
    now: datetime,
    check: Callable[[TicketRow], None],
    make: changes.Make,
    noun: str,
    verb: str,
) -> int:
    """Load, check and change each ticket in one transaction under one change id;
    refuse, changing none, naming every ticket refused and why; how many changed.
    `noun` and `verb` word the refusals of the selection ("incident", "Change")."""
    if not keys:
        raise InvalidInput(f"Select at least one {noun}.")
    if len(keys) > MAX_BULK:
        raise InvalidInput(f"{verb} at most {MAX_BULK} {noun}s at once.")
    change_id = changes.new_change_id()
    refused: list[str] = []
    with changes.Save(engine) as uow:
        for key in keys:
            try:
                ticket = load_for_change(uow.conn, actor, key=key, kind=kind)
                check(ticket)
                change = changes.Change(actor=actor, now=now, change_id=change_id)
                make(uow.conn, ticket, change=change)
                changes.apply(uow.conn, change, ticket=ticket)
            except DomainError as refusal:
                # Every refusal is told at once, so that one try shows them all.
                refused.append(f"{key}: {refusal.message}")
        if refused:
            raise InvalidInput("Nothing was changed. " + " ".join(refused))
        uow.commit()
    return len(keys)

"""Assigning many service requests at once: one change, all or nothing."""

from datetime import datetime

import sqlalchemy as sa

from dashboard.incidents.incident_bulk import MAX_BULK
from dashboard.incidents.incident_work import assign_in
from dashboard.kernel import changes
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import DomainError, InvalidInput
from dashboard.requests.request_steps import Step, require_step
from dashboard.requests.request_work import facts, load_request


def assign_requests(
    engine: sa.Engine,
    actor: Actor,
    *,
    keys: list[str],
    assignee_id: int | None,
    group_code: str,
    now: datetime,
) -> int:
    """Give several requests to one group and person; returns how many."""
    if not keys:
        raise InvalidInput("Select at least one request.")
    if len(keys) > MAX_BULK:
        raise InvalidInput(f"Assign at most {MAX_BULK} requests at once.")
    change_id = changes.new_change_id()
    refused: list[str] = []
    with changes.Save(engine) as uow:
        for key in keys:
            try:
                ticket = load_request(uow.conn, actor, key=key)
                require_step(actor, facts(ticket), step=Step.ASSIGN)
                change = changes.Change(actor=actor, now=now, change_id=change_id)
                assign_in(
                    uow.conn,
                    change,
                    ticket=ticket,
                    assignee_id=assignee_id,
                    group_code=group_code,
                )
                changes.apply(uow.conn, change, ticket=ticket)
            except DomainError as refusal:
                refused.append(f"{key}: {refusal.message}")
        if refused:
            raise InvalidInput("Nothing was changed. " + " ".join(refused))
        uow.commit()
    return len(keys)

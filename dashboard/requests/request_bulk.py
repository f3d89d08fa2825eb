"""Assigning many service requests at once: one change, all or nothing (the
kernel's bulk skeleton, each request checked by its own Assign step)."""

from datetime import datetime

import sqlalchemy as sa

from dashboard.kernel import bulk
from dashboard.kernel.assignment import assigning_to
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.workflow import Kind
from dashboard.requests.request_steps import Step, require_step
from dashboard.requests.request_work import ASSIGNING, facts


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
    make = assigning_to(
        assignee_id=assignee_id, group_code=group_code, assigning=ASSIGNING
    )

    # No bulk right is asked first, unlike incidents: each request's Assign step
    # needs the triage right, and whoever has it may change tickets in bulk.
    return bulk.change_tickets(
        engine,
        actor,
        keys=keys,
        kind=Kind.SERVICE_REQUEST,
        now=now,
        check=lambda ticket: require_step(actor, facts(ticket), step=Step.ASSIGN),
        make=make,
        noun="request",
        verb="Assign",
    )

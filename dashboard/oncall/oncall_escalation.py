"""The escalation job: pages unacknowledged in time climb the ladder, each step once."""

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.kernel import changes
from dashboard.kernel.auth import actor_from_row
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.reference import SYSTEM_USERNAME
from dashboard.kernel.rules.workflow import Kind, open_statuses
from dashboard.oncall import oncall_paging
from data_access import change_store, oncall_store, user_store
from data_access.conflicts import WriteConflict
from data_access.engine import UnitOfWork, read

log = logging.getLogger(__name__)
ESCALATE_EVERY_SECONDS = 60


def escalate_unacknowledged(engine: sa.Engine, *, now: datetime) -> int:
    """Take every ladder step due by now on open, unacknowledged severity 1 and 2
    incidents; returns how many steps were taken."""
    with read(engine) as conn:
        paged = oncall_store.paged_incidents(
            conn, open_statuses=open_statuses(Kind.INCIDENT)
        )
        system = user_store.find_by_username(conn, SYSTEM_USERNAME)
    if system is None or not paged:
        return 0
    actor = actor_from_row(system)
    return sum(_escalate(engine, actor, ticket=t, now=now) for t in paged)


def _escalate(
    engine: sa.Engine, actor: Actor, *, ticket: Mapping[str, Any], now: datetime
) -> int:
    try:
        with UnitOfWork(engine) as uow:
            taken = _climb(uow.conn, actor, ticket=ticket, now=now)
            uow.commit()
            return taken
    except WriteConflict:
        # Someone changes the incident now (an acknowledgement, perhaps): next pass.
        log.info("on-call escalation skipped %s: changed concurrently", ticket["id"])
        return 0


def _climb(
    conn: sa.Connection, actor: Actor, *, ticket: Mapping[str, Any], now: datetime
) -> int:
    ladder = oncall_paging.current_ladder(conn, ticket["id"])
    if ladder is None or ladder.acknowledged:
        return 0
    change = changes.Change(actor=actor, now=now)
    pages = oncall_paging.climb(conn, change, ticket=ticket, ladder=ladder)
    if not pages:
        return 0
    # Touching the row makes two passes over the same incident conflict, not page twice.
    change_store.touch_ticket(conn, ticket["id"], values={"updated_at": now})
    changes.write_history(conn, change, ticket_id=ticket["id"])
    return len(pages)

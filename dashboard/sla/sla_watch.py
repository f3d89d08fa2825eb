"""The clock watcher: time alone moves clocks to at risk and breached; say so once."""

import logging
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.kernel import changes, clocks, notify
from dashboard.kernel.auth import actor_from_row
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.reference import SYSTEM_USERNAME
from dashboard.kernel.rules.sla_text import CLOCK_LABELS, STATE_LABELS
from data_access import people_store, sla_store, ticket_store, user_store
from data_access.conflicts import WriteConflict
from data_access.engine import UnitOfWork, read
from data_access.visibility import Viewer

log = logging.getLogger(__name__)
_EVERYTHING = Viewer(user_id=0, org_id=0, all_organizations=True, internal_notes=True)


def alert_state(clock: dict[str, Any]) -> str | None:
    """The alert a stored open clock calls for: breached, at risk, or none."""
    if clock["stopped_at"] is not None:
        return None
    if clock["state"] == "breached":
        return "breached"
    return "at_risk" if clock["at_risk"] else None


def watch_clocks(engine: sa.Engine, *, now: datetime) -> int:
    """Recompute the open clocks as of now and alert each new at-risk or breach once;
    returns how many alerts were queued."""
    with read(engine) as conn:
        ticket_ids = sla_store.open_ticket_ids(conn)
        system = user_store.find_by_username(conn, SYSTEM_USERNAME)
        managers = people_store.role_ids(conn, "sme_manager")
    if system is None:
        return 0
    actor, sent = actor_from_row(system), 0
    for ticket_id in ticket_ids:
        try:
            sent += _watch_one(
                engine, actor, ticket_id=ticket_id, managers=managers, now=now
            )
        except WriteConflict:
            # Someone is changing this ticket now; their change recomputes it, and
            # the next pass looks again.
            log.info("clock watch skipped ticket %s: changed concurrently", ticket_id)
    return sent


def _watch_one(
    engine: sa.Engine,
    actor: Actor,
    *,
    ticket_id: int,
    managers: frozenset[int],
    now: datetime,
) -> int:
    with UnitOfWork(engine) as uow:
        conn = uow.conn
        clocks.recompute(conn, ticket_id, now=now)
        ticket = ticket_store.get_ticket_by_id(conn, _EVERYTHING, ticket_id=ticket_id)
        if ticket is None:
            return 0
        done = sla_store.alerted(conn, ticket_id)
        change = changes.Change(actor=actor, now=now)
        for clock in sla_store.clocks_of(conn, _EVERYTHING, ticket_id=ticket_id):
            state = alert_state(clock)
            if state is None or (clock["clock"], clock["started_at"], state) in done:
                continue
            sla_store.record_alert(
                conn,
                ticket_id,
                clock=clock["clock"],
                started_at=clock["started_at"],
                state=state,
                now=now,
            )
            change.record(
                "sla_alert", field=clock["clock"], new_value=state, is_internal=True
            )
            told = set(managers)
            if ticket["assignee_id"]:
                told.add(ticket["assignee_id"])
            if ticket["group_code"]:
                told |= people_store.group_member_ids(conn, ticket["group_code"])
            what = f"{CLOCK_LABELS[clock['clock']]} SLA {STATE_LABELS[state].lower()}"
            change.tell(
                notify.about(
                    ticket,
                    event=f"sla_{state}",
                    recipients=told,
                    what=what,
                    details=f"Due {clock['due_at']:%Y-%m-%d %H:%M} UTC.",
                )
            )
        if not change.events:
            uow.commit()
            return 0
        changes.write_history(conn, change, ticket_id=ticket_id)
        uow.commit()
        return len(change.notices)

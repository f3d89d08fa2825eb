"""The auto-close job: resolved incidents close after N business days unconfirmed."""

from datetime import datetime, timedelta

import sqlalchemy as sa

from dashboard.incidents.incident_rules import Step
from dashboard.incidents.incident_work import step_in
from dashboard.kernel import changes
from dashboard.kernel.auth import actor_from_row
from dashboard.kernel.i18n import later
from dashboard.kernel.rules.calendar import BUSINESS_DAY_MINUTES, calendar_for
from dashboard.kernel.rules.reference import SYSTEM_USERNAME
from dashboard.kernel.rules.workflow import Kind, check_transition
from dashboard.kernel.store import AUTO_CLOSE_BUSINESS_DAYS
from data_access import reference_store, ticket_store, user_store
from data_access.engine import UnitOfWork


def auto_close_days(conn: sa.Connection) -> int:
    """How many business days a resolved incident waits for its reporter."""
    value = reference_store.get_setting(conn, "auto_close_business_days")
    return int(value) if value and value.isdigit() else AUTO_CLOSE_BUSINESS_DAYS


def close_resolved_incidents(engine: sa.Engine, *, now: datetime) -> list[str]:
    """Close every incident resolved for the set number of business days."""
    with UnitOfWork(engine) as uow:
        conn = uow.conn
        days = auto_close_days(conn)
        calendar = calendar_for(
            "business", closure_days=reference_store.closure_days(conn, "business")
        )
        # No business day is shorter than a calendar day: a cheap first cut in SQL.
        candidates = ticket_store.resolved_incidents_before(
            conn, now - timedelta(days=days)
        )
        due = [
            t
            for t in candidates
            if (resolved := t["resolved_at"]) is not None
            and calendar.add_business_minutes(resolved, days * BUSINESS_DAY_MINUTES)
            <= now
        ]
        system = user_store.find_by_username(conn, SYSTEM_USERNAME)
        if not due or system is None:
            return []
        actor = actor_from_row(system)
        change_id = changes.new_change_id()
        for ticket in due:
            check_transition(Kind.INCIDENT, ticket["status"], target="Closed")
            change = changes.Change(actor=actor, now=now, change_id=change_id)
            # Kept in the history as it is; told in each reader's language.
            step_in(
                conn,
                change,
                ticket=ticket,
                step=Step.CLOSE,
                reason=f"Closed automatically after {days} business days in Resolved.",
                said=later(
                    "Closed automatically after {days} business days in Resolved.",
                    days=days,
                ),
            )
            changes.apply(conn, change, ticket=ticket)
        uow.commit()
    return [t["ticket_key"] for t in due]

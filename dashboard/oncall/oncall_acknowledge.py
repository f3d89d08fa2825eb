"""Acknowledging a page, and where an incident's ladder stands, as staff read it."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.kernel import changes
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.authorization import Action, Actor, may, require
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.workflow import DONE_STATUSES, Kind
from dashboard.oncall import oncall_paging, oncall_rules
from data_access import oncall_store
from data_access.engine import read
from data_access.ticket_store import TicketRow


def acknowledge(engine: sa.Engine, actor: Actor, *, key: str, now: datetime) -> None:
    """Acknowledge an incident's page: the ladder climbs no further."""
    require(actor, Action.TRIAGE)

    def check(ticket: TicketRow) -> None:
        status = str(ticket["status"])
        if status in DONE_STATUSES[Kind.INCIDENT]:
            raise InvalidInput(
                _("{key} is {status}: nothing to acknowledge.").format(
                    key=key, status=_(status)
                )
            )

    def make(conn: sa.Connection, ticket: TicketRow, *, change: changes.Change) -> None:
        # The history's reason stays in English, as every stored reason.
        if not oncall_paging.acknowledge_in(
            conn, change, ticket=ticket, how="acknowledged the page"
        ):
            raise InvalidInput(
                _("{key} has no page waiting to be acknowledged.").format(key=key)
            )

    changes.change_ticket(
        engine,
        actor,
        key=key,
        kind=Kind.INCIDENT,
        version=None,
        now=now,
        check=check,
        make=make,
    )


@dataclass(frozen=True)
class LadderState:
    """What staff read of an incident's ladder (in the current language)."""

    lines: list[str]
    waiting: bool  # paged and not yet acknowledged


def ladder_state(
    engine: sa.Engine, actor: Actor, *, ticket: Mapping[str, Any]
) -> LadderState | None:
    """The ladder of a severity 1 or 2 incident, for staff; None when it has none."""
    if not may(actor, Action.SEE_ONCALL) or ticket["kind"] != Kind.INCIDENT.value:
        return None
    with read(engine) as conn:
        events = oncall_store.ladder_events(conn, ticket["id"])
        ladder = oncall_rules.ladder_of(events)
        if ladder is None:
            return None
        minutes = oncall_paging.acknowledge_minutes(conn, ticket)
    since = [e for e in events if e["occurred_at"] >= ladder.started_at]
    lines = [_line(e) for e in since]
    open_ = ticket["status"] not in DONE_STATUSES[Kind.INCIDENT]
    critical = ticket["severity"] in (1, 2)
    waiting = not ladder.acknowledged and open_ and critical
    step = oncall_rules.next_step(ladder)
    if waiting and step is not None and lines:
        due = oncall_rules.due_at(
            step, started_at=ladder.started_at, acknowledge_minutes=minutes
        )
        lines[-1] = _("{line}; escalates to {step} at {at}").format(
            line=lines[-1],
            step=_(oncall_rules.STEP_LABELS[step]),
            at=oncall_rules.when(due),
        )
    return LadderState(lines, waiting=waiting)


def _line(event: Mapping[str, Any]) -> str:
    at = oncall_rules.when(event["occurred_at"])
    if event["event_type"] == oncall_rules.ACKNOWLEDGED:
        return _("Acknowledged by {name} {at}").format(name=event["actor_name"], at=at)
    step = _(oncall_rules.STEP_LABELS[oncall_rules.Step(event["field"])])
    if not event["new_value"]:
        return _("Nobody on call as {step} {at}: went on at once").format(
            step=step, at=at
        )
    return _("Paged {step} {name} {at}").format(
        step=step, name=event["new_value"], at=at
    )

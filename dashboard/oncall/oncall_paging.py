"""Paging the people on call, inside the transaction of the change that calls for it:
a filing, a raise to severity 1 or 2, an escalation pass, an acknowledgement."""

from collections.abc import Mapping
from datetime import datetime, timedelta
from functools import partial
from typing import Any

import sqlalchemy as sa

from dashboard.kernel import changes, notify
from dashboard.kernel.i18n import Message, later
from dashboard.kernel.rules.notices import Notice
from dashboard.kernel.rules.severity import is_critical
from dashboard.kernel.rules.timezones import show
from dashboard.oncall import oncall_rules
from dashboard.oncall.oncall_rules import Ladder, Page, Rota, Step
from data_access import oncall_store, people_store

CIM_ROLE = "critical_incident_manager"
MANAGER_ROLE = "sme_manager"


def rota_at(conn: sa.Connection, at: datetime) -> Rota:
    """The rota rows that decide who is on call at an instant."""
    day = oncall_rules.local_day(at)
    week = oncall_rules.week_of(day)
    weeks = oncall_store.weeks(conn, start=week, end=week + timedelta(days=1))
    days = oncall_store.days(conn, start=day, end=day + timedelta(days=1))
    return Rota(
        weeks={(r["day"], r["role"]): r["user_id"] for r in weeks},
        days={(r["day"], r["role"]): r["user_id"] for r in days},
    )


def on_call(conn: sa.Connection, at: datetime) -> dict[Step, int | None]:
    """Who holds each rota role at an instant."""
    rota = rota_at(conn, at)
    return {role: rota.on_call(at, role) for role in oncall_rules.ROLES}


def everyone(conn: sa.Connection) -> frozenset[int]:
    """The last rung: every active Critical Incident Manager and SME manager."""
    return people_store.role_ids(conn, CIM_ROLE) | people_store.role_ids(
        conn, MANAGER_ROLE
    )


def acknowledge_minutes(conn: sa.Connection, ticket: Mapping[str, Any]) -> int:
    """The ticket's policy acknowledge time for its severity (or the default)."""
    severity = int(ticket["severity"])
    policy = oncall_store.acknowledge_minutes(
        conn, policy_id=ticket["sla_policy_id"], severity=severity
    )
    return oncall_rules.acknowledge_minutes(severity, policy=policy)


def start_ladder(
    conn: sa.Connection, change: changes.Change, *, ticket: Mapping[str, Any]
) -> None:
    """Page the primary now, when the incident is (or has become) severity 1 or 2."""
    if ticket["severity"] is None or not is_critical(int(ticket["severity"])):
        return
    climb(conn, change, ticket=ticket, ladder=oncall_rules.start(change.now))


def climb(
    conn: sa.Connection,
    change: changes.Change,
    *,
    ticket: Mapping[str, Any],
    ladder: Ladder,
) -> list[Page]:
    """Take the ladder's steps due now: a history event and an urgent notice each."""
    minutes = acknowledge_minutes(conn, ticket)
    pages = oncall_rules.pages_due(
        ladder,
        now=change.now,
        acknowledge_minutes=minutes,
        on_call=on_call(conn, change.now),
        everyone=everyone(conn),
    )
    names = {p["id"]: p["display_name"] for p in people_store.people(conn, _all(pages))}
    done, notices = ladder.done, []
    for page in pages:
        done = done | {page.step}
        after = Ladder(ladder.started_at, done, acknowledged=False)
        notices += _record(
            change, ticket=ticket, page=page, names=names, next_at=_next(after, minutes)
        )
    # A page is an email of its own, marked urgent, apart from the change's others.
    notify.queue(
        conn,
        notices,
        ticket_id=ticket["id"],
        change_id=changes.new_change_id(),
        now=change.now,
    )
    return pages


def _all(pages: list[Page]) -> frozenset[int]:
    return frozenset(person for page in pages for person in page.people)


def _next(ladder: Ladder, minutes: int) -> tuple[Step, datetime] | None:
    step = oncall_rules.next_step(ladder)
    if step is None:
        return None
    return step, oncall_rules.due_at(
        step, started_at=ladder.started_at, acknowledge_minutes=minutes
    )


def _record(
    change: changes.Change,
    *,
    ticket: Mapping[str, Any],
    page: Page,
    names: Mapping[int, str],
    next_at: tuple[Step, datetime] | None,
) -> list[Notice]:
    """The page's history event (in English, as every stored reason), and its
    notice, put in words in each recipient's language (none when nobody holds the
    step)."""
    label = oncall_rules.STEP_LABELS[page.step]
    who = ", ".join(sorted(names[p] for p in page.people))
    if not page.people:
        change.record(
            oncall_rules.PAGED,
            field=page.step.value,
            reason=f"Nobody is on call as {label}: the page goes on at once.",
            is_internal=True,
        )
        return []
    climbs = (
        f" Unacknowledged, it goes to the {oncall_rules.STEP_LABELS[next_at[0]]} at "
        f"{show(next_at[1])}."
        if next_at
        else ""
    )
    change.record(
        oncall_rules.PAGED,
        field=page.step.value,
        new_value=who,
        reason=f"Paged the {label}: {who}.{climbs}",
        is_internal=True,
    )
    told = page.people - {change.actor.user_id}
    if not told:
        return []
    return [
        notify.about(
            ticket,
            event=oncall_rules.PAGED,
            recipients=told,
            what=later(
                "Urgent: severity {severity} incident, you are paged ({step})",
                severity=ticket["severity"],
                step=later(oncall_rules.PAGED_AS[page.step]),
            ),
            details=_what_next(next_at),
        )
    ]


def _what_next(next_at: tuple[Step, datetime] | None) -> Message:
    """What a paged person is asked, and when the page climbs on, in their words."""
    if next_at is None:
        return later("Acknowledge it on the incident's page.")
    step, at = next_at
    return later(
        "Acknowledge it on the incident's page. Unacknowledged, it goes to the "
        "{step} at {at}.",
        step=later(oncall_rules.STEP_LABELS[step]),
        at=partial(oncall_rules.when, at),
    )


def current_ladder(conn: sa.Connection, ticket_id: int) -> Ladder | None:
    """Where the incident's ladder stands, from its history."""
    return oncall_rules.ladder_of(oncall_store.ladder_events(conn, ticket_id))


def acknowledge_in(
    conn: sa.Connection,
    change: changes.Change,
    *,
    ticket: Mapping[str, Any],
    how: str,
) -> bool:
    """Record the acknowledgement of a page still waiting for one; whether there was."""
    ladder = current_ladder(conn, ticket["id"])
    if ladder is None or ladder.acknowledged:
        return False
    change.record(
        oncall_rules.ACKNOWLEDGED,
        new_value=change.actor.display_name,
        reason=how,
        is_internal=True,
    )
    return True

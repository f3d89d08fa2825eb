"""The clock watcher: time alone moves clocks to at risk and breached; say so once.

A pass recomputes each open ticket's clocks, then, in one transaction, records every
clock that went at risk or breached since the last pass and tells each person once:
one notice naming all of their tickets, so that thirty clocks breaching in the same
minute make one inbox line and one email, not thirty.

A notice is put in words once per recipient, in the recipient's language: its words
are functions called then (never `_()` here, which would be the watcher's)."""

import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.kernel import changes, clocks, notify
from dashboard.kernel.auth import actor_from_row
from dashboard.kernel.i18n import _, formats, ngettext
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.notices import Notice, compose
from dashboard.kernel.rules.reference import SYSTEM_USERNAME
from dashboard.kernel.rules.sla_text import CLOCK_LABELS, STATE_LABELS
from dashboard.kernel.rules.timezones import show
from data_access import change_store, people_store, sla_store, user_store
from data_access.conflicts import WriteConflict
from data_access.engine import UnitOfWork, read

log = logging.getLogger(__name__)
TRIES = 3
SUMMARY_EVENT = "sla_alerts"

Alert = dict[str, Any]


def watch_clocks(engine: sa.Engine, *, now: datetime) -> int:
    """Recompute the open clocks as of now and alert each new at-risk or breach once,
    one notice per person for the whole pass; returns how many clocks were alerted."""
    with read(engine) as conn:
        ticket_ids = sla_store.open_ticket_ids(conn)
        system = user_store.find_by_username(conn, SYSTEM_USERNAME)
    if system is None:
        return 0
    for ticket_id in ticket_ids:
        _recompute(engine, ticket_id=ticket_id, now=now)
    actor = actor_from_row(system)
    for attempt in range(TRIES):
        try:
            return _alert(engine, actor, now=now)
        except WriteConflict:
            # Another watcher recorded the same alerts: look again at what is left.
            time.sleep(0.05 * (attempt + 1))
    log.warning("clock watch could not record its alerts: the next pass retries")
    return 0


def _recompute(engine: sa.Engine, *, ticket_id: int, now: datetime) -> None:
    try:
        with UnitOfWork(engine) as uow:
            clocks.recompute(uow.conn, ticket_id, now=now)
            uow.commit()
    except WriteConflict:
        # Someone is changing this ticket now; their change recomputes it.
        log.info("clock watch skipped ticket %s: changed concurrently", ticket_id)


def _alert(engine: sa.Engine, actor: Actor, *, now: datetime) -> int:
    with UnitOfWork(engine) as uow:
        conn = uow.conn
        alerts = sla_store.new_alerts(conn)
        if not alerts:
            return 0
        change_id = changes.new_change_id()
        told = _told(conn, alerts)
        heard: dict[int, int] = defaultdict(int)
        for person, theirs in _by_person(alerts, told).items():
            first = min(theirs, key=lambda a: _first(a, person=person))
            notice = summary(theirs, recipient=person)
            if notify.queue(
                conn,
                [notice],
                ticket_id=first["ticket_id"],
                change_id=change_id,
                now=now,
            ):
                for ticket_id in {a["ticket_id"] for a in theirs}:
                    heard[ticket_id] += 1
        for alert in alerts:
            sla_store.record_alert(
                conn,
                alert["ticket_id"],
                clock=alert["clock"],
                started_at=alert["started_at"],
                state=alert["state"],
                now=now,
            )
        _write_history(
            conn, alerts, heard=heard, actor=actor, change_id=change_id, now=now
        )
        uow.commit()
        return len(alerts)


def _told(conn: sa.Connection, alerts: list[Alert]) -> dict[int, frozenset[int]]:
    """Who hears of each ticket's alerts: its assignee, its group, the SME managers."""
    managers = people_store.role_ids(conn, "sme_manager")
    groups = {a["group_code"] for a in alerts if a["group_code"]}
    members = {g: people_store.group_member_ids(conn, g) for g in groups}
    told: dict[int, frozenset[int]] = {}
    for alert in alerts:
        people = set(managers) | members.get(alert["group_code"], frozenset())
        if alert["assignee_id"]:
            people.add(alert["assignee_id"])
        told[alert["ticket_id"]] = frozenset(people)
    return told


def _by_person(
    alerts: list[Alert], told: dict[int, frozenset[int]]
) -> dict[int, list[Alert]]:
    found: dict[int, list[Alert]] = defaultdict(list)
    for alert in alerts:
        for person in told[alert["ticket_id"]]:
            found[person].append(alert)
    return found


def _first(alert: Alert, *, person: int) -> tuple[bool, bool, datetime, str]:
    # The notice opens the person's own ticket first, then the worst and soonest.
    return (
        alert["assignee_id"] != person,
        alert["state"] != "breached",
        alert["due_at"],
        alert["ticket_key"],
    )


def summary(alerts: list[Alert], *, recipient: int) -> Notice:
    """One person's notice of the alerts of one pass (all of one ticket, or many)."""
    ordered = sorted(alerts, key=lambda a: _first(a, person=recipient))
    keys = list(dict.fromkeys(a["ticket_key"] for a in ordered))
    states = {a["state"] for a in ordered}
    if len(keys) == 1:
        first = ordered[0]

        # Put in words when each recipient's notice is written, in their language.
        def what() -> str:
            return "; ".join(_what(a) for a in ordered)

        def details() -> str:
            return "\n".join(
                _("{what}: due {due}.").format(what=_what(a), due=show(a["due_at"]))
                for a in ordered
            )

        return compose(
            event=f"sla_{states.pop()}" if len(states) == 1 else SUMMARY_EVENT,
            recipients={recipient},
            ticket_key=first["ticket_key"],
            title=first["title"],
            what=what,
            details=details,
            link=notify.ticket_link(first["ticket_key"]),
        )

    def words() -> tuple[str, str]:
        subject = _subject(ordered)
        lines = [
            f"{subject}.",
            "",
            _("Clocks that changed state in this pass:"),
        ]
        for alert in ordered:
            lines += [_line(alert), f"  {notify.ticket_link(alert['ticket_key'])}"]
        return subject, "\n".join(lines)

    return Notice(event=SUMMARY_EVENT, recipients=frozenset({recipient}), words=words)


# The words below are called inside a notice's words, in its reader's language.
def _clock(alert: Alert) -> str:
    label = CLOCK_LABELS[alert["clock"]]
    return _(label)


def _state(alert: Alert) -> str:
    label = STATE_LABELS[alert["state"]]
    return _(label).lower()


def _what(alert: Alert) -> str:
    return _("{clock} SLA {state}").format(clock=_clock(alert), state=_state(alert))


def _line(alert: Alert) -> str:
    # Each line starts with the ticket's key: the inbox links every key it lists.
    return _("{key} · {clock} {state}, due {due} · {title}").format(
        key=alert["ticket_key"],
        clock=_clock(alert),
        state=_state(alert),
        due=show(alert["due_at"]),
        title=alert["title"],
    )


def _subject(alerts: Iterable[Alert]) -> str:
    worst: dict[str, str] = {}
    for alert in alerts:
        if worst.get(alert["ticket_key"]) != "breached":
            worst[alert["ticket_key"]] = alert["state"]
    breached = sum(1 for s in worst.values() if s == "breached")
    at_risk = len(worst) - breached
    counts = {"breached": formats.number(breached), "at_risk": formats.number(at_risk)}
    if breached and at_risk:
        return ngettext(
            "SLA: {breached} ticket breached, {at_risk} at risk",
            "SLA: {breached} tickets breached, {at_risk} at risk",
            breached,
        ).format(**counts)
    if breached:
        return ngettext(
            "SLA: {breached} ticket breached",
            "SLA: {breached} tickets breached",
            breached,
        ).format(**counts)
    return ngettext(
        "SLA: {at_risk} ticket at risk", "SLA: {at_risk} tickets at risk", at_risk
    ).format(**counts)


def _write_history(
    conn: sa.Connection,
    alerts: list[Alert],
    *,
    heard: dict[int, int],
    actor: Actor,
    change_id: str,
    now: datetime,
) -> None:
    """Each ticket's history says which of its clocks were alerted, and to how many."""
    events: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for alert in alerts:
        events[alert["ticket_id"]].append(
            {
                "event_type": "sla_alert",
                "field": alert["clock"],
                "new_value": alert["state"],
                "is_internal": True,
            }
        )
    for ticket_id, rows in events.items():
        if heard.get(ticket_id):
            rows.append(
                {
                    "event_type": "notification_queued",
                    "new_value": f"{heard[ticket_id]} recipient(s)",
                    "reason": "in the SLA alert summary of the clock watch",
                    "is_internal": True,
                }
            )
        change_store.add_events(
            conn,
            ticket_id,
            events=rows,
            actor_id=actor.user_id,
            change_id=change_id,
            now=now,
        )

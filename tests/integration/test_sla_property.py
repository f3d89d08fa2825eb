"""The stored clocks equal a full recompute, after any sequence of changes.

Hypothesis drives an incident and a service request through random sequences of
what people do to them (status steps, resolutions, public and internal comments by
staff and by the LDC, re-classifications, assignments) interleaved with what SME
managers do to every ticket at once (closure days added and removed, a new policy
version re-applied to open tickets). After every action, each ticket's stored
clock rows, deadline and state must equal the clocks computed afresh from its
history, the current policy and calendar, at the instant they were stored: no
change may adjust a deadline piecemeal, and none that moves a clock may forget to
recompute it.
"""

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import sqlalchemy as sa
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dashboard.incidents import incident_work
from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_resolution import Resolution, resolve
from dashboard.incidents.incident_rules import STEP_STATUS as INCIDENT_STEP_STATUS
from dashboard.incidents.incident_rules import IncidentDraft, Step, steps_for
from dashboard.kernel import auth, clocks
from dashboard.kernel.reading import load_for_change
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed
from dashboard.kernel.rules.sla_policy import MAX_TARGET_MINUTES
from dashboard.kernel.rules.workflow import Kind
from dashboard.requests import request_steps, request_work
from dashboard.requests.request_filing import RequestDraft, file_request
from dashboard.sla import sla_admin
from data_access import sla_store
from data_access.engine import read
from data_access.schema import tickets
from tests.factories import PASSWORD, T0, World

_USERS = ("sme.agent1", "osp.eng1", "alpha.user1", "sme.manager1")


@dataclass
class Desk:
    """The world, its signed-in people, and the instant the last action happened."""

    world: World
    people: dict[str, Actor]
    now: datetime

    def later(self, minutes: int) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now

    def version(self, key: str) -> int:
        with read(self.world.engine) as conn:
            return int(
                conn.scalar(
                    sa.select(tickets.c.version).where(tickets.c.ticket_key == key)
                )
            )


# One action: (what, who, a number that picks among the choices, minutes later).
ACTIONS = st.tuples(
    st.sampled_from(
        (
            "step",
            "step",
            "step",
            "resolve",
            "comment",
            "reclassify",
            "request_step",
            "closure_day",
            "policy",
        )
    ),
    st.sampled_from(_USERS),
    st.integers(min_value=0, max_value=1_000),
    st.sampled_from((1, 7, 45, 200, 600, 1_440, 3 * 1_440)),
)


def _status_step(desk: Desk, kind: Kind, *, key: str, who: str, pick: int) -> None:
    # One of the status steps this person may take now, through the kind's own
    # rules and use case (the same ones the ticket page offers).
    actor = desk.people[who]
    with read(desk.world.engine) as conn:
        ticket = load_for_change(conn, actor, key=key, kind=kind)
    if kind is Kind.INCIDENT:
        offered: list[Any] = steps_for(actor, incident_work.facts(ticket))
        moves: Any = incident_work.change_status
        status_steps: Any = {s for s in INCIDENT_STEP_STATUS if s is not Step.RESOLVE}
    else:
        offered = request_steps.steps_for(actor, request_work.facts(ticket))
        moves, status_steps = request_work.change_status, request_steps.STEP_STATUS
    steps = [s for s in offered if s in status_steps]
    if steps:
        moves(
            desk.world.engine,
            actor,
            key=key,
            version=desk.version(key),
            step=steps[pick % len(steps)],
            reason="Because the test says so",
            now=desk.now,
        )


def _closure_day(desk: Desk, who: str, *, pick: int) -> None:
    # A day from two days before the action to a week after it: past days move
    # paused and stopped clocks' arithmetic, future days move running deadlines.
    day = (desk.now - timedelta(days=2)).date() + timedelta(days=pick % 10)
    manager = desk.people["sme.manager1"]
    listed = {c["day"] for c in sla_admin.closure_days(desk.world.engine, manager)}
    if day in listed:
        sla_admin.remove_closure_day(desk.world.engine, manager, day=day, now=desk.now)
    else:
        sla_admin.add_closure_day(
            desk.world.engine, manager, day=day, reason="Storm", now=desk.now
        )


def _policy(desk: Desk, pick: int) -> None:
    manager = desk.people["sme.manager1"]
    newest = sla_admin.versions(desk.world.engine, manager)[0]
    factor = (0.5, 2.0, 0.25, 1.5)[pick % 4]

    def scaled(value: Any) -> Any:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return None
        # Within what a manager may save: a year at the most.
        return min(max(1, int(value * factor)), MAX_TARGET_MINUTES)

    rows = [
        r
        | {
            name: scaled(r[name])
            for name in (
                "first_response_minutes",
                "update_minutes",
                "resolution_minutes",
            )
        }
        for r in sla_admin.targets_of(
            desk.world.engine, manager, policy_id=newest["id"]
        )
    ]
    sla_admin.save_version(
        desk.world.engine, manager, rows=rows, note="Tuned", now=desk.now
    )
    if pick % 2 == 0:
        latest = sla_admin.versions(desk.world.engine, manager)[0]
        sla_admin.reapply(
            desk.world.engine, manager, policy_id=latest["id"], now=desk.now
        )


def _act(
    desk: Desk, incident: str, *, request: str, action: tuple[str, str, int, int]
) -> None:
    what, who, pick, minutes = action
    desk.later(minutes)
    actor = desk.people[who]
    engine = desk.world.engine
    doings: dict[str, Callable[[], object]] = {
        "step": lambda: _status_step(
            desk, Kind.INCIDENT, key=incident, who=who, pick=pick
        ),
        "request_step": lambda: _status_step(
            desk, Kind.SERVICE_REQUEST, key=request, who=who, pick=pick
        ),
        "resolve": lambda: resolve(
            engine,
            actor,
            key=incident,
            version=desk.version(incident),
            resolution=Resolution("fixed", "Restarted the VEE job"),
            now=desk.now,
        ),
        "comment": lambda: incident_work.comment(
            engine,
            actor,
            key=incident,
            body="Looking into it",
            internal=pick % 3 == 0 and who != "alpha.user1",
            now=desk.now,
        ),
        "reclassify": lambda: incident_work.reclassify(
            engine,
            actor,
            key=incident,
            version=desk.version(incident),
            impact=1 + pick % 4,
            urgency=1 + (pick // 4) % 4,
            reason="Wider than thought",
            now=desk.now,
        ),
        "closure_day": lambda: _closure_day(desk, who, pick=pick),
        "policy": lambda: _policy(desk, pick),
    }
    if what in MAY_BE_REFUSED:
        # Not allowed for this person now (the rules are tested elsewhere): the
        # refusal changes nothing, which the comparison that follows also checks.
        with contextlib.suppress(InvalidInput, NotAllowed):
            doings[what]()
    else:
        # Steps are picked among those offered, and managers administer: these
        # must succeed.
        doings[what]()
        event(f"{what} done")


# What an LDC user, or a ticket already resolved or closed, may be refused.
MAY_BE_REFUSED = frozenset({"resolve", "comment", "reclassify"})


def _fresh_equals_stored(desk: Desk, key: str) -> None:
    with read(desk.world.engine) as conn:
        ticket_id = conn.scalar(
            sa.select(tickets.c.id).where(tickets.c.ticket_key == key)
        )
        found = sla_store.ticket_inputs(conn, ticket_id)
        assert found is not None
        ticket, events = found
        stored = sla_store.stored_clocks(conn, ticket_id)
        computed_at = max(r["computed_at"] for r in stored)
        policies = clocks.domain_policies(sla_store.policies(conn))
        # The scalar calendar: the bulk and per-change paths use the index.
        version, computed = clocks.compute(
            ticket,
            events,
            policies=policies,
            cals=clocks.calendars(conn),
            now=computed_at,
        )
    fresh = clocks.rows_of(ticket_id, computed, version=version, now=computed_at)
    assert _comparable(stored) == _comparable(fresh), key
    assert (ticket["sla_due_at"], ticket["sla_state"]) == clocks.summary(computed)


def _comparable(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    def value(v: Any) -> Any:
        return float(np.float32(v)) if isinstance(v, float) else v

    return sorted(
        tuple((k, value(v)) for k, v in sorted(r.items()) if k != "computed_at")
        for r in rows
    )


_counter = {"examples": 0}


# The same 20 sequences on every run of the test command; SLA_EXPLORE=N searches N
# fresh random ones (found: a closure day forgot clocks met before it).
EXPLORE = int(os.environ.get("SLA_EXPLORE", "0"))


@settings(
    max_examples=EXPLORE or 20,
    derandomize=not EXPLORE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    actions=st.lists(ACTIONS, min_size=1, max_size=10),
    impact=st.integers(1, 4),
    urgency=st.integers(1, 4),
)
def test_stored_clocks_equal_a_full_recompute_after_any_sequence_of_changes(
    world: World, actions: list[tuple[str, str, int, int]], *, impact: int, urgency: int
) -> None:
    # Every example starts 60 days after the previous one: policy re-application
    # recomputes the earlier examples' open tickets, which must not be "in the future".
    _counter["examples"] += 1
    start = T0 + timedelta(days=60 * _counter["examples"], hours=impact * 7)
    people = {
        name: auth.sign_in(world.engine, username=name, password=PASSWORD, now=T0).actor
        for name in _USERS
    }
    desk = Desk(world, people, start)
    draft = IncidentDraft(
        title="VEE edits missing",
        description="Since the weekend",
        category="vee",
        environment="Production",
        impact=impact,
        urgency=urgency,
        org_id=world.orgs["Alpha Hydro"],
    )
    incident = file_incident(
        world.engine, people["alpha.user1"], draft=draft, files=[], now=start
    )
    question = RequestDraft(
        request_type="question",
        org_id=world.orgs["Alpha Hydro"],
        answers={"topic": "Billing cycles", "question": "When does the cycle close?"},
        ldc_contact_id=None,
    )
    request = file_request(
        world.engine, people["alpha.user1"], draft=question, now=start
    )
    for action in actions:
        _act(desk, incident, request=request, action=action)
        _fresh_equals_stored(desk, incident)
        _fresh_equals_stored(desk, request)

"""Incidents and requests are assigned, bulk-changed and filed alike: one kernel
skeleton, seen through each kind's public use cases."""

from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

import pytest
import sqlalchemy as sa

from dashboard.incidents import incident_work
from dashboard.incidents.incident_bulk import bulk_assign
from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_rules import IncidentDraft
from dashboard.kernel import reading
from dashboard.kernel.rules.errors import DomainError, InvalidInput
from dashboard.requests import request_work
from dashboard.requests.request_bulk import assign_requests
from dashboard.requests.request_filing import RequestDraft, file_request
from data_access.schema import notifications, ticket_events
from tests.factories import T0, World, actor

LATER = T0 + timedelta(hours=2)
KINDS = ("alpha-inc", "alpha-sr")
ASSIGN = {"alpha-inc": incident_work.assign, "alpha-sr": request_work.assign}
BULK: dict[str, Callable[..., int]] = {
    "alpha-inc": bulk_assign,
    "alpha-sr": assign_requests,
}


def ticket(world: World, key: str) -> dict[str, Any]:
    return reading.get_ticket(world.engine, actor(world, "sme.agent1"), key=key)


def assign(world: World, name: str, *, to: str) -> None:
    key = world.tickets[name]
    ASSIGN[name](
        world.engine,
        actor(world, "sme.agent1"),
        key=key,
        version=ticket(world, key)["version"],
        assignee_id=world.users[to],
        group_code="osp",
        now=LATER,
    )


def refusal(action: Callable[[], object]) -> str:
    with pytest.raises(DomainError) as refused:
        action()
    return refused.value.message


def count(world: World, table: sa.Table) -> int:
    with world.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0


def test_both_kinds_refuse_a_non_staff_assignee_alike_and_change_nothing(
    world: World,
) -> None:
    before = (count(world, ticket_events), count(world, notifications))
    messages = {
        name: refusal(partial(assign, world, name, to="alpha.user1")) for name in KINDS
    }
    assert set(messages.values()) == {
        "Assign to an active member of the SME or the OSP."
    }
    assert (count(world, ticket_events), count(world, notifications)) == before


def test_both_kinds_tell_the_assignee_in_the_same_words(world: World) -> None:
    for name in KINDS:
        assign(world, name, to="osp.eng1")
    with world.engine.connect() as conn:
        told = dict(
            conn.execute(
                sa.select(notifications.c.ticket_id, notifications.c.subject).where(
                    notifications.c.recipient_id == world.users["osp.eng1"]
                )
            ).all()
        )
    for name in KINDS:
        after = ticket(world, world.tickets[name])
        assert (after["group_code"], after["assignee_id"]) == (
            "osp",
            world.users["osp.eng1"],
        )
        assert "Assigned to you by Sme Agent1" in told[after["id"]]


def test_both_kinds_refuse_a_bulk_assignment_alike_naming_each_ticket(
    world: World,
) -> None:
    for name in KINDS:
        key = world.tickets[name]
        message = refusal(
            partial(
                BULK[name],
                world.engine,
                actor(world, "sme.agent1"),
                keys=[key],
                assignee_id=world.users["alpha.user1"],
                group_code="osp",
                now=LATER,
            )
        )
        assert message == (
            f"Nothing was changed. {key}: "
            "Assign to an active member of the SME or the OSP."
        )
        assert ticket(world, key)["group_code"] == "service_desk"


def test_a_bulk_assignment_of_requests_is_one_change(world: World) -> None:
    second = file_request(
        world.engine,
        actor(world, "alpha.user1"),
        draft=RequestDraft(
            request_type="question",
            org_id=world.orgs["Alpha Hydro"],
            answers={"topic": "Billing cycles", "question": "When?"},
        ),
        now=T0,
    )
    keys = [world.tickets["alpha-sr"], second]
    changed = assign_requests(
        world.engine,
        actor(world, "sme.agent1"),
        keys=keys,
        assignee_id=world.users["sme.agent1"],
        group_code="service_desk",
        now=LATER,
    )
    with world.engine.connect() as conn:
        change_ids = set(
            conn.scalars(
                sa.select(ticket_events.c.change_id).where(
                    ticket_events.c.occurred_at == LATER
                )
            )
        )
    assert (changed, len(change_ids)) == (2, 1)


def test_both_kinds_refuse_an_ldc_user_filing_for_another_ldc(world: World) -> None:
    beta = world.orgs["Beta Power"]
    alpha_user = actor(world, "alpha.user1")
    incident = IncidentDraft(
        title="BQ missing",
        description="Since 02:00.",
        category="billing_quantities",
        environment="Production",
        impact=3,
        urgency=3,
        org_id=beta,
    )
    request = RequestDraft(
        request_type="question",
        org_id=beta,
        answers={"topic": "Billing cycles", "question": "When?"},
    )
    messages = [
        refusal(
            lambda: file_incident(
                world.engine, alpha_user, draft=incident, files=[], now=T0
            )
        ),
        refusal(lambda: file_request(world.engine, alpha_user, draft=request, now=T0)),
    ]
    assert messages == [
        "You may file incidents for your own LDC only.",
        "You may file requests for your own LDC only.",
    ]


def test_bulk_selections_are_bounded_alike(world: World) -> None:
    too_many = [f"X-{n}" for n in range(201)]
    for name, words in (("alpha-inc", "Change"), ("alpha-sr", "Assign")):
        for keys, expected in (
            ([], "Select at least one"),
            (too_many, f"{words} at most 200"),
        ):
            with pytest.raises(InvalidInput, match=expected):
                BULK[name](
                    world.engine,
                    actor(world, "sme.agent1"),
                    keys=keys,
                    assignee_id=None,
                    group_code="osp",
                    now=LATER,
                )

"""Closing incidents in bulk from the triage queue: cancel new ones, close resolved
ones; all or nothing, with one reason."""

from datetime import timedelta

import pytest

from dashboard.incidents.incident_bulk import bulk_close
from dashboard.incidents.incident_rules import Step
from dashboard.kernel import reading
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed
from tests.factories import T0, World, actor, add_ticket

LATER = T0 + timedelta(hours=2)


def _status(world: World, key: str) -> str:
    agent = actor(world, "sme.agent1")
    return str(reading.get_ticket(world.engine, agent, key=key)["status"])


def test_new_incidents_are_cancelled_together_with_the_reason_kept(
    world: World,
) -> None:
    keys = [world.tickets["alpha-inc"], world.tickets["beta-inc"]]
    changed = bulk_close(
        world.engine,
        actor(world, "sme.agent1"),
        keys=keys,
        step=Step.CANCEL,
        reason="Duplicates of INC-000003",
        now=LATER,
    )
    assert changed == 2
    assert [_status(world, k) for k in keys] == ["Cancelled", "Cancelled"]
    agent = actor(world, "sme.agent1")
    ticket = reading.get_ticket(world.engine, agent, key=keys[0])
    events = reading.timeline(world.engine, agent, ticket_id=ticket["id"])
    assert any("Duplicates of INC-000003" in str(e.values()) for e in events)


def test_resolved_incidents_are_confirmed_and_closed(world: World) -> None:
    key = add_ticket(
        world, "resolved", org="Alpha Hydro", reporter="alpha.user1", status="Resolved"
    )
    bulk_close(
        world.engine,
        actor(world, "sme.agent1"),
        keys=[key],
        step=Step.CLOSE,
        reason="",
        now=LATER,
    )
    assert _status(world, key) == "Closed"


def test_one_incident_that_cannot_close_stops_them_all_and_is_named(
    world: World,
) -> None:
    working = add_ticket(
        world,
        "working",
        org="Alpha Hydro",
        reporter="alpha.user1",
        status="In progress",
    )
    new = world.tickets["alpha-inc"]
    with pytest.raises(InvalidInput, match=f"Nothing was changed. {working}"):
        bulk_close(
            world.engine,
            actor(world, "sme.agent1"),
            keys=[new, working],
            step=Step.CANCEL,
            reason="Duplicate",
            now=LATER,
        )
    assert (_status(world, new), _status(world, working)) == ("New", "In progress")


def test_cancelling_needs_a_reason_and_others_may_not_close_in_bulk(
    world: World,
) -> None:
    key = world.tickets["alpha-inc"]
    with pytest.raises(InvalidInput, match="why the incident is cancelled"):
        bulk_close(
            world.engine,
            actor(world, "sme.agent1"),
            keys=[key],
            step=Step.CANCEL,
            reason="  ",
            now=LATER,
        )
    with pytest.raises(NotAllowed):
        bulk_close(
            world.engine,
            actor(world, "osp.eng1"),
            keys=[key],
            step=Step.CANCEL,
            reason="Duplicate",
            now=LATER,
        )
    with pytest.raises(InvalidInput, match="does not close"):
        bulk_close(
            world.engine,
            actor(world, "sme.agent1"),
            keys=[key],
            step=Step.START,
            reason="",
            now=LATER,
        )
    assert _status(world, key) == "New"

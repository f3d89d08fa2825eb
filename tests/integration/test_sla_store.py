from datetime import timedelta

import sqlalchemy as sa

from dashboard.incidents import incident_work
from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_rules import IncidentDraft, Step
from dashboard.kernel import reading
from dashboard.sla.sla_bulk import recompute_all
from data_access import schema
from data_access.schema import sla_clocks
from data_access.ticket_store import TicketQuery
from tests.factories import T0, World, actor

# T0 is Monday 2026-03-02 09:00 Toronto: business hours.


def file(world: World, *, impact: int = 3, urgency: int = 3) -> str:
    draft = IncidentDraft(
        title="VEE edits missing", description="since Friday", category="vee",
        environment="Production", impact=impact, urgency=urgency,
        org_id=world.orgs["Alpha Hydro"],
    )  # fmt: skip
    return file_incident(
        world.engine, actor(world, "alpha.user1"), draft=draft, files=[], now=T0
    )


def clocks(world: World, key: str) -> dict[str, dict]:
    ticket = reading.get_ticket(world.engine, actor(world, "sme.agent1"), key=key)
    found = reading.clocks(
        world.engine, actor(world, "sme.agent1"), ticket_id=ticket["id"]
    )
    return {c["clock"]: c for c in found}


def stored(world: World, key: str) -> list[tuple]:
    with world.engine.connect() as conn:
        ticket_id = conn.scalar(
            sa.select(schema.tickets.c.id).where(schema.tickets.c.ticket_key == key)
        )
        rows = conn.execute(
            sa.select(sla_clocks)
            .where(sla_clocks.c.ticket_id == ticket_id)
            .order_by(sla_clocks.c.clock)
        ).all()
    return [tuple(v for k, v in r._mapping.items() if k != "computed_at") for r in rows]


def test_a_filed_incident_gets_its_first_response_and_resolution_clocks(
    world: World,
) -> None:
    found = clocks(world, file(world))
    assert set(found) == {"first_response", "resolution"}
    assert found["first_response"]["due_at"] == T0 + timedelta(hours=4)
    assert found["resolution"]["state"] == "running"


def test_the_tickets_deadline_is_its_nearest_open_clock(world: World) -> None:
    key = file(world)
    ticket = reading.get_ticket(world.engine, actor(world, "sme.agent1"), key=key)
    assert ticket["sla_due_at"] == T0 + timedelta(hours=4)
    assert ticket["sla_state"] == "running"


def test_a_staff_public_comment_meets_the_first_response_and_starts_updates(
    world: World,
) -> None:
    key = file(world)
    incident_work.comment(
        world.engine,
        actor(world, "sme.agent1"),
        key=key,
        body="On it",
        internal=False,
        now=T0 + timedelta(hours=1),
    )
    found = clocks(world, key)
    assert found["first_response"]["state"] == "met"
    assert found["update"]["started_at"] == T0 + timedelta(hours=1)


def test_an_ldc_comment_does_not_meet_the_first_response(world: World) -> None:
    key = file(world)
    incident_work.comment(
        world.engine,
        actor(world, "alpha.user1"),
        key=key,
        body="Any news?",
        internal=False,
        now=T0 + timedelta(hours=1),
    )
    assert clocks(world, key)["first_response"]["stopped_at"] is None


def test_awaiting_ldc_pauses_resolution(world: World) -> None:
    key = file(world)
    agent = actor(world, "sme.agent1")
    incident_work.change_status(
        world.engine,
        agent,
        key=key,
        version=1,
        step=Step.START,
        now=T0 + timedelta(minutes=10),
    )
    incident_work.change_status(
        world.engine,
        agent,
        key=key,
        version=2,
        step=Step.AWAIT_LDC,
        reason="Send the SDP list",
        now=T0 + timedelta(minutes=20),
    )
    assert clocks(world, key)["resolution"]["state"] == "paused"


def test_raising_to_severity_one_shortens_the_deadline_from_creation(
    world: World,
) -> None:
    key = file(world)
    incident_work.reclassify(
        world.engine,
        actor(world, "sme.agent1"),
        key=key,
        version=1,
        impact=1,
        urgency=1,
        reason="all LDCs",
        now=T0 + timedelta(minutes=5),
    )
    found = clocks(world, key)
    assert (found["resolution"]["calendar"], found["resolution"]["due_at"]) == (
        "24x7",
        T0 + timedelta(hours=4),
    )


def test_the_stored_clocks_equal_a_full_recompute_after_a_series_of_changes(
    world: World,
) -> None:
    key = file(world)
    agent = actor(world, "sme.agent1")
    later = T0 + timedelta(hours=1)
    incident_work.change_status(
        world.engine, agent, key=key, version=1, step=Step.START, now=later
    )
    incident_work.change_status(
        world.engine,
        agent,
        key=key,
        version=2,
        step=Step.AWAIT_LDC,
        reason="SDP list?",
        now=later + timedelta(hours=2),
    )
    incident_work.comment(
        world.engine,
        actor(world, "alpha.user1"),
        key=key,
        body="Attached",
        internal=False,
        now=later + timedelta(hours=3),
    )
    incident_work.change_status(
        world.engine,
        agent,
        key=key,
        version=3,
        step=Step.RESUME,
        now=later + timedelta(hours=4),
    )
    after_changes = stored(world, key)
    recompute_all(world.engine, now=later + timedelta(hours=4))
    assert stored(world, key) == after_changes


def test_the_queue_sorts_by_nearest_deadline_and_filters_breached(world: World) -> None:
    urgent, calm = file(world, impact=1, urgency=1), file(world, impact=4, urgency=4)
    agent = actor(world, "sme.agent1")
    page = reading.list_tickets(
        world.engine,
        agent,
        query=TicketQuery(kinds=("incident",), sort="nearest deadline", page_size=25),
    )
    keys = [r["ticket_key"] for r in page.rows]
    assert keys.index(urgent) < keys.index(calm)
    recompute_all(world.engine, now=T0 + timedelta(hours=3))
    breached = reading.list_tickets(
        world.engine, agent, query=TicketQuery(sla_states=("breached",), page_size=25)
    )
    found = {r["ticket_key"] for r in breached.rows}
    assert urgent in found
    assert calm not in found


def test_an_ldc_user_cannot_read_another_ldcs_clocks(world: World) -> None:
    key = file(world)
    with world.engine.connect() as conn:
        ticket_id = conn.scalar(
            sa.select(schema.tickets.c.id).where(schema.tickets.c.ticket_key == key)
        )
    assert (
        reading.clocks(world.engine, actor(world, "beta.user1"), ticket_id=ticket_id)
        == []
    )

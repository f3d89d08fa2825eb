"""The store's generation: what keys cached analytics, so a change anywhere shows."""

from datetime import date, timedelta

from dashboard.analytics.analytics_reading import store_generation
from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_rules import IncidentDraft
from dashboard.kernel import reading
from dashboard.sla.sla_admin import add_closure_day
from dashboard.sla.sla_watch import watch_clocks
from data_access.ticket_store import TicketQuery
from tests.factories import T0, World, actor


def _file(world: World) -> str:
    draft = IncidentDraft(
        title="Reads missing", description="Since Friday", category="vee",
        environment="Production", impact=3, urgency=3,
        org_id=world.orgs["Alpha Hydro"],
    )  # fmt: skip
    return file_incident(
        world.engine, actor(world, "alpha.user1"), draft=draft, files=[], now=T0
    )


def test_reading_leaves_the_generation_as_it_was(world: World) -> None:
    before = store_generation(world.engine)
    reading.list_tickets(world.engine, actor(world, "sme.agent1"), query=TicketQuery())
    assert store_generation(world.engine) == before


def test_filing_a_ticket_moves_the_generation(world: World) -> None:
    before = store_generation(world.engine)
    _file(world)
    assert store_generation(world.engine) != before


def test_the_clock_watch_recomputing_clocks_moves_the_generation(
    world: World,
) -> None:
    _file(world)
    before = store_generation(world.engine)
    watch_clocks(world.engine, now=T0 + timedelta(hours=2))
    assert store_generation(world.engine) != before


def test_an_administration_change_moves_the_generation(world: World) -> None:
    before = store_generation(world.engine)
    add_closure_day(
        world.engine,
        actor(world, "sme.manager1"),
        day=date(2026, 3, 20),
        reason="Storm",
        now=T0,
    )
    assert store_generation(world.engine) != before

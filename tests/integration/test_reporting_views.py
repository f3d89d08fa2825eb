from datetime import timedelta

import sqlalchemy as sa

from dashboard.incidents import incident_work
from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_rules import IncidentDraft, Step
from dashboard.kernel import auth
from tests.factories import PASSWORD, T0, World


def rows(world: World, sql: str, **params: object) -> list[tuple]:
    with world.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql), params)]


def filed(world: World) -> str:
    reporter = auth.sign_in(
        world.engine, username="alpha.user1", password=PASSWORD, now=T0
    ).actor
    draft = IncidentDraft(
        title="Reads late",
        description="x",
        category="meter_reads",
        environment="Production",
        impact=3,
        urgency=3,
        org_id=world.orgs["Alpha Hydro"],
    )
    return file_incident(world.engine, reporter, draft=draft, files=[], now=T0)


def test_report_tickets_has_one_row_per_ticket_with_its_org_id(world: World) -> None:
    key = filed(world)
    found = rows(
        world,
        "SELECT kind, org_code, org_name, severity, status FROM report_tickets "
        "WHERE ticket_key = :k",
        k=key,
    )
    assert found == [("incident", "ORG0001", "Alpha Hydro", 3, "New")]
    assert rows(world, "SELECT count(*) FROM report_tickets") == [
        (len(world.tickets) + 1,)
    ]


def test_status_history_marks_the_changes_that_pause_the_clocks(world: World) -> None:
    key = filed(world)
    agent = auth.sign_in(
        world.engine, username="sme.agent1", password=PASSWORD, now=T0
    ).actor
    incident_work.change_status(
        world.engine,
        agent,
        key=key,
        version=1,
        step=Step.START,
        now=T0 + timedelta(minutes=5),
    )
    incident_work.change_status(
        world.engine,
        agent,
        key=key,
        version=2,
        step=Step.AWAIT_LDC,
        reason="SDPs?",
        now=T0 + timedelta(minutes=9),
    )
    found = rows(
        world,
        "SELECT from_status, to_status, pauses_sla FROM report_ticket_status_history "
        "WHERE ticket_key = :k ORDER BY changed_at",
        k=key,
    )
    assert found == [
        ("New", "In progress", False),
        ("In progress", "Awaiting LDC", True),
    ]


def test_sla_clocks_are_published_with_the_calendar_named_in_full(world: World) -> None:
    key = filed(world)
    found = rows(
        world,
        "SELECT clock, calendar, policy_version, target_minutes, state "
        "FROM report_sla_clocks WHERE ticket_key = :k ORDER BY clock",
        k=key,
    )
    assert found == [
        ("first_response", "business_hours", 1, 240, "running"),
        ("resolution", "business_hours", 1, 2700, "running"),
    ]

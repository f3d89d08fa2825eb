"""The on-call ladder on a real store: paging at once, climbing, stopping."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from dashboard.incidents import incident_work
from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_resolution import Resolution, resolve
from dashboard.incidents.incident_rules import IncidentDraft, Step
from dashboard.kernel import reading
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed
from dashboard.kernel.rules.notices import is_urgent
from dashboard.oncall import oncall_rota
from dashboard.oncall.oncall_acknowledge import acknowledge
from dashboard.oncall.oncall_escalation import escalate_unacknowledged
from dashboard.oncall.oncall_rules import Step as Rung
from data_access.schema import notifications, ticket_events, tickets
from tests.factories import T0, World, actor, add_user

WEEK = date(2026, 3, 2)  # T0's Monday


@pytest.fixture
def rota(world: World) -> World:
    """cim1 primary and cim2 secondary in T0's week; one more SME manager."""
    add_user(
        world,
        "sme.cim2",
        role="critical_incident_manager",
        org="SME",
        group="critical_incident_managers",
    )
    add_user(world, "sme.manager2", role="sme_manager", org="SME")
    put_week(world, WEEK, primary="sme.cim1", secondary="sme.cim2")
    return world


def put_week(world: World, monday: date, *, primary: str, secondary: str) -> None:
    oncall_rota.set_week(
        world.engine,
        actor(world, "sme.manager1"),
        week_start=monday,
        primary=world.users[primary],
        secondary=world.users[secondary],
        now=T0,
    )


def file_sev(world: World, *, severity: int = 1, at: datetime = T0) -> str:
    draft = IncidentDraft(
        title="No billing quantities at all",
        description="All cycles",
        category="billing_quantities",
        environment="Production",
        impact=1,
        urgency=1 if severity == 1 else 3,
        org_id=world.orgs["Alpha Hydro"],
    )
    reporter = actor(world, "alpha.user1")
    return file_incident(world.engine, reporter, draft=draft, files=[], now=at)


def pages(world: World, key: str) -> list[tuple[str, str | None]]:
    with world.engine.connect() as conn:
        rows = conn.execute(
            sa.select(ticket_events.c.field, ticket_events.c.new_value)
            .join(tickets, tickets.c.id == ticket_events.c.ticket_id)
            .where(
                tickets.c.ticket_key == key,
                ticket_events.c.event_type == "oncall_paged",
            )
            .order_by(ticket_events.c.id)
        )
        return [(r.field, r.new_value) for r in rows]


def paged_people(world: World, key: str) -> list[int]:
    with world.engine.connect() as conn:
        return sorted(
            conn.scalars(
                sa.select(notifications.c.recipient_id)
                .join(tickets, tickets.c.id == notifications.c.ticket_id)
                .where(
                    tickets.c.ticket_key == key,
                    notifications.c.event == "oncall_paged",
                )
            )
        )


def ids(world: World, *names: str) -> list[int]:
    return sorted(world.users[n] for n in names)


def test_filing_a_sev1_pages_the_primary_at_once_with_an_urgent_outbox_row(
    rota: World,
) -> None:
    key = file_sev(rota)
    assert pages(rota, key) == [("primary", "Sme Cim1")]
    assert paged_people(rota, key) == ids(rota, "sme.cim1")
    assert is_urgent("oncall_paged")


def test_an_unacknowledged_page_goes_to_the_secondary_once_after_15_minutes(
    rota: World,
) -> None:
    key = file_sev(rota)
    assert escalate_unacknowledged(rota.engine, now=T0 + timedelta(minutes=14)) == 0
    escalate_unacknowledged(rota.engine, now=T0 + timedelta(minutes=16))
    escalate_unacknowledged(rota.engine, now=T0 + timedelta(minutes=16))
    assert pages(rota, key) == [("primary", "Sme Cim1"), ("secondary", "Sme Cim2")]
    assert paged_people(rota, key) == ids(rota, "sme.cim1", "sme.cim2")


def test_after_twice_the_acknowledge_time_every_cim_and_sme_manager_is_paged(
    rota: World,
) -> None:
    key = file_sev(rota)
    escalate_unacknowledged(rota.engine, now=T0 + timedelta(minutes=16))
    escalate_unacknowledged(rota.engine, now=T0 + timedelta(minutes=31))
    escalate_unacknowledged(rota.engine, now=T0 + timedelta(minutes=45))
    everyone = ids(rota, "sme.cim1", "sme.cim2", "sme.manager1", "sme.manager2")
    assert [p[0] for p in pages(rota, key)] == ["primary", "secondary", "everyone"]
    assert paged_people(rota, key) == sorted(
        [*ids(rota, "sme.cim1", "sme.cim2"), *everyone]
    )


def test_a_sev2_waits_its_own_30_minutes_before_the_secondary(rota: World) -> None:
    key = file_sev(rota, severity=2)
    escalate_unacknowledged(rota.engine, now=T0 + timedelta(minutes=29))
    assert [p[0] for p in pages(rota, key)] == ["primary"]


def test_an_explicit_acknowledgement_stops_the_ladder(rota: World) -> None:
    key = file_sev(rota)
    acknowledge(
        rota.engine, actor(rota, "sme.cim1"), key=key, now=T0 + timedelta(minutes=3)
    )
    escalate_unacknowledged(rota.engine, now=T0 + timedelta(hours=2))
    assert [p[0] for p in pages(rota, key)] == ["primary"]


def test_acknowledging_twice_is_refused(rota: World) -> None:
    key = file_sev(rota)
    cim = actor(rota, "sme.cim1")
    acknowledge(rota.engine, cim, key=key, now=T0)
    with pytest.raises(InvalidInput, match="no page waiting"):
        acknowledge(rota.engine, cim, key=key, now=T0)


def test_assigning_the_incident_to_oneself_acknowledges_it(rota: World) -> None:
    key = file_sev(rota)
    cim = actor(rota, "sme.cim2")
    ticket = reading.get_ticket(rota.engine, cim, key=key)
    incident_work.assign(
        rota.engine,
        cim,
        key=key,
        version=ticket["version"],
        assignee_id=cim.user_id,
        group_code="critical_incident_managers",
        now=T0 + timedelta(minutes=5),
    )
    escalate_unacknowledged(rota.engine, now=T0 + timedelta(hours=2))
    assert [p[0] for p in pages(rota, key)] == ["primary"]


def test_raising_an_incident_to_sev2_pages_the_primary(rota: World) -> None:
    key = rota.tickets["alpha-inc"]
    agent = actor(rota, "sme.agent1")
    ticket = reading.get_ticket(rota.engine, agent, key=key)
    incident_work.reclassify(
        rota.engine,
        agent,
        key=key,
        version=ticket["version"],
        impact=2,
        urgency=2,
        reason="Billing is stopped",
        now=T0,
    )
    assert pages(rota, key) == [("primary", "Sme Cim1")]


def test_an_incident_lowered_to_sev3_stops_escalating(rota: World) -> None:
    key = file_sev(rota)
    agent = actor(rota, "sme.agent1")
    ticket = reading.get_ticket(rota.engine, agent, key=key)
    incident_work.reclassify(
        rota.engine,
        agent,
        key=key,
        version=ticket["version"],
        impact=3,
        urgency=3,
        reason="One user only",
        now=T0 + timedelta(minutes=2),
    )
    escalate_unacknowledged(rota.engine, now=T0 + timedelta(hours=1))
    assert [p[0] for p in pages(rota, key)] == ["primary"]


def test_a_resolved_incident_never_escalates(rota: World) -> None:
    key = file_sev(rota)
    agent = actor(rota, "sme.agent1")
    ticket = reading.get_ticket(rota.engine, agent, key=key)
    incident_work.change_status(
        rota.engine,
        agent,
        key=key,
        version=ticket["version"],
        step=Step.START,
        now=T0 + timedelta(minutes=1),
    )
    ticket = reading.get_ticket(rota.engine, agent, key=key)
    resolve(
        rota.engine,
        agent,
        key=key,
        version=ticket["version"],
        resolution=Resolution(kind="fixed", text="Restarted the service"),
        now=T0 + timedelta(minutes=2),
    )
    escalate_unacknowledged(rota.engine, now=T0 + timedelta(hours=1))
    assert [p[0] for p in pages(rota, key)] == ["primary"]


def test_a_christmas_night_page_escalates_like_any_other(rota: World) -> None:
    night = datetime(2026, 12, 25, 8, 0, tzinfo=UTC)  # 03:00 in Toronto
    put_week(rota, date(2026, 12, 21), primary="sme.cim2", secondary="sme.cim1")
    key = file_sev(rota, at=night)
    escalate_unacknowledged(rota.engine, now=night + timedelta(minutes=15))
    assert pages(rota, key) == [("primary", "Sme Cim2"), ("secondary", "Sme Cim1")]


def test_with_nobody_on_the_rota_the_page_goes_on_to_everyone_at_once(
    world: World,
) -> None:
    key = file_sev(world)
    assert [p for p in pages(world, key)] == [
        ("primary", None),
        ("secondary", None),
        ("everyone", "Sme Cim1, Sme Manager1"),
    ]


def test_a_day_override_beats_the_week(rota: World) -> None:
    oncall_rota.set_override(
        rota.engine,
        actor(rota, "sme.manager1"),
        day=WEEK,
        role="primary",
        user_id=rota.users["sme.cim2"],
        now=T0,
    )
    key = file_sev(rota)
    assert pages(rota, key) == [("primary", "Sme Cim2")]


def test_only_a_cim_may_be_put_on_the_rota(rota: World) -> None:
    with pytest.raises(InvalidInput, match="not an active Critical Incident Manager"):
        put_week(
            rota, WEEK + timedelta(weeks=1), primary="sme.agent1", secondary="sme.cim2"
        )
    [week] = oncall_rota.upcoming(
        rota.engine, actor(rota, "sme.manager1"), now=T0, count=2
    )[1:]
    assert week.ids == {
        Rung.PRIMARY: None,
        Rung.SECONDARY: None,
    }


def test_a_cim_may_read_the_rota_but_not_set_it(rota: World) -> None:
    cim = actor(rota, "sme.cim1")
    assert (
        oncall_rota.upcoming(rota.engine, cim, now=T0)[0].names[Rung.PRIMARY]
        == "Sme Cim1"
    )
    with pytest.raises(NotAllowed):
        oncall_rota.set_week(
            rota.engine, cim, week_start=WEEK, primary=None, secondary=None, now=T0
        )


def test_the_same_person_cannot_be_primary_and_secondary(rota: World) -> None:
    with pytest.raises(InvalidInput, match="two people"):
        put_week(rota, WEEK, primary="sme.cim1", secondary="sme.cim1")

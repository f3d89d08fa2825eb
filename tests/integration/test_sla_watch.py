from datetime import timedelta

import sqlalchemy as sa

from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_rules import IncidentDraft
from dashboard.kernel import auth
from dashboard.sla.sla_watch import watch_clocks
from data_access.schema import notifications
from tests.factories import PASSWORD, T0, World


def file_sev1(world: World) -> str:
    reporter = auth.sign_in(
        world.engine, username="alpha.user1", password=PASSWORD, now=T0
    ).actor
    draft = IncidentDraft(
        title="No billing quantities at all",
        description="All cycles",
        category="billing_quantities",
        environment="Production",
        impact=1,
        urgency=1,
        org_id=world.orgs["Alpha Hydro"],
    )
    return file_incident(world.engine, reporter, draft=draft, files=[], now=T0)


def subjects(world: World, username: str) -> list[str]:
    with world.engine.connect() as conn:
        return list(
            conn.scalars(
                sa.select(notifications.c.subject)
                .where(
                    notifications.c.recipient_id == world.users[username],
                    notifications.c.event.like("sla_%"),
                )
                .order_by(notifications.c.id)
            )
        )


def test_nothing_is_alerted_while_a_clock_is_on_track(world: World) -> None:
    file_sev1(world)
    assert watch_clocks(world.engine, now=T0 + timedelta(minutes=10)) == 0


def test_a_clock_past_three_quarters_of_its_target_is_alerted_at_risk(
    world: World,
) -> None:
    key = file_sev1(world)
    watch_clocks(world.engine, now=T0 + timedelta(minutes=23))
    assert subjects(world, "sme.cim1") == [
        f"[{key}] First response SLA at risk: No billing quantities at all"
    ]
    assert len(subjects(world, "sme.manager1")) == 1


def test_an_alert_is_sent_once_per_clock_and_state(world: World) -> None:
    file_sev1(world)
    watch_clocks(world.engine, now=T0 + timedelta(minutes=23))
    watch_clocks(world.engine, now=T0 + timedelta(minutes=24))
    assert len(subjects(world, "sme.cim1")) == 1


def test_a_breach_is_alerted_after_the_at_risk(world: World) -> None:
    file_sev1(world)
    watch_clocks(world.engine, now=T0 + timedelta(minutes=23))
    watch_clocks(world.engine, now=T0 + timedelta(minutes=31))
    found = subjects(world, "sme.cim1")
    assert [s.split("] ")[1].split(":")[0] for s in found] == [
        "First response SLA at risk",
        "First response SLA breached",
    ]


def test_ldc_users_are_not_told_of_sla_alerts(world: World) -> None:
    file_sev1(world)
    watch_clocks(world.engine, now=T0 + timedelta(minutes=31))
    assert subjects(world, "alpha.user1") == []

from datetime import datetime, timedelta

import sqlalchemy as sa

from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_rules import IncidentDraft
from dashboard.kernel import auth
from dashboard.sla.sla_watch import watch_clocks
from data_access.schema import notifications, ticket_events, tickets
from tests.factories import PASSWORD, T0, World


def file_sev1(world: World, *, at: datetime = T0) -> str:
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
    return file_incident(world.engine, reporter, draft=draft, files=[], now=at)


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


def sla_notices(world: World, username: str) -> list[dict[str, object]]:
    with world.engine.connect() as conn:
        rows = conn.execute(
            sa.select(notifications.c.subject, notifications.c.body)
            .where(
                notifications.c.recipient_id == world.users[username],
                notifications.c.event.like("sla_%"),
            )
            .order_by(notifications.c.id)
        ).mappings()
        return [dict(r) for r in rows]


def file_four(world: World) -> list[str]:
    """Three severity 1 incidents at T0 and one eight minutes later."""
    keys = [file_sev1(world) for _ in range(3)]
    return [*keys, file_sev1(world, at=T0 + timedelta(minutes=8))]


def test_a_person_watching_many_clocks_gets_one_notice_for_the_pass(
    world: World,
) -> None:
    file_four(world)
    watch_clocks(world.engine, now=T0 + timedelta(minutes=31))
    assert subjects(world, "sme.cim1") == ["SLA: 3 tickets breached, 1 at risk"]


def test_the_pass_notice_lists_every_ticket_with_its_clock_and_state(
    world: World,
) -> None:
    keys = file_four(world)
    watch_clocks(world.engine, now=T0 + timedelta(minutes=31))
    [notice] = sla_notices(world, "sme.manager1")
    lines = str(notice["body"]).splitlines()
    for key in keys[:3]:
        assert any(
            line.startswith(f"{key} · First response breached, due ") for line in lines
        )
    assert any(line.startswith(f"{keys[3]} · First response at risk") for line in lines)


def test_every_alerted_ticket_records_its_clock_alert_in_its_history(
    world: World,
) -> None:
    keys = file_four(world)
    watch_clocks(world.engine, now=T0 + timedelta(minutes=31))
    with world.engine.connect() as conn:
        alerted = conn.execute(
            sa.select(tickets.c.ticket_key, ticket_events.c.field)
            .join(tickets, tickets.c.id == ticket_events.c.ticket_id)
            .where(ticket_events.c.event_type == "sla_alert")
        ).all()
    assert sorted(alerted) == sorted((key, "first_response") for key in keys)


def test_clocks_named_in_a_pass_notice_are_not_alerted_again(world: World) -> None:
    file_four(world)
    watch_clocks(world.engine, now=T0 + timedelta(minutes=31))
    assert watch_clocks(world.engine, now=T0 + timedelta(minutes=32)) == 0
    assert len(subjects(world, "sme.cim1")) == 1


def test_the_next_pass_tells_only_what_changed_since(world: World) -> None:
    file_four(world)
    watch_clocks(world.engine, now=T0 + timedelta(minutes=31))
    watch_clocks(world.engine, now=T0 + timedelta(minutes=39))
    assert subjects(world, "sme.cim1")[1].startswith("[")
    assert "First response SLA breached" in subjects(world, "sme.cim1")[1]

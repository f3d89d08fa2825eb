from datetime import date, timedelta

import pytest

from dashboard.incidents import incident_work
from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_resolution import Resolution, resolve
from dashboard.incidents.incident_rules import IncidentDraft, Step
from dashboard.kernel import reading
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed
from dashboard.sla import sla_admin
from tests.factories import T0, World, actor

LATER = T0 + timedelta(hours=1)


def file(world: World, *, now=T0) -> str:
    draft = IncidentDraft(
        title="Sync stuck",
        description="x",
        category="synchronization",
        environment="Production",
        impact=3,
        urgency=3,
        org_id=world.orgs["Alpha Hydro"],
    )
    return file_incident(
        world.engine, actor(world, "alpha.user1"), draft=draft, files=[], now=now
    )


def current_rows(world: World) -> list[dict]:
    manager = actor(world, "sme.manager1")
    newest = sla_admin.versions(world.engine, manager)[0]
    return sla_admin.targets_of(world.engine, manager, policy_id=newest["id"])


def with_sev3_resolution(rows: list[dict], minutes: int) -> list[dict]:
    return [
        r | {"resolution_minutes": minutes} if r["target_key"] == "incident:3" else r
        for r in rows
    ]


def resolution_due(world: World, key: str):
    agent = actor(world, "sme.agent1")
    ticket = reading.get_ticket(world.engine, agent, key=key)
    return {
        c["clock"]: c
        for c in reading.clocks(world.engine, agent, ticket_id=ticket["id"])
    }["resolution"]


def test_a_new_version_applies_to_new_tickets_only(world: World) -> None:
    before = file(world)
    version = sla_admin.save_version(
        world.engine,
        actor(world, "sme.manager1"),
        rows=with_sev3_resolution(current_rows(world), 540),
        note="Faster sev 3",
        now=LATER,
    )
    after = file(world, now=LATER + timedelta(minutes=1))
    assert version == 2
    assert (
        resolution_due(world, before)["policy_version"],
        resolution_due(world, after)["policy_version"],
    ) == (1, 2)
    assert resolution_due(world, after)["target_minutes"] == 540


def test_the_versions_list_says_how_many_tickets_run_on_each(world: World) -> None:
    file(world)
    sla_admin.save_version(
        world.engine,
        actor(world, "sme.manager1"),
        rows=current_rows(world),
        note="Same targets",
        now=LATER,
    )
    listed = {
        v["version"]: v["open_tickets"]
        for v in sla_admin.versions(world.engine, actor(world, "sme.manager1"))
    }
    assert listed == {2: 0, 1: 1}


def test_reapplying_a_version_recomputes_the_open_tickets(world: World) -> None:
    key = file(world)
    manager = actor(world, "sme.manager1")
    sla_admin.save_version(
        world.engine,
        manager,
        rows=with_sev3_resolution(current_rows(world), 540),
        note="Faster",
        now=LATER,
    )
    newest = sla_admin.versions(world.engine, manager)[0]
    # The world's four open tickets and the one filed here.
    assert (
        sla_admin.reapply(world.engine, manager, policy_id=newest["id"], now=LATER) == 5
    )
    clock = resolution_due(world, key)
    assert (clock["policy_version"], clock["due_at"]) == (2, T0 + timedelta(days=1))


def test_a_target_a_clock_cannot_run_on_is_refused_and_nothing_is_saved(
    world: World,
) -> None:
    manager = actor(world, "sme.manager1")
    with pytest.raises(InvalidInput, match="incident:3: targets must be whole minutes"):
        sla_admin.save_version(
            world.engine,
            manager,
            rows=with_sev3_resolution(current_rows(world), 0),
            note="oops",
            now=LATER,
        )
    assert len(sla_admin.versions(world.engine, manager)) == 1


def test_only_sme_managers_administer_policies(world: World) -> None:
    with pytest.raises(NotAllowed):
        sla_admin.versions(world.engine, actor(world, "sme.agent1"))


def test_a_closure_day_moves_the_deadlines_it_falls_in_and_removing_it_moves_them_back(
    world: World,
) -> None:
    key = file(world)  # Monday 2026-03-02 09:00; sev 3 resolution: 5 business days
    manager = actor(world, "sme.manager1")
    before = resolution_due(world, key)["due_at"]
    assert (
        sla_admin.add_closure_day(
            world.engine, manager, day=date(2026, 3, 4), reason="Office move", now=LATER
        )
        == 1
    )
    assert resolution_due(world, key)["due_at"] == before + timedelta(days=1)
    sla_admin.remove_closure_day(world.engine, manager, day=date(2026, 3, 4), now=LATER)
    assert resolution_due(world, key)["due_at"] == before


def test_a_closure_day_moves_the_due_time_of_a_clock_already_met(
    world: World,
) -> None:
    key = file(world)  # Monday 2026-03-02 09:00; resolution due 5 business days on
    agent = actor(world, "sme.agent1")
    incident_work.change_status(
        world.engine, agent, key=key, version=1, step=Step.START, now=LATER
    )
    resolve(
        world.engine,
        agent,
        key=key,
        version=2,
        resolution=Resolution("fixed", "Restarted"),
        now=LATER,
    )
    met = resolution_due(world, key)
    assert met["state"] == "met"
    # Closed on the Wednesday, after the stop but before the due time: the met
    # clock's due time moves, as a full recompute would have it.
    sla_admin.add_closure_day(
        world.engine,
        actor(world, "sme.manager1"),
        day=date(2026, 3, 4),
        reason="Office move",
        now=LATER,
    )
    assert resolution_due(world, key)["due_at"] == met["due_at"] + timedelta(days=1)


def test_a_closure_day_twice_is_refused(world: World) -> None:
    manager = actor(world, "sme.manager1")
    sla_admin.add_closure_day(
        world.engine, manager, day=date(2026, 3, 4), reason="Office move", now=LATER
    )
    with pytest.raises(InvalidInput, match="already a closure day"):
        sla_admin.add_closure_day(
            world.engine, manager, day=date(2026, 3, 4), reason="Again", now=LATER
        )


def test_every_administration_change_is_in_the_audit_trail_with_its_author(
    world: World,
) -> None:
    manager = actor(world, "sme.manager1")
    sla_admin.add_closure_day(
        world.engine, manager, day=date(2026, 3, 4), reason="Office move", now=LATER
    )
    entry = sla_admin.audit_trail(world.engine, manager)[0]
    assert (entry["action"], entry["subject"], entry["actor_name"]) == (
        "closure_day_added",
        "2026-03-04",
        "Sme Manager1",
    )

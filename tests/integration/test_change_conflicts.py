"""Re-classification in any order, and concurrent editors: refusals, never crashes."""

import ast
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

import data_access
from dashboard.incidents import incident_work
from dashboard.incidents.incident_bulk import bulk_reclassify
from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_jobs import close_resolved_incidents
from dashboard.incidents.incident_resolution import Resolution, resolve
from dashboard.incidents.incident_rules import IncidentDraft, Step
from dashboard.kernel import reading
from dashboard.kernel.clocks import recompute
from dashboard.kernel.rules.errors import DomainError, InvalidInput
from dashboard.requests import request_work
from dashboard.requests.request_steps import Step as RequestStep
from dashboard.worker import run_once
from data_access import change_store, schema
from data_access.conflicts import WriteConflict
from data_access.engine import UnitOfWork
from data_access.schema import sla_clocks, ticket_events
from tests.factories import T0, World, actor

LATER = T0 + timedelta(hours=2)


def _file(world: World, *, impact: int, urgency: int) -> str:
    draft = IncidentDraft(
        title="Synchronization stuck",
        description="No sync since 02:00.",
        category="synchronization",
        environment="Production",
        impact=impact,
        urgency=urgency,
        org_id=world.orgs["Alpha Hydro"],
    )
    return file_incident(
        world.engine, actor(world, "alpha.user1"), draft=draft, files=[], now=T0
    )


def _reclassify(
    world: World, key: str, *, impact: int, urgency: int, minutes: int
) -> None:
    agent = actor(world, "sme.agent1")
    version = reading.get_ticket(world.engine, agent, key=key)["version"]
    incident_work.reclassify(
        world.engine,
        agent,
        key=key,
        version=version,
        impact=impact,
        urgency=urgency,
        reason=f"Seen again at {minutes}",
        now=T0 + timedelta(minutes=minutes),
    )


def _severity_events(world: World, key: str) -> list[tuple[str, str]]:
    agent = actor(world, "sme.agent1")
    ticket = reading.get_ticket(world.engine, agent, key=key)
    return [
        (e["old_value"], e["new_value"])
        for e in reading.timeline(world.engine, agent, ticket_id=ticket["id"])
        if e["field"] == "severity"
    ]


def _stored_clocks(world: World, ticket_id: int) -> list[tuple]:
    with world.engine.connect() as conn:
        return sorted(
            conn.execute(
                sa.select(sla_clocks.c.clock, sla_clocks.c.due_at).where(
                    sla_clocks.c.ticket_id == ticket_id
                )
            ).all()
        )


def test_raising_lowering_and_raising_again_keeps_every_severity_in_history(
    world: World,
) -> None:
    key = _file(world, impact=3, urgency=3)
    _reclassify(world, key, impact=2, urgency=2, minutes=10)  # severity 2: to the CIMs
    _reclassify(
        world, key, impact=3, urgency=3, minutes=20
    )  # severity 3: stays with the CIMs
    _reclassify(
        world, key, impact=2, urgency=2, minutes=30
    )  # severity 2 again, already with the CIMs
    after = reading.get_ticket(world.engine, actor(world, "sme.agent1"), key=key)
    assert (after["severity"], after["group_code"]) == (2, "critical_incident_managers")
    assert _severity_events(world, key) == [("3", "2"), ("2", "3"), ("3", "2")]


def test_raising_an_incident_already_with_the_cims_recomputes_its_clocks(
    world: World,
) -> None:
    key = _file(world, impact=3, urgency=3)
    _reclassify(world, key, impact=2, urgency=2, minutes=10)
    _reclassify(world, key, impact=3, urgency=3, minutes=20)
    _reclassify(world, key, impact=1, urgency=1, minutes=30)
    ticket = reading.get_ticket(world.engine, actor(world, "sme.agent1"), key=key)
    stored = _stored_clocks(world, ticket["id"])
    with UnitOfWork(world.engine) as uow:
        recompute(uow.conn, ticket["id"], now=T0 + timedelta(minutes=30))
        uow.commit()
    assert _stored_clocks(world, ticket["id"]) == stored
    assert ticket["severity"] == 1


def test_a_bulk_reclassification_including_one_already_with_the_cims_changes_all(
    world: World,
) -> None:
    with_cims = _file(world, impact=3, urgency=3)
    _reclassify(world, with_cims, impact=2, urgency=2, minutes=10)
    _reclassify(world, with_cims, impact=3, urgency=3, minutes=20)
    other = _file(world, impact=3, urgency=3)
    bulk_reclassify(
        world.engine,
        actor(world, "sme.agent1"),
        keys=[with_cims, other],
        impact=1,
        urgency=2,
        reason="Every LDC affected",
        now=LATER,
    )
    agent = actor(world, "sme.agent1")
    assert [
        reading.get_ticket(world.engine, agent, key=k)["severity"]
        for k in (with_cims, other)
    ] == [1, 1]


@pytest.mark.parametrize(
    "typed", ["INC-²", "INC-①", "inc-١٢", "SR-۳", "INC-𝟙𝟚", "PRB-"]
)
def test_a_key_with_other_than_ascii_digits_is_refused_with_a_message(
    typed: str,
) -> None:
    with pytest.raises(InvalidInput, match="is not a ticket key"):
        reading.normalize_key(typed)


EDITORS = 8
ROUNDS = 4


def _editor_steps(world: World, index: int) -> list[Callable[[], object]]:
    """What one of eight busy editors does to the same two tickets."""
    agent = actor(world, "sme.agent1" if index % 2 else "sme.cim1")
    incident, request = world.tickets["alpha-inc"], world.tickets["alpha-sr"]
    now = T0 + timedelta(minutes=index + 1)

    def seen(key: str) -> int:
        return int(reading.get_ticket(world.engine, agent, key=key)["version"])

    return [
        lambda: incident_work.comment(
            world.engine,
            agent,
            key=incident,
            body=f"Note {index}",
            internal=index % 3 == 0,
            now=now,
        ),
        lambda: incident_work.reclassify(
            world.engine,
            agent,
            key=incident,
            version=seen(incident),
            impact=1 + index % 4,
            urgency=1 + (index + 1) % 4,
            reason=f"Editor {index}",
            now=now,
        ),
        lambda: incident_work.assign(
            world.engine,
            agent,
            key=incident,
            version=seen(incident),
            assignee_id=world.users["sme.agent1" if index % 2 else "sme.cim1"],
            group_code="service_desk" if index % 2 else "critical_incident_managers",
            now=now,
        ),
        lambda: request_work.comment(
            world.engine,
            agent,
            key=request,
            body=f"Request note {index}",
            internal=False,
            now=now,
        ),
        lambda: request_work.change_status(
            world.engine,
            agent,
            key=request,
            version=seen(request),
            step=RequestStep.START,
            now=now,
        ),
        lambda: incident_work.change_status(
            world.engine,
            agent,
            key=incident,
            version=seen(incident),
            step=Step.START,
            now=now,
        ),
    ]


def test_eight_editors_of_the_same_tickets_get_refusals_never_crashes(
    world: World,
) -> None:
    crashes: list[BaseException] = []
    refusals: list[DomainError] = []
    done: list[int] = []
    start = threading.Barrier(EDITORS)

    def edit(index: int) -> None:
        start.wait()
        for _ in range(ROUNDS):
            for step in _editor_steps(world, index):
                try:
                    step()
                    done.append(index)
                except DomainError as refusal:
                    refusals.append(refusal)
                except BaseException as error:  # the defect this test guards
                    crashes.append(error)

    threads = [threading.Thread(target=edit, args=(i,)) for i in range(EDITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [repr(c)[:160] for c in crashes] == []
    assert done, "nobody's change went through"
    with world.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(ticket_events)) > 0


def _resolved_incident(world: World) -> str:
    key = _file(world, impact=2, urgency=2)
    cim = actor(world, "sme.cim1")
    incident_work.assign(
        world.engine,
        cim,
        key=key,
        version=1,
        assignee_id=world.users["sme.cim1"],
        group_code="critical_incident_managers",
        now=T0,
    )
    incident_work.change_status(
        world.engine, cim, key=key, version=2, step=Step.START, now=T0
    )
    resolve(
        world.engine,
        cim,
        key=key,
        version=3,
        resolution=Resolution("fixed", "Restarted"),
        now=T0,
    )
    return key


def test_the_auto_close_job_tries_again_after_a_users_save_got_in_its_way(
    world: World,
) -> None:
    key = _resolved_incident(world)
    status = reading.get_ticket(world.engine, actor(world, "sme.agent1"), key=key)
    # A user's save in flight: it holds the row's version until it commits.
    with UnitOfWork(world.engine) as save:
        save.conn.execute(
            sa.update(schema.tickets)
            .where(schema.tickets.c.id == status["id"])
            .values(version=schema.tickets.c.version + 1, updated_at=LATER)
        )
        closed = run_once(
            "auto-close",
            lambda: close_resolved_incidents(world.engine, now=T0 + timedelta(days=4)),
            wait=lambda _seconds: save.commit(),
        )
    assert closed
    assert (
        reading.get_ticket(world.engine, actor(world, "sme.agent1"), key=key)["status"]
        == "Closed"
    )


def test_a_job_that_keeps_meeting_saves_gives_up_after_its_tries(
    world: World,
) -> None:
    key = _resolved_incident(world)
    status = reading.get_ticket(world.engine, actor(world, "sme.agent1"), key=key)
    pauses: list[float] = []
    with UnitOfWork(world.engine) as save:
        save.conn.execute(
            sa.update(schema.tickets)
            .where(schema.tickets.c.id == status["id"])
            .values(version=schema.tickets.c.version + 1, updated_at=LATER)
        )
        closed = run_once(
            "auto-close",
            lambda: close_resolved_incidents(world.engine, now=T0 + timedelta(days=4)),
            wait=pauses.append,
        )
    assert (closed, len(pauses)) == (False, 3)
    assert (
        reading.get_ticket(world.engine, actor(world, "sme.agent1"), key=key)["status"]
        == "Resolved"
    )


def test_two_saves_of_different_fields_at_once_never_lose_the_first(
    world: World,
) -> None:
    ticket_id = reading.get_ticket(
        world.engine, actor(world, "sme.agent1"), key=world.tickets["alpha-inc"]
    )["id"]
    with UnitOfWork(world.engine) as first, UnitOfWork(world.engine) as second:
        assert (
            change_store.update_ticket(
                first.conn, ticket_id, version=1, values={"title": "First's title"}
            )
            == 2
        )
        with pytest.raises(WriteConflict):
            change_store.update_ticket(
                second.conn, ticket_id, version=1, values={"category": "vee"}
            )
        first.commit()
    after = reading.get_ticket(
        world.engine, actor(world, "sme.agent1"), key=world.tickets["alpha-inc"]
    )
    assert (after["title"], after["category"], after["version"]) == (
        "First's title",
        "billing_quantities",
        2,
    )


def test_no_update_in_the_store_reads_back_with_returning() -> None:
    """DuckDB 2.0.1's UPDATE … RETURNING misses write-write conflicts (a lost update);
    every update in data_access is a plain UPDATE, checked by its row count."""
    offenders = []
    for path in sorted(Path(data_access.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "returning"
                and ".update()" in ast.unparse(node.func.value)
            ):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_a_stale_save_is_told_what_changed_in_words(world: World) -> None:
    key = _file(world, impact=3, urgency=3)
    agent = actor(world, "sme.agent1")
    incident_work.assign(
        world.engine,
        agent,
        key=key,
        version=1,
        assignee_id=world.users["osp.eng1"],
        group_code="osp",
        now=T0 + timedelta(minutes=5),
    )
    _reclassify(world, key, impact=2, urgency=3, minutes=10)
    with pytest.raises(DomainError) as refused:
        incident_work.reclassify(
            world.engine,
            agent,
            key=key,
            version=1,
            impact=1,
            urgency=1,
            reason="Billing at risk",
            now=LATER,
        )
    told = str(refused.value)
    assert "assigned to Osp Eng1" in told
    assert "status changed to Assigned" in told
    assert "severity 3 → 2" in told
    assert "field" not in told and "None" not in told

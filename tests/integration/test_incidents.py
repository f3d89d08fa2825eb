from datetime import timedelta

import pytest
import sqlalchemy as sa

from dashboard.incidents import incident_work
from dashboard.incidents.incident_bulk import bulk_assign
from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_jobs import close_resolved_incidents
from dashboard.incidents.incident_resolution import Resolution, resolve
from dashboard.incidents.incident_rules import IncidentDraft, Step
from dashboard.kernel import changes, notify, reading
from dashboard.kernel.rules.errors import (
    InvalidInput,
    NotAllowed,
    NotFound,
    StaleVersion,
)
from dashboard.kernel.uploads import Upload
from data_access import schema
from data_access.engine import UnitOfWork
from data_access.schema import (
    attachments,
    notifications,
    problem_links,
    ticket_events,
)
from tests.factories import T0, World, actor

LATER = T0 + timedelta(hours=2)


def draft(world: World, **changes: object) -> IncidentDraft:
    values = {
        "title": "Billing quantity responses missing",
        "description": "Since 02:00 no BQ responses.",
        "category": "billing_quantities",
        "environment": "Production",
        "impact": 2,
        "urgency": 2,
        "org_id": world.orgs["Alpha Hydro"],
    } | changes
    return IncidentDraft(**values)  # type: ignore[arg-type]


def ticket(world: World, key: str) -> dict:
    return reading.get_ticket(world.engine, actor(world, "sme.agent1"), key=key)


def inbox_of(world: World, username: str) -> list[str]:
    with world.engine.connect() as conn:
        return list(
            conn.scalars(
                sa.select(notifications.c.subject).where(
                    notifications.c.recipient_id == world.users[username]
                )
            )
        )


def count(world: World, table: sa.Table) -> int:
    with world.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(table)))


def test_a_severity_two_incident_is_routed_to_the_critical_incident_managers(
    world: World,
) -> None:
    key = file_incident(
        world.engine, actor(world, "alpha.user1"), draft=draft(world), files=[], now=T0
    )
    filed = ticket(world, key)
    assert (filed["severity"], filed["group_code"], filed["status"]) == (
        2,
        "critical_incident_managers",
        "New",
    )
    # The incident's on-call page comes beside it (tests/integration/test_oncall.py).
    assert (
        f"[{key}] New severity 2 incident: Billing quantity responses missing"
        in inbox_of(world, "sme.cim1")
    )
    assert inbox_of(world, "sme.agent1") == []


def test_a_severity_four_incident_goes_to_the_service_desk(world: World) -> None:
    key = file_incident(
        world.engine,
        actor(world, "alpha.user1"),
        draft=draft(world, impact=4, urgency=4),
        files=[],
        now=T0,
    )
    assert ticket(world, key)["group_code"] == "service_desk"
    assert len(inbox_of(world, "sme.agent1")) == 1


def test_keys_follow_the_sequence(world: World) -> None:
    first = file_incident(
        world.engine, actor(world, "alpha.user1"), draft=draft(world), files=[], now=T0
    )
    second = file_incident(
        world.engine, actor(world, "alpha.user1"), draft=draft(world), files=[], now=T0
    )
    assert int(second.split("-")[1]) == int(first.split("-")[1]) + 1


def test_an_ldc_user_cannot_file_for_another_ldc(world: World) -> None:
    before = count(world, schema.tickets)
    with pytest.raises(InvalidInput, match="your own LDC only"):
        file_incident(
            world.engine,
            actor(world, "alpha.user1"),
            draft=draft(world, org_id=world.orgs["Beta Power"]),
            files=[],
            now=T0,
        )
    assert count(world, schema.tickets) == before


def test_every_problem_of_a_draft_is_named_at_once(world: World) -> None:
    with pytest.raises(InvalidInput) as refused:
        file_incident(
            world.engine,
            actor(world, "alpha.user1"),
            draft=draft(
                world,
                title=" ",
                category="nope",
                ldc_contact_id=world.users["beta.user1"],
            ),
            files=[],
            now=T0,
        )
    message = refused.value.message
    assert "The title is required." in message
    assert "Choose a category." in message
    assert "must be users of the incident's LDC" in message


def test_only_staff_may_file_mdmr_wide_and_every_ldc_manager_is_told(
    world: World,
) -> None:
    with pytest.raises(InvalidInput, match="Only SME and OSP staff"):
        file_incident(
            world.engine,
            actor(world, "alpha.user1"),
            draft=draft(world, org_id=None),
            files=[],
            now=T0,
        )
    key = file_incident(
        world.engine,
        actor(world, "sme.agent1"),
        draft=draft(world, org_id=None, impact=1, urgency=1),
        files=[],
        now=T0,
    )
    assert ticket(world, key)["is_mdmr_wide"]
    assert any(key in s for s in inbox_of(world, "alpha.manager"))
    assert inbox_of(world, "alpha.user1") == []


def test_a_file_over_ten_megabytes_is_refused_and_nothing_is_filed(
    world: World,
) -> None:
    big = Upload("trace.log", "text/plain", b"x" * (10 * 1024 * 1024 + 1))
    before = count(world, schema.tickets)
    with pytest.raises(InvalidInput, match="limited to 10 MB"):
        file_incident(
            world.engine,
            actor(world, "alpha.user1"),
            draft=draft(world),
            files=[big],
            now=T0,
        )
    assert count(world, schema.tickets) == before


def test_attachments_are_stored_with_the_incident(world: World) -> None:
    key = file_incident(
        world.engine,
        actor(world, "alpha.user1"),
        draft=draft(world),
        files=[Upload("sdp.csv", "text/csv", b"sdp,meter\n1,2\n")],
        now=T0,
    )
    with world.engine.connect() as conn:
        row = conn.execute(
            sa.select(
                attachments.c.filename,
                attachments.c.size_bytes,
                attachments.c.uploaded_by,
            )
        ).one()
    assert tuple(row) == ("sdp.csv", 14, world.users["alpha.user1"])
    assert key


def test_assigning_a_new_incident_sets_it_assigned_and_tells_the_assignee(
    world: World,
) -> None:
    key = file_incident(
        world.engine,
        actor(world, "alpha.user1"),
        draft=draft(world, impact=4, urgency=4),
        files=[],
        now=T0,
    )
    incident_work.assign(
        world.engine,
        actor(world, "sme.agent1"),
        key=key,
        version=1,
        assignee_id=world.users["osp.eng1"],
        group_code="osp",
        now=LATER,
    )
    after = ticket(world, key)
    assert (
        after["status"],
        after["assignee_id"],
        after["group_code"],
        after["version"],
    ) == ("Assigned", world.users["osp.eng1"], "osp", 2)
    assert any("Assigned to you" in s for s in inbox_of(world, "osp.eng1"))


def test_a_save_on_a_stale_version_is_refused_naming_who_changed_what(
    world: World,
) -> None:
    key = file_incident(
        world.engine,
        actor(world, "alpha.user1"),
        draft=draft(world, impact=4, urgency=4),
        files=[],
        now=T0,
    )
    incident_work.change_status(
        world.engine,
        actor(world, "sme.agent1"),
        key=key,
        version=1,
        step=Step.START,
        now=LATER,
    )
    with pytest.raises(
        StaleVersion,
        match=r"by Sme Agent1 at 2026-03-02 11:00 EST \(.*\) after you opened it",
    ):
        incident_work.change_status(
            world.engine,
            actor(world, "osp.eng1"),
            key=key,
            version=1,
            step=Step.AWAIT_VENDOR,
            now=LATER,
        )
    assert ticket(world, key)["status"] == "In progress"


def test_a_refused_change_leaves_no_history_and_no_notification(world: World) -> None:
    key = file_incident(
        world.engine,
        actor(world, "alpha.user1"),
        draft=draft(world, impact=4, urgency=4),
        files=[],
        now=T0,
    )
    events, notes = count(world, ticket_events), count(world, notifications)
    with pytest.raises(InvalidInput):
        incident_work.reclassify(
            world.engine,
            actor(world, "sme.agent1"),
            key=key,
            version=1,
            impact=1,
            urgency=1,
            reason="",
            now=LATER,
        )
    assert (count(world, ticket_events), count(world, notifications)) == (events, notes)


def test_raising_to_severity_one_reroutes_to_the_cims_and_keeps_the_reason(
    world: World,
) -> None:
    key = file_incident(
        world.engine,
        actor(world, "alpha.user1"),
        draft=draft(world, impact=4, urgency=4),
        files=[],
        now=T0,
    )
    incident_work.reclassify(
        world.engine,
        actor(world, "sme.agent1"),
        key=key,
        version=1,
        impact=1,
        urgency=1,
        reason="All BQ requests failing",
        now=LATER,
    )
    after = ticket(world, key)
    assert (after["severity"], after["group_code"]) == (1, "critical_incident_managers")
    assert any("Raised to severity 1" in s for s in inbox_of(world, "sme.cim1"))
    timeline = reading.timeline(
        world.engine, actor(world, "sme.agent1"), ticket_id=after["id"]
    )
    assert {e["reason"] for e in timeline if e["field"] == "severity"} == {
        "All BQ requests failing"
    }


def test_an_ldc_user_may_not_reclassify(world: World) -> None:
    key = file_incident(
        world.engine, actor(world, "alpha.user1"), draft=draft(world), files=[], now=T0
    )
    with pytest.raises(NotAllowed):
        incident_work.reclassify(
            world.engine,
            actor(world, "alpha.user1"),
            key=key,
            version=1,
            impact=4,
            urgency=4,
            reason="x",
            now=LATER,
        )


def test_an_osp_engineer_may_take_an_incident_but_not_hand_it_to_another(
    world: World,
) -> None:
    key = file_incident(
        world.engine,
        actor(world, "alpha.user1"),
        draft=draft(world, impact=4, urgency=4),
        files=[],
        now=T0,
    )
    with pytest.raises(NotAllowed, match="take incidents for themselves"):
        incident_work.assign(
            world.engine,
            actor(world, "osp.eng1"),
            key=key,
            version=1,
            assignee_id=world.users["sme.agent1"],
            group_code="service_desk",
            now=LATER,
        )
    incident_work.assign(
        world.engine,
        actor(world, "osp.eng1"),
        key=key,
        version=1,
        assignee_id=world.users["osp.eng1"],
        group_code="service_desk",
        now=LATER,
    )
    assert ticket(world, key)["assignee_id"] == world.users["osp.eng1"]


def test_an_ldc_user_cannot_comment_on_or_change_another_ldcs_incident(
    world: World,
) -> None:
    beta = world.tickets["beta-inc"]
    with pytest.raises(NotFound):
        incident_work.comment(
            world.engine,
            actor(world, "alpha.user1"),
            key=beta,
            body="hello",
            internal=False,
            now=LATER,
        )
    with pytest.raises(NotFound):
        incident_work.change_status(
            world.engine,
            actor(world, "alpha.user1"),
            key=beta,
            version=1,
            step=Step.CLOSE,
            now=LATER,
        )


def test_an_ldc_user_cannot_write_internal_notes(world: World) -> None:
    with pytest.raises(NotAllowed):
        incident_work.comment(
            world.engine,
            actor(world, "alpha.user1"),
            key=world.tickets["alpha-inc"],
            body="psst",
            internal=True,
            now=LATER,
        )


def test_a_public_comment_by_staff_reaches_every_ldc_user_when_no_contact_is_named(
    world: World,
) -> None:
    incident_work.comment(
        world.engine,
        actor(world, "sme.agent1"),
        key=world.tickets["alpha-inc"],
        body="Fix deployed to QA",
        internal=False,
        now=LATER,
    )
    assert any("New comment" in s for s in inbox_of(world, "alpha.user1"))
    assert any("New comment" in s for s in inbox_of(world, "alpha.manager"))
    assert inbox_of(world, "beta.user1") == []


def test_updates_go_only_to_the_named_contact_and_backup(world: World) -> None:
    key = file_incident(
        world.engine,
        actor(world, "alpha.user1"),
        draft=draft(world, ldc_contact_id=world.users["alpha.manager"]),
        files=[],
        now=T0,
    )
    incident_work.comment(
        world.engine,
        actor(world, "sme.cim1"),
        key=key,
        body="Looking",
        internal=False,
        now=LATER,
    )
    assert any("New comment" in s for s in inbox_of(world, "alpha.manager"))
    assert not any("New comment" in s for s in inbox_of(world, "alpha.user1"))


def test_an_internal_note_tells_no_ldc_user(world: World) -> None:
    incident_work.comment(
        world.engine,
        actor(world, "sme.agent1"),
        key=world.tickets["alpha-inc"],
        body="vendor case 99",
        internal=True,
        now=LATER,
    )
    assert inbox_of(world, "alpha.user1") == []


def test_resolving_with_a_workaround_logs_a_problem_and_links_it_in_one_step(
    world: World,
) -> None:
    key = file_incident(
        world.engine, actor(world, "alpha.user1"), draft=draft(world), files=[], now=T0
    )
    cim = actor(world, "sme.cim1")
    incident_work.change_status(
        world.engine, cim, key=key, version=1, step=Step.START, now=LATER
    )
    problem_key = resolve(
        world.engine,
        cim,
        key=key,
        version=2,
        resolution=Resolution(
            "workaround",
            "Resubmit the BQ request",
            new_problem_title="BQ responses dropped after 11.2",
            new_problem_summary="Some BQ requests get no response since 11.2.",
        ),
        now=LATER,
    )
    assert problem_key and problem_key.startswith("PRB-")
    problem = ticket(world, problem_key)
    assert (problem["status"], problem["workaround"]) == (
        "Logged",
        "Resubmit the BQ request",
    )
    with world.engine.connect() as conn:
        assert (
            conn.scalar(
                sa.select(problem_links.c.problem_id).where(
                    problem_links.c.incident_id == ticket(world, key)["id"]
                )
            )
            == problem["id"]
        )
    assert ticket(world, key)["status"] == "Resolved"
    assert any(
        "Resolved with a workaround" in s for s in inbox_of(world, "alpha.user1")
    )


def test_a_workaround_without_a_problem_is_refused(world: World) -> None:
    with pytest.raises(
        InvalidInput, match="links one existing problem or logs one new"
    ):
        resolve(
            world.engine,
            actor(world, "sme.agent1"),
            key=world.tickets["alpha-inc"],
            version=1,
            resolution=Resolution("workaround", "restart"),
            now=LATER,
        )


def test_a_workaround_can_link_an_existing_problem(world: World) -> None:
    agent = actor(world, "sme.agent1")
    incident_work.change_status(
        world.engine,
        agent,
        key=world.tickets["alpha-inc"],
        version=1,
        step=Step.START,
        now=LATER,
    )
    linked = resolve(
        world.engine,
        agent,
        key=world.tickets["alpha-inc"],
        version=2,
        resolution=Resolution(
            "workaround", "restart", problem_key=world.tickets["problem"]
        ),
        now=LATER,
    )
    assert linked == world.tickets["problem"]


def test_the_reporter_can_reopen_a_resolved_incident_with_a_reason(
    world: World,
) -> None:
    key = file_incident(
        world.engine, actor(world, "alpha.user1"), draft=draft(world), files=[], now=T0
    )
    cim = actor(world, "sme.cim1")
    incident_work.change_status(
        world.engine, cim, key=key, version=1, step=Step.START, now=LATER
    )
    resolve(
        world.engine,
        cim,
        key=key,
        version=2,
        resolution=Resolution("fixed", "Restarted the BQ service"),
        now=LATER,
    )
    reporter = actor(world, "alpha.user1")
    with pytest.raises(InvalidInput, match="why the incident is not solved"):
        incident_work.change_status(
            world.engine, reporter, key=key, version=3, step=Step.REOPEN, now=LATER
        )
    incident_work.change_status(
        world.engine,
        reporter,
        key=key,
        version=3,
        step=Step.REOPEN,
        reason="Still missing for cycle 12",
        now=LATER,
    )
    after = ticket(world, key)
    assert (after["status"], after["resolved_at"]) == ("In progress", None)


def test_another_ldc_user_cannot_confirm_the_reporters_incident(world: World) -> None:
    key = file_incident(
        world.engine, actor(world, "alpha.user1"), draft=draft(world), files=[], now=T0
    )
    cim = actor(world, "sme.cim1")
    incident_work.change_status(
        world.engine, cim, key=key, version=1, step=Step.START, now=LATER
    )
    resolve(
        world.engine,
        cim,
        key=key,
        version=2,
        resolution=Resolution("fixed", "Restarted"),
        now=LATER,
    )
    with pytest.raises(NotAllowed):
        incident_work.change_status(
            world.engine,
            actor(world, "alpha.manager"),
            key=key,
            version=3,
            step=Step.CLOSE,
            now=LATER,
        )
    incident_work.change_status(
        world.engine,
        actor(world, "alpha.user1"),
        key=key,
        version=3,
        step=Step.CLOSE,
        now=LATER,
    )
    assert ticket(world, key)["status"] == "Closed"


def test_resolved_incidents_close_themselves_after_three_business_days(
    world: World,
) -> None:
    key = file_incident(
        world.engine, actor(world, "alpha.user1"), draft=draft(world), files=[], now=T0
    )
    cim = actor(world, "sme.cim1")
    incident_work.change_status(
        world.engine, cim, key=key, version=1, step=Step.START, now=T0
    )
    resolve(
        world.engine,
        cim,
        key=key,
        version=2,
        resolution=Resolution("fixed", "Restarted"),
        now=T0,
    )  # Monday 09:00 Toronto
    assert (
        close_resolved_incidents(world.engine, now=T0 + timedelta(days=2, hours=23))
        == []
    )
    assert close_resolved_incidents(world.engine, now=T0 + timedelta(days=3)) == [key]
    assert ticket(world, key)["status"] == "Closed"


def test_a_bulk_assignment_changes_every_incident_under_one_change(
    world: World,
) -> None:
    keys = [world.tickets["alpha-inc"], world.tickets["beta-inc"]]
    assert (
        bulk_assign(
            world.engine,
            actor(world, "sme.agent1"),
            keys=keys,
            assignee_id=world.users["sme.agent1"],
            group_code="service_desk",
            now=LATER,
        )
        == 2
    )
    with world.engine.connect() as conn:
        change_ids = set(
            conn.scalars(
                sa.select(ticket_events.c.change_id).where(
                    ticket_events.c.occurred_at == LATER
                )
            )
        )
    assert len(change_ids) == 1


def test_a_bulk_change_with_one_bad_incident_changes_none(world: World) -> None:
    keys = [world.tickets["alpha-inc"], "INC-999999"]
    with pytest.raises(InvalidInput, match=r"Nothing was changed\. INC-999999"):
        bulk_assign(
            world.engine,
            actor(world, "sme.agent1"),
            keys=keys,
            assignee_id=None,
            group_code="osp",
            now=LATER,
        )
    assert ticket(world, world.tickets["alpha-inc"])["group_code"] == "service_desk"


def test_osp_engineers_make_no_bulk_changes(world: World) -> None:
    with pytest.raises(NotAllowed):
        bulk_assign(
            world.engine,
            actor(world, "osp.eng1"),
            keys=[world.tickets["alpha-inc"]],
            assignee_id=None,
            group_code="osp",
            now=LATER,
        )


def test_a_failure_after_the_writes_began_leaves_no_history_and_no_notification(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = world.tickets["alpha-inc"]
    events, notes = count(world, ticket_events), count(world, notifications)

    def crash(*args: object, **kwargs: object) -> int:
        raise RuntimeError("the outbox is unreachable")

    monkeypatch.setattr(notify, "queue", crash)
    with pytest.raises(RuntimeError):
        incident_work.change_status(
            world.engine,
            actor(world, "sme.agent1"),
            key=key,
            version=1,
            step=Step.START,
            now=LATER,
        )
    after = ticket(world, key)
    assert (after["status"], after["version"]) == ("New", 1)
    assert (count(world, ticket_events), count(world, notifications)) == (events, notes)


def test_two_writers_at_the_same_moment_the_second_is_told_and_changes_nothing(
    world: World,
) -> None:
    key = world.tickets["alpha-inc"]
    agent, engineer = actor(world, "sme.agent1"), actor(world, "osp.eng1")
    with UnitOfWork(world.engine) as first:
        held = incident_work.load_incident(first.conn, agent, key=key)
        change = changes.Change(actor=agent, now=LATER)
        change.set(held, "status", value="In progress")
        changes.apply(first.conn, change, ticket=held)
        with pytest.raises(StaleVersion, match="being changed by someone else"):
            incident_work.change_status(
                world.engine, engineer, key=key, version=1, step=Step.START, now=LATER
            )
        first.commit()
    assert ticket(world, key)["status"] == "In progress"


# A problem logged from a workaround publishes nothing of the LDC -------------------

PUBLIC_TITLE = "Billing quantity responses dropped after release 11.2"
PUBLIC_SUMMARY = "Some billing quantity requests get no response since release 11.2."


def in_progress(world: World) -> str:
    key = file_incident(
        world.engine, actor(world, "alpha.user1"), draft=draft(world), files=[], now=T0
    )
    incident_work.change_status(
        world.engine,
        actor(world, "sme.cim1"),
        key=key,
        version=1,
        step=Step.START,
        now=LATER,
    )
    return key


def log_from(world: World, key: str, *, title: str, summary: str) -> str | None:
    return resolve(
        world.engine,
        actor(world, "sme.cim1"),
        key=key,
        version=2,
        resolution=Resolution(
            "workaround",
            "Resubmit the BQ request",
            new_problem_title=title,
            new_problem_summary=summary,
        ),
        now=LATER,
    )


def test_a_problem_logged_from_a_workaround_publishes_what_staff_wrote(
    world: World,
) -> None:
    key = in_progress(world)
    problem_key = log_from(world, key, title=PUBLIC_TITLE, summary=PUBLIC_SUMMARY)
    assert problem_key is not None
    problem = ticket(world, problem_key)
    assert (problem["title"], problem["public_summary"]) == (
        PUBLIC_TITLE,
        PUBLIC_SUMMARY,
    )


@pytest.mark.parametrize(
    ("title", "summary", "refusal"),
    [
        (PUBLIC_TITLE, "", "public summary is required"),
        ("", PUBLIC_SUMMARY, "public title is required"),
        (
            "  billing QUANTITY responses   missing ",
            PUBLIC_SUMMARY,
            "public title repeats the incident's title",
        ),
        (
            PUBLIC_TITLE,
            "Since 02:00 no BQ responses.",
            "public summary repeats the incident's description",
        ),
        (
            "since 02:00   no bq responses.",
            PUBLIC_SUMMARY,
            "public title repeats the incident's description",
        ),
        (
            PUBLIC_TITLE,
            "Billing quantity responses missing",
            "public summary repeats the incident's title",
        ),
    ],
)
def test_a_problem_logged_from_a_workaround_needs_public_text_of_its_own(
    world: World, title: str, *, summary: str, refusal: str
) -> None:
    key = in_progress(world)
    with pytest.raises(InvalidInput, match=refusal):
        log_from(world, key, title=title, summary=summary)


def test_a_refused_problem_from_a_workaround_saves_nothing(world: World) -> None:
    key = in_progress(world)
    problems_before = count(world, schema.tickets)
    events = count(world, ticket_events)
    with pytest.raises(InvalidInput):
        log_from(world, key, title="Billing quantity responses missing", summary="")
    assert (count(world, schema.tickets), count(world, ticket_events)) == (
        problems_before,
        events,
    )
    assert ticket(world, key)["status"] == "In progress"


def test_the_refusal_says_every_ldc_reads_the_problem(world: World) -> None:
    key = in_progress(world)
    with pytest.raises(InvalidInput, match="every LDC reads"):
        log_from(
            world,
            key,
            title="Billing quantity responses missing",
            summary=PUBLIC_SUMMARY,
        )

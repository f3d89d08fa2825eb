from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from dashboard.incidents import incident_outreach, incident_work
from dashboard.incidents.incident_resolution import Resolution, resolve
from dashboard.incidents.incident_rules import Step
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed, StaleVersion
from dashboard.kernel.rules.workflow import Kind
from dashboard.problems import (
    problem_links,
    problem_reading,
    problem_subscriptions,
    problem_work,
)
from dashboard.problems.problem_rules import LinkedElsewhere, ProblemDraft, ProblemEdit
from data_access.problem_store import ProblemQuery
from data_access.schema import (
    comments,
    notifications,
    release_id_seq,
    releases,
    ticket_events,
    tickets,
)
from tests.factories import T0, World, actor, add_ticket

LATER = T0 + timedelta(hours=2)
SUMMARY = "Some interval reads are flagged as failed by VEE."


# Helpers (also used by the leakage tests) ---------------------------------------


def give_summary(world: World, name: str = "problem") -> None:
    """The factory's problem has no public summary; a real one always has."""
    with world.engine.begin() as conn:
        conn.execute(
            tickets.update()
            .where(tickets.c.ticket_key == world.tickets[name])
            .values(public_summary=SUMMARY)
        )


def problem(world: World, name: str = "problem", *, who: str = "sme.agent1") -> dict:
    return problem_reading.get_problem(
        world.engine, actor(world, who), key=world.tickets[name]
    )


def edit_of(found: dict[str, Any], **changes: Any) -> ProblemEdit:
    values = {
        "title": found["title"],
        "category": found["category"],
        "public_summary": found["public_summary"] or "",
        "workaround": found["workaround"] or "",
        "root_cause": found["root_cause"] or "",
        "target_release_id": found["target_release_id"],
        "status": found["status"],
    } | changes
    return ProblemEdit(**values)


def save(world: World, who: str = "sme.agent1", **changes: Any) -> None:
    found = problem(world)
    problem_work.update_problem(
        world.engine,
        actor(world, who),
        key=found["ticket_key"],
        version=found["version"],
        edit=edit_of(found, **changes),
        now=LATER,
    )


def subscribe(world: World, who: str) -> None:
    problem_subscriptions.subscribe(
        world.engine, actor(world, who), key=world.tickets["problem"], now=T0
    )


def link(world: World, incident: str, *, move: bool = False) -> None:
    problem_links.link_incident(
        world.engine,
        actor(world, "sme.agent1"),
        problem_key=world.tickets["problem"],
        incident_key=world.tickets[incident],
        move=move,
        now=T0,
    )


def subjects(world: World, username: str) -> list[str]:
    with world.engine.connect() as conn:
        return list(
            conn.scalars(
                sa.select(notifications.c.subject)
                .where(notifications.c.recipient_id == world.users[username])
                .order_by(notifications.c.id)
            )
        )


def add_release(world: World, name: str = "MDM/R 2026.2") -> int:
    with world.engine.begin() as conn:
        release = int(conn.scalar(release_id_seq.next_value()))
        conn.execute(
            releases.insert().values(id=release, name=name, deployed_at=T0, notes="")
        )
    return release


def work_around(world: World, incident: str) -> None:
    """Resolve an incident with a workaround that links it to the test problem."""
    agent = actor(world, "sme.agent1")
    key = world.tickets[incident]
    incident_work.change_status(
        world.engine, agent, key=key, version=1, step=Step.START, now=T0
    )
    resolve(
        world.engine,
        agent,
        key=key,
        version=2,
        resolution=Resolution(
            "workaround", "Resend the file", world.tickets["problem"]
        ),
        now=T0,
    )


@pytest.fixture(autouse=True)
def _summary(world: World) -> None:
    give_summary(world)


# The workflow -------------------------------------------------------------------


def test_an_agent_moves_a_problem_to_known_error_with_its_root_cause(
    world: World,
) -> None:
    save(world, status="Under investigation")
    save(world, status="Known error", root_cause="A VEE rule misreads DST gaps.")
    found = problem(world)
    assert (found["status"], found["root_cause"]) == (
        "Known error",
        "A VEE rule misreads DST gaps.",
    )


def test_a_move_the_workflow_forbids_is_refused_and_changes_nothing(
    world: World,
) -> None:
    with pytest.raises(InvalidInput, match="from Logged to Fix scheduled"):
        save(world, status="Fix scheduled", target_release_id=add_release(world))
    assert problem(world)["status"] == "Logged"


def test_a_known_error_without_a_root_cause_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput, match="needs its root cause"):
        save(world, status="Known error")


def test_closing_a_problem_without_a_fix_needs_a_reason(world: World) -> None:
    with pytest.raises(InvalidInput, match="closed without a fix"):
        save(world, status="Closed")


def test_a_save_on_an_old_version_is_refused_naming_who_changed_what(
    world: World,
) -> None:
    stale = problem(world)
    save(world, who="osp.eng1", title="VEE misreads DST gaps")
    with pytest.raises(StaleVersion, match="Osp Eng1"):
        problem_work.update_problem(
            world.engine,
            actor(world, "sme.agent1"),
            key=stale["ticket_key"],
            version=stale["version"],
            edit=edit_of(stale, workaround="Re-run VEE"),
            now=LATER,
        )
    assert problem(world)["workaround"] is None


def test_a_save_that_changes_nothing_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput, match="Nothing to save"):
        save(world)


def test_an_sme_manager_may_not_edit_a_problem(world: World) -> None:
    with pytest.raises(NotAllowed):
        save(world, who="sme.manager1", title="Changed")


def test_every_edit_records_who_made_it_in_the_history(world: World) -> None:
    save(world, who="osp.eng1", workaround="Re-run VEE for the day")
    with world.engine.connect() as conn:
        event = conn.execute(
            sa.select(ticket_events.c.actor_id, ticket_events.c.field).where(
                ticket_events.c.ticket_id == problem(world)["id"],
                ticket_events.c.event_type == "field_changed",
            )
        ).one()
    assert tuple(event) == (world.users["osp.eng1"], "workaround")


def test_an_agent_logs_a_problem_directly(world: World) -> None:
    draft = ProblemDraft("AS2 receipts lost", "file_transfer", "Receipts go missing")
    key = problem_work.log_problem(
        world.engine, actor(world, "sme.agent1"), draft=draft, now=T0
    )
    found = problem_reading.get_problem(
        world.engine, actor(world, "alpha.user1"), key=key
    )
    assert (found["status"], found["public_summary"]) == (
        "Logged",
        "Receipts go missing",
    )


def test_an_ldc_user_may_not_log_a_problem(world: World) -> None:
    draft = ProblemDraft("AS2 receipts lost", "file_transfer", "Receipts go missing")
    with pytest.raises(NotAllowed):
        problem_work.log_problem(
            world.engine, actor(world, "alpha.user1"), draft=draft, now=T0
        )


# The affected LDC count, derived from the links ---------------------------------


def test_the_affected_count_counts_each_ldc_of_the_linked_incidents_once(
    world: World,
) -> None:
    add_ticket(world, "alpha-inc2", org="Alpha Hydro", reporter="alpha.user1")
    for incident in ("alpha-inc", "alpha-inc2", "beta-inc"):
        link(world, incident)
    assert problem(world)["affected_ldcs"] == 2


def test_unlinking_an_ldcs_only_incident_lowers_the_count(world: World) -> None:
    link(world, "alpha-inc")
    link(world, "beta-inc")
    problem_links.unlink_incident(
        world.engine,
        actor(world, "sme.agent1"),
        problem_key=world.tickets["problem"],
        incident_key=world.tickets["beta-inc"],
        now=LATER,
    )
    assert problem(world)["affected_ldcs"] == 1


def test_a_linked_mdmr_wide_incident_marks_the_problem_wide_without_an_ldc(
    world: World,
) -> None:
    link(world, "wide-inc")
    found = problem(world)
    assert (found["affected_ldcs"], found["mdmr_wide"]) == (0, True)


# Links --------------------------------------------------------------------------


def test_linking_an_incident_linked_elsewhere_is_refused_without_confirmation(
    world: World,
) -> None:
    add_ticket(world, "other", kind=Kind.PROBLEM, org=None, reporter="sme.agent1")
    problem_links.link_incident(
        world.engine,
        actor(world, "sme.agent1"),
        problem_key=world.tickets["other"],
        incident_key=world.tickets["alpha-inc"],
        now=T0,
    )
    with pytest.raises(LinkedElsewhere, match="is linked to PRB-"):
        link(world, "alpha-inc")
    assert problem(world)["affected_ldcs"] == 0


def test_a_confirmed_move_relinks_the_incident_and_both_problems_keep_it(
    world: World,
) -> None:
    add_ticket(world, "other", kind=Kind.PROBLEM, org=None, reporter="sme.agent1")
    problem_links.link_incident(
        world.engine,
        actor(world, "sme.agent1"),
        problem_key=world.tickets["other"],
        incident_key=world.tickets["alpha-inc"],
        now=T0,
    )
    link(world, "alpha-inc", move=True)
    assert (
        problem(world)["affected_ldcs"],
        problem(world, "other")["affected_ldcs"],
    ) == (
        1,
        0,
    )
    history = [e["field"] for e in timeline(world, "other")]
    assert history.count("linked incident") == 2


def test_linking_to_a_closed_problem_is_refused(world: World) -> None:
    save(world, status="Closed", reason="Duplicate of an older problem")
    with pytest.raises(InvalidInput, match="link incidents to an open problem"):
        link(world, "alpha-inc")


def test_unlinking_an_incident_not_linked_here_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput, match="is not linked to"):
        problem_links.unlink_incident(
            world.engine,
            actor(world, "sme.agent1"),
            problem_key=world.tickets["problem"],
            incident_key=world.tickets["alpha-inc"],
            now=T0,
        )


def timeline(world: World, name: str) -> list[dict]:
    found = problem(world, name)
    return problem_reading.problem_timeline(
        world.engine, actor(world, "sme.agent1"), problem_id=found["id"]
    )


# Subscriptions and public updates ------------------------------------------------


def test_a_public_update_notifies_each_subscriber_once(world: World) -> None:
    subscribe(world, "alpha.user1")
    subscribe(world, "beta.user1")
    save(world, status="Under investigation", workaround="Re-run VEE for the day")
    expected = [
        "[PRB-000001] Status changed to Under investigation; workaround available: "
        "Known defect in VEE"
    ]
    assert (subjects(world, "alpha.user1"), subjects(world, "beta.user1")) == (
        expected,
        expected,
    )


def test_an_unsubscribed_user_hears_nothing_more(world: World) -> None:
    subscribe(world, "alpha.user1")
    problem_subscriptions.unsubscribe(
        world.engine, actor(world, "alpha.user1"), key=world.tickets["problem"]
    )
    save(world, workaround="Re-run VEE for the day")
    assert subjects(world, "alpha.user1") == []


def test_subscribing_twice_still_brings_one_notice_per_update(world: World) -> None:
    subscribe(world, "alpha.user1")
    subscribe(world, "alpha.user1")
    save(world, workaround="Re-run VEE for the day")
    assert len(subjects(world, "alpha.user1")) == 1


def test_the_author_of_an_update_is_not_told_of_it(world: World) -> None:
    subscribe(world, "sme.agent1")
    save(world, workaround="Re-run VEE for the day")
    assert subjects(world, "sme.agent1") == []


def test_a_title_or_root_cause_change_alone_notifies_nobody(world: World) -> None:
    subscribe(world, "alpha.user1")
    save(world, title="VEE misreads DST gaps", root_cause="A rule misreads gaps")
    assert subjects(world, "alpha.user1") == []


def test_a_new_target_release_is_a_public_update(world: World) -> None:
    subscribe(world, "alpha.user1")
    save(world, target_release_id=add_release(world, "MDM/R 2026.3"))
    assert subjects(world, "alpha.user1") == [
        "[PRB-000001] Target release MDM/R 2026.3: Known defect in VEE"
    ]


def test_a_public_comment_notifies_subscribers_and_a_work_note_does_not(
    world: World,
) -> None:
    subscribe(world, "alpha.user1")
    agent = actor(world, "sme.agent1")
    for internal in (True, False):
        problem_work.comment(
            world.engine,
            agent,
            key=world.tickets["problem"],
            body="Vendor is on it",
            internal=internal,
            now=LATER,
        )
    assert subjects(world, "alpha.user1") == [
        "[PRB-000001] New comment from Sme Agent1: Known defect in VEE"
    ]


def test_subscribing_to_a_closed_problem_is_refused(world: World) -> None:
    save(world, status="Closed", reason="Duplicate of an older problem")
    with pytest.raises(InvalidInput, match="is closed"):
        subscribe(world, "alpha.user1")


def test_my_subscriptions_list_only_the_problems_i_follow(world: World) -> None:
    add_ticket(world, "other", kind=Kind.PROBLEM, org=None, reporter="sme.agent1")
    subscribe(world, "alpha.user1")
    page = problem_reading.list_problems(
        world.engine,
        actor(world, "alpha.user1"),
        query=ProblemQuery(subscribed_only=True),
    )
    assert [r["ticket_key"] for r in page.rows] == [world.tickets["problem"]]


# The fix deployed ---------------------------------------------------------------


def test_a_fix_tells_each_linked_ldc_and_subscriber_once(world: World) -> None:
    link(world, "alpha-inc")
    link(world, "beta-inc")
    subscribe(world, "alpha.user1")
    save(world, status="Under investigation")
    save(world, status="Resolved")
    told = {
        u: subjects(world, u) for u in ("alpha.user1", "alpha.manager", "beta.user1")
    }
    fix = "[PRB-000001] Fix deployed (Resolved): Known defect in VEE"
    assert told == {
        "alpha.user1": [
            "[PRB-000001] Status changed to Under investigation: Known defect in VEE",
            fix,
        ],
        "alpha.manager": [fix],
        "beta.user1": [fix],
    }


def test_the_fix_notice_to_an_ldc_names_only_its_own_incidents(world: World) -> None:
    link(world, "alpha-inc")
    link(world, "beta-inc")
    save(world, status="Under investigation")
    save(world, status="Resolved")
    with world.engine.connect() as conn:
        body = conn.scalar(
            sa.select(notifications.c.body).where(
                notifications.c.recipient_id == world.users["beta.user1"]
            )
        )
    assert world.tickets["beta-inc"] in body
    assert world.tickets["alpha-inc"] not in body


# Communicating the workaround, closing after the fix -----------------------------


def test_sending_the_workaround_posts_it_on_each_open_linked_incident_in_one_change(
    world: World,
) -> None:
    link(world, "alpha-inc")
    link(world, "beta-inc")
    save(world, workaround="Re-run VEE for the day")
    sent = incident_outreach.send_workaround(
        world.engine, actor(world, "osp.eng1"), key=world.tickets["problem"], now=LATER
    )
    with world.engine.connect() as conn:
        posted = conn.execute(
            sa.select(ticket_events.c.change_id)
            .join(comments, comments.c.id == ticket_events.c.comment_id)
            .where(comments.c.body.contains("Re-run VEE for the day"))
        ).all()
    assert (sent, len(posted), len({row.change_id for row in posted})) == (2, 2, 1)


def test_the_sent_workaround_tells_the_incidents_ldc_users(world: World) -> None:
    link(world, "beta-inc")
    save(world, workaround="Re-run VEE for the day")
    incident_outreach.send_workaround(
        world.engine,
        actor(world, "sme.agent1"),
        key=world.tickets["problem"],
        now=LATER,
    )
    assert subjects(world, "beta.user1") == [
        f"[{world.tickets['beta-inc']}] Workaround from problem PRB-000001: "
        "Beta synchronization stuck"
    ]


def test_the_same_workaround_is_not_sent_twice(world: World) -> None:
    link(world, "alpha-inc")
    save(world, workaround="Re-run VEE for the day")
    agent = actor(world, "sme.agent1")
    incident_outreach.send_workaround(
        world.engine, agent, key=world.tickets["problem"], now=LATER
    )
    with pytest.raises(InvalidInput, match="waiting for its workaround"):
        incident_outreach.send_workaround(
            world.engine, agent, key=world.tickets["problem"], now=LATER
        )


def test_a_changed_workaround_may_be_sent_again(world: World) -> None:
    link(world, "alpha-inc")
    save(world, workaround="Re-run VEE for the day")
    agent = actor(world, "sme.agent1")
    incident_outreach.send_workaround(
        world.engine, agent, key=world.tickets["problem"], now=LATER
    )
    save(world, workaround="Re-run VEE, then resend the BQ request")
    assert (
        incident_outreach.send_workaround(
            world.engine, agent, key=world.tickets["problem"], now=LATER
        )
        == 1
    )


def test_worked_around_incidents_are_closed_only_once_the_fix_is_deployed(
    world: World,
) -> None:
    work_around(world, "alpha-inc")
    with pytest.raises(InvalidInput, match="once the fix is deployed"):
        incident_outreach.close_worked_around(
            world.engine,
            actor(world, "sme.agent1"),
            key=world.tickets["problem"],
            now=LATER,
        )


def test_after_the_fix_the_worked_around_incidents_close_in_one_change(
    world: World,
) -> None:
    work_around(world, "alpha-inc")
    work_around(world, "beta-inc")
    save(world, status="Under investigation")
    save(world, status="Resolved")
    closed = incident_outreach.close_worked_around(
        world.engine,
        actor(world, "sme.agent1"),
        key=world.tickets["problem"],
        now=LATER,
    )
    with world.engine.connect() as conn:
        changes = conn.scalars(
            sa.select(ticket_events.c.change_id)
            .where(ticket_events.c.new_value == "Closed")
            .distinct()
        ).all()
    assert (closed, len(changes)) == (2, 1)


def test_an_osp_engineer_may_not_close_incidents_in_bulk(world: World) -> None:
    with pytest.raises(NotAllowed):
        incident_outreach.close_worked_around(
            world.engine,
            actor(world, "osp.eng1"),
            key=world.tickets["problem"],
            now=LATER,
        )


# The list ---------------------------------------------------------------------


def listed(world: World, **query: Any) -> list[str]:
    page = problem_reading.list_problems(
        world.engine, actor(world, "alpha.user1"), query=ProblemQuery(**query)
    )
    return [r["ticket_key"] for r in page.rows]


def test_the_list_finds_words_of_the_title_summary_and_workaround(
    world: World,
) -> None:
    save(world, workaround="Resend the AS2 file")
    key = world.tickets["problem"]
    assert (
        listed(world, text="defect"),
        listed(world, text="flagged as failed"),
        listed(world, text="as2 FILE"),
        listed(world, text="nowhere"),
    ) == ([key], [key], [key], [])


def test_the_list_filters_by_status_and_category(world: World) -> None:
    add_ticket(world, "other", kind=Kind.PROBLEM, org=None, reporter="sme.agent1")
    save(world, status="Under investigation", category="vee")
    key = world.tickets["problem"]
    assert (
        listed(world, statuses=("Under investigation",)),
        listed(world, categories=("vee",)),
        listed(world, statuses=("Logged",), categories=("vee",)),
    ) == ([key], [key], [])


def test_the_list_is_paged_in_the_store_and_sorted_by_last_update(
    world: World,
) -> None:
    for n in range(30):
        add_ticket(
            world,
            f"p{n}",
            kind=Kind.PROBLEM,
            org=None,
            reporter="sme.agent1",
            created=T0 + timedelta(minutes=n),
        )
    page = problem_reading.list_problems(
        world.engine, actor(world, "alpha.user1"), query=ProblemQuery(page=2)
    )
    assert (
        page.total,
        page.page_count,
        len(page.rows),
        page.rows[-1]["ticket_key"],
    ) == (
        31,
        2,
        6,
        world.tickets["problem"],
    )

import pytest

from dashboard.incidents import incident_work
from dashboard.incidents.incident_rules import Step
from dashboard.kernel.rules.workflow import Kind
from dashboard.problems import problem_work
from data_access.schema import tickets
from tests.app.grids import grid_rows, tick
from tests.factories import T0, World, actor, add_ticket
from tests.integration.test_problems import (
    give_summary,
    link,
    problem,
    save,
    subjects,
    subscribe,
    work_around,
)

ROLES = ["alpha.user1", "alpha.manager", "sme.agent1", "osp.eng1", "sme.manager1"]


@pytest.fixture(autouse=True)
def _summary(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    # The auto-close job would close the incidents these tests resolve in 2026.
    monkeypatch.setenv("SERVICEDESK_JOBS", "off")
    give_summary(world)


def texts(at) -> list[str]:
    """The page's texts and the cells of its grids."""
    return [t.value for t in at.text] + [
        str(v) for row in grid_rows(at) for v in row.values()
    ]


def click(at, label: str):
    return next(b for b in at.button if b.label == label).click().run()


def open_problem(app, world: World, *, who: str):
    return app(who, page="problem", key=world.tickets["problem"])


# The list --------------------------------------------------------------------


@pytest.mark.parametrize("username", ROLES)
def test_the_problem_list_renders_for_every_role(app, username: str) -> None:
    at = app(username, page="problems")
    assert not at.exception
    assert at.title[0].value == "Problems"
    assert "Known defect in VEE" in texts(at)


def test_an_ldc_user_subscribes_from_the_list(app, world: World) -> None:
    at = app("alpha.user1", page="problems")
    tick(at, world.tickets["problem"])
    click(at, "Subscribe")
    assert not at.exception
    assert at.success[0].value.startswith("You follow PRB-000001")
    assert "Unsubscribe" in [b.label for b in at.button]


def test_the_status_filter_leaves_out_other_statuses(app) -> None:
    at = app("alpha.user1", page="problems")
    at.multiselect(key="problems_status").set_value(["Known error"]).run()
    assert [i.value for i in at.info] == ["No problem matches these filters."]


def test_the_search_finds_words_of_the_public_summary(app) -> None:
    at = app("alpha.user1", page="problems")
    at.text_input(key="problems_text").input("flagged as failed").run()
    assert "Known defect in VEE" in texts(at)


def test_only_staff_who_edit_problems_are_offered_to_log_one(app) -> None:
    shown = {
        who: [e.label for e in app(who, page="problems").expander]
        for who in ("alpha.user1", "sme.manager1", "osp.eng1")
    }
    assert shown == {
        "alpha.user1": [],
        "sme.manager1": [],
        "osp.eng1": ["Log a problem"],
    }


def test_an_agent_logs_a_problem_and_lands_on_its_record(app) -> None:
    at = app("sme.agent1", page="problems")
    at.text_input(key="problems_log_title").input("AS2 receipts lost")
    at.selectbox(key="problems_log_category").set_value("file_transfer")
    at.text_area(key="problems_log_summary").input("Receipts go missing")
    click(at, "Log the problem")
    assert not at.exception
    assert at.title[0].value == "PRB-000002 · AS2 receipts lost"
    assert at.success[0].value == "PRB-000002 is logged."


# My subscriptions --------------------------------------------------------------


@pytest.mark.parametrize("username", ROLES)
def test_my_subscriptions_renders_for_every_role(app, username: str) -> None:
    at = app(username, page="subscriptions")
    assert not at.exception
    assert at.title[0].value == "My subscriptions"


def test_my_subscriptions_lists_what_i_follow(app, world: World) -> None:
    subscribe(world, "beta.user1")
    at = app("beta.user1", page="subscriptions")
    assert "Known defect in VEE" in texts(at)


# The record -----------------------------------------------------------------------


@pytest.mark.parametrize("username", ROLES)
def test_the_problem_record_renders_for_every_role(
    app, world: World, *, username: str
) -> None:
    at = open_problem(app, world, who=username)
    assert not at.exception
    assert at.title[0].value == "PRB-000001 · Known defect in VEE"


def test_an_ldc_user_reads_the_record_without_any_way_to_change_it(
    app, world: World
) -> None:
    at = open_problem(app, world, who="alpha.user1")
    assert (at.tabs.len, [b.label for b in at.button]) == (0, ["Subscribe", "Sign out"])


def test_an_sme_manager_reads_the_record_without_any_way_to_change_it(
    app, world: World
) -> None:
    at = open_problem(app, world, who="sme.manager1")
    assert at.tabs.len == 0
    assert "Save" not in [b.label for b in at.button]


def test_staff_who_edit_problems_get_edit_link_and_comment(app, world: World) -> None:
    at = open_problem(app, world, who="osp.eng1")
    assert [t.label for t in at.tabs] == ["Edit", "Link an incident", "Comment"]


def test_the_root_cause_reaches_ldc_users_from_known_error_on(
    app, world: World
) -> None:
    save(world, status="Under investigation", root_cause="DST gap rule")
    hidden = "DST gap rule" in texts(open_problem(app, world, who="alpha.user1"))
    save(world, status="Known error")
    shown = "DST gap rule" in texts(open_problem(app, world, who="alpha.user1"))
    assert (hidden, shown) == (False, True)


def test_an_ldc_user_sees_their_own_linked_incident_only(app, world: World) -> None:
    link(world, "alpha-inc")
    link(world, "beta-inc")
    shown = texts(open_problem(app, world, who="alpha.user1"))
    assert "Alpha billing quantities missing" in shown
    assert "Beta synchronization stuck" not in shown


def test_an_agent_saves_a_new_workaround_and_subscribers_are_told(
    app, world: World
) -> None:
    subscribe(world, "alpha.user1")
    at = open_problem(app, world, who="sme.agent1")
    at.text_area(key="problem_PRB-000001_workaround").input("Re-run VEE")
    click(at, "Save")
    assert not at.exception
    assert at.success[0].value == "PRB-000001 saved."
    assert "Re-run VEE" in texts(at)
    assert subjects(world, "alpha.user1") == [
        "[PRB-000001] Workaround available: Known defect in VEE"
    ]


def test_a_save_over_someone_elses_change_is_refused_with_a_reload(
    app, world: World
) -> None:
    at = open_problem(app, world, who="sme.agent1")
    save(world, who="osp.eng1", title="VEE misreads DST gaps")
    at.text_area(key="problem_PRB-000001_workaround").input("Re-run VEE")
    click(at, "Save")
    assert "was changed by Osp Eng1" in at.error[0].value
    assert "Show the newest version" in [b.label for b in at.button]
    assert problem(world)["workaround"] is None


def test_a_wrong_move_is_explained(app, world: World) -> None:
    at = open_problem(app, world, who="sme.agent1")
    at.selectbox(key="problem_PRB-000001_status").set_value("Known error")
    click(at, "Save")
    assert at.error[0].value == "A known error needs its root cause."


def test_an_agent_links_an_incident_by_its_key(app, world: World) -> None:
    at = open_problem(app, world, who="sme.agent1")
    at.text_input(key="problem_PRB-000001_link_key").input("inc-1")
    click(at, "Link the incident")
    assert not at.exception
    assert at.success[0].value == "INC-000001 is linked to PRB-000001."
    assert "Alpha billing quantities missing" in texts(at)


def test_moving_an_incident_linked_elsewhere_needs_a_confirmation(
    app, world: World
) -> None:
    link(world, "alpha-inc")
    add_ticket(world, "other", kind=Kind.PROBLEM, org=None, reporter="sme.agent1")
    at = app("sme.agent1", page="problem", key=world.tickets["other"])
    at.text_input(key="problem_PRB-000002_link_key").input("INC-000001")
    click(at, "Link the incident")
    assert "is linked to PRB-000001" in at.warning[-1].value
    click(at, "Move INC-000001 to PRB-000002")
    assert at.success[0].value == "INC-000001 is moved to PRB-000002."


def test_the_workaround_can_be_sent_to_open_linked_incidents(app, world: World) -> None:
    link(world, "beta-inc")
    save(world, workaround="Re-run VEE")
    at = open_problem(app, world, who="sme.agent1")
    click(at, "Send the workaround to 1 open incident(s)")
    assert not at.exception
    assert at.success[0].value.startswith("The workaround is posted on 1 incident")
    assert subjects(world, "beta.user1")


def test_a_comment_lands_in_the_history(app, world: World) -> None:
    at = open_problem(app, world, who="sme.agent1")
    at.text_area(key="problem_PRB-000001_body").input("Vendor is on it")
    click(at, "Add")
    assert not at.exception
    assert "Vendor is on it" in texts(at)


def test_a_problem_key_on_the_ticket_page_opens_the_problem(app, world: World) -> None:
    at = app("alpha.user1", page="ticket", key=world.tickets["problem"])
    assert not at.exception
    assert at.title[0].value == "PRB-000001 · Known defect in VEE"


def test_an_unknown_problem_is_not_found(app) -> None:
    at = app("alpha.user1", page="problem", key="PRB-999999")
    assert at.title[0].value == "Problem not found"


def test_markup_in_a_problem_title_is_shown_as_text(app, world: World) -> None:
    with world.engine.begin() as conn:
        conn.execute(
            tickets.update()
            .where(tickets.c.ticket_key == world.tickets["problem"])
            .values(title="<b>bold</b> **x**")
        )
    at = open_problem(app, world, who="alpha.user1")
    assert at.title[0].value.endswith(r"\<b\>bold\</b\> \*\*x\*\*")


def test_closing_worked_around_incidents_after_the_fix_asks_for_a_confirmation(
    app, world: World
) -> None:
    work_around(world, "alpha-inc")
    save(world, status="Under investigation")
    save(world, status="Resolved")
    at = open_problem(app, world, who="sme.agent1")
    click(at, "Close 1 incident(s)…")
    assert not at.exception
    assert "Yes, close them all" in [b.label for b in at.button]
    assert world.tickets["alpha-inc"] in [c.value for c in at.caption]


def test_a_malformed_key_in_the_link_box_is_refused_and_shown_as_text(
    app, world: World
) -> None:
    at = open_problem(app, world, who="sme.agent1")
    at.text_input(key="problem_PRB-000001_link_key").input("[x](http://e.vil)")
    click(at, "Link the incident")
    assert at.error[0].value.startswith(r"'\[x\]\(http\:")


def test_an_ldc_user_reads_public_comments_but_not_work_notes(
    app, world: World
) -> None:
    agent = actor(world, "sme.agent1")
    for body, internal in (("Vendor is on it", False), ("Vendor ticket 99", True)):
        problem_work.comment(
            world.engine,
            agent,
            key=world.tickets["problem"],
            body=body,
            internal=internal,
            now=T0,
        )
    shown = texts(open_problem(app, world, who="alpha.user1"))
    assert ("Vendor is on it" in shown, "Vendor ticket 99" in shown) == (True, False)


def test_after_a_refused_save_the_newest_version_keeps_only_what_you_typed(
    app, world: World
) -> None:
    at = open_problem(app, world, who="sme.agent1")
    save(world, who="osp.eng1", title="VEE misreads DST gaps")
    at.text_area(key="problem_PRB-000001_workaround").input("Re-run VEE")
    click(at, "Save")
    click(at, "Show the newest version")
    click(at, "Save")
    assert not at.exception
    found = problem(world)
    assert (found["title"], found["workaround"]) == (
        "VEE misreads DST gaps",
        "Re-run VEE",
    )


# A problem logged while resolving an incident ------------------------------------


def resolving_with_a_workaround(app, world: World):
    incident_work.change_status(
        world.engine,
        actor(world, "sme.agent1"),
        key=world.tickets["alpha-inc"],
        version=1,
        step=Step.START,
        now=T0,
    )
    at = app("sme.agent1", page="ticket", key=world.tickets["alpha-inc"])
    return at.radio(key="act_resolution_kind").set_value("workaround").run()


def test_a_new_problems_public_fields_start_empty_on_the_resolve_tab(
    app, world: World
) -> None:
    at = resolving_with_a_workaround(app, world)
    assert not at.exception
    assert (
        at.text_input(key="act_problem_title").value,
        at.text_area(key="act_problem_summary").value,
    ) == ("", "")


def test_the_resolve_tab_says_every_ldc_reads_the_new_problem(
    app, world: World
) -> None:
    at = resolving_with_a_workaround(app, world)
    assert any("Every LDC reads" in c.value for c in at.caption)

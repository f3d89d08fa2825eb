"""AppTest of the service catalogue, a request form and the request page."""

from datetime import date

from dashboard.kernel import auth
from dashboard.requests.request_filing import RequestDraft, file_request
from tests.app.grids import grid_keys, open_filters
from tests.factories import PASSWORD, T0, World


def filed_question(world: World) -> str:
    requester = auth.sign_in(
        world.engine, username="alpha.user1", password=PASSWORD, now=T0
    ).actor
    draft = RequestDraft(
        request_type="question",
        org_id=world.orgs["Alpha Hydro"],
        answers={"topic": "Billing cycles", "question": "When does it close?"},
    )
    return file_request(world.engine, requester, draft=draft, now=T0)


def test_the_catalogue_lists_the_twelve_requests_with_their_targets(app) -> None:
    at = app("alpha.user1", page="catalogue")
    assert not at.exception
    assert at.title[0].value == "Service catalogue"
    entries = [m.value for m in at.markdown if m.value.startswith("## ")]
    assert len(entries) == 12
    assert any("**Target:** 10 business days" in m.value for m in at.markdown)


def test_a_non_manager_gets_no_link_to_request_an_account(app) -> None:
    at = app("alpha.user1", page="catalogue")
    links = [p.label for p in at.get("page_link")]
    assert "Request Submit a Question" in links
    assert "Request Service Desk User Creation" not in links


def test_a_manager_may_request_an_account_from_the_catalogue(app) -> None:
    at = app("alpha.manager", page="catalogue")
    links = [p.label for p in at.get("page_link")]
    assert "Request Service Desk User Creation" in links


def test_the_form_is_rendered_from_the_requests_declaration(app) -> None:
    at = app("alpha.user1", page="request_new", type="crossed_meter")
    assert not at.exception
    labels = [t.label for t in at.text_input]
    assert labels[:2] == ["First SDP ID", "Second SDP ID"]
    assert [d.label for d in at.date_input] == ["Date the meters were crossed"]


def test_a_bad_sdp_id_is_refused_on_the_form(app) -> None:
    at = app("alpha.user1", page="request_new", type="crossed_meter")
    at.text_input(key="req_sdp_id_1").input("12AB")
    at.text_input(key="req_sdp_id_2").input("1234567890")
    at.text_input(key="req_meter_id_1").input("M1234567")
    at.text_input(key="req_meter_id_2").input("M7654321")
    at.date_input(key="req_effective_date").set_value(date(2026, 1, 5))
    at.button[0].click().run()
    assert any("First SDP ID must be 6 to 20 digits" in e.value for e in at.error)


def test_a_question_filed_on_the_form_is_confirmed_with_its_key(app) -> None:
    at = app("alpha.user1", page="request_new", type="question")
    at.text_input(key="req_topic").input("Billing cycles")
    at.text_area(key="req_question").input("When does the cycle close?")
    at.button[0].click().run()
    assert not at.exception
    assert any("is filed and routed" in s.value for s in at.success)


def test_a_non_manager_is_told_an_account_request_is_the_managers(app) -> None:
    at = app("alpha.user1", page="request_new", type="sd_user_creation")
    assert any("Only your LDC's manager" in e.value for e in at.error)


def test_the_request_page_shows_the_answers_under_their_labels(
    app, world: World
) -> None:
    at = app("alpha.user1", page="ticket", key=filed_question(world))
    assert not at.exception
    assert "Your question" in str(at.table[0].value)


def test_an_agent_starts_fulfilment_on_the_request_page(app, world: World) -> None:
    key = filed_question(world)
    at = app("sme.agent1", page="ticket", key=key)
    next(b for b in at.button if b.label == "Start fulfilment").click().run()
    assert not at.exception
    assert any("Start fulfilment done" in s.value for s in at.success)


def test_the_requester_sees_no_fulfilment_steps(app, world: World) -> None:
    at = app("alpha.user1", page="ticket", key=filed_question(world))
    assert "Start fulfilment" not in [b.label for b in at.button]
    assert "Cancel" in [t.label for t in at.tabs]


def test_the_fulfilment_queue_lists_open_requests(app, world: World) -> None:
    key = filed_question(world)
    at = app("sme.agent1", page="fulfilment")
    assert not at.exception
    assert at.title[0].value == "Fulfilment queue"
    assert key in grid_keys(at)


def test_the_fulfilment_queue_filters_by_request_type(app, world: World) -> None:
    key = filed_question(world)
    at = open_filters(app("sme.agent1", page="fulfilment"), "ful")
    at.multiselect(key="ful_types").select("test_env_refresh").run()
    assert not at.exception
    assert key not in grid_keys(at)
    at.multiselect(key="ful_types").select("question").run()
    assert key in grid_keys(at)


def test_the_account_set_up_page_refuses_a_wrong_code(app) -> None:
    at = app(page="account_setup")
    at.text_input(key="setup_username").input("jane.doe")
    at.text_input(key="setup_code").input("AAAA-BBBB-CCCC-DDDD")
    at.text_input(key="setup_new").input("Blue-Kettle-2026")
    at.text_input[3].input("Blue-Kettle-2026")
    at.button[0].click().run()
    assert any("do not match" in e.value for e in at.error)


def test_the_users_page_lists_every_account_for_an_sme_manager(app) -> None:
    at = app("sme.manager1", page="users_admin")
    assert not at.exception
    assert "alpha.user1" in list(at.dataframe[0].value["Username"])


def test_choosing_a_row_of_the_users_grid_chooses_the_account_to_change(
    app, world: World
) -> None:
    at = app("sme.manager1", page="users_admin")
    row = list(at.dataframe[0].value["Username"]).index("beta.user1")
    at.session_state["users_grid"] = {
        "selection": {"rows": [row], "columns": [], "cells": []}
    }
    at.run()
    assert at.selectbox(key="users_pick").value == world.users["beta.user1"]
    # Choosing another account in the form afterwards is not undone by the grid.
    at.selectbox(key="users_pick").set_value(world.users["alpha.user1"]).run()
    assert at.selectbox(key="users_pick").value == world.users["alpha.user1"]


def test_an_sme_manager_creating_an_account_is_shown_its_code_once(app) -> None:
    at = app("sme.manager1", page="users_admin")
    at.text_input(key="users_new_username").input("kim.lee")
    at.text_input(key="users_new_name").input("Kim Lee")
    at.text_input(key="users_new_email").input("kim.lee@alpha.example")
    next(b for b in at.button if b.label == "Create the account").click().run()
    assert not at.exception
    assert any("one-time code" in w.value for w in at.warning)


def test_an_sme_manager_deactivates_an_account_on_the_users_page(
    app, world: World
) -> None:
    at = app("sme.manager1", page="users_admin")
    at.selectbox(key="users_pick").set_value(world.users["beta.user1"]).run()
    next(b for b in at.button if b.label == "Deactivate").click().run()
    assert not at.exception
    assert any("beta.user1 is deactivated" in s.value for s in at.success)

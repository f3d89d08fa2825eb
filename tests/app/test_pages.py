from datetime import UTC, datetime, timedelta

import pytest

from dashboard.admin.reference_admin import add_release
from tests.app.grids import grid_keys, grid_rows, grid_text
from tests.factories import PASSWORD, T0, World, actor

ROLES = ["alpha.user1", "alpha.manager", "sme.agent1", "osp.eng1", "sme.manager1"]


def test_a_visitor_sees_the_sign_in_form_only(app) -> None:
    at = app()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Username", "Password"]


def test_a_wrong_password_shows_a_clear_error_and_stays_on_sign_in(app) -> None:
    at = app()
    at.text_input(key="login_username").input("alpha.user1")
    at.text_input(key="login_password").input("wrong")
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert [e.value for e in at.error] == ["Wrong username or password."]
    assert "token" not in at.session_state


def test_the_right_password_opens_the_ldcs_ticket_list(app) -> None:
    at = app()
    at.text_input(key="login_username").input("alpha.user1")
    at.text_input(key="login_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception
    assert at.title[0].value == "Tickets of Alpha Hydro"


@pytest.mark.parametrize("username", ROLES)
def test_the_ticket_list_renders_for_every_role(app, username: str) -> None:
    at = app(username, page="tickets")
    assert not at.exception
    assert at.title[0].value.startswith(
        "Tickets of" if username.startswith("alpha") else "All tickets"
    )


@pytest.mark.parametrize("username", ROLES)
def test_the_ticket_page_renders_for_every_role(
    app, world: World, *, username: str
) -> None:
    at = app(username, page="ticket", key=world.tickets["alpha-inc"])
    assert not at.exception
    assert at.title[0].value.startswith(world.tickets["alpha-inc"])


@pytest.mark.parametrize("username", ROLES)
def test_the_account_page_renders_for_every_role(app, username: str) -> None:
    at = app(username, page="account")
    assert not at.exception
    assert at.title[0].value == "My account"


def test_an_ldc_users_list_shows_none_of_another_ldcs_tickets(
    app, world: World
) -> None:
    at = app("alpha.user1")
    shown = grid_text(at)
    assert "Alpha billing quantities missing" in shown
    assert "Beta synchronization stuck" not in shown


def test_an_ldc_user_opening_another_ldcs_key_is_told_not_found(
    app, world: World
) -> None:
    at = app("alpha.user1", page="ticket", key=world.tickets["beta-inc"])
    assert at.title[0].value == "Ticket not found"
    assert "Beta" not in " ".join(str(t.value) for t in at.text)


def test_an_ldc_user_sees_the_mdmr_wide_banner(app, world: World) -> None:
    at = app("beta.user1")
    assert any(world.tickets["wide-inc"] in w.value for w in at.warning)


def test_internal_notes_are_hidden_on_the_ticket_page_for_ldc_users(
    app, world: World
) -> None:
    at = app("alpha.user1", page="ticket", key=world.tickets["alpha-inc"])
    texts = [t.value for t in at.text]
    assert "We are looking into it." in texts
    assert "Internal: vendor ticket 4711 opened" not in texts


def test_markup_in_a_title_is_shown_as_text(app, world: World) -> None:
    from tests.factories import add_ticket

    add_ticket(
        world,
        "xss",
        org="Alpha Hydro",
        reporter="alpha.user1",
        title="<b>bold</b> **x**",
    )
    at = app("alpha.user1", page="ticket", key=world.tickets["xss"])
    assert at.title[0].value.endswith(r"\<b\>bold\</b\> \*\*x\*\*")


def test_changing_the_password_with_a_wrong_current_one_shows_why(app) -> None:
    at = app("alpha.user1", page="account")
    at.text_input(key="account_current").input("nope")
    at.text_input(key="account_new").input("New-Meter-2026")
    at.text_input(key="account_confirm").input("New-Meter-2026")
    next(b for b in at.button if b.label == "Change password").click().run()
    assert [e.value for e in at.error] == ["The current password is wrong."]


@pytest.mark.parametrize("username", ["alpha.user1", "sme.agent1", "osp.eng1"])
def test_the_report_form_renders_for_those_who_may_file(app, username: str) -> None:
    at = app(username, page="report")
    assert not at.exception
    assert at.title[0].value == "Report an incident"
    assert at.metric[0].value == "Sev 3"


def test_the_report_form_proposes_the_release_in_production_not_a_planned_one(
    app, world: World
) -> None:
    today = datetime.now(UTC)
    for name, days in (("R2025.4", -90), ("R2026.1", -10), ("R2026.2", 30)):
        add_release(
            world.engine,
            actor(world, "sme.manager1"),
            name=name,
            deployed_at=today + timedelta(days=days),
            notes="",
            now=today,
        )
    at = app("alpha.user1", page="report")
    release = next(s for s in at.selectbox if s.label == "MDM/R release")
    assert release.value is not None
    assert release.format_func(release.value) == "R2026.1"


def test_the_report_form_files_an_incident_and_names_its_key(app, world: World) -> None:
    at = app("alpha.user1", page="report")
    at.text_input(key="report_title").input("BQ responses missing")
    at.text_area(key="report_description").input("Since 02:00")
    at.selectbox(key="report_category").set_value("billing_quantities")
    at.selectbox(key="report_impact").set_value(1)
    at.run()
    assert at.metric[0].value == "Sev 2"
    at.button(key="report_submit").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("INC-") and "is filed" in at.success[0].value


def test_the_report_form_names_every_missing_field(app) -> None:
    at = app("alpha.user1", page="report")
    at.button(key="report_submit").click().run()
    assert "The title is required." in at.error[0].value
    assert "Choose a category." in at.error[0].value


def test_staff_must_choose_an_ldc_or_mdmr_wide(app) -> None:
    at = app("sme.agent1", page="report")
    at.button(key="report_submit").click().run()
    assert at.error[0].value == "Choose the LDC concerned, or MDM/R-wide."


@pytest.mark.parametrize("username", ["sme.agent1", "sme.cim1", "osp.eng1"])
def test_the_queue_renders_for_staff_who_work_tickets(
    app, world: World, *, username: str
) -> None:
    at = app(username, page="queue")
    assert not at.exception
    assert at.title[0].value == "Triage queue"


def test_the_queue_is_not_in_an_ldc_users_navigation(app) -> None:
    at = app("alpha.user1", page="queue")
    assert at.title[0].value != "Triage queue"


def test_the_queue_shows_open_incidents_with_their_severity(app, world: World) -> None:
    at = app("sme.agent1", page="queue")
    rows = {row["Title"]: row for row in grid_rows(at)}
    assert rows["Alpha billing quantities missing"]["Severity"] == "Sev 3"
    assert "Alpha password reset" not in rows


def test_the_mine_quick_filter_narrows_the_queue_and_goes_in_the_address(
    app, world: World
) -> None:
    at = app("sme.agent1", page="queue")
    assert grid_keys(at)
    at.pills(key="queue_quick").set_value(["mine"]).run()
    assert any(i.value == "No incident matches these filters." for i in at.info)
    assert at.query_params["quick"] in ("mine", ["mine"])


def test_the_ticket_page_offers_an_ldc_user_only_comment_and_attach(
    app, world: World
) -> None:
    at = app("alpha.user1", page="ticket", key=world.tickets["alpha-inc"])
    # One step is one form, with no bar of a single tab above it.
    assert at.tabs.len == 0
    assert [a.label for a in at.text_area] == ["Comment"]
    assert not [b for b in at.button if b.label in ("Start work", "Resolve")]


def _order(node) -> list[str]:
    """The page's headings and input labels in the order they are drawn."""
    found = []
    for child in getattr(node, "children", {}).values():
        if child.type in ("header", "text_area"):
            found.append(child.value if child.type == "header" else child.label)
        found += _order(child)
    return found


def test_the_ticket_page_shows_the_record_then_the_timeline_then_the_steps(
    app, world: World
) -> None:
    at = app("alpha.user1", page="ticket", key=world.tickets["alpha-inc"])
    shown = _order(at.main)
    assert shown.index("Description") < shown.index("Timeline") < shown.index("Comment")


def test_the_ticket_page_offers_an_agent_the_triage_steps(app, world: World) -> None:
    at = app("sme.agent1", page="ticket", key=world.tickets["alpha-inc"])
    assert [t.label for t in at.tabs] == ["Comment", "Assign", "Re-classify", "Cancel"]
    assert "Start work" in [b.label for b in at.button]


def test_a_comment_from_the_ticket_page_lands_in_the_timeline(
    app, world: World
) -> None:
    at = app("alpha.user1", page="ticket", key=world.tickets["alpha-inc"])
    at.text_area(key="act_comment_body").input("Cycle 14 also affected")
    next(b for b in at.button if b.label == "Add").click().run()
    assert not at.exception
    assert at.success[0].value == "Comment added."
    assert "Cycle 14 also affected" in [t.value for t in at.text]


def test_starting_work_from_the_ticket_page_changes_the_status(
    app, world: World
) -> None:
    at = app("sme.agent1", page="ticket", key=world.tickets["alpha-inc"])
    next(b for b in at.button if b.label == "Start work").click().run()
    assert not at.exception
    assert "Start work done" in at.success[0].value


def test_the_inbox_lists_notifications_and_marks_them_read(app, world: World) -> None:
    from dashboard.incidents import incident_work
    from dashboard.kernel import auth

    agent = auth.sign_in(
        world.engine, username="sme.agent1", password=PASSWORD, now=T0
    ).actor
    incident_work.comment(
        world.engine,
        agent,
        key=world.tickets["alpha-inc"],
        body="Looking into it",
        internal=False,
        now=T0,
    )
    at = app("alpha.user1", page="inbox")
    assert any("New comment from" in r["Notification"] for r in grid_rows(at))
    assert at.button(key="inbox_mark_all").label == "Mark all 1 read"
    at.button(key="inbox_mark_all").click().run()
    assert not at.exception
    assert [r["Read"] for r in grid_rows(at)] == [""]
    # Nothing left unread: nothing left to mark.
    assert "inbox_mark_all" not in [b.key for b in at.button]


def test_the_ticket_page_shows_the_sla_clocks_of_a_filed_incident(
    app, world: World
) -> None:
    from dashboard.incidents.incident_filing import file_incident
    from dashboard.incidents.incident_rules import IncidentDraft
    from dashboard.kernel import auth

    reporter = auth.sign_in(
        world.engine, username="alpha.user1", password=PASSWORD, now=T0
    ).actor
    draft = IncidentDraft(
        title="VEE",
        description="x",
        category="vee",
        environment="QA",
        impact=3,
        urgency=3,
        org_id=world.orgs["Alpha Hydro"],
    )
    key = file_incident(world.engine, reporter, draft=draft, files=[], now=T0)
    at = app("alpha.user1", page="ticket", key=key)
    assert "Service levels" in [h.value for h in at.header]
    clocks = at.dataframe[0].value
    assert list(clocks["Clock"]) == ["First response", "Resolution"]


@pytest.mark.parametrize("ticket", ["alpha-inc", "alpha-sr"])
def test_the_ticket_page_offers_an_sme_manager_no_comment_box(
    app, world: World, *, ticket: str
) -> None:
    at = app("sme.manager1", page="ticket", key=world.tickets[ticket])
    assert not at.exception
    assert "Comment" not in [t.label for t in at.tabs]
    assert not [a for a in at.text_area if a.label == "Comment"]


def test_changing_the_password_keeps_this_session_signed_in(app) -> None:
    at = app("alpha.user1", page="account")
    at.text_input(key="account_current").input(PASSWORD)
    at.text_input(key="account_new").input("New-Meter-2026")
    at.text_input(key="account_confirm").input("New-Meter-2026")
    next(b for b in at.button if b.label == "Change password").click().run()
    assert at.success[0].value.startswith("Your password is changed.")
    at.run()
    assert not at.exception
    assert at.title[0].value == "My account"

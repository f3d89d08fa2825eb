"""AppTest: a form that saved comes back empty, and a second click saves nothing.

AppTest runs the server side only. A browser keeps what it shows in a widget as long
as the widget keeps its identity, and sends it back on its next rerun; these tests
replay the browser's widget states (`at._run(states)`) to see what it would get.
"""

from typing import Any

import sqlalchemy as sa
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1 import AppTest

from data_access.schema import comments, tickets
from tests.factories import World

TRIGGERS = {"trigger_value", "string_trigger_value", "json_trigger_value"}


def shown(at: AppTest) -> WidgetStates:
    """What the browser holds now, and sends with its next rerun."""
    return at._tree.get_widget_states()


def unclicked(states: WidgetStates) -> WidgetStates:
    """The same values, sent by a rerun that clicks nothing (a click elsewhere)."""
    kept = WidgetStates()
    kept.widgets.extend(
        w for w in states.widgets if w.WhichOneof("value") not in TRIGGERS
    )
    return kept


def count(world: World, table: sa.Table, *where: Any) -> int:
    with world.engine.connect() as conn:
        query = sa.select(sa.func.count()).select_from(table).where(*where)
        return int(conn.scalar(query))


def incidents(world: World) -> int:
    return count(world, tickets, tickets.c.kind == "incident")


def requests(world: World) -> int:
    return count(world, tickets, tickets.c.kind == "service_request")


def labelled(widgets: Any, label: str) -> Any:
    return next(w for w in widgets if w.label == label)


def button(at: AppTest, label: str) -> Any:
    return labelled(at.button, label)


# The incident report form -------------------------------------------------------


def typed_report(app):
    at = app("alpha.user1", page="report")
    at.text_input(key="report_title").input("BQ responses missing")
    at.text_area(key="report_description").input("Since 02:00")
    at.selectbox(key="report_category").set_value("billing_quantities")
    at.selectbox(key="report_impact").set_value(1)
    return at.run()


def test_a_filed_incident_leaves_the_browser_an_empty_report_form(app) -> None:
    at = typed_report(app)
    at.button(key="report_submit").click()
    sent = shown(at)
    at.run()
    at._run(unclicked(sent))
    assert [t.value for t in at.text_input] == [""]
    assert [t.value for t in at.text_area] == [""]


def test_the_severity_of_the_empty_form_agrees_with_its_impact_and_urgency(
    app,
) -> None:
    at = typed_report(app)
    at.button(key="report_submit").click()
    sent = shown(at)
    at.run()
    at._run(unclicked(sent))
    impact, urgency = (
        s.value for s in at.selectbox if s.label in ("Impact", "Urgency")
    )
    assert (impact, urgency, at.metric[0].value) == (3, 3, "Sev 3")


def test_a_second_click_on_the_filed_report_form_files_nothing(
    app, world: World
) -> None:
    at = typed_report(app)
    at.button(key="report_submit").click()
    double_click = shown(at)
    at.run()
    filed = incidents(world)
    at._run(double_click)
    assert not at.exception
    assert incidents(world) == filed


def test_the_filed_incident_is_named_with_a_link(app) -> None:
    at = typed_report(app)
    at.button(key="report_submit").click().run()
    key = at.success[0].value.split()[0]
    assert f"Open {key}" in [p.label for p in at.get("page_link")]


def test_a_refused_report_keeps_what_was_typed(app) -> None:
    at = app("alpha.user1", page="report")
    at.text_input(key="report_title").input("BQ responses missing")
    at.button(key="report_submit").click().run()
    assert "Choose a category." in at.error[0].value
    assert [t.value for t in at.text_input] == ["BQ responses missing"]


def test_the_next_incident_is_filed_from_the_emptied_form(app, world: World) -> None:
    at = typed_report(app)
    at.button(key="report_submit").click().run()
    filed = incidents(world)
    labelled(at.text_input, "Title").input("VEE flags every read")
    labelled(at.text_area, "Description").input("Since the 11.2 release")
    labelled(at.selectbox, "Category").set_value("vee")
    button(at, "Submit the incident").click().run()
    assert not at.exception
    assert incidents(world) == filed + 1


# A service request form -------------------------------------------------------------


def typed_question(app):
    at = app("alpha.user1", page="request_new", type="question")
    at.text_input(key="req_topic").input("Billing cycles")
    at.text_area(key="req_question").input("When does the cycle close?")
    return at


def test_a_filed_request_leaves_the_browser_an_empty_form(app) -> None:
    at = typed_question(app)
    button(at, "Submit the request").click()
    sent = shown(at)
    at.run()
    at._run(unclicked(sent))
    assert [t.value for t in at.text_input] == [""]
    assert {t.value for t in at.text_area} == {""}


def test_a_second_click_on_the_filed_request_form_files_nothing(
    app, world: World
) -> None:
    at = typed_question(app)
    button(at, "Submit the request").click()
    double_click = shown(at)
    at.run()
    filed = requests(world)
    at._run(double_click)
    assert not at.exception
    assert requests(world) == filed


# The comment boxes --------------------------------------------------------------------


def commented(at: AppTest, box: str, *, body: str) -> tuple[AppTest, WidgetStates]:
    """Type a comment, click Add; what the browser sent with the click."""
    at.text_area(key=box).input(body)
    button(at, "Add").click()
    sent = shown(at)
    return at.run(), sent


def bodies(world: World, body: str) -> int:
    return count(world, comments, comments.c.body == body)


def test_an_incident_comment_leaves_the_browser_an_empty_comment_box(
    app, world: World
) -> None:
    at = app("alpha.user1", page="ticket", key=world.tickets["alpha-inc"])
    at, sent = commented(at, "act_comment_body", body="Cycle 14 also affected")
    at._run(unclicked(sent))
    assert labelled(at.text_area, "Comment").value == ""


def test_a_second_click_on_add_comments_on_the_incident_once(app, world: World) -> None:
    at = app("alpha.user1", page="ticket", key=world.tickets["alpha-inc"])
    at, sent = commented(at, "act_comment_body", body="Cycle 14 also affected")
    at._run(sent)
    assert not at.exception
    assert bodies(world, "Cycle 14 also affected") == 1


def test_a_request_comment_leaves_the_browser_an_empty_comment_box(
    app, world: World
) -> None:
    at = app("alpha.manager", page="ticket", key=world.tickets["alpha-sr"])
    at, sent = commented(at, "reqact_body", body="Please hurry")
    at._run(unclicked(sent))
    assert labelled(at.text_area, "Comment").value == ""


def test_a_second_click_on_add_comments_on_the_request_once(app, world: World) -> None:
    at = app("alpha.manager", page="ticket", key=world.tickets["alpha-sr"])
    at, sent = commented(at, "reqact_body", body="Please hurry")
    at._run(sent)
    assert not at.exception
    assert bodies(world, "Please hurry") == 1


def test_a_problem_comment_leaves_the_browser_an_empty_comment_box(
    app, world: World
) -> None:
    key = world.tickets["problem"]
    at = app("sme.agent1", page="problem", key=key)
    at, sent = commented(at, f"problem_{key}_body", body="Vendor is on it")
    at._run(unclicked(sent))
    assert labelled(at.text_area, "Comment").value == ""


def test_a_second_click_on_add_comments_on_the_problem_once(app, world: World) -> None:
    key = world.tickets["problem"]
    at = app("sme.agent1", page="problem", key=key)
    at, sent = commented(at, f"problem_{key}_body", body="Vendor is on it")
    at._run(sent)
    assert not at.exception
    assert bodies(world, "Vendor is on it") == 1


def test_the_next_comment_is_added_from_the_emptied_box(app, world: World) -> None:
    at = app("alpha.user1", page="ticket", key=world.tickets["alpha-inc"])
    at, _ = commented(at, "act_comment_body", body="Cycle 14 also affected")
    labelled(at.text_area, "Comment").input("Cycle 15 too")
    button(at, "Add").click().run()
    assert (bodies(world, "Cycle 14 also affected"), bodies(world, "Cycle 15 too")) == (
        1,
        1,
    )

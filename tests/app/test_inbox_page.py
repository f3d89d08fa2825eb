"""The inbox page: one line per notification in a grid, the ticked ones in full,
filters and pages kept in the address."""

from datetime import UTC, datetime, timedelta

from streamlit.testing.v1 import AppTest

from dashboard.sla.sla_watch import watch_clocks
from tests.app.grids import grid_rows, tick_lines
from tests.delivery_fixtures import file_severity_two, told
from tests.factories import T0, World


def lines(at: AppTest) -> list[str]:
    return [r["Notification"] for r in grid_rows(at) if "number" in r["Notification"]]


def test_unread_notifications_are_marked_in_words_not_colour_alone(
    app, world: World
) -> None:
    told(world, "sme.agent1", event="comment", n=1)
    at = app("sme.agent1", page="inbox")
    assert lines(at) == ["comment number 0"]
    assert [r["Read"] for r in grid_rows(at)] == ["Unread"]


def test_each_line_links_its_ticket_by_key(app, world: World) -> None:
    told(world, "sme.agent1", event="comment", n=1)
    at = app("sme.agent1", page="inbox")
    assert [r["Ticket"] for r in grid_rows(at)] == [
        f"/ticket?key={world.tickets['beta-inc']}"
    ]


def test_a_ticked_line_reads_in_full_and_can_be_marked_read(app, world: World) -> None:
    told(world, "sme.agent1", event="comment", n=2)
    at = tick_lines(app("sme.agent1", page="inbox"), 0)
    assert "Something happened." in [t.value for t in at.text]
    opened = [e.proto.label for e in at.get("page_link")]
    assert f"Open {world.tickets['beta-inc']}" in opened
    at.button(key="inbox_read_chosen").click().run()
    assert not at.exception
    assert [r["Read"] for r in grid_rows(at)] == ["", "Unread"]


def test_a_line_says_when_in_hours(app, world: World) -> None:
    # The page reads the real clock: three hours and five minutes before it.
    earlier = datetime.now(UTC) - timedelta(hours=3, minutes=5)
    told(world, "sme.agent1", event="comment", n=1, at=earlier)
    at = app("sme.agent1", page="inbox")
    assert [(r["When"], r["Email"]) for r in grid_rows(at)] == [
        ("3 h ago", "not emailed")
    ]


def test_choosing_sla_alerts_shows_only_them_and_puts_the_view_in_the_address(
    app, world: World
) -> None:
    told(world, "sme.agent1", event="comment", n=2)
    told(world, "sme.agent1", event="sla_breached", n=1)
    at = app("sme.agent1", page="inbox")
    at.segmented_control(key="inbox_about").set_value("sla").run()
    assert not at.exception
    assert lines(at) == ["sla_breached number 0"]
    assert at.query_params["about"] == "sla"


def test_a_long_inbox_pages_fifty_at_a_time(app, world: World) -> None:
    told(world, "sme.agent1", event="comment", n=85)
    at = app("sme.agent1", page="inbox")
    assert len(lines(at)) == 50
    assert any(c.value == "1–50 of 85" for c in at.caption)
    at.button(key="inbox_next").click().run()
    assert not at.exception
    assert len(lines(at)) == 35
    assert any(c.value == "51–85 of 85" for c in at.caption)
    assert at.query_params["page"] == "2"


def test_a_bookmarked_page_opens_where_it_was(app, world: World) -> None:
    told(world, "sme.agent1", event="comment", n=85)
    at = app("sme.agent1", page="inbox", show="unread")
    at.query_params["page"] = "2"
    at.run()
    assert any(c.value == "51–85 of 85" for c in at.caption)
    assert at.segmented_control(key="inbox_show").value == "unread"


def test_changing_the_filter_starts_again_at_the_first_page(app, world: World) -> None:
    told(world, "sme.agent1", event="comment", n=85)
    at = app("sme.agent1", page="inbox")
    at.button(key="inbox_next").click().run()
    at.segmented_control(key="inbox_show").set_value("unread").run()
    assert any(c.value == "1–50 of 85" for c in at.caption)
    assert "page" not in at.query_params


def test_an_sla_summary_links_each_ticket_it_names(app, world: World) -> None:
    keys = [file_severity_two(world, f"Outage {n}") for n in range(3)]
    watch_clocks(world.engine, now=T0 + timedelta(minutes=46))
    at = app("sme.cim1", page="inbox", about="sla")
    assert [r["Notification"] for r in grid_rows(at)] == ["SLA: 3 tickets at risk"]
    at = tick_lines(at, 0)
    linked = {e.proto.label for e in at.get("page_link")}
    assert {f"Open {key}" for key in keys} <= linked

"""The lists as grids: the view in the address, ticked rows changed together,
saved views."""

from streamlit.testing.v1 import AppTest

from dashboard.kernel import reading
from tests.app.grids import grid_keys, grid_rows, open_filters, tick
from tests.factories import World, actor, add_ticket


def _click(at: AppTest, label: str) -> AppTest:
    return next(b for b in at.button if b.label == label).click().run()


def test_a_bookmarked_address_opens_the_queue_with_its_view(app, world: World) -> None:
    add_ticket(world, "sev1", org="Alpha Hydro", reporter="alpha.user1", severity=1)
    at = app("sme.agent1", page="queue", quick="sev12", sort="severity")
    assert not at.exception
    assert at.selectbox(key="queue_sort").value == "severity"
    assert at.pills(key="queue_quick").value == ["sev12"]
    assert {row["Severity"] for row in grid_rows(at)} == {"Sev 1"}


def test_the_footer_says_which_rows_of_how_many(app, world: World) -> None:
    for n in range(30):
        add_ticket(world, f"more-{n}", org="Alpha Hydro", reporter="alpha.user1")
    at = app("sme.agent1", page="queue", size="25")
    assert len(grid_rows(at)) == 25
    footer = " ".join(str(m.value) for m in at.markdown)
    assert "1–25 of 33 incidents" in footer
    _click(at, "Next page")
    assert "26–33 of 33 incidents" in " ".join(str(m.value) for m in at.markdown)
    assert at.query_params["page"] in ("2", ["2"])


def test_ticked_rows_are_cancelled_together_after_a_confirmation(
    app, world: World
) -> None:
    keys = [world.tickets["alpha-inc"], world.tickets["beta-inc"]]
    at = app("sme.agent1", page="queue")
    tick(at, *keys)
    assert any("2 incidents selected" in str(m.value) for m in at.markdown)
    at.radio(key="queue_b_close_step").set_value(
        at.radio(key="queue_b_close_step").options[0]
    )
    at.text_input(key="queue_b_close_reason").input("Duplicates of the outage")
    _click(at, "Cancel selected…")
    _click(at, "Yes, change them all")
    assert not at.exception
    assert "2 incidents changed." in [s.value for s in at.success], [
        e.value for e in at.error
    ]
    agent = actor(world, "sme.agent1")
    assert {reading.get_ticket(world.engine, agent, key=k)["status"] for k in keys} == {
        "Cancelled"
    }
    # The changed tickets left the queue, and nothing stays ticked.
    assert not set(keys) & set(grid_keys(at))


def test_a_saved_view_brings_back_its_filters(app, world: World) -> None:
    at = open_filters(app("sme.agent1", page="queue"), "queue")
    at.multiselect(key="queue_severity").set_value([1]).run()
    at.pills(key="queue_quick").set_value(["breached"]).run()
    at.text_input(key="queue_views_name").input("Sev 1 breached")
    _click(at, "Save view")
    assert "View “Sev 1 breached” saved." in [s.value for s in at.success]
    at.multiselect(key="queue_severity").set_value([]).run()
    at.pills(key="queue_quick").set_value([]).run()
    assert at.multiselect(key="queue_severity").value == []
    _click(at, "Open view")
    assert at.multiselect(key="queue_severity").value == [1]
    assert at.pills(key="queue_quick").value == ["breached"]


def test_closed_filters_still_apply_and_say_how_many_are_chosen(
    app, world: World
) -> None:
    at = open_filters(app("sme.agent1", page="queue"), "queue")
    at.multiselect(key="queue_severity").set_value([4]).run()
    narrowed = grid_keys(at)
    at.session_state["queue_filters_shown"] = False
    at.run()
    assert not at.exception
    # Closed, the panel draws no widget, yet the list stays narrowed.
    assert "queue_severity" not in [m.key for m in at.multiselect]
    assert grid_keys(at) == narrowed
    assert at.expander[0].label == "Filters (1 chosen)"


def test_choosing_a_row_of_the_ticket_list_opens_the_ticket(app, world: World) -> None:
    at = app("alpha.user1")
    key = world.tickets["alpha-inc"]
    tick(at, key)
    assert not at.exception
    assert at.title[0].value.startswith(key)

"""The analytics pages for SME managers and an LDC manager's SLA report."""

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.analytics import analytics_reading
from dashboard.kernel import settings
from data_access.engine import dispose_engine
from tests.app.grids import open_filters
from tests.factories import World
from tests.integration.analytics_world import MARCH_APRIL, analytics_world
from tests.integration.test_analytics_use_cases import alpha_manager, manager


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    """The hand-built analytics world instead of the plain two-LDC one."""
    path = tmp_path / "analytics.duckdb"
    yield analytics_world(path)
    dispose_engine(path)


def figure(at: AppTest, index: int) -> dict[str, Any]:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def heatmap_rows(at: AppTest) -> list[str]:
    return list(figure(at, 0)["data"][0]["y"])


def in_march_and_april(at: AppTest) -> AppTest:
    """The period of the hand-built world, whatever today is."""
    at.date_input(key="an_period").set_value((MARCH_APRIL.start, MARCH_APRIL.end))
    return at.run()


def choose(at: AppTest, chart: str, *labels: str) -> AppTest:
    """Choose a chart's cell or bar in the selects under it, as a keyboard would."""
    for index, label in enumerate(labels):
        at.selectbox(key=f"{chart}_choose{index}").set_value(label)
    return at.run()


def listed(at: AppTest) -> list[str]:
    """The ticket keys listed under the page's charts."""
    lists = [d.value for d in at.dataframe if "ticket_key" in d.value.columns]
    return sorted(key for frame in lists for key in frame["ticket_key"])


def behind_the_cell(world: World, *, row: str, ldc_view: bool) -> list[str]:
    """The tickets the store says are behind a row's March cell of the LDC heatmap."""
    frame = analytics_reading.compliance_tickets(
        world.engine,
        alpha_manager(world) if ldc_view else manager(world),
        filters=MARCH_APRIL,
        rows="ldc",
        row_key=row,
        period=date(2026, 3, 1),
        ldc_view=ldc_view,
    )
    return sorted(frame["ticket_key"])


SECTION_HEADINGS = {
    "compliance": ["Compliance by LDC and month"],
    "severity": ["Incident compliance by severity and week"],
    "request_type": ["Service request compliance by request type and month"],
    "flow": ["Arrivals by weekday and hour", "Backlog ageing"],
    "risk": ["At-risk board"],
    "resolution": ["Time to resolve", "Breaches per month"],
    "releases": ["Release impact"],
}


def test_an_sme_manager_sees_the_compliance_section_first_and_only_it(app) -> None:
    at = app("sme.manager1", page="analytics")
    assert not at.exception
    assert at.title[0].value == "SLA analytics"
    assert [s.value for s in at.main.header] == SECTION_HEADINGS["compliance"]
    assert heatmap_rows(at) == ["MDM/R-wide", "Alpha Hydro", "Beta Power"]
    # One heatmap is drawn, and not one chart of the other sections.
    assert len(at.get("plotly_chart")) == 1


@pytest.mark.parametrize("section", list(SECTION_HEADINGS))
def test_each_section_draws_only_its_own_charts(app, section: str) -> None:
    at = app("sme.manager1", page="analytics", section=section)
    assert not at.exception
    assert [s.value for s in at.main.header] == SECTION_HEADINGS[section]


def test_choosing_a_section_puts_it_in_the_address(app) -> None:
    at = app("sme.manager1", page="analytics")
    at.segmented_control(key="analytics_section").set_value("resolution").run()
    assert [s.value for s in at.main.header] == SECTION_HEADINGS["resolution"]
    assert at.query_params["section"] in ("resolution", ["resolution"])
    at.segmented_control(key="analytics_section").set_value("compliance").run()
    assert "section" not in at.query_params


def test_an_unknown_section_in_the_address_shows_compliance(app) -> None:
    at = app("sme.manager1", page="analytics", section="<script>")
    assert [s.value for s in at.main.header] == SECTION_HEADINGS["compliance"]


def test_the_at_risk_board_lists_open_tickets_nearest_deadline_first(
    app, world
) -> None:
    at = app("sme.manager1", page="analytics", section="risk")
    board = next(
        d.value for d in at.dataframe if "sla_state" in getattr(d.value, "columns", [])
    )
    assert list(board.ticket_key) == [
        world.tickets["alpha-inc2"],
        world.tickets["beta-inc2"],
        world.tickets["old-sr"],
    ]
    assert [m.value for m in at.metric] == ["1", "1"]


def test_an_ldc_filter_applies_to_the_heatmaps(app, world) -> None:
    at = open_filters(app("sme.manager1", page="analytics"), "an")
    at.multiselect(key="an_ldcs").set_value([world.orgs["Beta Power"]]).run()
    assert not at.exception
    assert heatmap_rows(at) == ["MDM/R-wide", "Beta Power"]


def test_a_kind_filter_applies_to_the_heatmaps(app) -> None:
    at = open_filters(app("sme.manager1", page="analytics"), "an")
    at.multiselect(key="an_kinds").set_value(["service_request"]).run()
    assert heatmap_rows(at) == ["Alpha Hydro"]
    # Severities are the incidents': none is left to count.
    at.segmented_control(key="analytics_section").set_value("severity").run()
    assert "No resolution or fulfilment clock" in at.info[0].value


def test_an_ldc_manager_sees_their_own_ldcs_compliance_only(app) -> None:
    at = app("alpha.manager", page="analytics_ldc")
    assert not at.exception
    assert at.title[0].value == "SLA report: Alpha Hydro"
    assert heatmap_rows(at) == ["MDM/R-wide", "Alpha Hydro"]
    assert "Arrivals by weekday and hour" not in [s.value for s in at.header]
    assert not [m for m in open_filters(at, "an").multiselect if m.label == "LDCs"]


def test_an_ldc_managers_report_shows_one_heatmap_at_a_time(app) -> None:
    at = app("alpha.manager", page="analytics_ldc")
    assert [s.value for s in at.main.header] == SECTION_HEADINGS["compliance"]
    at.segmented_control(key="analytics_section").set_value("severity").run()
    assert not at.exception
    assert [s.value for s in at.main.header] == SECTION_HEADINGS["severity"]
    assert at.query_params["section"] in ("severity", ["severity"])
    # The SME's other sections are not the LDC manager's to choose.
    assert "risk" not in at.segmented_control(key="analytics_section").options


@pytest.mark.parametrize("page", ["analytics", "analytics_ldc"])
def test_an_ldc_user_is_refused_the_analytics(app, page) -> None:
    at = app("alpha.user1", page=page)
    assert not at.exception
    assert not at.title[0].value.startswith(("SLA analytics", "SLA report"))
    assert not at.get("plotly_chart")


def test_an_ldc_manager_is_refused_the_sme_analytics(app) -> None:
    at = app("alpha.manager", page="analytics")
    assert at.title[0].value != "SLA analytics"
    assert not at.get("plotly_chart")


def test_an_agent_is_refused_the_analytics(app) -> None:
    at = app("sme.agent1", page="analytics")
    assert at.title[0].value != "SLA analytics"


def test_a_successful_save_forgets_the_cached_analytics(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SERVICEDESK_DB", str(tmp_path / "unused.duckdb"))
    settings.current.cache_clear()
    asked: list[datetime] = []

    def target(engine: object, *, now: datetime) -> float:
        asked.append(now)
        return 95.0

    monkeypatch.setattr(analytics_reading, "compliance_target", target)

    def page() -> None:
        from datetime import UTC, datetime

        import streamlit as st

        from dashboard.analytics.ui import analytics_cache
        from dashboard.ui.saves import Saves

        if st.button("Save"):
            Saves("t").run("INC-000001", lambda: None, done="Saved.")
        st.write(analytics_cache.target(datetime(2026, 3, 2, 12, tzinfo=UTC)))

    at = AppTest.from_function(page).run()
    at.run()
    assert len(asked) == 1  # the second look is answered from the cache
    at.button[0].click().run()
    assert len(asked) == 2  # the save made the cache ask the store again


def test_a_heatmap_shows_no_table_until_asked_for(app) -> None:
    at = app("sme.manager1", page="analytics")
    assert not at.dataframe
    assert [t.label for t in at.toggle] == ["Show the data as a table"]


def test_the_data_as_a_table_holds_the_heatmaps_cells(app) -> None:
    at = in_march_and_april(app("sme.manager1", page="analytics"))
    at.toggle(key="an_heat_ldc_table").set_value(True).run()
    table = at.dataframe[0].value
    heat = figure(at, 0)["data"][0]
    assert list(table.columns) == ["LDC", *heat["x"]]
    assert list(table["LDC"]) == heat["y"]
    assert table.drop(columns="LDC").to_numpy().tolist() == heat["text"]
    assert table.set_index("LDC").loc["Alpha Hydro", "2026-03"] == "50% (2)"


def test_choosing_an_ldc_and_a_month_lists_the_tickets_behind_that_cell(
    app, world
) -> None:
    at = in_march_and_april(app("sme.manager1", page="analytics"))
    assert listed(at) == []
    at = choose(at, "an_heat_ldc", "Alpha Hydro", "2026-03")
    alpha = str(world.orgs["Alpha Hydro"])
    expected = behind_the_cell(world, row=alpha, ldc_view=False)
    assert listed(at) == expected
    assert expected == sorted([world.tickets["alpha-inc"], world.tickets["alpha-inc2"]])


def test_choosing_only_a_row_lists_nothing_yet(app) -> None:
    at = in_march_and_april(app("sme.manager1", page="analytics"))
    at = choose(at, "an_heat_ldc", "Alpha Hydro")
    assert listed(at) == []


def test_choosing_an_empty_cell_says_nothing_is_counted_there(app) -> None:
    at = in_march_and_april(app("sme.manager1", page="analytics"))
    at = choose(at, "an_heat_ldc", "Beta Power", "2026-04")
    assert listed(at) == []
    assert "Nothing is counted in this cell." in [i.value for i in at.info]


def test_choosing_a_bar_lists_the_tickets_behind_it(app, world) -> None:
    at = in_march_and_april(app("sme.manager1", page="analytics", section="resolution"))
    at = choose(at, "an_breaches", "2026-03 · Incidents")
    breached = [world.tickets["alpha-inc2"], world.tickets["beta-inc"]]
    assert listed(at) == sorted(breached)


def test_a_bar_charts_table_has_a_row_per_bar(app) -> None:
    at = in_march_and_april(app("sme.manager1", page="analytics", section="resolution"))
    at.toggle(key="an_breaches_table").set_value(True).run()
    table = next(d.value for d in at.dataframe if "Breached clocks" in d.value)
    assert table.to_dict("records") == [
        {"Month": "2026-03", "Kind": "Incidents", "Breached clocks": 2}
    ]


def test_an_ldc_manager_chooses_a_cell_and_reads_the_table_the_same_way(
    app, world
) -> None:
    at = in_march_and_april(app("alpha.manager", page="analytics_ldc"))
    at = choose(at, "an_heat_ldc", "Alpha Hydro", "2026-03")
    alpha = str(world.orgs["Alpha Hydro"])
    assert listed(at) == behind_the_cell(world, row=alpha, ldc_view=True)
    assert listed(at)
    at.toggle(key="an_heat_ldc_table").set_value(True).run()
    table = next(d.value for d in at.dataframe if "LDC" in d.value)
    assert list(table["LDC"]) == ["MDM/R-wide", "Alpha Hydro"]

"""An SME manager opens the SLA analytics, sees the compliance heatmap and selects a
cell of it, with the mouse or with the keyboard, to list the tickets behind it."""

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server
from tests.e2e.test_ldc_journey import sign_in

pytestmark = pytest.mark.e2e

# The page position of the first cell of the heatmap's selectable overlay, computed
# by plotly itself from the cell's x and y (categories), so the click lands on it
# whatever the layout.
FIRST_CELL = """
(chart) => {
  const plot = chart.querySelector('.js-plotly-plot');
  const cells = plot.data.find((trace) => trace.name === 'cells');
  const layout = plot._fullLayout;
  const box = plot.getBoundingClientRect();
  return {
    x: box.left + layout.xaxis._offset + layout.xaxis.d2p(cells.x[0]),
    y: box.top + layout.yaxis._offset + layout.yaxis.d2p(cells.y[0]),
    row: cells.y[0],
    period: cells.x[0],
  };
}
"""


def _first_cell(page: Page, server: Server) -> dict[str, Any]:
    """Open the analytics and wait for the LDC heatmap; its first cell."""
    sign_in(page, server, username="sme.manager1")
    page.goto(f"{server.url}/analytics")
    expect(page.get_by_role("heading", name="SLA analytics")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Compliance by LDC and month")
    ).to_be_visible()
    # Until the run ends, charts of the page before may stand hidden beside the new.
    expect(page.locator("[data-stale='true']")).to_have_count(0)
    chart = page.get_by_test_id("stPlotlyChart").first
    # Drawing 60 LDCs by 13 months takes the browser several seconds on a busy
    # machine: this journey tests the drill-down, the benchmark its speed.
    expect(chart.locator(".js-plotly-plot .heatmaplayer")).to_be_attached(
        timeout=30_000
    )
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".js-plotly-plot .scatterlayer .point").first).to_be_attached()
    return dict(chart.evaluate(FIRST_CELL))


def _choose(page: Page, label: str, *, option: str) -> None:
    """Choose an option in a select with the keyboard: focus, type, Enter."""
    page.get_by_role("combobox", name=label, exact=True).first.focus()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    # The page runs again with the choice before the next one is made.
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)


def test_a_manager_chooses_a_compliance_cell_with_the_keyboard_and_sees_its_tickets(
    page: Page, server: Server
) -> None:
    cell = _first_cell(page, server)

    _choose(page, "LDC", option=cell["row"])
    _choose(page, "Month", option=cell["period"])

    heading = f"{cell['row']} · {cell['period']}: tickets decided"
    expect(page.get_by_text(heading, exact=True)).to_be_visible()


def test_a_manager_selects_a_compliance_cell_and_sees_its_tickets(
    page: Page, server: Server
) -> None:
    cell = _first_cell(page, server)

    page.mouse.move(cell["x"], cell["y"])
    page.mouse.click(cell["x"], cell["y"])

    heading = f"{cell['row']} · {cell['period']}: tickets decided"
    expect(page.get_by_text(heading, exact=True)).to_be_visible()
    # The selects under the chart name the cell the mouse chose.
    ldc = page.get_by_role("combobox", name="LDC", exact=True)
    expect(ldc).to_have_value(cell["row"])
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    # The table is drawn on a canvas; its CSV holds the same rows as text.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download these tickets (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert rows, "the selected cell lists no tickets"
    assert all(re.fullmatch(r"(INC|SR)-\d{6}", r["ticket_key"]) for r in rows)
    assert all(r["link"] == f"/ticket?key={r['ticket_key']}" for r in rows)
    assert {r["organization"] for r in rows} == {cell["row"]}

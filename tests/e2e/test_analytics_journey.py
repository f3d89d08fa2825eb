"""An SME manager opens the SLA analytics, sees the compliance heatmap and selects a
cell of it to list the tickets behind it."""

import csv
import io
import re
from pathlib import Path

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


def test_a_manager_selects_a_compliance_cell_and_sees_its_tickets(
    page: Page, server: Server
) -> None:
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
    cell = chart.evaluate(FIRST_CELL)

    page.mouse.move(cell["x"], cell["y"])
    page.mouse.click(cell["x"], cell["y"])

    heading = f"{cell['row']} · {cell['period']}: tickets decided"
    expect(page.get_by_text(heading, exact=True)).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    # The table is drawn on a canvas; its CSV holds the same rows as text.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download these tickets (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert rows, "the selected cell lists no tickets"
    assert all(re.fullmatch(r"(INC|SR)-\d{6}", r["ticket_key"]) for r in rows)
    assert all(r["link"] == f"/ticket?key={r['ticket_key']}" for r in rows)
    assert {r["organization"] for r in rows} == {cell["row"]}

"""An LDC user files a severity 2 incident; a CIM assigns it and resolves it with a
workaround; the LDC user sees it resolved and the update in their inbox."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.conftest import Server
from tests.e2e.grids import grid_cell
from tests.e2e.keyboard import settle
from tests.e2e.test_ldc_journey import sign_in

pytestmark = pytest.mark.e2e


def choose(page: Page, label: str, *, option: str) -> None:
    """Open a select box with the mouse and click an option. A run that began just
    before (a tab clicked, a field left) may replace the box and close its list
    while it opens: then open it again."""
    box = page.get_by_label(label, exact=True)
    wanted = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        settle(page)
        box.click()
        try:
            wanted.click(timeout=5_000)
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
            continue
        return
    box.click()
    wanted.click()


def test_a_severity_two_incident_goes_from_report_to_resolved_with_a_workaround(
    browser: Browser, server: Server
) -> None:
    ldc = browser.new_context().new_page()
    sign_in(ldc, server, username="torontohydro.user1")
    ldc.goto(f"{server.url}/report")
    ldc.get_by_label("Title").fill("Billing quantity responses missing for cycle 14")
    ldc.get_by_label("Description").fill("No BQ responses since 02:00 for 1,200 SDPs.")
    choose(ldc, "Category", option="Billing quantities")
    choose(ldc, "Impact", option="2 Significant")
    choose(ldc, "Urgency", option="2 High")
    expect(ldc.get_by_test_id("stMetricValue")).to_have_text("Sev 2")
    ldc.get_by_role("button", name="Submit the incident").click()
    filed = ldc.get_by_text(re.compile(r"INC-\d{6} is filed"))
    expect(filed).to_be_visible()
    key = re.search(r"INC-\d{6}", filed.inner_text()).group(0)

    cim = browser.new_context().new_page()
    sign_in(cim, server, username="sme.cim1")
    expect(cim.get_by_role("heading", name="Triage queue")).to_be_visible()
    expect(cim).to_have_title("Triage queue · MDM/R Service Desk")
    cim.get_by_label("Search titles and descriptions").fill("cycle 14")
    cim.get_by_label("Search titles and descriptions").press("Enter")
    # The list searched stands, stale, beside the new one until the run ends.
    expect(cim.locator("[data-stale='true']")).to_have_count(0)
    # Choose the new incident by its key in the bar above the grid (the same list
    # the grid's ticks fill), and open it.
    cim.get_by_role("combobox", name="Incidents to change").click()
    cim.keyboard.type(key)
    cim.keyboard.press("Enter")
    cim.keyboard.press("Escape")
    cim.get_by_role("link", name=f"Open {key}").click()
    expect(cim.get_by_role("heading", name=re.compile(f"^{key}"))).to_be_visible()
    expect(cim).to_have_title(f"{key} · MDM/R Service Desk")
    expect(cim.get_by_text("Severity 2", exact=True)).to_be_visible()

    cim.get_by_role("tab", name="Assign").click()
    cim.get_by_role("button", name="Assign", exact=True).click()
    expect(cim.get_by_text("Assignment saved.")).to_be_visible()
    # The run after the save ends before the tabs are read: until then the old tab
    # bar stands, stale, beside the new one.
    expect(cim.locator("[data-stale='true']")).to_have_count(0)
    # The save changed the steps offered (no Cancel now); the chosen one stays open.
    expect(cim.get_by_role("tab", name="Assign")).to_have_attribute(
        "aria-selected", "true"
    )

    cim.get_by_role("tab", name="Resolve").click()
    cim.get_by_text("Workaround (logs or links a problem)").click()
    cim.get_by_label("Workaround", exact=True).fill(
        "Resubmit the BQ request after 06:00."
    )
    # Every LDC reads a problem's public text: staff write it for all of them.
    cim.get_by_label("New problem's public title").fill(
        "Billing quantity responses late after the nightly cycle"
    )
    cim.get_by_label("New problem's public summary").fill(
        "Some billing quantity requests get no response before 06:00."
    )
    cim.get_by_role("button", name="Resolve", exact=True).click()
    expect(cim.get_by_text("Resolved.", exact=True)).to_be_visible()
    expect(cim.get_by_text(re.compile(r"Problem:.*PRB-\d{6}"))).to_be_visible()

    ldc.goto(f"{server.url}/ticket?key={key}")
    expect(ldc.get_by_text("Resolved", exact=True).first).to_be_visible()
    ldc.goto(f"{server.url}/inbox")
    expect(
        grid_cell(ldc, f"[{key}] Resolved with a workaround", exact=False).first
    ).to_be_attached()

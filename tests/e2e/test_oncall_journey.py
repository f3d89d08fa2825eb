"""An SME manager puts a CIM on call; an LDC user files a severity 1 incident; the
CIM on call finds the page in the inbox and acknowledges it on the incident."""

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import Server
from tests.e2e.grids import grid_cell
from tests.e2e.keyboard import settle
from tests.e2e.test_incident_journey import choose
from tests.e2e.test_ldc_journey import sign_in

pytestmark = pytest.mark.e2e


def test_a_severity_one_incident_pages_the_cim_on_call_who_acknowledges_it(
    browser: Browser, server: Server
) -> None:
    (primary, primary_name), (_, secondary_name) = server.cims[1], server.cims[2]
    manager = browser.new_context().new_page()
    sign_in(manager, server, username="sme.manager1")
    manager.goto(f"{server.url}/oncall")
    expect(manager.get_by_role("heading", name="On-call rota")).to_be_visible()
    # The first week shown is this one.
    this_week = manager.get_by_text(re.compile(r"^Week of \d{4}-\d{2}-\d{2}$")).first
    day = this_week.inner_text().removeprefix("Week of ")
    choose(manager, f"Primary, week of {day}", option=primary_name)
    choose(manager, f"Secondary, week of {day}", option=secondary_name)
    manager.get_by_role("button", name=f"Save week of {day}").click()
    expect(manager.get_by_text(f"Rota for the week of {day} saved.")).to_be_visible()
    expect(manager.get_by_text(re.compile(f"primary {primary_name}"))).to_be_visible()

    ldc = browser.new_context().new_page()
    sign_in(ldc, server, username="torontohydro.user1")
    ldc.goto(f"{server.url}/report")
    ldc.get_by_label("Title").fill("No billing quantity responses for any cycle")
    ldc.get_by_label("Description").fill("Nothing since 01:00; billing is due today.")
    choose(ldc, "Category", option="Billing quantities")
    choose(ldc, "Impact", option="1 Extensive")
    choose(ldc, "Urgency", option="1 Critical")
    expect(ldc.get_by_test_id("stMetricValue")).to_have_text("Sev 1")
    settle(ldc)
    ldc.get_by_role("button", name="Submit the incident").click()
    filed = ldc.get_by_text(re.compile(r"INC-\d{6} is filed"))
    expect(filed).to_be_visible()
    key = re.search(r"INC-\d{6}", filed.inner_text()).group(0)

    cim = browser.new_context().new_page()
    sign_in(cim, server, username=primary)
    cim.goto(f"{server.url}/inbox")
    expect(grid_cell(cim, f"[{key}] Urgent", exact=False).first).to_be_attached()
    cim.goto(f"{server.url}/ticket?key={key}")
    expect(cim.get_by_role("heading", name=re.compile(f"^{key}"))).to_be_visible()
    expect(cim.get_by_text(re.compile(f"Paged primary {primary_name}"))).to_be_visible()
    cim.get_by_role("button", name="Acknowledge").click()
    expect(cim.get_by_text(f"{key}: page acknowledged.")).to_be_visible()
    expect(
        cim.get_by_text(re.compile(f"Acknowledged by {primary_name}"))
    ).to_be_visible()

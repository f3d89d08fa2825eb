"""An LDC user signs in, files an incident and opens it with the keyboard alone: Tab
to each field, type, choose with the keyboard, Enter; no click anywhere."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DEMO_PASSWORD, Server
from tests.e2e.keyboard import choose, tab_onto

pytestmark = pytest.mark.e2e


def test_an_ldc_user_files_an_incident_with_the_keyboard_alone(
    page: Page, server: Server
) -> None:
    page.goto(server.url)
    tab_onto(page, page.get_by_label("Username"))
    page.keyboard.type("torontohydro.user1")
    tab_onto(page, page.get_by_label("Password", exact=True))
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    tab_onto(page, page.get_by_role("link", name="Report an incident"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Report an incident")).to_be_visible()
    tab_onto(page, page.get_by_label("Title"))
    page.keyboard.type("Meter reads missing for cycle 9 (filed from the keyboard)")
    tab_onto(page, page.get_by_label("Description"))
    page.keyboard.type("No interval reads since 02:00 for 300 SDPs.")
    choose(page, page.get_by_label("Category", exact=True), option="Meter reads")
    choose(page, page.get_by_label("Impact", exact=True), option="2 Significant")
    choose(page, page.get_by_label("Urgency", exact=True), option="2 High")
    expect(page.get_by_test_id("stMetricValue")).to_have_text("Sev 2")

    tab_onto(page, page.get_by_role("button", name="Submit the incident"))
    page.keyboard.press("Enter")
    filed = page.get_by_text(re.compile(r"INC-\d{6} is filed"))
    expect(filed).to_be_visible()
    found = re.search(r"INC-\d{6}", filed.inner_text())
    assert found is not None
    key = found.group(0)
    tab_onto(page, page.get_by_role("link", name=f"Open {key}"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile(f"^{key}"))).to_be_visible()

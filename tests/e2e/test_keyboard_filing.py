"""An LDC user signs in, files an incident and opens it with the keyboard alone: Tab
to each field, type, choose with the keyboard, Enter; no click anywhere."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import DEMO_PASSWORD, Server

pytestmark = pytest.mark.e2e

# More Tab presses than any page of the desk has stops before its last field.
MOST_TABS = 80


def settle(page: Page) -> None:
    """Wait until the page's run has ended and nothing stale stands on it."""
    expect(page.locator("[data-stale='true']")).to_have_count(0)
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0)


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until the target has the focus, as a keyboard user moves."""
    settle(page)
    for _ in range(MOST_TABS):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def choose(page: Page, target: Locator, *, option: str) -> None:
    """Tab to a select box, type the start of an option, and take it with Enter."""
    tab_to(page, target)
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    settle(page)


def test_an_ldc_user_files_an_incident_with_the_keyboard_alone(
    page: Page, server: Server
) -> None:
    page.goto(server.url)
    tab_to(page, page.get_by_label("Username"))
    page.keyboard.type("torontohydro.user1")
    tab_to(page, page.get_by_label("Password", exact=True))
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    tab_to(page, page.get_by_role("link", name="Report an incident"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Report an incident")).to_be_visible()
    tab_to(page, page.get_by_label("Title"))
    page.keyboard.type("Meter reads missing for cycle 9 (filed from the keyboard)")
    tab_to(page, page.get_by_label("Description"))
    page.keyboard.type("No interval reads since 02:00 for 300 SDPs.")
    choose(page, page.get_by_label("Category", exact=True), option="Meter reads")
    choose(page, page.get_by_label("Impact", exact=True), option="2 Significant")
    choose(page, page.get_by_label("Urgency", exact=True), option="2 High")
    expect(page.get_by_test_id("stMetricValue")).to_have_text("Sev 2")

    tab_to(page, page.get_by_role("button", name="Submit the incident"))
    page.keyboard.press("Enter")
    filed = page.get_by_text(re.compile(r"INC-\d{6} is filed"))
    expect(filed).to_be_visible()
    found = re.search(r"INC-\d{6}", filed.inner_text())
    assert found is not None
    key = found.group(0)
    tab_to(page, page.get_by_role("link", name=f"Open {key}"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile(f"^{key}"))).to_be_visible()

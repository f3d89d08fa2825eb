"""An LDC user subscribes to a known error; an agent changes its workaround; the LDC
user finds the notification in their inbox and the new workaround on the problem."""

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import Server
from tests.e2e.grids import grid_cell, tick_row
from tests.e2e.keyboard import settle
from tests.e2e.test_ldc_journey import sign_in

pytestmark = pytest.mark.e2e

NEW_WORKAROUND = "Resend the billing quantity request after 06:00 (journey check)."
PATIENCE = 20_000  # milliseconds: the server shares the machine with other tests


def shown(locator: Locator) -> None:
    expect(locator).to_be_visible(timeout=PATIENCE)


def signed_in(browser: Browser, server: Server, *, username: str, landing: str) -> Page:
    page = browser.new_context().new_page()
    page.set_default_timeout(PATIENCE)
    sign_in(page, server, username=username)
    shown(page.get_by_role("heading", name=re.compile(landing)))
    return page


def test_an_ldc_subscriber_hears_of_a_new_workaround_and_reads_it(
    browser: Browser, server: Server
) -> None:
    ldc = signed_in(
        browser, server, username="torontohydro.user1", landing="^Tickets of"
    )
    ldc.goto(f"{server.url}/problems")
    shown(ldc.get_by_role("heading", name="Problems"))
    expect(ldc).to_have_title("Problems · MDM/R Service Desk")
    ldc.get_by_label("Status", exact=True).click()
    ldc.get_by_role("option", name="Known error", exact=True).click()
    ldc.keyboard.press("Escape")
    # The filtered grid must stand before a row is ticked: a tick on the grid of
    # the run before is lost when the filtered one replaces it.
    expect(ldc.locator("[data-stale='true']")).to_have_count(0, timeout=PATIENCE)
    settle(ldc)

    tick_row(ldc, 0)
    ldc.get_by_role("button", name="Subscribe", exact=True).click()
    followed = ldc.get_by_text(re.compile(r"You follow PRB-\d{6}")).first
    shown(followed)
    key = re.search(r"PRB-\d{6}", followed.inner_text()).group(0)

    agent = signed_in(browser, server, username="sme.agent1", landing="^Triage queue$")
    agent.goto(f"{server.url}/problem?key={key}")
    shown(agent.get_by_role("heading", name=re.compile(f"^{key}")))
    expect(agent).to_have_title(f"{key} · MDM/R Service Desk")
    agent.get_by_label("Workaround (public)").fill(NEW_WORKAROUND)
    agent.get_by_role("button", name="Save", exact=True).click()
    shown(agent.get_by_text(f"{key} saved.", exact=True).first)

    ldc.goto(f"{server.url}/inbox")
    expect(
        grid_cell(ldc, f"[{key}] Workaround changed", exact=False).first
    ).to_be_attached()
    ldc.goto(f"{server.url}/problem?key={key}")
    shown(ldc.get_by_role("heading", name=re.compile(f"^{key}")))
    shown(ldc.get_by_text(NEW_WORKAROUND, exact=True).first)

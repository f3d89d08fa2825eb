"""Triage with the keyboard only: sign in, tick an incident in the queue's grid, and
assign it from the bar above, with no mouse."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import DEMO_PASSWORD, Server
from tests.e2e.keyboard import focused, tab_to


def test_an_agent_triages_with_the_keyboard_only(page: Page, server: Server) -> None:
    page.goto(server.url)
    expect(page.get_by_label("Username")).to_be_visible()
    tab_to(page, "INPUT|Username")
    page.keyboard.type("sme.agent1")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Triage queue")).to_be_visible()
    expect(page.locator("[data-stale='true']")).to_have_count(0)

    # Into the grid: the arrows move between cells, Shift+Space ticks the row,
    # and the list above the grid names it.
    tab_to(page, "data-grid-canvas")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Space")
    expect(page.get_by_text("1 incident selected", exact=True)).to_be_visible()
    opened = page.get_by_role("link", name=re.compile(r"^Open INC-\d{6}$"))
    key = re.search(r"INC-\d{6}", opened.inner_text()).group(0)

    # Without the grid: choose a second incident by its key in that list.
    page.goto(f"{server.url}/queue")
    expect(page.get_by_role("heading", name="Triage queue")).to_be_visible()
    tab_to(page, "INPUT|Incidents to change")
    page.keyboard.type(key)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(page.get_by_text("1 incident selected", exact=True)).to_be_visible()
    tab_to(page, "Assign selected…")
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"^Assign 1 incident to "))).to_be_visible()
    tab_to(page, "Yes, change them all")
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 incident changed.", exact=True)).to_be_visible()
    # The run that says so may still be replacing the bar: wait for it to end.
    confirm = page.get_by_role("button", name="Yes, change them all")
    expect(confirm).to_have_count(0)
    assert "Yes, change them all" not in focused(page)

    # The ticket says so: its history has the assignment.
    page.goto(f"{server.url}/ticket?key={key}")
    expect(page.get_by_role("heading", name=re.compile(f"^{key}"))).to_be_visible()

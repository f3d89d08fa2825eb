"""An LDC user filing an incident is shown the known problem it reads like, says it
is theirs, and the desk links it from the incident page."""

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import Server
from tests.e2e.keyboard import settle
from tests.e2e.test_incident_journey import choose
from tests.e2e.test_ldc_journey import sign_in

pytestmark = pytest.mark.e2e


def test_an_ldc_user_files_against_a_known_problem_and_the_desk_links_it(
    browser: Browser, server: Server
) -> None:
    problem = server.known_problem
    title, description = server.known_words
    ldc = browser.new_context().new_page()
    sign_in(ldc, server, username="torontohydro.user1")
    ldc.goto(f"{server.url}/report")
    ldc.get_by_label("Title").fill(title)
    ldc.get_by_label("Description").fill(description)
    # Leaving the description hands its words to the server.
    ldc.get_by_label("Description").press("Tab")
    choose(ldc, "Category", option=server.known_category)
    panel = ldc.locator(".st-key-report_suggestions")
    heading = panel.get_by_role("heading", name="Is this a known problem?")
    expect(heading).to_be_visible()
    expect(panel.get_by_text(problem).first).to_be_visible()
    ldc.get_by_role("button", name="This is my issue").first.click()
    expect(ldc.get_by_text("Yours: filed linked to it")).to_be_visible()
    settle(ldc)
    ldc.get_by_role("button", name="Submit the incident").click()
    filed = ldc.get_by_text(re.compile(r"INC-\d{6} is filed"))
    expect(filed).to_be_visible()
    key = re.search(r"INC-\d{6}", filed.inner_text()).group(0)

    agent = browser.new_context().new_page()
    sign_in(agent, server, username="sme.agent1")
    agent.goto(f"{server.url}/ticket?key={key}")
    expect(agent.get_by_role("heading", name=re.compile(f"^{key}"))).to_be_visible()
    expect(agent.get_by_role("heading", name="Similar incidents")).to_be_visible()
    said = agent.get_by_text(re.compile(r"The reporter says this is the known problem"))
    expect(said).to_be_visible()
    named = re.search(r"PRB-\d{6}", said.inner_text()).group(0)
    agent.get_by_role("button", name=f"Link to {named}").click()
    expect(agent.get_by_text(f"{key} is linked to {named}.")).to_be_visible()
    expect(agent.get_by_text(f"changed problem from — to {named}")).to_be_visible()

"""Every page, as each role sees it, checked by axe-core against WCAG 2.0 A and AA
(the IESO is bound by AODA): nothing the app draws may violate."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.axe import report, violations
from tests.e2e.conftest import Server
from tests.e2e.test_ldc_journey import sign_in

ROLE_PAGES = {
    "torontohydro.user1": ["tickets", "report", "catalogue", "problems", "inbox",
                           "subscriptions", "account"],
    "torontohydro.manager": ["analytics_ldc", "analytics_ldc?section=severity",
                             "analytics_ldc?section=request_type"],
    "sme.agent1": ["queue", "fulfilment", "tickets", "problems", "delivery", "inbox",
                   "oncall"],
    "sme.manager1": ["analytics", "analytics?section=severity",
                     "analytics?section=request_type", "analytics?section=flow",
                     "analytics?section=risk",
                     "analytics?section=resolution", "analytics?section=releases",
                     "sla_admin", "users_admin", "admin", "oncall"],
}  # fmt: skip


def _settled(page: Page) -> None:
    expect(page.locator("[data-testid='stMain'] h1").first).to_be_visible()
    expect(page.locator("[data-stale='true']")).to_have_count(0)
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0)


def _check(page: Page, where: str) -> list[str]:
    _settled(page)
    found = violations(page)
    return [f"{where}:\n{report(found)}"] if found else []


@pytest.mark.parametrize("username", list(ROLE_PAGES))
def test_no_page_violates_wcag_2_aa(  # noqa: PLR0917 - pytest's fixtures
    browser: Browser, server: Server, username: str
) -> None:
    page = browser.new_context().new_page()
    sign_in(page, server, username=username)
    problems = _check(page, f"{username} landing")
    for path in ROLE_PAGES[username]:
        page.goto(f"{server.url}/{path}")
        problems += _check(page, f"{username} /{path}")
    if username == "torontohydro.user1":
        page.goto(f"{server.url}/ticket?key={server.own_key}")
        problems += _check(page, f"{username} ticket")
    if username == "sme.agent1":
        page.goto(f"{server.url}/problems")
        _settled(page)
        page.goto(f"{server.url}/ticket?key={server.own_key}")
        problems += _check(page, f"{username} ticket")
    page.context.close()
    assert not problems, "\n".join(problems)


def test_the_sign_in_page_violates_nothing(page: Page, server: Server) -> None:
    page.goto(server.url)
    expect(page.get_by_label("Username")).to_be_visible()
    found = violations(page)
    assert not found, report(found)
    assert re.search("Sign in", page.title())

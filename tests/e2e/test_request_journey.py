"""An LDC manager requests an account for a colleague, an agent fulfils it, and the
colleague sets a password with the one-time code and signs in."""

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Server
from tests.e2e.test_ldc_journey import sign_in

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "Blue-Kettle-2026"


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[[], Page]]:
    """Pages of their own browser contexts, one per person, closed at the end."""
    contexts = []

    def make() -> Page:
        context = browser.new_context()
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def request_account(page: Page, server: Server) -> str:
    sign_in(page, server, username="torontohydro.manager")
    page.goto(f"{server.url}/request_new?type=sd_user_creation")
    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Last name").fill("Journeyman")
    page.get_by_label("Email").fill("robin.journeyman@torontohydro.example")
    page.get_by_role("button", name="Submit the request").click()
    filed = page.get_by_text("is filed and routed")
    expect(filed).to_be_visible()
    found = re.search(r"SR-\d{6}", filed.inner_text())
    assert found
    return found.group(0)


def fulfil(page: Page, server: Server, *, key: str) -> tuple[str, str]:
    sign_in(page, server, username="sme.agent1")
    page.goto(f"{server.url}/ticket?key={key}")
    page.get_by_role("button", name="Start fulfilment").click()
    expect(page.get_by_text("Start fulfilment done")).to_be_visible()
    # The flash shows while the run is still drawing: until it ends, the tabs of the
    # page before stand beside the new ones (marked stale), and "Fulfil" is twice.
    expect(page.locator("[data-stale='true']")).to_have_count(0)
    page.get_by_role("tab", name="Fulfil").click()
    page.get_by_role("button", name="Fulfil", exact=True).click()
    shown = page.get_by_text("one-time code")
    expect(shown.first).to_be_visible()
    text = page.get_by_test_id("stMain").inner_text()
    account = re.search(r"Account (\S+) is created", text)
    code = re.search(r"[A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}", text)
    assert account and code
    return account.group(1), code.group(0)


def set_up(page: Page, server: Server, *, username: str, code: str) -> None:
    page.goto(f"{server.url}/account_setup")
    page.get_by_label("Username").fill(username)
    page.get_by_label("One-time code").fill(code)
    page.get_by_label("New password (at least 10 characters)").fill(NEW_PASSWORD)
    page.get_by_label("Confirm the new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set my password").click()
    expect(page.get_by_text("Your password is set")).to_be_visible()


def test_a_requested_colleague_sets_a_password_with_the_code_and_signs_in(
    new_page: Callable[[], Page], server: Server
) -> None:
    key = request_account(new_page(), server)
    username, code = fulfil(new_page(), server, key=key)
    newcomer = new_page()
    set_up(newcomer, server, username=username, code=code)
    sign_in(newcomer, server, username=username, password=NEW_PASSWORD)
    expect(newcomer.get_by_role("button", name="Sign out")).to_be_visible()
    expect(
        newcomer.get_by_role("heading", name=re.compile("^Tickets of"))
    ).to_be_visible()

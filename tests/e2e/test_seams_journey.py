"""At the seams, in a real browser: addresses a role lacks, and keys typed as markup."""

from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Page, Request, expect

from tests.e2e.conftest import Server
from tests.e2e.test_ldc_journey import sign_in

pytestmark = pytest.mark.e2e

BEACON = "![seen](http://evil.example/beacon.png) [click](http://evil.example/)"


def test_an_ldc_user_opening_a_staff_address_is_told_they_may_not(
    page: Page, server: Server
) -> None:
    sign_in(page, server, username="torontohydro.user1")
    page.goto(f"{server.url}/queue")
    expect(page.get_by_text("You may not open this page.")).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)


def test_a_key_typed_as_markdown_shows_as_text_and_fetches_nothing(
    page: Page, server: Server
) -> None:
    fetched: list[str] = []

    def note(request: Request) -> None:
        if urlsplit(request.url).hostname == "evil.example":
            fetched.append(request.url)

    page.on("request", note)
    sign_in(page, server, username="sme.agent1")
    page.goto(f"{server.url}/ticket?key={quote(BEACON)}")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("is not a ticket key")).to_be_visible()
    expect(
        main.locator("img[src*='evil.example'], a[href*='evil.example']")
    ).to_have_count(0)
    # Shown as typed; an invisible word joiner (U+2060) keeps "http:" from linking.
    shown = main.inner_text().replace("\u2060", "")
    assert "![seen](http://evil.example/beacon.png)" in shown
    assert fetched == []

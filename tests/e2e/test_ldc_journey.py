"""An LDC user signs in, sees only their LDC's tickets, opens one, and signs out."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DEMO_PASSWORD, Server

pytestmark = pytest.mark.e2e


def sign_in(
    page: Page, server: Server, *, username: str, password: str = DEMO_PASSWORD
) -> None:
    page.goto(server.url)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    if password == DEMO_PASSWORD:
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        # The session cookie is written by the page just after sign-in; a journey
        # that opens another address at once must wait for it.
        page.wait_for_function("document.cookie.includes('sd_session=')")


def test_an_ldc_user_sees_only_their_ldcs_tickets_opens_one_and_signs_out(
    page: Page, server: Server
) -> None:
    sign_in(page, server, username="torontohydro.user1")
    expect(
        page.get_by_role("heading", name=f"Tickets of {server.own_org}")
    ).to_be_visible()
    shown = page.get_by_test_id("stMain").inner_text()
    assert server.own_org in shown
    assert not [org for org in server.other_orgs if org in shown.split("\n")]

    page.get_by_label("Go to ticket").fill(server.own_key)
    page.get_by_role("button", name="Open ticket").click()
    expect(
        page.get_by_role("heading", name=re.compile(f"^{server.own_key}"))
    ).to_be_visible()

    page.reload()
    expect(
        page.get_by_role("heading", name=re.compile(f"^{server.own_key}"))
    ).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    page.reload()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def test_an_ldc_user_typing_another_ldcs_key_is_told_it_is_not_found(
    page: Page, server: Server
) -> None:
    sign_in(page, server, username="torontohydro.user1")
    expect(
        page.get_by_role("heading", name=f"Tickets of {server.own_org}")
    ).to_be_visible()
    page.goto(f"{server.url}/ticket?key={server.other_key}")
    expect(page.get_by_role("heading", name="Ticket not found")).to_be_visible()


def test_a_wrong_password_is_refused_in_the_browser(page: Page, server: Server) -> None:
    sign_in(page, server, username="torontohydro.user1", password="not-the-password")
    expect(page.get_by_text("Wrong username or password.")).to_be_visible()


def test_a_link_opened_signed_out_opens_its_ticket_after_signing_in(
    page: Page, server: Server
) -> None:
    # As from an email: the ticket's address, in a browser with no session.
    page.goto(f"{server.url}/ticket?key={server.own_key}")
    expect(page.get_by_text(f"Sign in to open {server.own_key}.")).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    page.get_by_label("Username").fill("torontohydro.user1")
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(
        page.get_by_role("heading", name=re.compile(f"^{server.own_key}"))
    ).to_be_visible()


def test_the_address_of_a_users_first_page_opens_it(page: Page, server: Server) -> None:
    sign_in(page, server, username="torontohydro.user1")
    page.goto(f"{server.url}/tickets")
    expect(
        page.get_by_role("heading", name=f"Tickets of {server.own_org}")
    ).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)

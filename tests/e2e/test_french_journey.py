"""A French-speaking LDC user, in a French browser, signs in, files an incident and
reads the desk's answer in the inbox; a French-speaking agent works it. Every screen
they use reads in French: none shows an English phrase of the catalogue."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from dashboard.kernel.i18n import FRENCH, _, using
from tests.e2e.conftest import DEMO_PASSWORD, Server
from tests.e2e.grids import grid_cell
from tests.e2e.keyboard import settle
from tests.e2e.test_incident_journey import choose
from tests.french_checks import english_in

pytestmark = pytest.mark.e2e


def fr(message: str, **values: str) -> str:
    """The catalogue's French of a message of the desk."""
    with using(FRENCH):
        said = _(message)
    return said.format(**values) if values else said


# The desk's own words on a page: what people typed (titles, summaries) is elsewhere.
CHROME = "label, button, [role='tab'], nav, h1, h2, [data-testid='stAlert']"


def no_english(page: Page) -> None:
    """The page, settled, shows no English phrase of the catalogue in its labels,
    buttons, tabs, navigation, headings and alerts."""
    settle(page)
    shown = page.locator(CHROME).all_inner_texts()
    assert [e for text in shown for e in english_in(text)] == []


def sign_in(page: Page, server: Server, *, username: str) -> None:
    page.goto(server.url)
    expect(page.get_by_role("heading", name=fr("MDM/R Service Desk"))).to_be_visible()
    no_english(page)
    page.get_by_label(fr("Username")).fill(username)
    page.get_by_label(fr("Password"), exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name=fr("Sign in")).click()
    expect(page.get_by_role("button", name=fr("Sign out"))).to_be_visible()
    page.wait_for_function("document.cookie.includes('sd_session=')")


def test_a_french_speaking_ldc_user_files_and_reads_the_answer_in_french(
    browser: Browser, server: Server
) -> None:
    ldc = browser.new_context(locale="fr-CA").new_page()
    sign_in(ldc, server, username="hydrohawkesbury.user1")
    ldc.goto(f"{server.url}/report")
    expect(ldc.get_by_role("heading", name=fr("Report an incident"))).to_be_visible()
    ldc.get_by_label(fr("Title")).fill("Quantités de facturation absentes, cycle 14")
    ldc.get_by_label(fr("Description")).fill("Aucune réponse BQ depuis 2 h.")
    choose(ldc, fr("Category"), option=fr("Billing quantities"))
    no_english(ldc)
    # Streamlit's own words on the file uploader, which the desk puts in French.
    upload = ldc.locator("[data-testid='stFileUploaderDropzone'] button").locator(
        "[data-testid='stMarkdownContainer']"
    )
    shown = upload.evaluate("e => getComputedStyle(e, '::after').content")
    assert shown == f'"{fr("Upload")}"'
    expect(upload.get_by_text("Upload", exact=True)).to_be_hidden()
    ldc.get_by_role("button", name=fr("Submit the incident")).click()
    said = fr("{key} is filed and routed. You will be told of every update.")
    filed = ldc.get_by_text(
        re.compile(re.escape(said).replace(re.escape("{key}"), r"INC-\d{6}"))
    )
    expect(filed).to_be_visible()
    key = re.search(r"INC-\d{6}", filed.inner_text()).group(0)
    no_english(ldc)

    agent = browser.new_context(locale="fr-CA").new_page()
    sign_in(agent, server, username="sme.agent6")
    agent.goto(f"{server.url}/ticket?key={key}")
    expect(agent.get_by_role("heading", name=re.compile(f"^{key}"))).to_be_visible()
    expect(agent).to_have_title(f"{key} · {fr('MDM/R Service Desk')}")
    no_english(agent)
    agent.get_by_role("button", name=fr("Start work")).click()
    done = fr("{key}: {step} done.", key=key, step=fr("Start work"))
    expect(agent.get_by_text(done)).to_be_visible()
    no_english(agent)

    ldc.goto(f"{server.url}/inbox")
    told = fr("Status changed to {status}", status=fr("In progress"))
    expect(grid_cell(ldc, f"[{key}] {told}", exact=False).first).to_be_attached()
    no_english(ldc)

"""Two web processes on one PostgreSQL database, behind two ports, with the jobs in
workers of their own: a ticket filed on one is seen and changed on the other, a
save on a stale page is refused across them, and each email goes out once."""

import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.delivery_fixtures import SmtpServer, free_port
from tests.e2e.conftest import Server
from tests.e2e.test_incident_journey import choose
from tests.e2e.test_ldc_journey import sign_in
from tests.postgres_cluster import Cluster
from tests.serving import ROOT, wait_healthy

pytestmark = pytest.mark.e2e
MAIL_WAIT_SECONDS = 90


@dataclass(frozen=True)
class Desk:
    """The two web processes' addresses, and the mail the workers sent."""

    first: Server
    second: Server
    smtp: SmtpServer


def _web(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "streamlit", "run", "dashboard/app.py"),
            *("--server.port", str(port), "--server.headless", "true"),
            *("--server.address", "127.0.0.1"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard.worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def desk(
    pg_cluster: Cluster, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Desk]:
    """A seeded database, two web processes and two workers (one stands by)."""
    database = pg_cluster.new_database()
    smtp = SmtpServer(port=free_port())
    smtp.start()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SERVICEDESK_DATABASE_URL": pg_cluster.url(database),
        "SERVICEDESK_JOBS": "worker",  # the web processes start none
        "SERVICEDESK_EXPORTS": str(tmp_path_factory.mktemp("exports")),
        "SERVICEDESK_SMTP_HOST": "127.0.0.1",
        "SERVICEDESK_SMTP_PORT": str(smtp.port),
        "SERVICEDESK_SMTP_SECURITY": "none",
    }
    subprocess.run(
        [sys.executable, "-m", "seed", "--tickets", "300", "--seed", "11"],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
    )
    ports = (free_port(), free_port())
    processes = [_web(env, port) for port in ports] + [_worker(env), _worker(env)]
    servers = [Server(f"http://127.0.0.1:{port}", "", "", "", ()) for port in ports]
    try:
        for server, process in zip(servers, processes, strict=False):
            wait_healthy(server.url, process)
        yield Desk(first=servers[0], second=servers[1], smtp=smtp)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        smtp.stop()
        pg_cluster.drop_database(database)


def _file_incident(page: Page, server: Server) -> str:
    sign_in(page, server, username="torontohydro.user1")
    page.goto(f"{server.url}/report")
    page.get_by_label("Title").fill("Reads missing for cycle 22 on two servers")
    page.get_by_label("Description").fill("No reads since 03:00 for 800 SDPs.")
    choose(page, "Category", option="Billing quantities")
    choose(page, "Impact", option="2 Significant")
    choose(page, "Urgency", option="2 High")
    page.get_by_role("button", name="Submit the incident").click()
    filed = page.get_by_text(re.compile(r"INC-\d{6} is filed"))
    expect(filed).to_be_visible()
    found = re.search(r"INC-\d{6}", filed.inner_text())
    assert found is not None
    return found.group(0)


def _open(page: Page, server: Server, *, key: str) -> None:
    page.goto(f"{server.url}/ticket?key={key}")
    expect(page.get_by_role("heading", name=re.compile(f"^{key}"))).to_be_visible()


def _choose_tab(page: Page, name: str) -> None:
    tab = page.get_by_role("tab", name=name)
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")
    # A run in progress leaves the old widgets standing, stale, beside the new ones.
    expect(page.locator("[data-stale='true']")).to_have_count(0)


def _mail_about(desk: Desk, key: str) -> list[tuple[str, str]]:
    return [
        (",".join(sorted(rcpts)), str(message["Subject"]))
        for rcpts, message in desk.smtp.mailbox.messages
        if key in str(message["Subject"])
    ]


def test_a_ticket_filed_on_one_process_is_changed_on_the_other_and_mailed_once(
    browser: Browser, desk: Desk
) -> None:
    ldc = browser.new_context().new_page()
    key = _file_incident(ldc, desk.first)

    on_first = browser.new_context().new_page()
    sign_in(on_first, desk.first, username="sme.cim1")
    _open(on_first, desk.first, key=key)
    _choose_tab(on_first, "Assign")
    on_second = browser.new_context().new_page()
    sign_in(on_second, desk.second, username="sme.cim1")
    _open(on_second, desk.second, key=key)
    expect(on_second.get_by_text("Severity 2", exact=True)).to_be_visible()

    _choose_tab(on_second, "Re-classify")
    choose(on_second, "Impact", option="3 Moderate")
    on_second.get_by_label("Reason (kept in the history)").fill("One LDC, a workaround")
    on_second.get_by_role("button", name="Re-classify", exact=True).click()
    expect(on_second.get_by_text("Re-classified.")).to_be_visible()
    # The first process's page was read before the second's save: its save is
    # refused, naming the change, and changes nothing.
    on_first.get_by_role("button", name="Assign", exact=True).click()
    expect(on_first.get_by_text(re.compile(f"{key} was changed"))).to_be_visible()
    on_first.reload()
    expect(on_first.get_by_text("Severity 3", exact=True)).to_be_visible()
    expect(on_first.get_by_text("New", exact=True).first).to_be_visible()

    deadline = time.monotonic() + MAIL_WAIT_SECONDS
    while time.monotonic() < deadline and not _mail_about(desk, key):
        time.sleep(0.5)
    mail = _mail_about(desk, key)
    assert mail, "the workers sent no email about the new incident"
    # Two more delivery passes: a second sender would have sent its copy by now.
    time.sleep(8)
    sent_twice = [m for m, n in Counter(_mail_about(desk, key)).items() if n > 1]
    assert sent_twice == []


def test_the_analytics_count_from_the_workers_snapshot(
    browser: Browser, desk: Desk
) -> None:
    manager = browser.new_context().new_page()
    sign_in(manager, desk.second, username="sme.manager1")
    counted = manager.get_by_text(re.compile(r"Counted from the analytics snapshot of"))
    # The worker takes its first snapshot as it starts; until then the page reads live.
    deadline = time.monotonic() + MAIL_WAIT_SECONDS
    while True:
        manager.goto(f"{desk.second.url}/analytics")
        expect(manager.get_by_role("heading", name="SLA analytics")).to_be_visible()
        expect(
            manager.get_by_role("heading", name="Compliance by LDC and month")
        ).to_be_visible()
        if counted.count() or time.monotonic() > deadline:
            break
        time.sleep(2)
    expect(counted).to_be_visible()
    manager.goto(f"{desk.second.url}/analytics?section=risk")
    expect(manager.get_by_role("heading", name="At-risk board")).to_be_visible()
    expect(counted).to_have_count(0)

"""A real server on a free port, with its own seeded store, and headless Chromium."""

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from dashboard.kernel.rules.reference import CATEGORY_NAMES
from tests.serving import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server

DEMO_PASSWORD = "MdmrDemo!2026"
# How long a journey waits for what it expects. Playwright's 5 s default is missed
# when both cores are busy (a sign-in's Argon2 check and first page, a large
# heatmap): the journeys test behaviour, the benchmarks test speed.
expect.set_options(timeout=20_000)


@dataclass(frozen=True)
class Server:
    """Where the test server answers, and the store it was seeded with."""

    url: str
    own_org: str
    own_key: str
    other_key: str
    other_orgs: tuple[str, ...]
    # An open problem, and the words of an incident that met it (title, description).
    known_problem: str = ""
    known_words: tuple[str, str] = ("", "")
    known_category: str = ""
    # The Critical Incident Managers' names, by username.
    cims: tuple[tuple[str, str], ...] = ()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Seed a store, then serve the dashboard on it until the tests end."""
    db = tmp_path_factory.mktemp("e2e") / "e2e.duckdb"
    # Jobs off: a clock-watch pass saving a ticket while the journey saves it too
    # would make the journey depend on timing.
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SERVICEDESK_DB": str(db),
        "SERVICEDESK_JOBS": "off",
    }
    subprocess.run(
        [
            sys.executable,
            "-m",
            "seed",
            "--db",
            str(db),
            "--tickets",
            "3000",
            "--seed",
            "11",
        ],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
    )
    facts = _facts(db, username="torontohydro.user1")
    with streamlit_server("dashboard/app.py", env) as url:
        yield Server(url=url, **facts)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (no cookies) and page."""
    context = browser.new_context()
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def _facts(db: Path, *, username: str) -> dict[str, Any]:
    """What the journey checks against, read before the server holds the file."""
    with duckdb.connect(str(db), read_only=True) as conn:
        org_id, own_org = conn.execute(
            "SELECT o.id, o.short_name FROM users u JOIN organizations o "
            "ON o.id = u.org_id WHERE u.username = ?",
            [username],
        ).fetchone() or (None, None)
        own_key = conn.execute(
            "SELECT ticket_key FROM tickets WHERE org_id = ? AND kind = 'incident' "
            "ORDER BY created_at DESC LIMIT 1",
            [org_id],
        ).fetchone()
        other_key = conn.execute(
            "SELECT ticket_key FROM tickets WHERE org_id <> ? AND kind = 'incident' "
            "AND NOT is_mdmr_wide ORDER BY created_at DESC LIMIT 1",
            [org_id],
        ).fetchone()
        others = conn.execute(
            "SELECT short_name FROM organizations WHERE kind = 'ldc' AND id <> ?",
            [org_id],
        ).fetchall()
        known = conn.execute(
            "SELECT p.ticket_key, i.title, i.description, i.category "
            "FROM problem_links l "
            "JOIN tickets i ON i.id = l.incident_id "
            "JOIN tickets p ON p.id = l.problem_id "
            "WHERE p.status IN ('Under investigation', 'Known error', 'Fix scheduled') "
            "ORDER BY p.created_at DESC, i.created_at DESC LIMIT 1"
        ).fetchone()
        cims = conn.execute(
            "SELECT username, display_name FROM users "
            "WHERE role = 'critical_incident_manager' ORDER BY username"
        ).fetchall()
    assert own_key and other_key, "the seeded store lacks the tickets the journey needs"
    assert known, "the seeded store lacks an open problem with incidents"
    return {
        "known_problem": known[0],
        "known_words": (known[1], known[2]),
        "known_category": CATEGORY_NAMES[known[3]],
        "cims": tuple((c[0], c[1]) for c in cims),
        "own_org": own_org,
        "own_key": own_key[0],
        "other_key": other_key[0],
        "other_orgs": tuple(o[0] for o in others),
    }

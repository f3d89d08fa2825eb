"""The demo-world seed, checked on small real stores: DuckDB files under tmp_path,
and databases of the session's PostgreSQL server."""

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from dashboard.kernel.passwords import verify_password
from dashboard.kernel.rules.workflow import Kind, check_transition, statuses
from dashboard.sla.sla_watch import watch_clocks
from data_access.engine import dispose_engine, get_engine
from seed import build
from seed.people import DEMO_PASSWORD
from tests.stores import STORES

ROOT = Path(__file__).resolve().parents[2]
END = date(2026, 6, 1)
TICKETS = 3_000
# As reference/MDMR-CONTEXT.md lists them.
_REFERENCE_TEXT = (
    "Alectra Utilities Corporation; Algoma Power Inc.; Atikokan Hydro Inc.; "
    "Attawapiskat Power Corporation; Bluewater Power Distribution Corporation; "
    "Burlington Hydro Inc.; Canadian Niagara Power Inc.; "
    "Centre Wellington Hydro Ltd.; Chapleau Public Utilities Corporation; "
    "Cooperative Hydro Embrun Inc.; "
    "Cornwall Street Railway Light and Power Company Limited; E.L.K. Energy Inc.; "
    "Elexicon Energy Inc.; Enova Power Corp.; Entegrus Powerlines Inc.; "
    "ENWIN Utilities Ltd.; EPCOR Electricity Distribution Ontario Inc.; "
    "ERTH Power Corporation; Essex Powerlines Corporation; Festival Hydro Inc.; "
    "Fort Frances Power Corporation; GrandBridge Energy Inc.; "
    "Greater Sudbury Hydro Inc.; Grimsby Power Incorporated; Halton Hills Hydro Inc.; "
    "Hearst Power Distribution Co. Ltd.; Hydro 2000 Inc.; Hydro Hawkesbury Inc.; "
    "Hydro One Networks Inc.; Hydro One Remote Communities Inc.; "
    "Hydro Ottawa Limited; InnPower Corporation; Kingston Hydro Corporation; "
    "Lakefront Utilities Inc.; Lakeland Power Distribution Ltd.; London Hydro Inc.; "
    "Milton Hydro Distribution Inc.; Newmarket-Tay Power Distribution Ltd.; "
    "Niagara Peninsula Energy Inc.; Niagara-on-the-Lake Hydro Inc.; "
    "North Bay Hydro Distribution Limited; Northern Ontario Wires Inc.; "
    "Oakville Hydro Electricity Distribution Inc.; Orangeville Hydro Limited; "
    "Oshawa PUC Networks Inc.; Ottawa River Power Corporation; PUC Distribution Inc.; "
    "Renfrew Hydro Inc.; Rideau St. Lawrence Distribution Inc.; "
    "Sioux Lookout Hydro Inc.; Synergy North Corporation; Tillsonburg Hydro Inc.; "
    "Toronto Hydro-Electric System Limited; Wasaga Distribution Inc.; "
    "Welland Hydro-Electric System Corp.; Wellington North Power Inc.; "
    "Westario Power Inc."
)
REFERENCE_LDCS = tuple(name.strip() for name in _REFERENCE_TEXT.split(";"))
NAMED_ACCOUNTS = (
    "torontohydro.manager",
    "torontohydro.user1",
    "hydroottawa.user1",
    "sme.agent1",
    "sme.cim1",
    "sme.manager1",
    "osp.eng1",
)
# Compared whole rows, in id order, across two builds.
CHECKSUMS = (
    "organizations",
    "users",
    "tickets",
    "ticket_events",
    "comments",
    "notifications",
)
# Each sequence, and the largest key it has given in the seeded store.
SEQUENCE_MAX = {
    "organization_id_seq": "SELECT max(id) FROM organizations",
    "user_id_seq": "SELECT max(id) FROM users",
    "group_id_seq": "SELECT max(id) FROM support_groups",
    "ticket_id_seq": "SELECT max(id) FROM tickets",
    "incident_number_seq": "SELECT max(number) FROM tickets WHERE kind = 'incident'",
    "problem_number_seq": "SELECT max(number) FROM tickets WHERE kind = 'problem'",
    "request_number_seq": "SELECT max(number) FROM tickets "
    "WHERE kind = 'service_request'",
    "event_id_seq": "SELECT max(id) FROM ticket_events",
    "comment_id_seq": "SELECT max(id) FROM comments",
    "attachment_id_seq": "SELECT max(id) FROM attachments",
    "notification_id_seq": "SELECT max(id) FROM notifications",
    "release_id_seq": "SELECT max(id) FROM releases",
    "sla_policy_id_seq": "SELECT max(id) FROM sla_policies",
}


def _rows(engine: sa.Engine, sql: str) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(sa.text(sql))]


def _checksums(path: str) -> dict[str, str]:
    engine = get_engine(path)
    row = "SELECT md5(string_agg(CAST(r AS VARCHAR), chr(10) ORDER BY id)) FROM {} r"
    sums = {table: str(_rows(engine, row.format(table))[0][0]) for table in CHECKSUMS}
    dispose_engine(path)
    return sums


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "seed", *args]
    return subprocess.run(
        command,
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _digest(path: str) -> str:
    if "://" in path:  # a database: its content, as the checksums see it
        sums = _checksums(path)
        dispose_engine(path)
        return str(sorted(sums.items()))
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module", params=STORES)
def store_kind(request: pytest.FixtureRequest) -> str:
    """The module's store kind: one seeded store per kind, shared by its tests."""
    return str(request.param)


@pytest.fixture(scope="module")
def store_path(
    store_kind: str,
    tmp_path_factory: pytest.TempPathFactory,
    *,
    request: pytest.FixtureRequest,
) -> Iterator[str]:
    """A seeded store of a few thousand tickets, built once for the module."""
    if store_kind == "duckdb":
        path = str(tmp_path_factory.mktemp("seed") / "seed.duckdb")
    else:
        cluster = request.getfixturevalue("pg_cluster")
        database = cluster.new_database()
        path = cluster.url(database)
    build(path, seed=7, tickets=TICKETS, years=2, end=END)
    yield path
    dispose_engine(path)
    if store_kind != "duckdb":
        cluster.drop_database(database)


@pytest.fixture(scope="module")
def store(store_path: str) -> Iterator[sa.Engine]:
    """An engine on the module's seeded store."""
    yield get_engine(store_path)
    dispose_engine(store_path)


def test_every_ldc_of_the_reference_list_exists_with_an_org_id(
    store: sa.Engine,
) -> None:
    rows = _rows(store, "SELECT name, org_code FROM organizations WHERE kind = 'ldc'")
    codes = {name: code for name, code in rows}
    assert set(REFERENCE_LDCS) <= set(codes)
    assert all(
        str(codes[n]).startswith("ORG") and str(codes[n])[3:].isdigit()
        for n in REFERENCE_LDCS
    )
    assert len(set(codes.values())) == len(codes)


def test_the_named_demo_accounts_exist_and_take_the_demo_password(
    store: sa.Engine,
) -> None:
    rows = _rows(store, "SELECT username, password_hash, active FROM users")
    accounts = {username: (pw, active) for username, pw, active in rows}
    for username in NAMED_ACCOUNTS:
        password_hash, active = accounts[username]
        assert active and verify_password(str(password_hash), DEMO_PASSWORD), username


def test_the_same_seed_and_arguments_give_identical_content(
    store: sa.Engine, store_path: str, *, new_store: Callable[..., str]
) -> None:
    again = new_store("again")
    build(again, seed=7, tickets=TICKETS, years=2, end=END)
    dispose_engine(store_path)
    assert _checksums(again) == _checksums(store_path)


def test_a_different_seed_gives_different_content(
    store_path: str, new_store: Callable[..., str]
) -> None:
    other = new_store("other")
    build(other, seed=8, tickets=TICKETS, years=2, end=END)
    mine, theirs = _checksums(store_path), _checksums(other)
    assert mine["tickets"] != theirs["tickets"]
    assert mine["ticket_events"] != theirs["ticket_events"]


def test_an_existing_store_is_refused_without_reset_and_left_unchanged(
    new_store: Callable[..., str],
) -> None:
    path = new_store("existing")
    build(path, seed=1, tickets=100, years=1, end=END)
    before = _digest(path)
    result = _run_cli("--db", str(path), "--tickets", "100", "--end", "2026-06-01")
    assert result.returncode == 2
    assert "--reset" in result.stderr
    assert _digest(path) == before


def test_reset_replaces_an_existing_store(new_store: Callable[..., str]) -> None:
    path = new_store("existing")
    build(path, seed=1, tickets=100, years=1, end=END)
    result = _run_cli(
        "--db",
        str(path),
        "--tickets",
        "200",
        "--years",
        "1",
        "--end",
        "2026-06-01",
        "--reset",
    )
    assert result.returncode == 0, result.stderr
    engine = get_engine(path)
    assert _rows(engine, "SELECT count(*) FROM tickets")[0][0] == 200
    dispose_engine(path)


def test_larger_ldcs_get_more_tickets_than_small_ones(store: sa.Engine) -> None:
    rows = _rows(
        store,
        "SELECT o.size_class, count(t.id) * 1.0 / count(DISTINCT o.id) "
        "FROM organizations o LEFT JOIN tickets t ON t.org_id = o.id "
        "WHERE o.kind = 'ldc' GROUP BY o.size_class",
    )
    per_ldc = {size: float(n) for size, n in rows}
    assert per_ldc["large"] > per_ldc["medium"] > per_ldc["small"]


def test_every_status_is_valid_for_its_kind(store: sa.Engine) -> None:
    rows = _rows(store, "SELECT DISTINCT kind, status FROM tickets")
    assert rows
    assert all(status in statuses(Kind(kind)) for kind, status in rows)


def test_the_status_history_chains_from_the_initial_status_to_the_current_one(
    store: sa.Engine,
) -> None:
    broken = _rows(
        store,
        """
        WITH s AS (
            SELECT ticket_id, id, occurred_at, event_type, old_value, new_value,
                   lag(new_value) OVER w AS previous,
                   lag(occurred_at) OVER w AS previous_at,
                   row_number() OVER w AS n,
                   row_number() OVER (PARTITION BY ticket_id ORDER BY id DESC) AS back
            FROM ticket_events
            WHERE event_type IN ('created', 'status_changed')
            WINDOW w AS (PARTITION BY ticket_id ORDER BY id)
        )
        SELECT s.ticket_id FROM s JOIN tickets t ON t.id = s.ticket_id
        WHERE (s.n = 1 AND (s.event_type <> 'created' OR s.new_value <> CASE t.kind
                 WHEN 'incident' THEN 'New' WHEN 'problem' THEN 'Logged'
                 ELSE 'Submitted' END))
           OR (s.n > 1 AND (s.event_type <> 'status_changed'
                            OR s.old_value <> s.previous))
           OR (s.previous_at > s.occurred_at)
           OR (s.back = 1 AND s.new_value <> t.status)
        """,
    )
    assert broken == []


def test_ticket_times_agree_with_their_history(store: sa.Engine) -> None:
    wrong = _rows(
        store,
        """
        SELECT t.id FROM tickets t JOIN (
            SELECT ticket_id, min(occurred_at) AS first_at, max(occurred_at) AS last_at,
                   max(occurred_at) FILTER (
                       WHERE new_value IN ('Resolved', 'Fulfilled')
                         AND event_type = 'status_changed') AS resolved
            FROM ticket_events GROUP BY ticket_id
        ) e ON e.ticket_id = t.id
        WHERE t.created_at <> e.first_at OR t.updated_at <> e.last_at
           OR (t.resolved_at IS NOT NULL AND t.resolved_at <> e.resolved)
           OR t.closed_at < t.created_at
           OR e.last_at > TIMESTAMPTZ '2026-06-01 00:00:00+00'
        """,
    )
    assert wrong == []


def test_every_incident_contact_is_a_user_of_its_ldc(store: sa.Engine) -> None:
    strangers = _rows(
        store,
        """
        SELECT t.id FROM tickets t
        LEFT JOIN users c ON c.id = t.ldc_contact_id
        LEFT JOIN users b ON b.id = t.backup_contact_id
        WHERE t.kind = 'incident'
          AND ((t.ldc_contact_id IS NOT NULL AND c.org_id IS DISTINCT FROM t.org_id)
            OR (t.backup_contact_id IS NOT NULL AND b.org_id IS DISTINCT FROM t.org_id))
        """,
    )
    contacts = _rows(
        store, "SELECT count(ldc_contact_id) FROM tickets WHERE kind = 'incident'"
    )
    assert strangers == []
    assert contacts[0][0] > 0


def test_some_severity_1_and_2_incidents_exceed_their_24x7_target_and_most_do_not(
    store: sa.Engine,
) -> None:
    ((late, resolved),) = _rows(
        store,
        """
        SELECT count(*) FILTER (WHERE resolved_at - created_at >
                   CASE severity WHEN 1 THEN INTERVAL '4 hours'
                                 ELSE INTERVAL '24 hours' END),
               count(*)
        FROM tickets
        WHERE kind = 'incident' AND severity IN (1, 2) AND resolved_at IS NOT NULL
        """,
    )
    assert 0 < late < 0.25 * resolved


def test_incidents_resolved_with_a_workaround_link_to_a_problem(
    store: sa.Engine,
) -> None:
    rows = _rows(
        store,
        """
        SELECT t.resolution_type, l.incident_id IS NOT NULL, p.kind, count(*)
        FROM tickets t
        LEFT JOIN problem_links l ON l.incident_id = t.id
        LEFT JOIN tickets p ON p.id = l.problem_id
        WHERE t.kind = 'incident' AND t.resolution_type IS NOT NULL
        GROUP BY 1, 2, 3
        """,
    )
    found = {(kind, linked, problem) for kind, linked, problem, _ in rows}
    assert found == {("fixed", False, None), ("workaround", True, "problem")}


def test_a_problems_incidents_quote_the_error_its_public_summary_names(
    store: sa.Engine,
) -> None:
    rows = _rows(
        store,
        """
        SELECT i.title, i.description, p.title, p.public_summary
        FROM problem_links l
        JOIN tickets i ON i.id = l.incident_id
        JOIN tickets p ON p.id = l.problem_id
        """,
    )
    assert rows
    for title, description, problem_title, summary in rows:
        code = summary.rsplit("error ", 1)[1].rstrip(".")
        assert f"error {code}." in description
        # In the LDC's own words: never the problem's title copied.
        assert title != problem_title


def test_every_problem_has_an_error_reference_of_its_own(store: sa.Engine) -> None:
    summaries = [
        summary
        for (summary,) in _rows(
            store, "SELECT public_summary FROM tickets WHERE kind = 'problem'"
        )
    ]
    codes = [s.rsplit("error ", 1)[1] for s in summaries]
    assert len(set(codes)) == len(codes)


def test_new_keys_continue_after_the_seeded_ones(
    store_path: str, tmp_path: Path
) -> None:
    # A key taken changes no row, but the module's DuckDB file is copied anyway:
    # one process per file, and the copy is the test's to open.
    copy = store_path
    if "://" not in store_path:
        copy = str(tmp_path / "copy.duckdb")
        dispose_engine(store_path)
        shutil.copy(store_path, copy)
    engine = get_engine(copy)
    for sequence, largest in SEQUENCE_MAX.items():
        top = _rows(engine, largest)[0][0] or 0
        following = _rows(engine, f"SELECT nextval('{sequence}')")[0][0]
        assert following > top, sequence
    if copy != store_path:
        dispose_engine(copy)


def test_every_status_move_is_one_the_workflow_allows(store: sa.Engine) -> None:
    moves = _rows(
        store,
        "SELECT DISTINCT t.kind, e.old_value, e.new_value FROM ticket_events e "
        "JOIN tickets t ON t.id = e.ticket_id WHERE e.event_type = 'status_changed'",
    )
    assert moves
    for kind, old, new in moves:
        check_transition(Kind(kind), str(old), target=str(new))


def test_history_never_goes_back_in_time(store: sa.Engine) -> None:
    backwards = _rows(
        store,
        "SELECT count(*) FROM (SELECT occurred_at < lag(occurred_at) OVER "
        "(PARTITION BY ticket_id ORDER BY id) AS back FROM ticket_events) AS moves "
        "WHERE back",
    )
    assert backwards[0][0] == 0


def test_the_clock_watch_does_not_announce_the_seeded_historys_breaches(
    new_store: Callable[..., str],
) -> None:
    path = new_store("watch")
    report = build(path, seed=3, tickets=600, years=1, end=END)
    engine = get_engine(path)
    try:
        with engine.connect() as conn:
            breached_open = conn.scalar(
                sa.text(
                    "SELECT count(*) FROM sla_clocks "
                    "WHERE stopped_at IS NULL AND state = 'breached'"
                )
            )
        assert breached_open > 0  # the demo history has open breaches...
        assert watch_clocks(engine, now=report.end) == 0  # ...already dealt with
        # Time moving on breaches more of the open clocks, and those are news.
        assert watch_clocks(engine, now=report.end + timedelta(days=20)) > 0
    finally:
        dispose_engine(path)


def test_the_desk_staff_find_the_last_days_filings_in_their_inbox(
    store: sa.Engine,
) -> None:
    rows = _rows(
        store,
        "SELECT t.ticket_key, t.kind, n.subject, n.read_at IS NULL, n.email_state "
        "FROM notifications n JOIN tickets t ON t.id = n.ticket_id "
        "JOIN group_members m "
        "ON m.user_id = n.recipient_id AND m.group_id = t.group_id",
    )
    assert rows, "no routing notices for the recent tickets"
    assert {kind for _, kind, *_ in rows} == {"incident", "service_request"}
    assert all(subject.startswith(f"[{key}] New ") for key, _, subject, *_ in rows)
    assert {unread for *_, unread, _ in rows} == {True, False}
    assert {state for *_, state in rows} == {"not_emailed"}


def test_the_demo_world_has_a_cim_on_call_as_primary_and_secondary_at_its_end(
    store: sa.Engine,
) -> None:
    from dashboard.oncall.oncall_paging import on_call
    from dashboard.oncall.oncall_rules import Step

    at = datetime.combine(END, time(), UTC) - timedelta(minutes=1)
    with store.connect() as conn:
        held = on_call(conn, at)
        later = on_call(conn, at + timedelta(weeks=7))
    assert None not in (held[Step.PRIMARY], held[Step.SECONDARY], later[Step.PRIMARY])
    assert held[Step.PRIMARY] != held[Step.SECONDARY]


def test_the_francophone_ldcs_users_and_one_agent_work_in_french(
    store: sa.Engine,
) -> None:
    with store.connect() as conn:
        french = set(
            conn.scalars(sa.text("SELECT username FROM users WHERE language = 'fr_CA'"))
        )
    assert {"hydrohawkesbury.user1", "hearstpower.manager", "sme.agent6"} <= french
    assert not {u for u in french if u.startswith(("torontohydro.", "sme.agent1"))}

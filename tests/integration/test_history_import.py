import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard.admin.history_import import ImportRefused, import_history
from dashboard.sla.sla_watch import watch_clocks
from data_access.schema import ticket_events, tickets
from tests.factories import T0, World

TICKETS = (
    "ticket_key,kind,org_code,severity,request_type,title,created_at,reporter\n"
    "INC-005001,incident,ORG0001,2,,BQ responses missing,"
    "2025-06-02T09:00:00-04:00,alpha.user1\n"
    "SR-007001,service_request,ORG0002,,MDM/R GUI Password Reset,Reset for jdoe,"
    "2025-06-03T10:00:00-04:00,\n"
)
CHANGES = """ticket_key,changed_at,to_status,public
INC-005001,2025-06-02T09:20:00-04:00,In progress,true
INC-005001,2025-06-02T11:00:00-04:00,Resolved,true
INC-005001,2025-06-05T11:00:00-04:00,Closed,false
SR-007001,2025-06-03T11:00:00-04:00,In fulfilment,true
"""


def files(
    tmp_path: Path, tickets_text: str = TICKETS, *, changes_text: str = CHANGES
) -> dict[str, Path]:
    """The two files written, named as import_history takes them."""
    (tmp_path / "t.csv").write_text(tickets_text)
    (tmp_path / "c.csv").write_text(changes_text)
    return {"tickets_file": tmp_path / "t.csv", "changes_file": tmp_path / "c.csv"}


def query(world: World, sql: str) -> list[tuple]:
    with world.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


def count(world: World) -> tuple[int, int]:
    with world.engine.connect() as conn:
        return (
            int(conn.scalar(sa.select(sa.func.count()).select_from(tickets))),
            int(conn.scalar(sa.select(sa.func.count()).select_from(ticket_events))),
        )


def test_a_good_file_round_trips_into_the_reporting_views(
    world: World, tmp_path: Path
) -> None:
    assert import_history(world.engine, **files(tmp_path), now=T0) == 2
    assert query(
        world,
        "SELECT ticket_key, kind, org_code, severity, request_type, status "
        "FROM report_tickets WHERE ticket_key IN ('INC-005001', 'SR-007001') "
        "ORDER BY 1",
    ) == [
        ("INC-005001", "incident", "ORG0001", 2, None, "Closed"),
        (
            "SR-007001",
            "service_request",
            "ORG0002",
            None,
            "gui_password_reset",
            "In fulfilment",
        ),
    ]
    assert query(
        world,
        "SELECT to_status, pauses_sla FROM report_ticket_status_history "
        "WHERE ticket_key = 'INC-005001' ORDER BY changed_at",
    ) == [
        ("In progress", False),
        ("Resolved", False),
        ("Closed", False),
    ]


def test_imported_tickets_get_their_clocks(world: World, tmp_path: Path) -> None:
    import_history(world.engine, **files(tmp_path), now=T0)
    assert query(
        world,
        "SELECT clock, state FROM report_sla_clocks "
        "WHERE ticket_key = 'INC-005001' ORDER BY clock",
    ) == [
        ("first_response", "met"),
        ("resolution", "met"),
        ("update", "met"),
    ]


def test_new_keys_continue_after_the_imported_ones(
    world: World, tmp_path: Path
) -> None:
    from dashboard.incidents.incident_filing import file_incident
    from dashboard.incidents.incident_rules import IncidentDraft
    from dashboard.kernel import auth
    from tests.factories import PASSWORD

    import_history(world.engine, **files(tmp_path), now=T0)
    reporter = auth.sign_in(
        world.engine, username="alpha.user1", password=PASSWORD, now=T0
    ).actor
    draft = IncidentDraft(
        title="x",
        description="y",
        category="vee",
        environment="QA",
        impact=4,
        urgency=4,
        org_id=world.orgs["Alpha Hydro"],
    )
    assert (
        file_incident(world.engine, reporter, draft=draft, files=[], now=T0)
        == "INC-005002"
    )


@pytest.mark.parametrize(
    ("tickets_text", "changes_text", "message"),
    [
        (
            TICKETS.replace("ORG0002", "ORG9999"),
            CHANGES,
            "t.csv, line 3: unknown organization 'ORG9999'",
        ),
        (
            TICKETS,
            CHANGES.replace("In fulfilment", "Doing it"),
            "c.csv, line 5: 'Doing it' is not a status of a service_request",
        ),
        (
            TICKETS.replace("MDM/R GUI Password Reset", "Coffee"),
            CHANGES,
            "t.csv, line 3: request type 'Coffee' is not in the catalogue",
        ),
        (
            TICKETS,
            CHANGES.replace("2025-06-05T11:00", "2025-06-01T11:00"),
            "c.csv, line 4: 2025-06-01T11:00:00-04:00 goes back in time for INC-005001",
        ),
        (
            TICKETS + TICKETS.splitlines()[1] + "\n",
            CHANGES,
            "t.csv, line 4: duplicate key INC-005001",
        ),
        (
            TICKETS.replace("2025-06-02T09:00:00-04:00", "2025-06-02 9am"),
            CHANGES,
            "t.csv, line 2: '2025-06-02 9am' is not an ISO 8601 time",
        ),
        (
            TICKETS.replace("-04:00,alpha", ",alpha"),
            CHANGES,
            "t.csv, line 2: '2025-06-02T09:00:00' has no UTC offset",
        ),
        (
            TICKETS.replace(",alpha.user1", ""),
            CHANGES,
            "t.csv, line 2: wrong number of fields",
        ),
        (
            TICKETS.replace("alpha.user1", "ghost"),
            CHANGES,
            "t.csv, line 2: unknown reporter 'ghost'",
        ),
    ],
)
def test_each_kind_of_bad_line_is_refused_with_its_line_and_nothing_is_imported(
    world: World, tmp_path: Path, *, tickets_text: str, changes_text: str, message: str
) -> None:
    before = count(world)
    with pytest.raises(ImportRefused) as refused:
        import_history(
            world.engine,
            **files(tmp_path, tickets_text, changes_text=changes_text),
            now=T0,
        )
    assert any(p.endswith(message) for p in refused.value.problems), (
        refused.value.problems
    )
    assert count(world) == before


def test_a_key_the_store_already_has_is_a_duplicate(
    world: World, tmp_path: Path
) -> None:
    import_history(world.engine, **files(tmp_path), now=T0)
    with pytest.raises(ImportRefused, match="Nothing was imported"):
        import_history(world.engine, **files(tmp_path), now=T0)


def test_the_command_prints_every_problem_and_exits_two(
    tmp_path: Path, new_store: Callable[..., str]
) -> None:
    from data_access.engine import dispose_engine
    from tests.factories import two_ldc_world

    db = new_store("cli")
    two_ldc_world(db)
    dispose_engine(db)
    bad = files(tmp_path, TICKETS.replace("ORG0002", "ORG9999"))
    ran = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.admin.history_import",
            "--db",
            str(db),
            "--tickets",
            str(bad["tickets_file"]),
            "--status-changes",
            str(bad["changes_file"]),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert ran.returncode == 2
    assert "unknown organization 'ORG9999'" in ran.stderr


def test_the_clock_watch_does_not_announce_imported_past_breaches(
    world: World, tmp_path: Path
) -> None:
    import_history(world.engine, **files(tmp_path), now=T0)
    # SR-007001 has been in fulfilment since June 2025: long breached, and known.
    assert query(
        world,
        "SELECT state FROM report_sla_clocks WHERE ticket_key = 'SR-007001'",
    ) == [("breached",)]
    watch_clocks(world.engine, now=T0 + timedelta(minutes=1))
    assert query(
        world, "SELECT count(*) FROM notifications WHERE subject LIKE '%SR-007001%'"
    ) == [(0,)]


# The request is created tomorrow, so it has no status change yet.
FUTURE_TICKET = TICKETS.replace(
    "2025-06-03T10:00:00-04:00", "2026-03-03T10:00:00-05:00"
)
NO_REQUEST_CHANGE = "\n".join(CHANGES.splitlines()[:-1]) + "\n"
FUTURE_CHANGE = CHANGES.replace(
    "2025-06-05T11:00:00-04:00", "2026-03-05T11:00:00-05:00"
)


def refusal(world: World, tmp_path: Path, *, tickets_text: str, changes_text: str):
    with pytest.raises(ImportRefused) as refused:
        import_history(
            world.engine,
            **files(tmp_path, tickets_text, changes_text=changes_text),
            now=T0,
        )
    return refused.value.problems


def test_a_ticket_created_after_the_imports_now_is_refused_with_its_line(
    world: World, tmp_path: Path
) -> None:
    problems = refusal(
        world, tmp_path, tickets_text=FUTURE_TICKET, changes_text=NO_REQUEST_CHANGE
    )
    assert any(
        p.endswith(
            "t.csv, line 3: created 2026-03-03T10:00:00-05:00, later than the "
            "import's now (2026-03-02T14:00:00+00:00)"
        )
        for p in problems
    ), problems


def test_a_status_change_after_the_imports_now_is_refused_with_its_line(
    world: World, tmp_path: Path
) -> None:
    problems = refusal(
        world, tmp_path, tickets_text=TICKETS, changes_text=FUTURE_CHANGE
    )
    assert problems == [
        f"{tmp_path / 'c.csv'}, line 4: changed 2026-03-05T11:00:00-05:00, later "
        "than the import's now (2026-03-02T14:00:00+00:00)"
    ]


@pytest.mark.parametrize(
    ("tickets_text", "changes_text"),
    [(FUTURE_TICKET, NO_REQUEST_CHANGE), (TICKETS, FUTURE_CHANGE)],
)
def test_a_time_in_the_future_imports_nothing(
    world: World, tmp_path: Path, *, tickets_text: str, changes_text: str
) -> None:
    before = count(world)
    refusal(world, tmp_path, tickets_text=tickets_text, changes_text=changes_text)
    assert count(world) == before


def test_a_ticket_created_at_the_imports_very_moment_is_imported(
    world: World, tmp_path: Path
) -> None:
    now_ticket = TICKETS.replace("2025-06-03T10:00:00-04:00", T0.isoformat())
    imported = files(tmp_path, now_ticket, changes_text=NO_REQUEST_CHANGE)
    assert import_history(world.engine, **imported, now=T0) == 2


def test_the_command_refuses_a_future_time_and_exits_two(
    tmp_path: Path, new_store: Callable[..., str]
) -> None:
    from data_access.engine import dispose_engine
    from tests.factories import two_ldc_world

    db = new_store("cli")
    two_ldc_world(db)
    dispose_engine(db)
    future = TICKETS.replace("2025-06-03T10:00:00-04:00", "2999-01-01T00:00:00+00:00")
    bad = files(tmp_path, future, changes_text=NO_REQUEST_CHANGE)
    ran = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.admin.history_import",
            "--db",
            str(db),
            *("--tickets", str(bad["tickets_file"])),
            *("--status-changes", str(bad["changes_file"])),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert (ran.returncode, "Traceback" in ran.stderr) == (2, False)
    assert "t.csv, line 3: created 2999-01-01T00:00:00+00:00, later than" in ran.stderr

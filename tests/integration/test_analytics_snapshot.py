"""On PostgreSQL the analytics count what happened in DuckDB over a snapshot the
worker takes: the same figures as the live store, held until the next snapshot,
and never a password or a description on disk."""

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard import worker
from dashboard.analytics import analytics_history, analytics_reading
from dashboard.kernel.rules.authorization import Actor, Role
from data_access import analytics_snapshot
from data_access.analytics_snapshot import POINTER
from tests.factories import World, add_ticket
from tests.integration.analytics_world import MARCH_APRIL, NOW, analytics_world, at

ON_POSTGRES = pytest.mark.parametrize("store_kind", ["postgresql"])


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    snapshots = tmp_path / "analytics"
    monkeypatch.setattr(analytics_history, "snapshot_folder", lambda _engine: snapshots)
    return snapshots


@pytest.fixture
def world(new_store: Callable[..., str]) -> World:
    return analytics_world(new_store("analytics_snapshot"))


def manager(world: World) -> Actor:
    user = world.users["sme.manager1"]
    return Actor(user, Role.SME_MANAGER, world.orgs.get("SME", 0), False, "manager")


def figures(world: World) -> dict[str, pd.DataFrame]:
    """Every history figure of the page, and a drill-down of each kind."""
    who, engine, f = manager(world), world.engine, MARCH_APRIL
    shown = {
        f"compliance {rows}": analytics_reading.compliance(
            engine, who, filters=f, rows=rows, ldc_view=False
        )
        for rows in analytics_reading.HEATMAPS
    }
    return shown | {
        "arrivals": analytics_reading.arrivals(engine, who, filters=f),
        "time to resolve": analytics_reading.time_to_resolve(engine, who, filters=f),
        "breaches": analytics_reading.breaches(engine, who, filters=f),
        "incidents per week": analytics_reading.incidents_per_week(
            engine, who, filters=f
        ),
        "release impact": analytics_reading.release_impact(
            engine, who, filters=f, now=NOW
        ),
        "a compliance cell": analytics_reading.compliance_tickets(
            engine,
            who,
            filters=f,
            rows="ldc",
            row_key=str(world.orgs["Alpha Hydro"]),
            period=date(2026, 3, 1),
            ldc_view=False,
        ),
        "a month of breaches": analytics_reading.breach_tickets(
            engine, who, filters=f, period=date(2026, 3, 1), kind="incident"
        ),
        "a week": analytics_reading.week_tickets(
            engine, who, filters=f, week=date(2026, 3, 2)
        ),
    }


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = pd.to_datetime(out[column], utc=True)
    return out.reset_index(drop=True)


@ON_POSTGRES
def test_every_history_figure_from_the_snapshot_is_the_live_one(
    world: World, folder: Path
) -> None:
    live = figures(world)
    assert analytics_reading.figures_as_of(world.engine) is None
    assert not live["compliance ldc"].empty
    assert not live["a compliance cell"].empty

    analytics_history.take_snapshot(world.engine, now=NOW)
    assert analytics_history.history(world.engine) is not world.engine
    assert analytics_reading.figures_as_of(world.engine) == NOW
    for name, frame in figures(world).items():
        pd.testing.assert_frame_equal(
            _comparable(frame), _comparable(live[name]), check_dtype=False, obj=name
        )


@ON_POSTGRES
def test_the_figures_hold_until_the_next_snapshot_while_the_backlog_is_live(
    world: World, folder: Path
) -> None:
    who = manager(world)

    def counted() -> tuple[int, int]:
        arrived = analytics_reading.arrivals(
            world.engine, who, filters=MARCH_APRIL
        ).n.sum()
        backlog = analytics_reading.backlog(
            world.engine, who, filters=MARCH_APRIL, now=NOW
        ).n.sum()
        return int(arrived), int(backlog)

    analytics_history.take_snapshot(world.engine, now=NOW)
    before = counted()
    first_generation = analytics_reading.store_generation(world.engine)
    add_ticket(
        world,
        "late-inc",
        org="Alpha Hydro",
        reporter="alpha.user1",
        status="New",
        created=at("2026-04-02 15:00"),
    )
    assert counted() == (before[0], before[1] + 1)

    analytics_history.take_snapshot(world.engine, now=NOW + timedelta(minutes=5))
    assert counted() == (before[0] + 1, before[1] + 1)
    assert analytics_reading.store_generation(world.engine) != first_generation
    assert analytics_reading.figures_as_of(world.engine) == NOW + timedelta(minutes=5)


@ON_POSTGRES
def test_a_snapshot_holds_no_password_and_no_ticket_text(
    world: World, folder: Path
) -> None:
    taken = analytics_history.take_snapshot(world.engine, now=NOW)
    assert taken is not None
    copy = duckdb.connect(str(taken.path), read_only=True)
    try:
        users = [c[0] for c in copy.execute("DESCRIBE users").fetchall()]
        ticket_columns = [c[0] for c in copy.execute("DESCRIBE tickets").fetchall()]
    finally:
        copy.close()
    assert users == ["id", "display_name"]
    assert {"description", "resolution_notes", "root_cause"}.isdisjoint(ticket_columns)
    assert taken.rows["tickets"] == len(world.tickets)


@ON_POSTGRES
def test_only_the_two_newest_snapshots_are_kept(world: World, folder: Path) -> None:
    taken = [
        analytics_history.take_snapshot(world.engine, now=NOW + timedelta(minutes=m))
        for m in (0, 5, 10)
    ]
    kept = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert kept == sorted([POINTER, *(s.path.name for s in taken[1:] if s is not None)])
    newest = analytics_snapshot.current(folder)
    assert newest is not None
    assert newest.taken_at == NOW + timedelta(minutes=10)


def test_the_worker_takes_snapshots_on_postgresql_only(
    world: World, folder: Path, *, store_kind: str
) -> None:
    jobs = worker.passes(world.engine)
    assert ("analytics-snapshot" in jobs) == (store_kind == "postgresql")
    if store_kind == "duckdb":
        assert analytics_history.take_snapshot(world.engine, now=NOW) is None
        assert analytics_history.history(world.engine) is world.engine
        assert not folder.exists()

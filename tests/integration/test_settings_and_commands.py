"""Settings are read once; migrations and jobs are commands, not effects of a page."""

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard import worker
from dashboard.incidents import incident_work
from dashboard.incidents.incident_resolution import Resolution, resolve
from dashboard.incidents.incident_rules import Step
from dashboard.kernel import reading, settings, store
from data_access import migrate
from data_access.engine import dispose_engine, get_engine, is_url
from tests.factories import T0, World, actor
from tests.stores import store_of

ROOT = Path(__file__).resolve().parents[2]


def _env(db: str | Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if "://" in str(db):  # a database has no folder of its own for the exports
        env["SERVICEDESK_EXPORTS"] = tempfile.mkdtemp(prefix="servicedesk-exports-")
    return env


def _command(
    module: str, *args: str, db: str | Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", module, "--db", str(db), *args],
        cwd=ROOT,
        env=_env(db),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_settings_are_read_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SERVICEDESK_JOBS", "worker")
    assert settings.current().jobs == "worker"
    monkeypatch.setenv("SERVICEDESK_JOBS", "off")
    assert settings.current().jobs == "worker"


@pytest.mark.parametrize("word", ["off", "0", "false", "OFF"])
def test_every_way_of_saying_off_turns_the_jobs_off(word: str) -> None:
    assert settings.read({"SERVICEDESK_JOBS": word}).jobs == "off"


def test_a_web_process_runs_no_jobs_when_a_worker_hosts_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SERVICEDESK_JOBS", "worker")
    assert not worker.in_web_process()


def test_the_exports_go_beside_the_store_unless_named() -> None:
    assert settings.read({"SERVICEDESK_DB": "/srv/desk/a.duckdb"}).exports_folder == (
        Path("/srv/desk/exports")
    )
    named = settings.read({"SERVICEDESK_EXPORTS": "/srv/out"})
    assert named.exports_folder == Path("/srv/out")


def test_a_store_named_on_the_command_line_has_its_exports_beside_it() -> None:
    # Not the default store's folder: `servicedesk-worker --db /srv/b.duckdb` once
    # wrote its files into ./data/exports.
    defaults = settings.read({})
    assert defaults.exports_for("/srv/b/b.duckdb") == Path("/srv/b/exports")
    assert defaults.exports_for("duckdb:////srv/b/b.duckdb") == Path("/srv/b/exports")
    assert defaults.exports_for("postgresql+psycopg://desk@db/desk") == (
        defaults.db.parent / "exports"
    )
    named = settings.read({"SERVICEDESK_EXPORTS": "/srv/out"})
    assert named.exports_for("/srv/b/b.duckdb") == Path("/srv/out")


def test_asking_for_the_engine_migrates_nothing(
    new_store: Callable[..., str],
) -> None:
    engine = get_engine(new_store())
    assert migrate.current_revision(engine) is None
    assert not store.store_is_current(engine)


def test_the_migrate_command_brings_a_new_store_to_the_newest_schema(
    new_store: Callable[..., str],
) -> None:
    db = new_store("desk")
    done = _command("dashboard.kernel.store", db=db)
    assert done.returncode == 0, done.stderr
    engine = get_engine(db)
    assert store.store_is_current(engine)
    with engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM support_groups")) > 0
    dispose_engine(db)


def test_the_worker_refuses_a_store_that_is_not_migrated(
    new_store: Callable[..., str],
) -> None:
    done = _command("dashboard.worker", "--once", db=new_store("empty"))
    assert done.returncode == 2
    assert "run servicedesk-migrate first" in done.stdout


def test_one_pass_of_the_worker_closes_an_incident_resolved_long_ago(
    world: World,
) -> None:
    key = world.tickets["alpha-inc"]
    cim = actor(world, "sme.cim1")
    incident_work.change_status(
        world.engine, cim, key=key, version=1, step=Step.START, now=T0
    )
    resolve(
        world.engine,
        cim,
        key=key,
        version=2,
        resolution=Resolution("fixed", "Restarted"),
        now=T0,
    )
    db = store_of(world.engine)
    dispose_engine(db)  # one process per DuckDB file: the worker's turn

    done = _command("dashboard.worker", "--once", db=db)

    assert done.returncode == 0, done.stderr
    if not is_url(db):  # the hourly export's pass wrote beside the store
        assert (Path(db).parent / "exports" / "report_tickets.parquet").is_file()
    world.engine = get_engine(db)
    closed = reading.get_ticket(world.engine, actor(world, "sme.agent1"), key=key)
    assert closed["status"] == "Closed"


def test_the_worker_runs_its_jobs_until_it_is_told_to_stop(world: World) -> None:
    db = store_of(world.engine)
    dispose_engine(db)
    worker = subprocess.Popen(
        [sys.executable, "-m", "dashboard.worker", "--db", db],
        cwd=ROOT,
        env=_env(db),
        stderr=subprocess.PIPE,
        text=True,
    )
    assert worker.stderr is not None
    for line in worker.stderr:
        if "jobs running" in line:
            break
    assert "auto-close" in line and "clock-watch" in line
    worker.send_signal(signal.SIGTERM)
    rest = worker.communicate(timeout=120)[1]
    assert worker.returncode == 0
    assert "jobs stopped" in rest
    world.engine = get_engine(db)

"""One worker runs the jobs: on PostgreSQL the others stand by, and take over when
the leader dies."""

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard import worker
from dashboard.kernel.store import prepare_store
from data_access import leadership_store
from data_access.engine import dispose_engine, get_engine
from tests.factories import T0
from tests.postgres_cluster import Cluster

ROOT = Path(__file__).resolve().parents[2]
TAKE_OVER_SECONDS = 60


@pytest.fixture
def database(pg_cluster: Cluster) -> Iterator[str]:
    """A migrated PostgreSQL store of the test's own."""
    name = pg_cluster.new_database()
    url = pg_cluster.url(name)
    prepare_store(get_engine(url), now=T0)
    yield url
    dispose_engine(url)
    pg_cluster.drop_database(name)


def test_a_second_worker_cannot_lead_while_the_first_does(database: str) -> None:
    engine = get_engine(database)
    first = leadership_store.try_lead(engine)
    assert first is not None
    assert leadership_store.try_lead(engine) is None
    leadership_store.resign(first)


def test_a_worker_that_resigns_lets_the_next_one_lead_at_once(database: str) -> None:
    engine = get_engine(database)
    first = leadership_store.try_lead(engine)
    assert first is not None
    leadership_store.resign(first)
    second = leadership_store.try_lead(engine)
    assert second is not None
    leadership_store.resign(second)


def test_a_worker_whose_connection_is_ended_knows_it_no_longer_leads(
    database: str,
) -> None:
    engine = get_engine(database)
    lead = leadership_store.try_lead(engine)
    assert lead is not None and lead.conn is not None
    backend = lead.conn.scalar(sa.select(sa.func.pg_backend_pid()))
    with engine.connect() as other:
        other.scalar(sa.select(sa.func.pg_terminate_backend(backend)))
    assert not leadership_store.still_leads(lead)
    taken = leadership_store.try_lead(engine)
    assert taken is not None
    leadership_store.resign(taken)
    leadership_store.resign(lead)


def test_a_standing_by_worker_runs_no_job(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = get_engine(database)
    held = leadership_store.try_lead(engine)
    started: list[object] = []
    monkeypatch.setattr(worker, "start", started.append)
    led = worker.lead_jobs(engine, stop=threading.Event(), standby_seconds=0)
    assert (led, started) == (False, [])
    assert held is not None
    leadership_store.resign(held)


def _worker(database: str, exports: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard.worker", "--db", database],
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "SERVICEDESK_EXPORTS": str(exports),
        },
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(process: subprocess.Popen[str], words: str) -> str:
    assert process.stderr is not None
    timer = threading.Timer(TAKE_OVER_SECONDS, process.kill)
    timer.start()
    try:
        for line in process.stderr:
            if words in line:
                return line
    finally:
        timer.cancel()
    raise AssertionError(f"the worker ended without saying {words!r}")


def test_when_the_leading_worker_dies_the_standing_by_one_takes_over(
    database: str, tmp_path: Path
) -> None:
    first = _worker(database, tmp_path)
    second = None
    try:
        _wait_for(first, "jobs running")
        second = _worker(database, tmp_path)
        _wait_for(second, "standing by")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        line = _wait_for(second, "jobs running")
        assert "auto-close" in line
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(timeout=30)

"""Background jobs: threads of the web process, or of servicedesk-worker."""

import argparse
import logging
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa

from dashboard.admin.reporting_export import EXPORT_EVERY_SECONDS, export_reports
from dashboard.analytics.analytics_history import SNAPSHOT_EVERY_SECONDS, take_snapshot
from dashboard.delivery import delivery_worker
from dashboard.incidents.incident_jobs import close_resolved_incidents
from dashboard.kernel import settings
from dashboard.kernel.store import STORE_HELP, shown, store_is_current
from dashboard.oncall.oncall_escalation import (
    ESCALATE_EVERY_SECONDS,
    escalate_unacknowledged,
)
from dashboard.sla.sla_watch import watch_clocks
from data_access import dialect, leadership_store
from data_access.conflicts import WriteConflict
from data_access.engine import get_engine

log = logging.getLogger(__name__)
AUTO_CLOSE_EVERY_SECONDS = 300
CLOCK_WATCH_EVERY_SECONDS = 60
CONFLICT_ATTEMPTS = 3
CONFLICT_PAUSE_SECONDS = 2.0
STOP_GRACE_SECONDS = 30.0
# How often a leading worker checks it still leads, and a standing-by one asks.
LEAD_CHECK_SECONDS = 5.0
STANDBY_SECONDS = 5.0


def in_web_process() -> bool:
    """Whether the web process runs the jobs (SERVICEDESK_JOBS=on, the default);
    with 'worker' the servicedesk-worker command does, with 'off' nobody does."""
    return settings.current().jobs == "on"


@dataclass
class JobRunner:
    """The process's job threads; stop() ends them at their next wake-up."""

    stop_event: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)
    delivery: delivery_worker.DeliveryWorker | None = None

    def every(self, seconds: float, *, name: str, job: Callable[[], object]) -> None:
        """Run a job now and then every `seconds`, surviving its failures."""

        def loop() -> None:
            while not self.stop_event.is_set():
                run_once(name, job, wait=self.stop_event.wait)
                self.stop_event.wait(seconds)

        thread = threading.Thread(target=loop, name=f"servicedesk-{name}", daemon=True)
        thread.start()
        self.threads.append(thread)

    def delivery_threads(self) -> list[threading.Thread]:
        """The email sender's thread, when this runner has one."""
        return [] if self.delivery is None else [self.delivery.thread]

    def stop(self) -> None:
        """Ask every job to end."""
        self.stop_event.set()
        if self.delivery is not None:
            self.delivery.stop()


def run_once(
    name: str,
    job: Callable[[], object],
    *,
    wait: Callable[[float], object],
    attempts: int = CONFLICT_ATTEMPTS,
) -> bool:
    """Run a job's pass, again after a pause when a user's save got in its way
    (DuckDB fails the second writer at once); whether the pass completed."""
    for attempt in range(1, attempts + 1):
        try:
            job()
            return True
        except WriteConflict:
            log.info("background job %s met a concurrent save (try %s)", name, attempt)
            wait(CONFLICT_PAUSE_SECONDS * attempt)
        except Exception:
            # A failing pass must not end the job: the next pass may succeed.
            log.exception("background job %s failed", name)
            return False
    return False


def passes(engine: sa.Engine) -> dict[str, tuple[float, Callable[[], object]]]:
    """Each job of the desk: how often it runs, and one pass of it."""
    return {
        "auto-close": (
            AUTO_CLOSE_EVERY_SECONDS,
            lambda: close_resolved_incidents(engine, now=datetime.now(UTC)),
        ),
        "reporting-export": (EXPORT_EVERY_SECONDS, lambda: export_reports(engine)),
        "clock-watch": (
            CLOCK_WATCH_EVERY_SECONDS,
            lambda: watch_clocks(engine, now=datetime.now(UTC)),
        ),
        "oncall-escalation": (
            ESCALATE_EVERY_SECONDS,
            lambda: escalate_unacknowledged(engine, now=datetime.now(UTC)),
        ),
        # On PostgreSQL only: on DuckDB the analytics read the store itself.
        **(
            {
                "analytics-snapshot": (
                    SNAPSHOT_EVERY_SECONDS,
                    lambda: take_snapshot(engine, now=datetime.now(UTC)),
                )
            }
            if dialect.is_postgres(engine)
            else {}
        ),
    }


def start(engine: sa.Engine) -> JobRunner:
    """Start the desk's jobs on threads of this process (once per process)."""
    runner = JobRunner()
    for name, (seconds, job) in passes(engine).items():
        runner.every(seconds, name=name, job=job)
    # Its own thread, guarded: one sender per store per process.
    runner.delivery = delivery_worker.ensure_started(engine)
    return runner


def run_all_once(engine: sa.Engine) -> dict[str, bool]:
    """One pass of every job, email delivery included; whether each completed."""
    done = {
        name: run_once(name, job, wait=time.sleep)
        for name, (_seconds, job) in passes(engine).items()
    }
    delivery = delivery_worker.one_pass(engine)
    if delivery is not None:
        done["email-delivery"] = run_once("email-delivery", delivery, wait=time.sleep)
    return done


def main(argv: list[str] | None = None) -> int:
    """servicedesk-worker: host the desk's jobs in a process of their own."""
    parser = argparse.ArgumentParser(
        prog="servicedesk-worker", description=main.__doc__
    )
    current = settings.current()
    parser.add_argument("--db", default=current.store, help=STORE_HELP)
    parser.add_argument("--once", action="store_true", help="one pass of each job")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    engine = get_engine(args.db, memory_limit=current.db_memory)
    if not store_is_current(engine):
        print(
            f"{shown(args.db)} is not at the newest schema: "
            "run servicedesk-migrate first."
        )
        return 2
    if args.once:
        return _once(engine)
    stop = threading.Event()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signal_number, lambda *_: stop.set())
    while not stop.is_set():
        lead_jobs(engine, stop=stop)
    log.info("worker stopped")
    return 0


def _once(engine: sa.Engine) -> int:
    lead = leadership_store.try_lead(engine)
    if lead is None:
        print("another worker runs the jobs: this pass is left to it")
        return 3
    try:
        done = run_all_once(engine)
    finally:
        leadership_store.resign(lead)
    return 0 if all(done.values()) else 1


def lead_jobs(
    engine: sa.Engine,
    *,
    stop: threading.Event,
    check_seconds: float = LEAD_CHECK_SECONDS,
    standby_seconds: float = STANDBY_SECONDS,
) -> bool:
    """Run the jobs while this worker leads (until stop, or the lead is lost);
    stand by for a while when another worker leads. Whether this one led."""
    lead = leadership_store.try_lead(engine)
    if lead is None:
        log.info("another worker runs the jobs: standing by")
        stop.wait(standby_seconds)
        return False
    runner = start(engine)
    log.info("leading; jobs running: %s", ", ".join(t.name for t in runner.threads))
    while not stop.wait(check_seconds):
        if not leadership_store.still_leads(lead):
            log.warning("lost the lead: stopping the jobs")
            break
    runner.stop()
    # Let the passes in progress finish and commit rather than die with the process.
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for thread in [*runner.threads, *runner.delivery_threads()]:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    leadership_store.resign(lead)
    log.info("jobs stopped")
    return True


if __name__ == "__main__":
    raise SystemExit(main())

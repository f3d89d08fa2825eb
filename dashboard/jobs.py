"""Background jobs, run as threads inside the server process."""

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa

from dashboard import delivery_worker
from dashboard.exports import EXPORT_EVERY_SECONDS, export_reports
from dashboard.incident_jobs import close_resolved_incidents
from dashboard.sla_watch import watch_clocks
from data_access.errors import WriteConflict

log = logging.getLogger(__name__)
AUTO_CLOSE_EVERY_SECONDS = 300
CLOCK_WATCH_EVERY_SECONDS = 60
CONFLICT_ATTEMPTS = 3
CONFLICT_PAUSE_SECONDS = 2.0


def jobs_enabled() -> bool:
    """Jobs run unless SERVICEDESK_JOBS=off (tests turn them off)."""
    return os.environ.get("SERVICEDESK_JOBS", "on").lower() not in ("off", "0", "false")


@dataclass
class JobRunner:
    """The process's job threads; stop() ends them at their next wake-up."""

    stop_event: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)
    delivery: delivery_worker.DeliveryWorker | None = None

    def every(self, seconds: float, name: str, job: Callable[[], object]) -> None:
        """Run a job now and then every `seconds`, surviving its failures."""

        def loop() -> None:
            while not self.stop_event.is_set():
                run_once(name, job, wait=self.stop_event.wait)
                self.stop_event.wait(seconds)

        thread = threading.Thread(target=loop, name=f"servicedesk-{name}", daemon=True)
        thread.start()
        self.threads.append(thread)

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


def start(engine: sa.Engine) -> JobRunner:
    """Start the desk's jobs (call once per process)."""
    runner = JobRunner()
    if jobs_enabled():
        runner.every(
            AUTO_CLOSE_EVERY_SECONDS,
            "auto-close",
            lambda: close_resolved_incidents(engine, now=datetime.now(UTC)),
        )
        runner.every(
            EXPORT_EVERY_SECONDS, "reporting-export", lambda: export_reports(engine)
        )
        runner.every(
            CLOCK_WATCH_EVERY_SECONDS,
            "clock-watch",
            lambda: watch_clocks(engine, now=datetime.now(UTC)),
        )
        # Its own thread, guarded: one sender per store per process.
        runner.delivery = delivery_worker.ensure_started(engine)
    return runner

"""The process's one email sender: a thread that drains the outbox every few seconds."""

import functools
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from dashboard.delivery import delivery_smtp
from dashboard.delivery.outbox_drain import (
    BATCH,
    Sender,
    deliver_digests,
    deliver_due,
    worker_name,
)
from dashboard.kernel.mail_config import smtp_settings
from dashboard.kernel.rules.errors import DomainError

log = logging.getLogger(__name__)
EVERY_SECONDS = 3.0

_lock = threading.Lock()
_workers: dict[str, "DeliveryWorker"] = {}


def _utc_now() -> datetime:
    return datetime.now(UTC)


class DeliveryWorker:
    """Sends due emails and digests on a thread until stopped."""

    def __init__(
        self,
        engine: sa.Engine,
        sender: Sender,
        *,
        every: float = EVERY_SECONDS,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.engine = engine
        self.sender = sender
        self.every = every
        self.clock = clock
        self.stop_event = threading.Event()
        self.thread = threading.Thread(
            target=self._loop, name="servicedesk-delivery", daemon=True
        )

    def run_once(self) -> int:
        """One pass over the outbox; how many emails went out."""
        now = self.clock()
        return deliver_due(self.engine, self.sender, now=now) + deliver_digests(
            self.engine, self.sender, now=now
        )

    def _loop(self) -> None:
        while not self.stop_event.is_set():
            try:
                sent = self.run_once()
            except Exception:
                # The store or the server may be back at the next pass.
                log.exception("email delivery pass failed")
                sent = 0
            if sent < BATCH:  # a full batch means more are waiting: go on at once
                self.stop_event.wait(self.every)

    def start(self) -> None:
        """Start the thread."""
        self.thread.start()

    def stop(self) -> None:
        """Ask the thread to end at its next wake-up."""
        self.stop_event.set()

    @property
    def alive(self) -> bool:
        """Whether the thread is running and not asked to stop."""
        return self.thread.is_alive() and not self.stop_event.is_set()


def _sender() -> Sender | None:
    try:
        settings = smtp_settings()
    except DomainError as wrong:
        log.error("email delivery is off: %s", wrong.message)
        return None
    if settings is None:
        return None
    send = functools.partial(delivery_smtp.send, settings)
    return Sender(worker_name(), settings, send)


def ensure_started(
    engine: sa.Engine, *, every: float = EVERY_SECONDS
) -> DeliveryWorker | None:
    """The store's delivery worker, started once per process (None without SMTP)."""
    key = str(engine.url)
    with _lock:
        running = _workers.get(key)
        if running is not None and running.alive:
            return running
        sender = _sender()
        if sender is None:
            return None
        worker = DeliveryWorker(engine, sender, every=every)
        worker.start()
        _workers[key] = worker
        return worker


def one_pass(engine: sa.Engine) -> Callable[[], int] | None:
    """One delivery pass over the outbox, to run once (None without SMTP)."""
    sender = _sender()
    if sender is None:
        return None
    return DeliveryWorker(engine, sender).run_once


def running_workers() -> list[DeliveryWorker]:
    """The delivery workers of this process that are alive."""
    with _lock:
        return [w for w in _workers.values() if w.alive]

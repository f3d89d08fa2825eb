"""Preferences, the daily digest, failures retried by hand, and the one worker."""

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from dashboard.delivery import delivery_failures, delivery_worker, inbox
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed
from dashboard.kernel.rules.timezones import TORONTO
from data_access.engine import read
from data_access.schema import audit_log, notifications
from tests.delivery_fixtures import (
    Clock,
    SmtpServer,
    configured_smtp,
    file_severity_two,
    worker_for,
)
from tests.factories import T0, World, actor

CIM = "sme.cim1@example.org"
# T0 is 09:00 in Toronto; the next digest goes out at 07:00 the day after.
NEXT_DIGEST = datetime(2026, 3, 3, 7, 0, tzinfo=TORONTO)


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpServer]:
    """A running SMTP server on a loopback port, configured for the desk."""
    for server in configured_smtp(monkeypatch):
        server.start()
        yield server


def states(world: World, username: str) -> list[str]:
    with read(world.engine) as conn:
        return list(
            conn.scalars(
                sa.select(notifications.c.email_state)
                .where(
                    notifications.c.recipient_id == world.users[username],
                    # The on-call pages are test_oncall's.
                    notifications.c.event != "oncall_paged",
                )
                .order_by(notifications.c.id)
            )
        )


def choose(world: World, username: str, *, preference: str) -> None:
    inbox.set_preference(
        world.engine, actor(world, username), choice=preference, now=T0
    )


def test_a_digest_reader_gets_one_email_listing_the_days_notifications(
    world: World, smtp: SmtpServer
) -> None:
    choose(world, "sme.cim1", preference="digest")
    first = file_severity_two(world, "Billing quantities missing")
    second = file_severity_two(world, "VEE rejects reads")
    clock = Clock(T0 + timedelta(hours=1))
    worker = worker_for(world, smtp, clock=clock)
    assert worker.run_once() == 0
    clock.now = NEXT_DIGEST
    assert worker.run_once() == 1
    assert worker.run_once() == 0
    [mail] = smtp.mailbox.to(CIM)
    assert mail["Subject"] == (
        "Service desk digest for Tuesday 03 March 2026: 2 notifications"
    )
    body = mail.get_content()
    assert body.index(first) < body.index(second)
    assert "VEE rejects reads" in body
    assert states(world, "sme.cim1") == ["sent", "sent"]


def test_the_digest_leaves_what_came_after_its_hour_for_the_next_one(
    world: World, smtp: SmtpServer
) -> None:
    choose(world, "sme.cim1", preference="digest")
    file_severity_two(world, "Before the hour")
    file_severity_two(world, "After the hour", at=NEXT_DIGEST + timedelta(hours=1))
    worker_for(world, smtp, clock=Clock(NEXT_DIGEST + timedelta(hours=2))).run_once()
    [mail] = smtp.mailbox.to(CIM)
    assert "After the hour" not in mail.get_content()
    assert states(world, "sme.cim1") == ["sent", "digest"]


def test_an_in_app_only_reader_gets_no_email(world: World, smtp: SmtpServer) -> None:
    choose(world, "sme.cim1", preference="in_app")
    file_severity_two(world, "Billing quantities missing")
    worker_for(world, smtp, clock=Clock(NEXT_DIGEST + timedelta(days=1))).run_once()
    assert smtp.mailbox.to(CIM) == []
    assert states(world, "sme.cim1") == ["in_app_only"]


def test_an_unknown_preference_is_refused_and_changes_nothing(world: World) -> None:
    with pytest.raises(InvalidInput, match="Choose immediate email"):
        choose(world, "sme.cim1", preference="hourly'; DROP TABLE users; --")
    assert inbox.preference(world.engine, actor(world, "sme.cim1")) == "immediate"


def failed_email(world: World, smtp: SmtpServer) -> dict[str, Any]:
    smtp.mailbox.refuse = "550 5.1.1 No such mailbox"
    file_severity_two(world, "Billing quantities missing")
    worker_for(world, smtp, clock=Clock(T0)).run_once()
    [failed] = delivery_failures.failed_emails(world.engine, actor(world, "sme.agent1"))
    return failed


def test_the_desk_sees_a_failed_email_and_retries_it_by_hand(
    world: World, smtp: SmtpServer
) -> None:
    failed = failed_email(world, smtp)
    assert (failed["email"], failed["attempts"]) == (CIM, 1)
    assert "550" in failed["last_error"]
    smtp.mailbox.refuse = None
    agent = actor(world, "sme.agent1")
    assert (
        delivery_failures.retry(
            world.engine, agent, first_id=failed["first_id"], now=T0
        )
        == 1
    )
    assert worker_for(world, smtp, clock=Clock(T0)).run_once() == 1
    assert len(smtp.mailbox.to(CIM)) == 1
    with read(world.engine) as conn:
        entry = conn.execute(sa.select(audit_log)).mappings().one()
    assert (entry["action"], entry["actor_id"]) == (
        "email_retried",
        world.users["sme.agent1"],
    )


def test_a_failed_email_retried_twice_is_refused_the_second_time(
    world: World, smtp: SmtpServer
) -> None:
    failed = failed_email(world, smtp)
    agent = actor(world, "sme.agent1")
    delivery_failures.retry(world.engine, agent, first_id=failed["first_id"], now=T0)
    with pytest.raises(InvalidInput, match="no longer failed"):
        delivery_failures.retry(
            world.engine, agent, first_id=failed["first_id"], now=T0
        )


def test_ldc_users_may_not_see_or_retry_failed_emails(
    world: World, smtp: SmtpServer
) -> None:
    failed = failed_email(world, smtp)
    ldc = actor(world, "alpha.user1")
    with pytest.raises(NotAllowed):
        delivery_failures.failed_emails(world.engine, ldc)
    with pytest.raises(NotAllowed):
        delivery_failures.retry(world.engine, ldc, first_id=failed["first_id"], now=T0)


def test_the_worker_does_not_start_twice_in_one_process(
    world: World, smtp: SmtpServer
) -> None:
    started: list[delivery_worker.DeliveryWorker | None] = []
    callers = [
        threading.Thread(
            target=lambda: started.append(delivery_worker.ensure_started(world.engine))
        )
        for _ in range(8)
    ]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    try:
        assert len({id(w) for w in started}) == 1
        assert delivery_worker.ensure_started(world.engine) is started[0]
        threads = [t for t in threading.enumerate() if t.name == "servicedesk-delivery"]
        assert len(threads) == 1
    finally:
        for worker in delivery_worker.running_workers():
            worker.stop()
            worker.thread.join()


def test_the_started_worker_delivers_a_filed_incident(
    world: World, smtp: SmtpServer
) -> None:
    worker = delivery_worker.ensure_started(world.engine, every=0.05)
    try:
        key = file_severity_two(world, "Billing quantities missing")
        assert smtp.mailbox.received.wait(timeout=30)
    finally:
        assert worker is not None
        worker.stop()
        worker.thread.join()
    [mail] = smtp.mailbox.to(CIM)
    assert key in mail["Subject"]

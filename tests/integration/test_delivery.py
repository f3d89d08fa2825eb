"""Email delivery through a real SMTP server on a loopback port."""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from dashboard.delivery import delivery_smtp
from dashboard.delivery.delivery_rules import LEASE, MAX_ATTEMPTS, retry_delay
from dashboard.incidents.incident_bulk import bulk_assign
from dashboard.kernel import reading
from dashboard.sla.sla_watch import watch_clocks
from data_access import outbox_store
from data_access.engine import UnitOfWork
from data_access.schema import notifications
from tests.delivery_fixtures import (
    BASE_URL,
    Clock,
    SmtpServer,
    configured_smtp,
    file_severity_two,
    worker_for,
)
from tests.factories import T0, World, actor

CIM = "sme.cim1@example.org"


class Killed(BaseException):
    """The process dies here: nothing after it runs."""


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpServer]:
    """A stopped SMTP server on a loopback port, configured for the desk."""
    yield from configured_smtp(monkeypatch)


def outbox_rows(world: World, username: str) -> list[dict[str, Any]]:
    with world.engine.connect() as conn:
        rows = conn.execute(
            sa.select(notifications)
            .where(
                notifications.c.recipient_id == world.users[username],
                # The on-call pages are test_oncall's.
                notifications.c.event != "oncall_paged",
            )
            .order_by(notifications.c.id)
        ).mappings()
        return [dict(r) for r in rows]


def test_a_filed_incident_is_emailed_to_its_group_with_subject_body_and_link(
    world: World, smtp: SmtpServer
) -> None:
    smtp.start()
    key = file_severity_two(world)
    assert worker_for(world, smtp, clock=Clock(T0)).run_once() == 1
    [(recipients, mail)] = smtp.mailbox.messages
    assert recipients == [CIM]
    assert mail["Subject"].startswith(f"[{key}] New severity 2 incident")
    assert f"{BASE_URL}/ticket?key={key}" in mail.get_content()
    assert "Billing quantity responses missing" in mail.get_content()
    [row] = outbox_rows(world, "sme.cim1")
    assert (mail["Message-ID"], row["email_state"], row["sent_at"]) == (
        row["message_id"],
        "sent",
        T0,
    )


def test_a_bulk_assignment_sends_one_email_per_recipient(
    world: World, smtp: SmtpServer
) -> None:
    smtp.start()
    keys = [world.tickets["alpha-inc"], world.tickets["beta-inc"]]
    bulk_assign(
        world.engine,
        actor(world, "sme.agent1"),
        keys=keys,
        assignee_id=world.users["osp.eng1"],
        group_code="osp",
        now=T0,
    )
    worker_for(world, smtp, clock=Clock(T0)).run_once()
    [mail] = smtp.mailbox.to("osp.eng1@example.org")
    assert mail["Subject"].startswith("[2 tickets]")
    assert all(key in mail.get_content() for key in keys)
    assert len(outbox_rows(world, "osp.eng1")) == 2


def test_an_email_refused_while_the_server_is_down_is_delivered_once_after_retry(
    world: World, smtp: SmtpServer
) -> None:
    file_severity_two(world)
    clock = Clock(T0)
    worker = worker_for(world, smtp, clock=clock)
    assert worker.run_once() == 0
    [row] = outbox_rows(world, "sme.cim1")
    assert (row["email_state"], row["attempts"]) == ("pending", 1)
    assert row["next_attempt_at"] == T0 + retry_delay(1)
    assert row["last_error"]
    smtp.start()
    assert worker.run_once() == 0  # not before its next attempt
    clock.now = T0 + retry_delay(1)
    assert worker.run_once() == 1
    assert worker.run_once() == 0
    assert len(smtp.mailbox.to(CIM)) == 1


def test_a_claim_held_by_a_dead_worker_is_sent_after_its_lease_once(
    world: World, smtp: SmtpServer
) -> None:
    smtp.start()
    file_severity_two(world)
    [row] = outbox_rows(world, "sme.cim1")
    with UnitOfWork(world.engine) as uow:  # a worker claims, then dies
        assert outbox_store.claim(
            uow.conn,
            state="pending",
            recipient_id=world.users["sme.cim1"],
            change_id=row["change_id"],
            worker="dead-worker",
            now=T0,
            until=T0 + LEASE,
        ) == [row["id"]]
        uow.commit()
    clock = Clock(T0 + LEASE / 2)
    other = worker_for(world, smtp, clock=clock)
    assert other.run_once() == 0
    clock.now = T0 + LEASE + timedelta(seconds=1)
    assert other.run_once() == 1
    assert other.run_once() == 0
    [mail] = smtp.mailbox.to(CIM)
    assert mail["Message-ID"] == row["message_id"]


def test_a_crash_between_acceptance_and_record_repeats_once_with_the_same_id(
    world: World, smtp: SmtpServer
) -> None:
    smtp.start()
    file_severity_two(world)
    first = worker_for(world, smtp, clock=Clock(T0))

    def send_then_die(mail: Any) -> None:
        delivery_smtp.send(first.sender.settings, mail)
        raise Killed

    dying = worker_for(world, smtp, clock=Clock(T0), send=send_then_die)
    with pytest.raises(Killed):
        dying.run_once()
    after_lease = worker_for(
        world, smtp, clock=Clock(T0 + LEASE + timedelta(seconds=1))
    )
    assert after_lease.run_once() == 1
    assert after_lease.run_once() == 0
    mails = smtp.mailbox.to(CIM)
    assert len(mails) == 2
    assert {m["Message-ID"] for m in mails} == {
        outbox_rows(world, "sme.cim1")[0]["message_id"]
    }


def test_an_email_that_keeps_failing_is_failed_and_on_the_ticket_timeline(
    world: World, smtp: SmtpServer
) -> None:
    smtp.mailbox.refuse = "451 4.3.0 Mailbox busy, try later"
    smtp.start()
    key = file_severity_two(world)
    clock = Clock(T0)
    worker = worker_for(world, smtp, clock=clock)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        worker.run_once()
        clock.now += retry_delay(attempt)
    [row] = outbox_rows(world, "sme.cim1")
    assert (row["email_state"], row["attempts"]) == ("failed", MAX_ATTEMPTS)
    assert "451" in row["last_error"]
    agent = actor(world, "sme.agent1")
    ticket = reading.get_ticket(world.engine, agent, key=key)
    [failed] = [
        e
        for e in reading.timeline(world.engine, agent, ticket_id=ticket["id"])
        if e["event_type"] == "notification_failed"
    ]
    assert "451" in failed["reason"]
    assert CIM in failed["reason"]


def test_a_permanent_refusal_fails_at_the_first_attempt(
    world: World, smtp: SmtpServer
) -> None:
    smtp.mailbox.refuse = "550 5.1.1 No such mailbox"
    smtp.start()
    file_severity_two(world)
    worker_for(world, smtp, clock=Clock(T0)).run_once()
    [row] = outbox_rows(world, "sme.cim1")
    assert (row["email_state"], row["attempts"]) == ("failed", 1)


def test_notifications_made_while_smtp_is_off_are_never_mailed(
    world: World, smtp: SmtpServer, *, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SERVICEDESK_SMTP_HOST")
    file_severity_two(world)
    monkeypatch.setenv("SERVICEDESK_SMTP_HOST", "127.0.0.1")
    smtp.start()
    assert worker_for(world, smtp, clock=Clock(T0 + timedelta(days=1))).run_once() == 0
    [row] = outbox_rows(world, "sme.cim1")
    assert row["email_state"] == "not_emailed"
    assert smtp.mailbox.messages == []


def test_the_clock_watch_emails_one_summary_of_its_pass_to_each_person(
    world: World, smtp: SmtpServer
) -> None:
    smtp.start()
    keys = [file_severity_two(world, at=T0) for _ in range(3)]
    watch_clocks(world.engine, now=T0 + timedelta(minutes=46))
    worker_for(world, smtp, clock=Clock(T0 + timedelta(minutes=46))).run_once()
    [mail] = [m for m in smtp.mailbox.to(CIM) if m["Subject"].startswith("SLA")]
    assert mail["Subject"] == "SLA: 3 tickets at risk"
    assert all(f"{BASE_URL}/ticket?key={key}" in mail.get_content() for key in keys)

"""A real SMTP server on a loopback port, and a sender that talks to it."""

import email
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import default
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from dashboard.delivery import delivery_smtp
from dashboard.delivery.delivery_worker import DeliveryWorker
from dashboard.delivery.outbox_drain import Sender, worker_name
from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_rules import IncidentDraft
from dashboard.kernel import reading
from dashboard.kernel.mail_config import SmtpSettings
from data_access import change_store
from data_access.engine import UnitOfWork
from data_access.schema import notifications
from tests.factories import T0, World, actor

BASE_URL = "http://desk.test"


@dataclass
class Mailbox:
    """What the test's SMTP server accepted; it refuses with `refuse` when set."""

    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    refuse: str | None = None
    received: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802, PLR0917 - aiosmtpd's handler hook
        if self.refuse:
            return self.refuse
        # The default policy parses into EmailMessage (get_content and all).
        parsed = email.message_from_bytes(envelope.content, policy=default)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        self.received.set()
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        """The messages addressed to one recipient."""
        return [m for rcpts, m in self.messages if address in rcpts]


@dataclass
class SmtpServer:
    """An aiosmtpd server that can be stopped and started on its port."""

    port: int
    mailbox: Mailbox = field(default_factory=Mailbox)
    controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def configured_smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpServer]:
    """A stopped SMTP server on a free loopback port, configured for the desk."""
    server = SmtpServer(port=free_port())
    monkeypatch.setenv("SERVICEDESK_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SERVICEDESK_SMTP_PORT", str(server.port))
    monkeypatch.setenv("SERVICEDESK_SMTP_SECURITY", "none")
    monkeypatch.setenv("SERVICEDESK_BASE_URL", BASE_URL)
    yield server
    server.stop()


def settings_for(server: SmtpServer) -> SmtpSettings:
    return SmtpSettings(
        host="127.0.0.1",
        port=server.port,
        security="none",
        user="",
        password="",
        sender="MDM/R Service Desk <desk@desk.test>",
        timeout=5,
    )


@dataclass
class Clock:
    """A clock the test moves by hand."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now


def worker_for(
    world: World,
    server: SmtpServer,
    *,
    clock: Clock,
    send: Callable[[EmailMessage], None] | None = None,
) -> DeliveryWorker:
    """A worker (not started) that sends through the test's server."""
    settings = settings_for(server)
    sender = Sender(
        worker=worker_name(),
        settings=settings,
        send=send or (lambda mail: delivery_smtp.send(settings, mail)),
    )
    return DeliveryWorker(world.engine, sender, clock=clock)


def file_severity_two(
    world: World,
    title: str = "Billing quantity responses missing",
    *,
    at: datetime = T0,
) -> str:
    """Alpha Hydro's user files a severity 2 incident (routed to the CIMs); the
    on-call pages it causes stay in the inbox, unmailed: these tests follow the
    routine notice, tests/integration/test_oncall.py follows the pages."""
    draft = IncidentDraft(
        title=title,
        description="Since 02:00 no BQ responses.",
        category="billing_quantities",
        environment="Production",
        impact=2,
        urgency=2,
        org_id=world.orgs["Alpha Hydro"],
    )
    key = file_incident(
        world.engine, actor(world, "alpha.user1"), draft=draft, files=[], now=at
    )
    with UnitOfWork(world.engine) as uow:
        uow.conn.execute(
            notifications.update()
            .where(notifications.c.event == "oncall_paged")
            .values(email_state="in_app_only")
        )
        uow.commit()
    return key


def told(world: World, username: str, *, event: str, n: int, at: datetime = T0) -> None:
    """n notifications to a user about Beta's incident."""
    ticket_id = reading.get_ticket(
        world.engine, actor(world, "sme.manager1"), key=world.tickets["beta-inc"]
    )["id"]
    with UnitOfWork(world.engine) as uow:
        change_store.queue_notifications(
            uow.conn,
            [
                {
                    "change_id": str(uuid.uuid4()),
                    "ticket_id": ticket_id,
                    "recipient_id": world.users[username],
                    "event": event,
                    "subject": f"{event} number {i}",
                    "body": "Something happened.",
                    "created_at": at + timedelta(seconds=i),
                    "message_id": f"<{uuid.uuid4()}@test>",
                    "email_state": "not_emailed",
                }
                for i in range(n)
            ],
        )
        uow.commit()

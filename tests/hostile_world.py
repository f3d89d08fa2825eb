"""A store where every text a user could have typed is hostile (tests/hostile_text.py).

It is the analytics world (clocks, releases, two LDCs) with every name, title,
description, comment, answer, file name, reason and note replaced by a payload, and
open tickets of each kind to show them on every page.
"""

import hashlib
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from dashboard.admin import reference_admin
from dashboard.incidents import incident_work
from dashboard.kernel.rules.workflow import Kind
from dashboard.sla import sla_admin
from data_access.engine import UnitOfWork
from data_access.schema import (
    attachment_id_seq,
    attachments,
    categories,
    closure_days,
    event_id_seq,
    notifications,
    organizations,
    problem_links,
    releases,
    severity_definitions,
    sla_policies,
    subscriptions,
    ticket_events,
    tickets,
    users,
)
from tests.factories import T0, World, actor, add_comment, add_ticket, add_user
from tests.hostile_text import ALL, LONG, PAYLOADS, payload
from tests.integration.analytics_world import analytics_world

HOSTILE_USER = "zz.hostile"


def _ticket_id(conn: sa.Connection, world: World, *, name: str) -> int:
    return int(
        conn.scalar(
            sa.select(tickets.c.id).where(tickets.c.ticket_key == world.tickets[name])
        )
    )


def _update(conn: sa.Connection, table: sa.Table, *, where: Any, **values: Any) -> None:
    conn.execute(table.update().where(where).values(**values))


def _event(
    conn: sa.Connection, ticket_id: int, *, actor_id: int, kind: str, **values: Any
) -> None:
    conn.execute(
        ticket_events.insert().values(
            id=conn.scalar(event_id_seq.next_value()),
            ticket_id=ticket_id,
            occurred_at=T0 + timedelta(hours=2),
            actor_id=actor_id,
            change_id=f"hostile-{ticket_id}-{kind}-{values.get('field')}",
            event_type=kind,
            **values,
        )
    )


def _open_tickets(world: World) -> None:
    """One open incident per payload as its title, and one of each other kind."""
    for n, title in enumerate(PAYLOADS):
        add_ticket(
            world, f"h-inc-{n}", org="Alpha Hydro", reporter="alpha.user1", title=title
        )
    add_ticket(world, "h-long", org="Alpha Hydro", reporter="alpha.user1", title=LONG)
    add_ticket(world, "h-stale", org="Alpha Hydro", reporter="alpha.user1")
    add_ticket(
        world,
        "h-wide",
        org=None,
        reporter="sme.agent1",
        severity=1,
        title=payload(0),
        mdmr_wide=True,
    )
    add_ticket(
        world,
        "h-sr",
        kind=Kind.SERVICE_REQUEST,
        org="Alpha Hydro",
        reporter="alpha.user1",
        title=payload(1),
        severity=None,
        status="Submitted",
    )
    add_ticket(
        world,
        "h-problem",
        kind=Kind.PROBLEM,
        org=None,
        reporter="sme.agent1",
        title=payload(2),
        severity=None,
        status="Known error",
    )


def _texts(conn: sa.Connection, world: World) -> None:
    """Every text of every ticket, the problem's fields and the request's answers."""
    _update(
        conn,
        tickets,
        where=sa.true(),
        description=ALL,
        resolution_notes=ALL,
        environment=payload(3),
    )
    for n, name in enumerate(("alpha-inc", "alpha-sr", "beta-inc", "wide-inc")):
        _update(
            conn,
            tickets,
            where=tickets.c.ticket_key == world.tickets[name],
            title=payload(n),
        )
    answers = {"gui_user_id": payload(4), "note <img src=http://evil.example/k>": ALL}
    for name in ("h-sr", "alpha-sr"):
        _update(
            conn,
            tickets,
            where=tickets.c.ticket_key == world.tickets[name],
            request_fields=json.dumps(answers),
        )
    problem = world.tickets["h-problem"]
    _update(
        conn,
        tickets,
        where=tickets.c.ticket_key == problem,
        public_summary=ALL,
        workaround=LONG,
        root_cause=ALL,
        description=ALL,
    )
    _update(
        conn,
        tickets,
        where=tickets.c.ticket_key == world.tickets["h-inc-5"],
        description=LONG,
    )


def _names(conn: sa.Connection, world: World) -> None:
    """Display names, emails, LDCs, categories, releases and severity words."""
    for n, (username, user_id) in enumerate(world.users.items()):
        _update(
            conn,
            users,
            where=users.c.id == user_id,
            display_name=payload(n + 5),
            email=f"{username}@evil.example",
        )
    for n, org_id in enumerate(world.orgs.values()):
        _update(
            conn,
            organizations,
            where=organizations.c.id == org_id,
            name=payload(n + 7),
            short_name=payload(n + 9),
        )
    _update(conn, categories, where=sa.true(), name=payload(11))
    for n, release_id in enumerate(conn.scalars(sa.select(releases.c.id)).all()):
        _update(
            conn,
            releases,
            where=releases.c.id == release_id,
            name=payload(n + 12),
            notes=ALL,
        )
    _update(conn, severity_definitions, where=sa.true(), name=payload(13), meaning=ALL)
    _update(conn, sla_policies, where=sa.true(), note=payload(14))


def _history(conn: sa.Connection, world: World) -> None:
    """Field changes and reasons quoting payloads, files, links and subscriptions."""
    agent = world.users["sme.agent1"]
    for name in ("h-inc-0", "h-sr", "h-problem"):
        ticket_id = _ticket_id(conn, world, name=name)
        for n, field in enumerate(("title", "workaround", "environment")):
            _event(
                conn,
                ticket_id,
                actor_id=agent,
                kind="field_changed",
                field=field,
                old_value=payload(n),
                new_value=payload(n + 1),
                reason=payload(n + 2),
            )
        _event(
            conn,
            ticket_id,
            actor_id=agent,
            kind="status_changed",
            old_value="New",
            new_value="In progress",
            reason=ALL,
        )
        _event(
            conn,
            ticket_id,
            actor_id=agent,
            kind="field_changed",
            field="linked incident",
            new_value=payload(6),
        )
        for n in range(3):
            content = b"hostile"
            conn.execute(
                attachments.insert().values(
                    id=conn.scalar(attachment_id_seq.next_value()),
                    ticket_id=ticket_id,
                    filename=payload(n + 8) + ".txt",
                    content_type="text/plain",
                    size_bytes=len(content),
                    sha256=hashlib.sha256(content).hexdigest(),
                    content=content,
                    uploaded_by=agent,
                    uploaded_at=T0,
                )
            )
    problem = _ticket_id(conn, world, name="h-problem")
    for name in ("h-inc-1", "h-inc-2"):
        conn.execute(
            problem_links.insert().values(
                incident_id=_ticket_id(conn, world, name=name),
                problem_id=problem,
                linked_at=T0,
                linked_by=agent,
            )
        )
    for username in ("alpha.user1", "sme.agent1", "sme.manager1"):
        conn.execute(
            subscriptions.insert().values(
                ticket_id=problem, user_id=world.users[username], created_at=T0
            )
        )


def _notices(world: World) -> None:
    """Notices of the hostile tickets in the inboxes, their emails failed."""
    agent = actor(world, "sme.agent1")
    for name in ("h-inc-3", "h-inc-4"):
        incident_work.comment(
            world.engine,
            agent,
            key=world.tickets[name],
            body=ALL,
            internal=False,
            now=T0,
        )
    with UnitOfWork(world.engine) as uow:
        _update(
            uow.conn,
            notifications,
            where=sa.true(),
            email_state="failed",
            attempts=6,
            last_error=payload(15),
            body=ALL,
        )
        uow.commit()


def _administration(world: World) -> None:
    """A category, a closure day and an account whose every word is hostile."""
    manager = actor(world, "sme.manager1")
    reference_admin.add_category(
        world.engine, manager, code="zz_hostile", name=payload(16), now=T0
    )
    sla_admin.add_closure_day(
        world.engine, manager, day=date(2026, 12, 28), reason=payload(17), now=T0
    )
    add_user(world, HOSTILE_USER, role="ldc_user", org="Alpha Hydro")
    with UnitOfWork(world.engine) as uow:
        _update(
            uow.conn,
            users,
            where=users.c.id == world.users[HOSTILE_USER],
            username=payload(3),
            display_name=payload(4),
        )
        _update(uow.conn, closure_days, where=sa.true(), reason=payload(17))
        uow.commit()


def hostile_world(path: Path) -> World:
    """The analytics world with every user text hostile, and open tickets showing it."""
    world = analytics_world(path)
    _open_tickets(world)
    for name in ("h-inc-0", "h-sr", "h-problem"):
        add_comment(world, name, author="sme.agent1", body=ALL, internal=False)
        add_comment(world, name, author="alpha.user1", body=LONG, internal=False)
        add_comment(world, name, author="sme.agent1", body=ALL, internal=True)
    _administration(world)
    with UnitOfWork(world.engine) as uow:
        _texts(uow.conn, world)
        _names(uow.conn, world)
        _history(uow.conn, world)
        uow.commit()
    _notices(world)
    return world

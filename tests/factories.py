"""A small, hand-built world for tests: two LDCs, staff, and their tickets."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from dashboard.kernel import auth
from dashboard.kernel.passwords import hash_password
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.workflow import Kind, ticket_key
from dashboard.kernel.store import prepare_store
from data_access import reference_store
from data_access.change_store import next_ticket_ids
from data_access.engine import UnitOfWork, get_engine
from data_access.schema import (
    comment_id_seq,
    comments,
    event_id_seq,
    ticket_events,
    tickets,
)

PASSWORD = "Correct-Horse-42"
T0 = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
_HASH = hash_password(PASSWORD)


@dataclass
class World:
    """Ids of what the world holds, by a readable name."""

    engine: sa.Engine
    orgs: dict[str, int] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)
    tickets: dict[str, str] = field(default_factory=dict)


def new_store(path: str | Path) -> sa.Engine:
    """A migrated store with reference data in a file of its own."""
    engine = get_engine(path)
    prepare_store(engine, now=T0)
    return engine


def add_org(world: World, code: str, *, name: str) -> int:
    """Add an LDC."""
    with UnitOfWork(world.engine) as uow:
        org_id = reference_store.add_organization(
            uow.conn,
            org_code=code,
            name=name,
            short_name=name,
            kind="ldc",
            size_class="small",
            now=T0,
        )
        uow.commit()
    world.orgs[name] = org_id
    return org_id


def add_user(
    world: World,
    username: str,
    *,
    role: str,
    org: str,
    manager: bool = False,
    active: bool = True,
    group: str | None = None,
) -> int:
    """Add a user whose password is PASSWORD."""
    with UnitOfWork(world.engine) as uow:
        org_id = world.orgs.get(org) or reference_store.org_id_by_code(uow.conn, org)
        user_id = reference_store.add_user(
            uow.conn,
            username=username,
            email=f"{username}@example.org",
            display_name=username.replace(".", " ").title(),
            role=role,
            org_id=org_id,
            is_ldc_manager=manager,
            password_hash=_HASH,
            active=active,
            created_at=T0,
        )
        if group:
            reference_store.add_group_members(
                uow.conn, [(reference_store.group_ids(uow.conn)[group], user_id)]
            )
        uow.commit()
    world.users[username] = user_id
    return user_id


def add_ticket(  # noqa: PLR0913 - a test factory: each option a keyword
    world: World,
    name: str,
    *,
    kind: Kind = Kind.INCIDENT,
    org: str | None,
    reporter: str,
    title: str = "Billing quantities missing",
    description: str = "",
    status: str = "New",
    severity: int | None = 3,
    mdmr_wide: bool = False,
    created: datetime = T0,
) -> str:
    """Add a ticket with its 'created' event; returns its key."""
    with UnitOfWork(world.engine) as uow:
        conn = uow.conn
        ticket_id, number = next_ticket_ids(conn, kind.value)
        key = ticket_key(kind, number)
        conn.execute(
            tickets.insert().values(
                id=ticket_id,
                kind=kind.value,
                number=number,
                ticket_key=key,
                title=title,
                description=description or f"Description of {name}",
                status=status,
                org_id=world.orgs[org]
                if org
                else reference_store.org_id_by_code(conn, "SME"),
                is_mdmr_wide=mdmr_wide,
                reporter_id=world.users[reporter],
                severity=severity,
                request_type=(
                    "gui_password_reset" if kind is Kind.SERVICE_REQUEST else None
                ),
                group_id=reference_store.group_ids(conn)["service_desk"],
                impact=3 if severity else None,
                urgency=3 if severity else None,
                category="billing_quantities",
                created_at=created,
                updated_at=created,
                updated_by=world.users[reporter],
                version=1,
            )
        )
        _event(
            conn,
            ticket_id,
            actor=world.users[reporter],
            kind="created",
            new_value=status,
            at=created,
        )
        uow.commit()
    world.tickets[name] = key
    return key


def add_comment(
    world: World,
    ticket: str,
    *,
    author: str,
    body: str,
    internal: bool,
    at: datetime | None = None,
) -> None:
    """Add a comment or work note to a ticket, with its history event."""
    with UnitOfWork(world.engine) as uow:
        conn = uow.conn
        ticket_id = conn.scalar(
            sa.select(tickets.c.id).where(tickets.c.ticket_key == world.tickets[ticket])
        )
        comment_id = conn.scalar(comment_id_seq.next_value())
        when = at or T0 + timedelta(hours=1)
        conn.execute(
            comments.insert().values(
                id=comment_id,
                ticket_id=ticket_id,
                author_id=world.users[author],
                body=body,
                is_internal=internal,
                created_at=when,
            )
        )
        _event(
            conn,
            ticket_id,
            actor=world.users[author],
            kind="comment",
            at=when,
            comment_id=comment_id,
            is_internal=internal,
        )
        uow.commit()


def _event(
    conn: sa.Connection,
    ticket_id: int,
    *,
    actor: int,
    kind: str,
    at: datetime,
    new_value: str | None = None,
    comment_id: int | None = None,
    is_internal: bool = False,
) -> None:
    conn.execute(
        ticket_events.insert().values(
            id=conn.scalar(event_id_seq.next_value()),
            ticket_id=ticket_id,
            occurred_at=at,
            actor_id=actor,
            change_id=f"test-{ticket_id}-{kind}-{comment_id}",
            event_type=kind,
            new_value=new_value,
            comment_id=comment_id,
            is_internal=is_internal,
        )
    )


def two_ldc_world(path: str | Path) -> World:
    """Two LDCs (Alpha Hydro, Beta Power) with users, staff and tickets."""
    world = World(engine=new_store(path))
    add_org(world, "ORG0001", name="Alpha Hydro")
    add_org(world, "ORG0002", name="Beta Power")
    add_user(world, "alpha.manager", role="ldc_user", org="Alpha Hydro", manager=True)
    add_user(world, "alpha.user1", role="ldc_user", org="Alpha Hydro")
    add_user(world, "beta.user1", role="ldc_user", org="Beta Power")
    add_user(world, "sme.agent1", role="sme_agent", org="SME", group="service_desk")
    add_user(
        world,
        "sme.cim1",
        role="critical_incident_manager",
        org="SME",
        group="critical_incident_managers",
    )
    add_user(world, "sme.manager1", role="sme_manager", org="SME")
    add_user(world, "osp.eng1", role="osp_engineer", org="OSP", group="osp")
    add_ticket(
        world,
        "alpha-inc",
        org="Alpha Hydro",
        reporter="alpha.user1",
        title="Alpha billing quantities missing",
        description="Alpha secret text",
    )
    add_ticket(
        world,
        "alpha-sr",
        kind=Kind.SERVICE_REQUEST,
        org="Alpha Hydro",
        reporter="alpha.manager",
        title="Alpha password reset",
        severity=None,
        status="Submitted",
    )
    add_ticket(
        world,
        "beta-inc",
        org="Beta Power",
        reporter="beta.user1",
        title="Beta synchronization stuck",
        description="Beta secret text",
    )
    add_ticket(
        world,
        "wide-inc",
        org=None,
        reporter="sme.agent1",
        severity=1,
        title="MDM/R-wide outage of billing quantity responses",
        mdmr_wide=True,
    )
    add_ticket(
        world,
        "problem",
        kind=Kind.PROBLEM,
        org=None,
        reporter="sme.agent1",
        title="Known defect in VEE",
        severity=None,
        status="Logged",
    )
    add_comment(
        world,
        "alpha-inc",
        author="sme.agent1",
        body="We are looking into it.",
        internal=False,
    )
    add_comment(
        world,
        "alpha-inc",
        author="sme.agent1",
        body="Internal: vendor ticket 4711 opened",
        internal=True,
    )
    return world


def actor(world: World, username: str) -> Actor:
    """A world's user, signed in with the test password at T0."""
    return auth.sign_in(
        world.engine, username=username, password=PASSWORD, now=T0
    ).actor

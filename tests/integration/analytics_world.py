"""A hand-built store for the analytics tests: the two-LDC world with clocks, times
and statuses chosen so that every aggregate can be worked out by hand.

Toronto is UTC-5 until 2026-03-08 and UTC-4 after. The clocks that count
(resolution and fulfilment, met or breached) are:

ticket      LDC          kind, sev   outcome   decided (UTC)      Toronto month, week
alpha-inc   Alpha Hydro  inc sev 3   met       2026-03-05 15:00   2026-03, 2026-03-02
alpha-inc2  Alpha Hydro  inc sev 2   breached  due 04-01 02:00    2026-03, 2026-03-30
alpha-sr    Alpha Hydro  request     met       2026-04-10 15:00   2026-04
beta-inc    Beta Power   inc sev 3   breached  due 03-20 12:00    2026-03, 2026-03-16
wide-inc    MDM/R-wide   inc sev 1   met       2026-03-03 14:00   2026-03, 2026-03-02

beta-inc2 (sev 3) has a running resolution clock and alpha-inc a breached first
response: neither counts.
"""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from dashboard.analytics.analytics_reading import Filters
from dashboard.kernel.rules.workflow import Kind
from data_access.engine import UnitOfWork
from data_access.schema import release_id_seq, releases, sla_clocks, tickets
from tests.factories import T0, World, add_ticket, two_ldc_world

NOW = datetime(2026, 4, 5, 12, 0, tzinfo=UTC)
MARCH_APRIL = Filters(start=date(2026, 3, 1), end=date(2026, 4, 30))


def at(text: str) -> datetime:
    """A UTC instant from 'YYYY-MM-DD HH:MM'."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _update(world: World, name: str, **values: Any) -> None:
    with UnitOfWork(world.engine) as uow:
        uow.conn.execute(
            tickets.update()
            .where(tickets.c.ticket_key == world.tickets[name])
            .values(**values)
        )
        uow.commit()


def _clock(
    world: World,
    name: str,
    *,
    clock: str,
    state: str,
    due: datetime,
    stopped: datetime | None = None,
) -> None:
    with UnitOfWork(world.engine) as uow:
        ticket_id = uow.conn.scalar(
            sa.select(tickets.c.id).where(tickets.c.ticket_key == world.tickets[name])
        )
        uow.conn.execute(
            sla_clocks.insert().values(
                ticket_id=ticket_id,
                clock=clock,
                policy_version=1,
                policy_key="incident:3",
                calendar="24x7",
                target_minutes=60,
                started_at=T0,
                due_at=due,
                stopped_at=stopped,
                paused_minutes=0,
                elapsed_minutes=0,
                state=state,
                at_risk=state == "running",
                computed_at=T0,
            )
        )
        uow.commit()


def _release(world: World, name: str, *, deployed: datetime) -> None:
    with UnitOfWork(world.engine) as uow:
        uow.conn.execute(
            releases.insert().values(
                id=uow.conn.scalar(release_id_seq.next_value()),
                name=name,
                deployed_at=deployed,
                notes="",
            )
        )
        uow.commit()


def analytics_world(path: str | Path) -> World:
    """The two-LDC world with the clocks, statuses and times of the table above."""
    world = two_ldc_world(path)
    add_ticket(
        world,
        "alpha-inc2",
        org="Alpha Hydro",
        reporter="alpha.user1",
        severity=2,
        status="In progress",
        created=at("2026-03-10 03:30"),
    )
    add_ticket(
        world,
        "beta-inc2",
        org="Beta Power",
        reporter="beta.user1",
        status="Assigned",
        created=at("2026-04-01 16:00"),
    )
    add_ticket(
        world,
        "old-sr",
        kind=Kind.SERVICE_REQUEST,
        org="Beta Power",
        reporter="beta.user1",
        severity=None,
        status="Submitted",
        created=at("2026-02-01 15:00"),
    )
    for name in ("alpha-inc", "alpha-sr", "beta-inc", "wide-inc"):
        _update(world, name, status="Closed")
    _update(world, "alpha-inc", resolved_at=at("2026-03-05 15:00"))
    _update(world, "beta-inc", resolved_at=at("2026-03-22 14:00"))
    _update(world, "wide-inc", resolved_at=at("2026-03-03 14:00"))
    _update(
        world, "alpha-inc2", sla_state="breached", sla_due_at=at("2026-04-01 02:00")
    )
    _update(world, "beta-inc2", sla_state="at_risk", sla_due_at=at("2026-04-06 12:00"))
    _update(world, "old-sr", sla_state="running", sla_due_at=at("2026-04-08 12:00"))

    _clock(
        world,
        "alpha-inc",
        clock="resolution",
        state="met",
        due=T0,
        stopped=at("2026-03-05 15:00"),
    )
    _clock(
        world,
        "alpha-inc",
        clock="first_response",
        state="breached",
        due=at("2026-03-02 15:00"),
    )
    _clock(
        world,
        "alpha-inc2",
        clock="resolution",
        state="breached",
        due=at("2026-04-01 02:00"),
    )
    _clock(
        world,
        "alpha-sr",
        clock="fulfilment",
        state="met",
        due=T0,
        stopped=at("2026-04-10 15:00"),
    )
    _clock(
        world,
        "beta-inc",
        clock="resolution",
        state="breached",
        due=at("2026-03-20 12:00"),
    )
    _clock(
        world,
        "wide-inc",
        clock="resolution",
        state="met",
        due=T0,
        stopped=at("2026-03-03 14:00"),
    )
    _clock(
        world,
        "beta-inc2",
        clock="resolution",
        state="running",
        due=at("2026-04-08 12:00"),
    )
    _release(world, "MDM/R 12.1 (test)", deployed=at("2026-03-09 08:00"))
    _release(world, "MDM/R 12.2 (test)", deployed=NOW + timedelta(days=30))
    return world

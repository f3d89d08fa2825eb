"""A process killed in the middle of writes leaves a store that opens, with every
committed ticket, its history and its notices (DESIGN section 9)."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import sqlalchemy as sa

from data_access.engine import dispose_engine, get_engine
from data_access.schema import notifications, ticket_events, tickets
from tests.factories import World
from tests.stores import store_of

ROOT = Path(__file__).resolve().parents[2]

# Files incidents one after another, saying each key once its filing committed.
WRITER = textwrap.dedent(
    """
    import sys
    from datetime import timedelta
    from dashboard.kernel import auth
    from dashboard.incidents.incident_rules import IncidentDraft
    from dashboard.incidents.incident_filing import file_incident
    from data_access.engine import get_engine
    from tests.factories import PASSWORD, T0

    engine = get_engine(sys.argv[1])
    me = auth.sign_in(
        engine, username="alpha.user1", password=PASSWORD, now=T0
    ).actor
    for n in range(10_000):
        draft = IncidentDraft(
            title=f"Reads missing {n}", description="x" * 2_000, category="vee",
            environment="Production", impact=3, urgency=3, org_id=me.org_id,
        )
        key = file_incident(
            engine, me, draft=draft, files=[], now=T0 + timedelta(seconds=n)
        )
        print(key, flush=True)
    """
)


def test_a_store_killed_mid_write_opens_with_every_committed_ticket(
    world: World,
) -> None:
    path = store_of(world.engine)
    with world.engine.connect() as conn:
        before = int(conn.scalar(sa.select(sa.func.count()).select_from(tickets)))
    dispose_engine(path)  # the writer must be the store's only process
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, path],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    committed = [writer.stdout.readline().strip() for _ in range(25)]
    os.kill(writer.pid, signal.SIGKILL)  # mid-way through the next filings
    writer.wait(timeout=30)

    engine = get_engine(path)
    with engine.connect() as conn:
        stored = {
            key: ticket_id
            for key, ticket_id in conn.execute(
                sa.select(tickets.c.ticket_key, tickets.c.id).where(
                    tickets.c.title.like("Reads missing%")
                )
            )
        }
        total = int(conn.scalar(sa.select(sa.func.count()).select_from(tickets)))
        # Every filing the store holds is whole (its event and its notices committed
        # with it), the one cut short included: it is there entirely or not at all.
        for ticket_id in stored.values():
            assert conn.scalar(
                sa.select(sa.func.count())
                .select_from(ticket_events)
                .where(ticket_events.c.ticket_id == ticket_id)
            )
            assert conn.scalar(
                sa.select(sa.func.count())
                .select_from(notifications)
                .where(notifications.c.ticket_id == ticket_id)
            )
    assert set(committed) <= set(stored)
    assert total >= before + len(committed)

"""Benchmark: the desk's everyday operations on a big store, against the naive way.

    python -m tests.bench.bench_desk --db PATH   (seeds 1,000,000 tickets when missing)

Times, as medians over repeated runs:
- a filtered, sorted page of the triage queue (the store filters, sorts and pages),
  against loading every ticket into pandas and filtering there;
- opening a ticket (fields and timeline), against loading the history into pandas;
- filing an incident and changing its status (one unit of work each, history and
  outbox included), against the same writes each in a transaction of its own.
Prints the figures, the ratios and the process's peak memory. A benchmark, not a
timed test (DESIGN section 8).
"""

import resource
from datetime import UTC, datetime, timedelta

import pandas as pd
import sqlalchemy as sa

from dashboard.incidents import incident_work
from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_rules import IncidentDraft, Step
from dashboard.kernel import reading
from dashboard.kernel.auth import actor_from_row
from dashboard.kernel.rules.authorization import Actor
from data_access import schema, user_store
from data_access.schema import ticket_events
from data_access.ticket_store import TicketQuery
from tests.bench.common import arguments, bench_store, median_ms

QUEUE_BUDGET_MS = 500
WRITE_BUDGET_MS = 30


def actor(engine: sa.Engine, username: str) -> Actor:
    """A demo account as an actor."""
    with engine.connect() as conn:
        row = user_store.find_by_username(conn, username)
    assert row is not None, f"{username} is missing from the store"
    return actor_from_row(row)


def queue_query() -> TicketQuery:
    """What an agent asks most: open severity 3 incidents, most severe first."""
    return TicketQuery(
        kinds=("incident",),
        statuses=("New", "Assigned", "In progress", "Awaiting LDC", "Awaiting vendor"),
        severities=(3,),
        sort="severity",
        page=1,
        page_size=50,
    )


def naive_queue(engine: sa.Engine) -> pd.DataFrame:
    """The same page by loading every ticket into pandas."""
    with engine.connect() as conn:
        frame = pd.read_sql(sa.select(schema.tickets), conn)
    wanted = frame[
        (frame.kind == "incident")
        & frame.status.isin(queue_query().statuses)
        & (frame.severity == 3)
    ]
    return wanted.sort_values(["severity", "created_at"], ascending=[True, False]).head(
        50
    )


def naive_open(engine: sa.Engine, key: str) -> pd.DataFrame:
    """A ticket's history by loading every event into pandas."""
    with engine.connect() as conn:
        ticket_id = conn.scalar(
            sa.select(schema.tickets.c.id).where(schema.tickets.c.ticket_key == key)
        )
        events = pd.read_sql(sa.select(ticket_events), conn)
    return events[events.ticket_id == ticket_id]


def main() -> None:
    """Run the benchmark and print the figures."""
    args = arguments(__doc__, runs=20)
    engine = bench_store(args.db, tickets=args.tickets)
    with engine.connect() as conn:
        count = conn.scalar(sa.select(sa.func.count()).select_from(schema.tickets))
        key = conn.scalar(
            sa.select(schema.tickets.c.ticket_key)
            .where(schema.tickets.c.kind == "incident")
            .order_by(schema.tickets.c.id.desc())
            .limit(1)
        )
    agent, reporter = actor(engine, "sme.agent1"), actor(engine, "torontohydro.user1")
    print(f"store: {args.db} ({count:,} tickets)")

    queue = median_ms(
        lambda: reading.list_tickets(engine, agent, query=queue_query()), args.runs
    )

    def open_ticket() -> None:
        found = reading.get_ticket(engine, agent, key=str(key))
        reading.timeline(engine, agent, ticket_id=found["id"])

    opened = median_ms(open_ticket, args.runs)
    now = datetime.now(UTC)
    draft = IncidentDraft(
        title="Benchmark: BQ responses missing",
        description="Filed by the benchmark.",
        category="billing_quantities",
        environment="QA",
        impact=3,
        urgency=3,
        org_id=reporter.org_id,
    )
    filed: list[str] = []
    filing = median_ms(
        lambda: filed.append(
            file_incident(engine, reporter, draft=draft, files=[], now=now)
        ),
        args.runs,
    )
    keys = iter(filed)
    update = median_ms(
        lambda: incident_work.change_status(
            engine,
            agent,
            key=next(keys),
            version=1,
            step=Step.START,
            now=now + timedelta(minutes=1),
        ),
        len(filed),
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    naive_q = median_ms(lambda: naive_queue(engine), 1)
    naive_o = median_ms(lambda: naive_open(engine, str(key)), 1)
    print(
        f"triage queue page: {queue:8.1f} ms median (budget {QUEUE_BUDGET_MS} ms); "
        f"pandas {naive_q:8.1f} ms; ratio {naive_q / queue:6.1f}x"
    )
    print(
        f"open a ticket:     {opened:8.1f} ms median; pandas {naive_o:8.1f} ms; "
        f"ratio {naive_o / opened:6.1f}x"
    )
    print(f"file an incident:  {filing:8.1f} ms median (budget {WRITE_BUDGET_MS} ms)")
    print(f"start work on one: {update:8.1f} ms median (budget {WRITE_BUDGET_MS} ms)")
    print(f"peak resident memory before the naive runs: {peak:,.0f} MB")


if __name__ == "__main__":
    main()

"""Recompute every clock of a store from history, in bulk.

    python -m dashboard.sla_bulk --db PATH

Runs while the server is stopped (the store takes one process). The same function
that recomputes one ticket on each change recomputes them all here, on the
calendars' cumulative index rather than the scalar calendar.
"""

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter

import pandas as pd
import sqlalchemy as sa

from dashboard.domain.calendar_index import CalendarIndex
from dashboard.sla import (
    CLOCKED_KINDS,
    calendars,
    compute,
    domain_policies,
    rows_of,
    summary,
)
from dashboard.store import prepare_store
from data_access import bulk
from data_access import sla as store
from data_access.engine import UnitOfWork, get_engine


def recompute_all(engine: sa.Engine, *, now: datetime) -> int:
    """Rebuild every ticket's clocks and deadline; returns the tickets done."""
    with UnitOfWork(engine) as uow:
        conn = uow.conn
        policies = domain_policies(store.policies(conn))
        cals = {
            code: CalendarIndex.build(cal, first_year=2000, last_year=now.year + 5)
            for code, cal in calendars(conn).items()
        }
        rows: list[dict[str, object]] = []
        summaries: list[dict[str, object]] = []
        for ticket, events in store.all_inputs(conn, kinds=CLOCKED_KINDS):
            version, clocks = compute(ticket, events, policies, cals, now)
            rows += rows_of(ticket["id"], clocks, version=version, now=now)
            due, state = summary(clocks)
            summaries.append(
                {"id": ticket["id"], "sla_due_at": due, "sla_state": state}
            )
        frame = pd.DataFrame(rows, columns=list(store.CLOCK_COLUMNS))
        bulk.replace_all(conn, "sla_clocks", frame)
        bulk.update_from_frame(
            conn,
            "tickets",
            pd.DataFrame(summaries, columns=["id", "sla_due_at", "sla_state"]),
            key="id",
        )
        uow.commit()
    return len(summaries)


def main(argv: list[str] | None = None) -> int:
    """The command line."""
    parser = argparse.ArgumentParser(
        description="Recompute every SLA clock from history."
    )
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"no store at {args.db}", file=sys.stderr)
        return 2
    engine = get_engine(args.db)
    prepare_store(engine, now=datetime.now(UTC))
    start = perf_counter()
    done = recompute_all(engine, now=datetime.now(UTC))
    print(
        f"recomputed the clocks of {done:,} tickets in {perf_counter() - start:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

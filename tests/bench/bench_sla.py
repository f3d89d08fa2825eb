"""Benchmark: recomputing every SLA clock of a big store from history.

    python -m tests.bench.bench_sla --db PATH   (seeds 1,000,000 tickets when missing)

Times `recompute_all` (one pass over the history, the calendars' cumulative index,
bulk writes) on a copy of the store, then the naive way on a sample: the per-ticket
recompute that a change runs (its own queries, the scalar calendar, row writes),
extrapolated to every ticket. A benchmark, not a timed test (DESIGN section 8).
"""

import resource
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter

import sqlalchemy as sa

from dashboard.kernel import clocks
from dashboard.kernel.store import prepare_store
from dashboard.sla.sla_bulk import recompute_all
from data_access.engine import UnitOfWork, dispose_engine, get_engine, is_url
from data_access.schema import tickets
from tests.bench.common import arguments, bench_store

BUDGET_SECONDS = 60.0
SAMPLE = 2_000


def main() -> None:
    """Run the benchmark and print the figures."""
    args = arguments(__doc__, runs=1)
    bench_store(args.db, tickets=args.tickets)
    dispose_engine(args.db)
    with tempfile.TemporaryDirectory() as folder:
        # A database is recomputed in place (the clocks come out the same); a file
        # is copied first, so that the benchmark store keeps its first schema.
        copy = args.db
        if not is_url(args.db):
            copy = str(Path(folder) / "bench.duckdb")
            shutil.copy(args.db, copy)
        engine = get_engine(copy)
        now = datetime.now(UTC)
        start = perf_counter()
        prepare_store(engine, now=now)
        print(
            f"upgrading the copy to the newest schema: {perf_counter() - start:.1f} s"
        )
        start = perf_counter()
        done = recompute_all(engine, now=now)
        bulk_s = perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        with engine.connect() as conn:
            ids = list(
                conn.scalars(
                    sa.select(tickets.c.id)
                    .where(tickets.c.kind != "problem")
                    .order_by(tickets.c.id)
                    .limit(SAMPLE)
                )
            )
        start = perf_counter()
        with UnitOfWork(engine) as uow:
            for ticket_id in ids:
                clocks.recompute(uow.conn, ticket_id, now=now)
            uow.commit()
        naive_s = (perf_counter() - start) / len(ids) * done
    print(f"tickets with clocks: {done:,}")
    print(
        f"bulk recompute: {bulk_s:6.1f} s (budget {BUDGET_SECONDS:.0f} s), "
        f"{done / bulk_s:,.0f} tickets/s, peak memory {peak:,.0f} MB"
    )
    print(
        f"per-ticket recompute, extrapolated: {naive_s:6.1f} s; "
        f"ratio {naive_s / bulk_s:4.1f}x"
    )


if __name__ == "__main__":
    main()

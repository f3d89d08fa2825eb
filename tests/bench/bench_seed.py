"""Benchmark: seeding the demo world in bulk, against row-by-row inserts.

    python -m tests.bench.bench_seed --tickets 1000000

Times `seed.build` into a temporary store and prints seconds and rows per second.
Then times the naive way on a small sample: the tickets of a small seeded store, with
their history and comments, inserted again one row per statement through SQLAlchemy
(one transaction per ticket, as a filing would), and prints the time that way would
take for the big store and the ratio. A benchmark, not a timed test (DESIGN 8).
"""

import argparse
import tempfile
from collections import defaultdict
from datetime import date
from pathlib import Path
from time import perf_counter
from typing import Any

import sqlalchemy as sa

from dashboard.kernel.store import prepare_store
from data_access.engine import UnitOfWork, dispose_engine, get_engine
from data_access.schema import comments, ticket_events, tickets
from seed import build
from seed.clock import period_bounds

BUDGET_SECONDS = 60.0
END = date(2026, 6, 1)


def _rows_by_ticket(
    engine: sa.Engine,
) -> list[tuple[dict[str, Any], list[Any], list[Any]]]:
    """Every ticket of a store with its events and comments, as plain rows."""
    with engine.connect() as conn:
        found = [dict(r) for r in conn.execute(sa.select(tickets)).mappings()]
        events: dict[int, list[Any]] = defaultdict(list)
        notes: dict[int, list[Any]] = defaultdict(list)
        for r in conn.execute(sa.select(ticket_events)).mappings():
            events[r["ticket_id"]].append(dict(r))
        for r in conn.execute(sa.select(comments)).mappings():
            notes[r["ticket_id"]].append(dict(r))
    return [(t, events[t["id"]], notes[t["id"]]) for t in found]


def naive_rows_per_second(sample: int, folder: Path) -> float:
    """Insert a sample seeded store again, one row per statement; rows per second."""
    source = folder / "sample.duckdb"
    build(source, seed=1, tickets=sample, years=1, end=END)
    rows = _rows_by_ticket(get_engine(source))
    dispose_engine(source)
    target = folder / "naive.duckdb"
    engine = get_engine(target)
    prepare_store(engine, now=period_bounds(END, 1)[0])
    started, count = perf_counter(), 0
    for ticket, events, notes in rows:
        with UnitOfWork(engine) as uow:
            uow.conn.execute(tickets.insert().values(**ticket))
            for note in notes:
                uow.conn.execute(comments.insert().values(**note))
            for event in events:
                uow.conn.execute(ticket_events.insert().values(**event))
            uow.commit()
        count += 1 + len(events) + len(notes)
    elapsed = perf_counter() - started
    dispose_engine(target)
    return count / elapsed


def main() -> None:
    """Time the bulk seed and the naive inserts; print the comparison."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench.bench_seed")
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--naive-sample", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = perf_counter()
        report = build(folder / "bench.duckdb", seed=7, tickets=args.tickets, end=END)
        seconds = perf_counter() - started
        total = sum(report.rows.values())
        print(report.summary())
        verdict = "within" if seconds < BUDGET_SECONDS else "OVER"
        print(
            f"bulk seed: {args.tickets:,} tickets, {total:,} rows in {seconds:.1f} s "
            f"({total / seconds:,.0f} rows/s), "
            f"{verdict} the {BUDGET_SECONDS:.0f} s budget"
        )
        naive = naive_rows_per_second(args.naive_sample, folder)
        naive_seconds = total / naive
        print(
            f"naive row-by-row: {naive:,.0f} rows/s on {args.naive_sample:,} tickets; "
            f"{total:,} rows would take {naive_seconds:,.0f} s "
            f"({naive_seconds / 3600:.1f} h), {naive_seconds / seconds:,.0f}x slower"
        )


if __name__ == "__main__":
    main()

"""Recompute every clock of a store from history, in bulk.

    python -m dashboard.sla.sla_bulk --db PATH

Runs while the server is stopped (the store takes one process). The same function
that recomputes one ticket on each change (`compute_clocks`, through the same
`history_from` and `rows_of`) recomputes them all here, on the calendars' cumulative
index rather than the scalar calendar. The store is read once as Arrow columns, the
tickets are shared out to one worker process per core (forked, so they inherit the
columns without copying), and the clocks come back as columns that are written with
two statements.
"""

import argparse
import itertools
import multiprocessing
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from time import perf_counter
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import sqlalchemy as sa

from dashboard.kernel.clocks import (
    CLOCKED_KINDS,
    calendars,
    domain_policies,
    history_from,
    policy_for,
    rows_of,
    summary,
)
from dashboard.kernel.rules.calendar_index import CalendarIndex
from dashboard.kernel.rules.sla_clock import SlaCalendar, compute_clocks
from dashboard.kernel.rules.sla_policy import SlaPolicy
from dashboard.kernel.store import STORE_HELP, prepare_store
from data_access import bulk_store, sla_store
from data_access.engine import UnitOfWork, get_engine, is_url

# Below this many tickets a single process is quicker than starting workers.
PARALLEL_FROM = 20_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)
_INSTANTS = ("started_at", "due_at", "stopped_at", "computed_at")


@dataclass(frozen=True)
class _Work:
    """Everything the workers read; set before they fork, so they inherit it."""

    tickets: pa.Table
    events: pa.Table
    first_event: np.ndarray[Any, np.dtype[np.int64]]
    last_event: np.ndarray[Any, np.dtype[np.int64]]
    policies: Mapping[int, SlaPolicy]
    calendars: Mapping[str, SlaCalendar]
    now: datetime


_WORK: _Work | None = None


def recompute_all(
    engine: sa.Engine,
    *,
    now: datetime,
    workers: int | None = None,
    past_alerts: bool = False,
) -> int:
    """Rebuild every ticket's clocks and deadline; returns the tickets done.

    With `past_alerts`, clocks already at risk or breached count as alerted: the
    history was made elsewhere (the demo world's seed), and the clock watcher should
    not announce its old breaches as news.
    """
    global _WORK  # noqa: PLW0603 - handed to forked workers by inheritance
    with UnitOfWork(engine) as uow:
        conn = uow.conn
        rows, events = sla_store.all_inputs(conn, kinds=CLOCKED_KINDS)
        event_ids = events.column("ticket_id").to_numpy()
        ticket_ids = rows.column("id").to_numpy()
        _WORK = _Work(
            tickets=rows,
            events=events,
            first_event=np.searchsorted(event_ids, ticket_ids, side="left"),
            last_event=np.searchsorted(event_ids, ticket_ids, side="right"),
            policies=domain_policies(sla_store.policies(conn)),
            calendars={
                code: CalendarIndex.build(cal, first_year=2000, last_year=now.year + 5)
                for code, cal in calendars(conn).items()
            },
            now=now,
        )
        try:
            parts = _run(len(rows), workers or os.cpu_count() or 1)
        finally:
            _WORK = None
        clocks, summaries = _tables(parts, now=now)
        bulk_store.replace_all(conn, "sla_clocks", frame=clocks)
        bulk_store.update_from_frame(conn, "tickets", frame=summaries, key="id")
        if past_alerts:
            sla_store.mark_alerted_as_stored(conn, now=now)
        uow.commit()
    return len(rows)


def _run(count: int, workers: int) -> list[dict[str, list[Any]]]:
    if count < PARALLEL_FROM or workers < 2:
        return [_compute_range(0, count)]
    # Several chunks per worker, so that one slow chunk does not leave a core idle.
    bounds = np.linspace(0, count, workers * 4 + 1).astype(int).tolist()
    ranges = list(itertools.pairwise(bounds))
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.starmap(_compute_range, ranges)


def _compute_range(low: int, high: int) -> dict[str, list[Any]]:
    """The clock rows and summaries of tickets low..high-1, as columns."""
    work = _WORK
    if work is None:
        raise RuntimeError("no recompute is under way")
    columns: dict[str, list[Any]] = {name: [] for name in sla_store.CLOCK_COLUMNS}
    ids, dues, states = [], [], []
    if high <= low:
        return {**columns, "id": [], "sla_due_at": [], "sla_state": []}
    tickets = work.tickets.slice(low, high - low)
    ticket_rows = tickets.drop_columns(["created_at"]).to_pylist()
    created = _datetimes(tickets.column("created_at"))
    offset = int(work.first_event[low])
    events = work.events.slice(offset, int(work.last_event[high - 1]) - offset)
    history = list(
        zip(
            _datetimes(events.column("occurred_at")),
            events.column("event_type").to_pylist(),
            events.column("old_value").to_pylist(),
            events.column("new_value").to_pylist(),
            events.column("actor_role").to_pylist(),
            events.column("is_internal").to_pylist(),
            strict=True,
        )
    )
    clock_rows: list[tuple[Any, ...]] = []
    for n, ticket in enumerate(ticket_rows):
        ticket["created_at"] = created[n]
        first = int(work.first_event[low + n]) - offset
        last = int(work.last_event[low + n]) - offset
        policy = policy_for(ticket, work.policies)
        clocks = compute_clocks(
            history_from(ticket, history[first:last]),
            policy,
            calendars=work.calendars,
            now=work.now,
        )
        clock_rows += (
            tuple(row[name] for name in sla_store.CLOCK_COLUMNS)
            for row in rows_of(
                ticket["id"], clocks, version=policy.version, now=work.now
            )
        )
        due, state = summary(clocks)
        ids.append(ticket["id"])
        dues.append(due)
        states.append(state)
    if clock_rows:
        columns = dict(
            zip(
                sla_store.CLOCK_COLUMNS,
                map(list, zip(*clock_rows, strict=True)),
                strict=True,
            )
        )
    for name in _INSTANTS:
        columns[name] = _epoch_us(columns[name])
    columns["sla_due_at"] = _epoch_us(dues)
    columns["id"], columns["sla_state"] = ids, states
    return columns


def _datetimes(column: pa.ChunkedArray) -> list[datetime]:
    # UTC datetimes in C speed; tzinfo is datetime.UTC, which the clocks take as is.
    values = column.cast(pa.int64()).to_numpy()
    return list(pd.to_datetime(values, unit="us", utc=True).to_pydatetime())


def _epoch_us(instants: Sequence[datetime | None]) -> list[int | None]:
    return [None if at is None else (at - _EPOCH) // _US for at in instants]


def _tables(
    parts: list[dict[str, list[Any]]], *, now: datetime
) -> tuple[pa.Table, pa.Table]:
    def joined(name: str) -> list[Any]:
        return [value for part in parts for value in part[name]]

    def instant(name: str) -> pa.Array:
        return pa.array(joined(name), pa.int64()).cast(pa.timestamp("us", tz="UTC"))

    clocks = pa.table(
        {
            name: instant(name) if name in _INSTANTS else pa.array(joined(name))
            for name in sla_store.CLOCK_COLUMNS
        }
    )
    summaries = pa.table(
        {
            "id": pa.array(joined("id"), pa.int64()),
            "sla_due_at": instant("sla_due_at"),
            "sla_state": pa.array(joined("sla_state"), pa.string()),
        }
    )
    return clocks, summaries


def main(argv: list[str] | None = None) -> int:
    """The command line."""
    parser = argparse.ArgumentParser(
        description="Recompute every SLA clock from history."
    )
    parser.add_argument("--db", required=True, help=STORE_HELP)
    args = parser.parse_args(argv)
    if not is_url(args.db) and not Path(args.db).exists():
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

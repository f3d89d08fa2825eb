"""What the benchmarks share: their command line, their store, their timing."""

import argparse
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from time import perf_counter

import sqlalchemy as sa

from data_access import migrate
from data_access.engine import dispose_engine, get_engine, is_url
from data_access.schema import sla_clocks

DEFAULT_STORE = Path("data/bench-1m.duckdb")


def arguments(
    doc: str,
    *,
    runs: int,
    more: Callable[[argparse.ArgumentParser], object] | None = None,
) -> argparse.Namespace:
    """--db (the store), --tickets (when seeding it), --runs (per measurement), and
    what `more` adds."""
    parser = argparse.ArgumentParser(description=doc.split("\n", maxsplit=1)[0])
    parser.add_argument(
        "--db", default=str(DEFAULT_STORE), help="a DuckDB file or a database URL"
    )
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=runs)
    if more is not None:
        more(parser)
    return parser.parse_args()


def bench_store(path: str, *, tickets: int) -> sa.Engine:
    """The benchmark store: seeded when missing, with every clock computed.

    The seed leaves clocks to the bulk recompute above 200,000 tickets; queries
    over clocks measured on a store without them would measure nothing.
    """
    # Seeding and computing clocks run as processes of their own, so that the
    # memory a benchmark reports is its own.
    if not seeded(path):
        _run("seed", "--db", path, "--seed", "7", "--tickets", str(tickets))
    engine = get_engine(path)
    with engine.connect() as conn:
        has_clocks = conn.scalar(sa.select(sa.func.count()).select_from(sla_clocks))
    if not has_clocks:
        dispose_engine(path)
        _run("dashboard.sla.sla_bulk", "--db", path)
        engine = get_engine(path)
    return engine


def seeded(store: str) -> bool:
    """Whether a store exists: its file, or its database's tables."""
    if not is_url(store):
        return Path(store).exists()
    found = migrate.holds_tables(get_engine(store))
    dispose_engine(store)
    return found


def _run(module: str, *arguments: str) -> None:
    subprocess.run([sys.executable, "-m", module, *arguments], check=True)


def median_ms(action: Callable[[], object], runs: int) -> float:
    """The median wall time of an action, in milliseconds."""
    times = []
    for _ in range(runs):
        start = perf_counter()
        action()
        times.append((perf_counter() - start) * 1000)
    return statistics.median(times)

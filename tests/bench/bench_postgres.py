"""Benchmarks on PostgreSQL: the same figures as on DuckDB, on a server of its own.

    python -m tests.bench.bench_postgres --tickets 1000000 [--only bench_analytics]

Starts a PostgreSQL cluster kept under /var/tmp between runs (so the million tickets are
seeded once), times the seed into its `bench` database when that is empty, then runs
the desk, SLA and analytics benchmarks on it, and stops the server.
"""

import argparse
import subprocess
import sys
from pathlib import Path
from time import perf_counter

from tests import postgres_cluster
from tests.bench.common import seeded

FOLDER = Path("/var/tmp/servicedesk-bench-pg")
DATABASE = "bench"
SEED_BUDGET_SECONDS = 180.0
BENCHMARKS = ("bench_desk", "bench_sla", "bench_analytics")


def main() -> None:
    """Run the benchmarks on PostgreSQL and print their figures."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench.bench_postgres")
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument(
        "--only", choices=BENCHMARKS, action="append", help="run just these"
    )
    args = parser.parse_args()
    cluster = postgres_cluster.start(FOLDER)
    try:
        url = _database(cluster)
        if not seeded(url):
            started = perf_counter()
            _run("seed", "--db", url, "--seed", "7", "--tickets", str(args.tickets))
            seconds = perf_counter() - started
            verdict = "within" if seconds < SEED_BUDGET_SECONDS else "OVER"
            print(
                f"PostgreSQL seed of {args.tickets:,} tickets: {seconds:.1f} s, "
                f"{verdict} the {SEED_BUDGET_SECONDS:.0f} s budget"
            )
        for benchmark in args.only or BENCHMARKS:
            _run(
                f"tests.bench.{benchmark}", "--db", url, "--tickets", str(args.tickets)
            )
    finally:
        postgres_cluster.stop(cluster, keep=True)


def _database(cluster: postgres_cluster.Cluster) -> str:
    if not cluster.admin(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"):
        cluster.admin(f"CREATE DATABASE {DATABASE}")
    return cluster.url(DATABASE)


def _run(module: str, *arguments: str) -> None:
    print(f"$ python -m {module}", flush=True)
    subprocess.run([sys.executable, "-m", module, *arguments], check=True)


if __name__ == "__main__":
    main()

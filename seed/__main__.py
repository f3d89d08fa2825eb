"""`python -m seed`: build the demo world into a new store.

    python -m seed --db PATH|URL --seed N --tickets N --years N [--end WHEN] [--reset]

The store is SERVICEDESK_DATABASE_URL, else SERVICEDESK_DB (else
data/servicedesk.duckdb), unless --db names one. An existing store is left untouched
(exit code 2) unless --reset, which deletes the file and its write-ahead log first
(on PostgreSQL: drops every table of the database's public schema). The period ends
at --end (YYYY-MM-DD for its 00:00 UTC, or YYYY-MM-DDTHH:MM, UTC unless an offset
follows), by default at the current minute.
"""

import argparse
import sys
from collections.abc import Sequence
from datetime import date, datetime

from dashboard.kernel import settings
from seed.runner import StoreExists, build

EXIT_REFUSED = 2


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


def _instant(text: str) -> date | datetime:
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date (YYYY-MM-DD) nor a time (YYYY-MM-DDTHH:MM): {text}"
        ) from None


def parser() -> argparse.ArgumentParser:
    """The command line of the seed."""
    p = argparse.ArgumentParser(
        prog="python -m seed", description=__doc__.split("\n")[0]
    )
    p.add_argument(
        "--db",
        default=settings.current().store,
        help="store: a DuckDB file or a database URL (default: %(default)s)",
    )
    p.add_argument(
        "--seed", type=int, default=7, help="random seed (default: %(default)s)"
    )
    p.add_argument(
        "--tickets",
        type=_positive,
        default=20_000,
        help="tickets (default: %(default)s)",
    )
    p.add_argument(
        "--years",
        type=_positive,
        default=2,
        help="years of history (default: %(default)s)",
    )
    p.add_argument(
        "--end",
        type=_instant,
        default=None,
        help="the period ends at this date (00:00 UTC) or time (default: now)",
    )
    p.add_argument(
        "--reset", action="store_true", help="delete an existing store first"
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the seed; the process exit code."""
    args = parser().parse_args(argv)
    try:
        report = build(
            args.db,
            seed=args.seed,
            tickets=args.tickets,
            years=args.years,
            end=args.end,
            reset=args.reset,
        )
    except StoreExists as exc:
        print(f"seed: {exc}; nothing was changed.", file=sys.stderr)
        return EXIT_REFUSED
    except ValueError as exc:
        print(f"seed: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())

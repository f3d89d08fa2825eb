"""What a seed run made: row counts, tickets by kind and status, time taken."""

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from dashboard.kernel.rules.workflow import DONE_STATUSES, Kind
from data_access.schema import tickets

COUNTED_TABLES = (
    "organizations",
    "users",
    "group_members",
    "releases",
    "tickets",
    "ticket_events",
    "comments",
    "problem_links",
    "subscriptions",
)


@dataclass(frozen=True)
class SeedReport:
    """The outcome of one seed run."""

    path: str | Path
    seed: int
    start: datetime
    end: datetime
    rows: dict[str, int]
    statuses: dict[tuple[str, str], int]  # (kind, status) -> tickets
    elapsed: float = 0.0
    notes: list[str] = field(default_factory=list)

    def finished(self, elapsed: float) -> "SeedReport":
        """The same report with the run's duration."""
        return replace(self, elapsed=elapsed)

    def kinds(self) -> dict[str, int]:
        """Tickets per kind."""
        out: dict[str, int] = {}
        for (kind, _), n in self.statuses.items():
            out[kind] = out.get(kind, 0) + n
        return out

    def summary(self) -> str:
        """Counts per kind, open and done, and the time taken, for people to read."""
        lines = [
            f"Seeded {self.path} (seed {self.seed}), "
            f"{self.start:%Y-%m-%d} to {self.end:%Y-%m-%d %H:%M} UTC",
        ]
        for kind in Kind:
            mine = {s: n for (k, s), n in self.statuses.items() if k == kind.value}
            done = sum(n for s, n in mine.items() if s in DONE_STATUSES[kind])
            total = sum(mine.values())
            detail = ", ".join(f"{s} {n:,}" for s, n in sorted(mine.items()))
            lines.append(
                f"  {kind.value:<16}{total:>10,}  open {total - done:,}, done {done:,}"
                f"  ({detail})"
            )
        lines.append("  rows: " + ", ".join(f"{t} {n:,}" for t, n in self.rows.items()))
        total_rows = sum(self.rows.values())
        rate = total_rows / self.elapsed if self.elapsed else 0.0
        lines.append(f"  elapsed {self.elapsed:.1f} s ({rate:,.0f} rows per second)")
        return "\n".join(lines)


def count_rows(
    conn: sa.Connection, *, path: str | Path, seed: int, start: datetime, end: datetime
) -> SeedReport:
    """Count what the store holds."""
    rows = {
        name: int(conn.scalar(sa.text(f"SELECT count(*) FROM {name}")) or 0)
        for name in COUNTED_TABLES
    }
    query = sa.select(tickets.c.kind, tickets.c.status, sa.func.count()).group_by(
        tickets.c.kind, tickets.c.status
    )
    statuses = {(k, s): int(n) for k, s, n in conn.execute(query)}
    return SeedReport(path, seed, start, end, rows, statuses)

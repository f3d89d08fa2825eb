"""The analytics' own copy of a PostgreSQL store: Parquet files read by DuckDB.

PostgreSQL's row store cannot group two million clocks within the analytics' budget
(DESIGN section 8), so on PostgreSQL the history the analytics count (tickets'
analytic columns, clocks, organizations, releases, policies) is copied now and then
into Parquet files, and DuckDB answers the same SQLAlchemy Core queries over views of
them. What is open now (the at-risk board, backlog ageing) stays on the live store.

A snapshot is a folder of files named by the time it was taken; `current.json`
names the newest whole one, replaced in one rename, so that a reader never sees
half a snapshot. The two newest are kept: a reader may still be on the older.
DuckDB-only, by design: this is the one place analytics reach past the dialect seam.
"""

import json
import os
import shutil
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from pyarrow import parquet

from data_access import dialect

POINTER = "current.json"
KEEP = 2
READER_MEMORY = "512MB"
# What the analytics queries read of each table: no description, no password hash.
TABLES: dict[str, tuple[str, ...]] = {
    "tickets": (
        "id",
        "ticket_key",
        "title",
        "kind",
        "status",
        "org_id",
        "is_mdmr_wide",
        "assignee_id",
        "category",
        "severity",
        "request_type",
        "release_id",
        "created_at",
        "updated_at",
        "resolved_at",
        "sla_due_at",
        "sla_state",
    ),
    "sla_clocks": (
        "ticket_id",
        "clock",
        "state",
        "started_at",
        "due_at",
        "stopped_at",
        "computed_at",
    ),
    "organizations": ("id", "org_code", "name", "short_name", "kind", "active"),
    "releases": ("id", "name", "deployed_at"),
    "sla_policies": ("id", "version", "effective_from"),
    "sla_targets": ("policy_id", "target_key", "compliance_target"),
    "users": ("id", "display_name"),
}


@dataclass(frozen=True)
class Snapshot:
    """One whole snapshot: its folder, when it was taken, and its rows per table."""

    folder: Path
    taken_at: datetime
    rows: dict[str, int]

    @property
    def stamp(self) -> str:
        """The snapshot's name: its folder's."""
        return self.folder.name


def write(conn: sa.Connection, folder: Path, *, now: datetime) -> Snapshot:
    """Copy the analytics' tables into a new snapshot under folder, make it the
    current one, and remove all but the newest KEEP."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / stamp
    target.mkdir(parents=True, exist_ok=True)
    rows = {}
    for table, columns in TABLES.items():
        listed = ", ".join(columns)
        data = dialect.arrow_of_sql(conn, f"SELECT {listed} FROM {table}")
        parquet.write_table(data, target / f"{table}.parquet")
        rows[table] = int(data.num_rows)
    pointer = {
        "stamp": stamp,
        "taken_at": now.astimezone(UTC).isoformat(),
        "rows": rows,
    }
    partial = folder / f".{POINTER}.part"
    partial.write_text(json.dumps(pointer), encoding="utf-8")
    os.replace(partial, folder / POINTER)
    _prune(folder, keep=stamp)
    return Snapshot(folder=target, taken_at=now.astimezone(UTC), rows=rows)


def _prune(folder: Path, *, keep: str) -> None:
    taken = sorted(
        (p for p in folder.iterdir() if p.is_dir() and p.name[:1].isdigit()),
        key=lambda p: p.name,
    )
    for old in taken[:-KEEP]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)


def current(folder: Path) -> Snapshot | None:
    """The newest whole snapshot under folder, or None when none was taken."""
    try:
        pointer = json.loads((folder / POINTER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    target = folder / str(pointer.get("stamp", ""))
    if not all((target / f"{t}.parquet").is_file() for t in TABLES):
        return None
    return Snapshot(
        folder=target,
        taken_at=datetime.fromisoformat(pointer["taken_at"]),
        rows={str(k): int(v) for k, v in dict(pointer.get("rows", {})).items()},
    )


_readers: dict[Path, sa.Engine] = {}
_readers_lock = threading.Lock()


def reader(snapshot: Snapshot) -> sa.Engine:
    """An engine on DuckDB in memory whose tables are views of the snapshot's files
    (one engine per snapshot, kept while it is among the newest)."""
    with _readers_lock:
        engine = _readers.get(snapshot.folder)
        if engine is None:
            engine = _reader_engine(snapshot.folder)
            for old in [f for f in _readers if f.parent == snapshot.folder.parent]:
                _readers.pop(old).dispose()
            _readers[snapshot.folder] = engine
        return engine


def _reader_engine(folder: Path) -> sa.Engine:
    engine = sa.create_engine(
        "duckdb:///:memory:",
        connect_args={"config": {"memory_limit": READER_MEMORY, "threads": 2}},
        # In memory: a connection per thread (SingletonThreadPool), each with the views.
        pool_size=4,
    )

    def views(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("SET TimeZone = 'UTC'")
        for table in TABLES:
            path = str(folder / f"{table}.parquet").replace("'", "''")
            dbapi_connection.execute(
                f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{path}')"
            )

    sa.event.listen(engine, "connect", views)
    return engine

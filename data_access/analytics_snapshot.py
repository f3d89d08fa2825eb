"""The analytics' own copy of a PostgreSQL store: a DuckDB file, read only.

PostgreSQL's row store cannot group two million clocks within the analytics' budget
(DESIGN section 8), so on PostgreSQL the history the analytics count (tickets'
analytic columns, clocks, organizations, releases, policies) is copied now and then
into a DuckDB file of its own, and DuckDB answers the same SQLAlchemy Core queries
there (DuckDB's own storage groups them about twice as fast as views over Parquet
files). What is open now (the at-risk board, backlog ageing) stays on the live store.

A snapshot is a file named by the time it was taken, written whole beside its name
and renamed onto it; `current.json` names the newest, replaced in one rename, so
that a reader never sees half a snapshot. Any number of processes open it read-only
(no process ever writes an existing snapshot). The two newest are kept: a reader
may still be on the older.
DuckDB-only, by design: this is the one place analytics reach past the dialect seam.
"""

import json
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import sqlalchemy as sa

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
    """One whole snapshot: its file, when it was taken, and its rows per table."""

    path: Path
    taken_at: datetime
    rows: dict[str, int]

    @property
    def stamp(self) -> str:
        """The snapshot's name: its file's."""
        return self.path.stem


def write(conn: sa.Connection, folder: Path, *, now: datetime) -> Snapshot:
    """Copy the analytics' tables into a new snapshot under folder, make it the
    current one, and remove all but the newest KEEP."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{stamp}.duckdb"
    partial = folder / f".{stamp}.duckdb.part"
    partial.unlink(missing_ok=True)
    rows = {}
    copy = duckdb.connect(str(partial), config={"memory_limit": READER_MEMORY})
    try:
        for table, columns in TABLES.items():
            listed = ", ".join(columns)
            data = dialect.arrow_of_sql(conn, f"SELECT {listed} FROM {table}")
            copy.register("rows_read", data)
            copy.execute(f"CREATE TABLE {table} AS SELECT * FROM rows_read")
            copy.unregister("rows_read")
            rows[table] = int(data.num_rows)
            del data
        copy.execute("CHECKPOINT")
    finally:
        copy.close()
    os.replace(partial, final)
    pointer = {
        "stamp": stamp,
        "taken_at": now.astimezone(UTC).isoformat(),
        "rows": rows,
    }
    written = folder / f".{POINTER}.part"
    written.write_text(json.dumps(pointer), encoding="utf-8")
    os.replace(written, folder / POINTER)
    _prune(folder, keep=final.name)
    return Snapshot(path=final, taken_at=now.astimezone(UTC), rows=rows)


def _prune(folder: Path, *, keep: str) -> None:
    taken = sorted(p for p in folder.glob("[0-9]*.duckdb") if p.is_file())
    for old in taken[:-KEEP]:
        if old.name != keep:
            old.unlink(missing_ok=True)


def current(folder: Path) -> Snapshot | None:
    """The newest whole snapshot under folder, or None when none was taken."""
    try:
        pointer = json.loads((folder / POINTER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    path = folder / f"{pointer.get('stamp', '')}.duckdb"
    if not path.is_file():
        return None
    return Snapshot(
        path=path,
        taken_at=datetime.fromisoformat(pointer["taken_at"]),
        rows={str(k): int(v) for k, v in dict(pointer.get("rows", {})).items()},
    )


_readers: dict[Path, sa.Engine] = {}
_readers_lock = threading.Lock()


def reader(snapshot: Snapshot) -> sa.Engine:
    """An engine that reads the snapshot's file (one engine per snapshot; the older
    ones of its folder closed)."""
    with _readers_lock:
        engine = _readers.get(snapshot.path)
        if engine is None:
            engine = sa.create_engine(
                f"duckdb:///{snapshot.path}",
                connect_args={
                    "read_only": True,
                    "config": {"memory_limit": READER_MEMORY, "threads": 2},
                },
                pool_size=4,
            )
            sa.event.listen(engine, "connect", _utc)
            for old in [p for p in _readers if p.parent == snapshot.path.parent]:
                _readers.pop(old).dispose()
            _readers[snapshot.path] = engine
        return engine


def _utc(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("SET TimeZone = 'UTC'")

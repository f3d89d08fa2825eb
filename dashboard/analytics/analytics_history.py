"""Where the analytics count what happened: the store itself on DuckDB; on
PostgreSQL, DuckDB over the newest analytics snapshot the worker took.

The snapshot is a design choice (issue 15): PostgreSQL's row store takes 0.3–1.1 s
to group two million clocks, DuckDB over Parquet files of the same columns a tenth
of that. What is open now (the at-risk board, backlog ageing) is always read live.
"""

from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from dashboard.kernel import settings
from data_access import analytics_snapshot, dialect
from data_access.engine import read, store_name

SNAPSHOT_EVERY_SECONDS = 300
# A snapshot older than this says so on the page: the worker has stopped taking them.
STALE_AFTER_SECONDS = 3 * SNAPSHOT_EVERY_SECONDS


def snapshot_folder(engine: sa.Engine) -> Path:
    """Where a store's snapshots go: analytics/ in its reporting export's folder."""
    return settings.current().exports_for(store_name(engine)) / "analytics"


def current(engine: sa.Engine) -> analytics_snapshot.Snapshot | None:
    """The snapshot the analytics read on this store, or None when they read it live."""
    if not dialect.is_postgres(engine):
        return None
    return analytics_snapshot.current(snapshot_folder(engine))


def history(engine: sa.Engine) -> sa.Engine:
    """The engine that counts what happened: the newest snapshot's, or the store's."""
    taken = current(engine)
    return engine if taken is None else analytics_snapshot.reader(taken)


def take_snapshot(
    engine: sa.Engine, *, now: datetime, folder: Path | None = None
) -> analytics_snapshot.Snapshot | None:
    """Copy the analytics' tables of a PostgreSQL store into a new snapshot (the
    worker's job); on DuckDB nothing is copied: the analytics read the store."""
    if not dialect.is_postgres(engine):
        return None
    with read(engine) as conn:
        return analytics_snapshot.write(
            conn, folder or snapshot_folder(engine), now=now
        )

"""One engine per store file per process, and the unit of work."""

import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

import sqlalchemy as sa

from data_access.errors import WriteConflict, conflicts_as_write_conflict, is_conflict

DEFAULT_DB = "data/servicedesk.duckdb"
# DuckDB defaults to 80% of the machine's memory; the server's budget is far lower.
MEMORY_LIMIT = os.environ.get("SERVICEDESK_DB_MEMORY", "1GB")


def store_path() -> Path:
    """The store file named by SERVICEDESK_DB, or the default demo store."""
    return Path(os.environ.get("SERVICEDESK_DB", DEFAULT_DB))


def get_engine(path: str | Path | None = None) -> sa.Engine:
    """The process's engine for a store file (created once per path)."""
    resolved = Path(path) if path is not None else store_path()
    return _engine_for(str(resolved.resolve()))


@functools.cache
def _engine_for(resolved: str) -> sa.Engine:
    Path(resolved).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        f"duckdb:///{resolved}",
        connect_args={"config": {"memory_limit": MEMORY_LIMIT, "threads": 2}},
        pool_size=8,
        max_overflow=8,
    )
    sa.event.listen(engine, "connect", _utc_session)
    # duckdb_engine declares no statement caching, so SQLAlchemy would compile every
    # statement anew: a quarter of a ticket save's time. Its SQL is PostgreSQL's
    # compiler's, which caches safely; the whole test suite runs with the cache on.
    engine.dialect._supports_statement_cache = True
    return engine


def _utc_session(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("SET TimeZone = 'UTC'")


def dispose_engine(path: str | Path) -> None:
    """Close the engine of a store file, so another process may open it."""
    get_engine(path).dispose()
    _engine_for.cache_clear()


class UnitOfWork:
    """A transaction that rolls back unless committed; a write conflict met by any
    statement in it, or by its commit, leaves it as WriteConflict."""

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._committed = False

    def __enter__(self) -> Self:
        self.conn = self._engine.connect()
        self._tx = self.conn.begin()
        return self

    def commit(self) -> None:
        """Make the work permanent."""
        with conflicts_as_write_conflict():
            self._tx.commit()
        self._committed = True

    def __exit__(self, _type: object, error: BaseException | None, _tb: object) -> None:
        if not self._committed and self._tx.is_active:
            self._tx.rollback()
        self.conn.close()
        if (
            error is not None
            and not isinstance(error, WriteConflict)
            and is_conflict(error)
        ):
            raise WriteConflict(str(error)) from error


@contextmanager
def read(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A connection for queries that change nothing."""
    with engine.connect() as conn:
        yield conn

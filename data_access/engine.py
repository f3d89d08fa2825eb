"""One engine per store per process (a DuckDB file or a database URL), and the unit
of work."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

import sqlalchemy as sa

from data_access.conflicts import (
    WriteConflict,
    conflicts_as_write_conflict,
    is_conflict,
)

# DuckDB defaults to 80% of the machine's memory; the server's budget is far lower.
MEMORY_LIMIT = "1GB"
# PostgreSQL waits for a row another transaction holds; a user waits this long at
# most, then gets the same "changed by someone else" refusal as on DuckDB.
LOCK_TIMEOUT_MS = 2000


def get_engine(
    store: str | Path,
    *,
    memory_limit: str = MEMORY_LIMIT,
    lock_timeout_ms: int = LOCK_TIMEOUT_MS,
) -> sa.Engine:
    """The process's engine for a store, a DuckDB file or a SQLAlchemy URL (created
    once per store); creating it opens no connection, migrates nothing and starts
    nothing."""
    key = store_key(store)
    with _lock:
        if key not in _engines:
            _engines[key] = (
                _postgres_engine(key, lock_timeout_ms)
                if is_url(key)
                else _duckdb_engine(key, memory_limit)
            )
        return _engines[key]


def is_url(store: str | Path) -> bool:
    """Whether a store is a database server's URL rather than a DuckDB file."""
    return isinstance(store, str) and "://" in store and not store.startswith(_DUCKDB)


def store_key(store: str | Path) -> str:
    """A store's name as the engines are kept by: a URL as given, a file resolved."""
    if is_url(store):
        return str(store)
    return str(Path(str(store).removeprefix(_DUCKDB)).resolve())


_DUCKDB = "duckdb:///"


def store_name(engine: sa.Engine) -> str:
    """The store an engine reaches: its DuckDB file's path, or its URL."""
    if engine.dialect.name == "duckdb":
        return str(engine.url.database)
    return engine.url.render_as_string(hide_password=True)


_lock = threading.Lock()
_engines: dict[str, sa.Engine] = {}


def _postgres_engine(url: str, lock_timeout_ms: int) -> sa.Engine:
    # JIT compiling cost 30 to 130 ms a query and saved less: the desk's queries run
    # in milliseconds, and the analytics within a second.
    options = f"-c lock_timeout={int(lock_timeout_ms)} -c TimeZone=UTC -c jit=off"
    return sa.create_engine(
        url,
        connect_args={"options": options},
        pool_size=8,
        max_overflow=8,
        pool_pre_ping=True,
    )


def _duckdb_engine(resolved: str, memory_limit: str) -> sa.Engine:
    Path(resolved).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        f"duckdb:///{resolved}",
        connect_args={"config": {"memory_limit": memory_limit, "threads": 2}},
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


def dispose_engine(store: str | Path) -> None:
    """Close the engine of a store, so another process may open it."""
    with _lock:
        engine = _engines.pop(store_key(store), None)
    if engine is not None:
        engine.dispose()


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

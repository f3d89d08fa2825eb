"""Bulk loading: the one DuckDB-only place of the data access layer.

Seeds and benchmarks load millions of rows at a time. Row-by-row inserts through
SQLAlchemy would take minutes, so frames (pandas or Arrow) are handed to DuckDB's
own connection, registered as a view, and copied by a single INSERT ... SELECT.
Blocks of keys are taken from the store's sequences, so that the application's
next key continues after the loaded ones.
"""

import itertools
from collections.abc import Sequence
from typing import Any, TypeAlias

import pandas as pd
import pyarrow as pa
import sqlalchemy as sa

from data_access import schema
from data_access.schema import metadata

Frame: TypeAlias = pa.Table | pd.DataFrame

_names = itertools.count(1)
SEQUENCES = frozenset(
    v.name for v in vars(schema).values() if isinstance(v, sa.Sequence)
)


def _driver(conn: sa.Connection) -> Any:
    """The DuckDB connection under a SQLAlchemy connection (same transaction)."""
    return conn.connection.driver_connection


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def load_frame(conn: sa.Connection, table: str, *, frame: Frame) -> int:
    """Insert every row of a frame into a table (matching column names); the count."""
    if table not in metadata.tables:
        raise ValueError(f"unknown table {table!r}")
    known = set(metadata.tables[table].c.keys())
    names = frame.column_names if isinstance(frame, pa.Table) else frame.columns
    columns: Sequence[str] = [str(c) for c in names]
    unknown = sorted(set(columns) - known)
    if unknown:
        raise ValueError(f"{table} has no column(s) {', '.join(unknown)}")
    if len(frame) == 0:
        return 0
    raw = _driver(conn)
    view = f"bulk_frame_{next(_names)}"
    cols = ", ".join(_quote(c) for c in columns)
    raw.register(view, frame)
    try:
        raw.execute(f"INSERT INTO {_quote(table)} ({cols}) SELECT {cols} FROM {view}")
    finally:
        raw.unregister(view)
    return len(frame)


def arrow_of(conn: sa.Connection, query: sa.Select[Any]) -> pa.Table:
    """A query's rows as one Arrow table: columns, not millions of row objects."""
    sql = query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
    table: pa.Table = _driver(conn).sql(str(sql)).to_arrow_table()
    return table


def reserve_ids(conn: sa.Connection, sequence: str, *, count: int) -> int:
    """Take `count` consecutive values from a sequence and return the first."""
    if sequence not in SEQUENCES:
        raise ValueError(f"unknown sequence {sequence!r}")
    if count < 1:
        raise ValueError("count must be at least 1")
    row = conn.exec_driver_sql(
        f"SELECT min(v), max(v) FROM "
        f"(SELECT nextval('{sequence}') AS v FROM range({int(count)}))"
    ).one()
    first, last = int(row[0]), int(row[1])
    if last - first + 1 != count:
        raise RuntimeError(f"{sequence} gave a non-contiguous block")
    return first


def take_ids(conn: sa.Connection, sequence: sa.Sequence, *, count: int) -> list[int]:
    """`count` values from a sequence in one round trip (not necessarily contiguous)."""
    if sequence.name not in SEQUENCES:
        raise ValueError(f"unknown sequence {sequence.name!r}")
    if count <= 1:
        return [int(conn.scalar(sequence.next_value()))] if count == 1 else []
    rows = conn.exec_driver_sql(
        f"SELECT nextval('{sequence.name}') FROM range({int(count)})"
    ).all()
    return [int(r[0]) for r in rows]


def replace_all(conn: sa.Connection, table: str, *, frame: Frame) -> int:
    """Empty a table and load a frame into it; the count loaded."""
    conn.execute(metadata.tables[table].delete())
    return load_frame(conn, table, frame=frame)


def update_from_frame(
    conn: sa.Connection, table: str, *, frame: Frame, key: str
) -> None:
    """Set columns of a table's rows from a frame matched on `key` (one statement)."""
    if table not in metadata.tables or len(frame) == 0:
        return
    names = frame.column_names if isinstance(frame, pa.Table) else frame.columns
    columns = [str(c) for c in names if str(c) != key]
    raw = _driver(conn)
    view = f"bulk_frame_{next(_names)}"
    raw.register(view, frame)
    try:
        assignments = ", ".join(f"{_quote(c)} = {view}.{_quote(c)}" for c in columns)
        raw.execute(
            f"UPDATE {_quote(table)} SET {assignments} FROM {view} "
            f"WHERE {_quote(table)}.id = {view}.{_quote(key)}"
        )
    finally:
        raw.unregister(view)

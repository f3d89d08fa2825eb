"""The one place where DuckDB and PostgreSQL differ: keys, Arrow reads, bulk loads.

Everything else in data_access is SQLAlchemy Core that both compile. DuckDB's own
connection reads and loads Arrow tables directly; on PostgreSQL rows come through
psycopg's cursor into Arrow columns, and frames go in with COPY FROM STDIN.
"""

import io
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeAlias

import pandas as pd
import pyarrow as pa
import sqlalchemy as sa
from pyarrow import csv

Frame: TypeAlias = pa.Table | pd.DataFrame

_names = itertools.count(1)

# PostgreSQL's type oids for the types the schema uses, as Arrow types (the rest,
# text above all, as strings).
_PG_TYPES: dict[int, pa.DataType] = {
    16: pa.bool_(),
    20: pa.int64(),
    21: pa.int16(),
    23: pa.int32(),
    700: pa.float32(),
    701: pa.float64(),
    1082: pa.date32(),
    1083: pa.time64("us"),
    1114: pa.timestamp("us"),
    1184: pa.timestamp("us", tz="UTC"),
}


def is_postgres(conn: sa.Connection | sa.Engine) -> bool:
    """Whether a connection or engine reaches PostgreSQL (else DuckDB)."""
    return conn.dialect.name == "postgresql"


def _driver(conn: sa.Connection) -> Any:
    """The driver's connection under a SQLAlchemy connection (same transaction)."""
    return conn.connection.driver_connection


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _series(conn: sa.Connection, count: int) -> str:
    if is_postgres(conn):
        return f"generate_series(1, {int(count)})"
    return f"range({int(count)})"


def id_block(conn: sa.Connection, sequence: str, *, count: int) -> list[int]:
    """`count` values of a sequence in one round trip, in the order taken."""
    rows = conn.exec_driver_sql(
        f"SELECT nextval('{sequence}') FROM {_series(conn, count)}"
    ).all()
    return [int(r[0]) for r in rows]


def id_range(conn: sa.Connection, sequence: str, *, count: int) -> tuple[int, int]:
    """Take `count` values of a sequence; the least and the greatest taken."""
    row = conn.exec_driver_sql(
        f"SELECT min(v), max(v) FROM (SELECT nextval('{sequence}') AS v "
        f"FROM {_series(conn, count)}) AS taken"
    ).one()
    return int(row[0]), int(row[1])


def arrow_of_sql(conn: sa.Connection, sql: str) -> pa.Table:
    """A query's rows as one Arrow table: columns, not millions of row objects."""
    if not is_postgres(conn):
        table: pa.Table = _driver(conn).sql(sql).to_arrow_table()
        return table
    # COPY's CSV, parsed by Arrow's C++ reader, is many times faster than building
    # Arrow columns from the cursor's row tuples (millions of them for the recompute).
    buffer = io.BytesIO()
    with _driver(conn).cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({sql}) AS described LIMIT 0")
        types = {
            d.name: _PG_TYPES.get(d.type_code, pa.string()) for d in cursor.description
        }
        with cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)") as copy:
            for block in copy:
                buffer.write(block)
    if buffer.tell() == 0:
        return pa.schema(list(types.items())).empty_table()
    buffer.seek(0)
    return csv.read_csv(
        buffer,
        read_options=csv.ReadOptions(column_names=list(types)),
        convert_options=csv.ConvertOptions(
            column_types=types,
            true_values=["t"],
            false_values=["f"],
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
        ),
    )


def as_arrow(frame: Frame) -> pa.Table:
    """A frame as an Arrow table."""
    if isinstance(frame, pa.Table):
        return frame
    return pa.Table.from_pandas(frame, preserve_index=False)


def insert_frame(
    conn: sa.Connection, table: str, *, frame: Frame, columns: list[str]
) -> None:
    """Insert a frame's rows into a table (one statement on DuckDB, COPY on
    PostgreSQL)."""
    cols = ", ".join(_quote(c) for c in columns)
    if is_postgres(conn):
        _copy_in(
            conn, f"{_quote(table)} ({cols})", table=as_arrow(frame).select(columns)
        )
        return
    with _registered(conn, frame) as view:
        _driver(conn).execute(
            f"INSERT INTO {_quote(table)} ({cols}) SELECT {cols} FROM {view}"
        )


def update_from(
    conn: sa.Connection, table: str, *, frame: Frame, key: str, columns: list[str]
) -> None:
    """Set columns of a table's rows from a frame matched on `key` against id."""
    if is_postgres(conn):
        view = f"bulk_frame_{next(_names)}"
        wanted = ", ".join(_quote(c) for c in [key, *columns])
        conn.exec_driver_sql(
            f"CREATE TEMPORARY TABLE {view} ON COMMIT DROP AS "
            f"SELECT {wanted} FROM {_quote(table)} WITH NO DATA"
        )
        _copy_in(
            conn, f"{view} ({wanted})", table=as_arrow(frame).select([key, *columns])
        )
        _update(conn, table, view=view, key=key, columns=columns)
        return
    with _registered(conn, frame) as view:
        _update(conn, table, view=view, key=key, columns=columns)


def _update(
    conn: sa.Connection, table: str, *, view: str, key: str, columns: list[str]
) -> None:
    assignments = ", ".join(f"{_quote(c)} = {view}.{_quote(c)}" for c in columns)
    _driver(conn).execute(
        f"UPDATE {_quote(table)} SET {assignments} FROM {view} "
        f"WHERE {_quote(table)}.id = {view}.{_quote(key)}"
    )


def _copy_in(conn: sa.Connection, target: str, *, table: pa.Table) -> None:
    # Arrow's CSV writer is C++ and quotes every string, leaving a null as a bare
    # empty field: PostgreSQL's CSV reads the one as '' and the other as NULL.
    buffer = io.BytesIO()
    csv.write_csv(table, buffer, write_options=csv.WriteOptions(include_header=False))
    copying = f"COPY {target} FROM STDIN (FORMAT csv)"
    with _driver(conn).cursor() as cursor, cursor.copy(copying) as copy:
        copy.write(buffer.getbuffer())


@contextmanager
def _registered(conn: sa.Connection, frame: Frame) -> Iterator[str]:
    """A frame registered as a view of DuckDB's connection while in use."""
    raw = _driver(conn)
    view = f"bulk_frame_{next(_names)}"
    raw.register(view, frame)
    try:
        yield view
    finally:
        raw.unregister(view)

"""Bulk loading: seeds, imports and the bulk recompute move millions of rows.

Row-by-row inserts through SQLAlchemy would take minutes, so frames (pandas or
Arrow) go in as one statement through the dialect seam. Blocks of keys are taken from
the store's sequences, so that the application's next key continues after the loaded
ones.
"""

from collections.abc import Sequence
from typing import Any

import pyarrow as pa
import sqlalchemy as sa

from data_access import dialect, schema
from data_access.dialect import Frame
from data_access.schema import metadata

SEQUENCES = frozenset(
    v.name for v in vars(schema).values() if isinstance(v, sa.Sequence)
)


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
    dialect.insert_frame(conn, table, frame=frame, columns=list(columns))
    return len(frame)


def arrow_of(conn: sa.Connection, query: sa.Select[Any]) -> pa.Table:
    """A query's rows as one Arrow table: columns, not millions of row objects."""
    sql = query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
    return dialect.arrow_of_sql(conn, str(sql))


def reserve_ids(conn: sa.Connection, sequence: str, *, count: int) -> int:
    """Take `count` consecutive values from a sequence and return the first."""
    if sequence not in SEQUENCES:
        raise ValueError(f"unknown sequence {sequence!r}")
    if count < 1:
        raise ValueError("count must be at least 1")
    first, last = dialect.id_range(conn, sequence, count=count)
    if last - first + 1 != count:
        raise RuntimeError(f"{sequence} gave a non-contiguous block")
    return first


def take_ids(conn: sa.Connection, sequence: sa.Sequence, *, count: int) -> list[int]:
    """`count` values from a sequence in one round trip (not necessarily contiguous)."""
    if sequence.name not in SEQUENCES:
        raise ValueError(f"unknown sequence {sequence.name!r}")
    if count <= 1:
        return [int(conn.scalar(sequence.next_value()))] if count == 1 else []
    return dialect.id_block(conn, sequence.name, count=count)


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
    dialect.update_from(conn, table, frame=frame, key=key, columns=columns)

"""Writing the reporting views as Parquet files (DuckDB's COPY; on PostgreSQL, Arrow
from a query and pyarrow's writer)."""

import os
from pathlib import Path

import sqlalchemy as sa
from pyarrow import parquet

from data_access import dialect

REPORT_VIEWS = ("report_tickets", "report_ticket_status_history", "report_sla_clocks")


def export_views(conn: sa.Connection, folder: Path) -> dict[str, int]:
    """Write each reporting view to folder/<view>.parquet; rows written per view.

    Each file is written beside its final name and renamed over it, so a reader never
    sees half a file.
    """
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for view in REPORT_VIEWS:
        final = folder / f"{view}.parquet"
        partial = folder / f".{view}.parquet.part"
        counts[view] = _write(conn, view, target=partial)
        os.replace(partial, final)
    return counts


def _write(conn: sa.Connection, view: str, *, target: Path) -> int:
    if dialect.is_postgres(conn):
        table = dialect.arrow_of_sql(conn, f"SELECT * FROM {view}")
        parquet.write_table(table, target)
        return int(table.num_rows)
    quoted = str(target).replace("'", "''")
    conn.exec_driver_sql(f"COPY (SELECT * FROM {view}) TO '{quoted}' (FORMAT parquet)")
    return int(conn.scalar(sa.text(f"SELECT count(*) FROM {view}")) or 0)

"""Writing the reporting views as Parquet files (DuckDB's COPY: DuckDB-only)."""

import os
from pathlib import Path

import sqlalchemy as sa

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
        target = str(partial).replace("'", "''")
        conn.exec_driver_sql(
            f"COPY (SELECT * FROM {view}) TO '{target}' (FORMAT parquet)"
        )
        os.replace(partial, final)
        counts[view] = int(conn.scalar(sa.text(f"SELECT count(*) FROM {view}")) or 0)
    return counts

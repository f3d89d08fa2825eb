from pathlib import Path

import duckdb

from dashboard.exports import export_reports, last_export
from tests.factories import World


def test_the_export_writes_each_reporting_view_as_parquet_with_all_its_rows(
    world: World, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    counts = export_reports(world.engine, folder=folder)
    assert counts["report_tickets"] == len(world.tickets)
    with duckdb.connect() as reader:
        keys = reader.execute(
            f"SELECT ticket_key FROM '{folder / 'report_tickets.parquet'}' ORDER BY 1"
        ).fetchall()
    assert sorted(k for (k,) in keys) == sorted(world.tickets.values())


def test_the_export_leaves_no_partial_file_and_reports_its_time(
    world: World, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    assert last_export(folder) is None
    export_reports(world.engine, folder=folder)
    assert sorted(p.name for p in folder.iterdir()) == [
        "report_sla_clocks.parquet",
        "report_ticket_status_history.parquet",
        "report_tickets.parquet",
    ]
    assert last_export(folder) is not None

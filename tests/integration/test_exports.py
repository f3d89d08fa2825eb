import csv
import io
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.admin.reporting_export import export_reports, last_export
from dashboard.analytics import analytics_reading
from dashboard.kernel.csv_files import FORMULA_STARTS, csv_bytes
from dashboard.kernel.rules.authorization import Actor, Role
from data_access.engine import UnitOfWork
from data_access.schema import organizations, releases, tickets
from tests.factories import World
from tests.integration.analytics_world import MARCH_APRIL, NOW, analytics_world


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
    assert last_export(world.engine, folder=folder) is None
    export_reports(world.engine, folder=folder)
    assert sorted(p.name for p in folder.iterdir()) == [
        "report_sla_clocks.parquet",
        "report_ticket_status_history.parquet",
        "report_tickets.parquet",
    ]
    assert last_export(world.engine, folder=folder) is not None


HOSTILE = '=HYPERLINK("http://evil.example")'


def _numeric(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode())) for cell in row]


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_text_cell_that_starts_a_formula_gets_a_leading_quote(start: str) -> None:
    frame = pd.DataFrame({"title": [f"{start}1+2", "fine"]})
    assert _cells(csv_bytes(frame))[1:] == [f"'{start}1+2", "fine"]


def test_negative_numbers_in_numeric_columns_stay_numbers() -> None:
    frame = pd.DataFrame({"hours_left": [-106.0, 24.0], "n": [-3, 4]})
    assert _cells(csv_bytes(frame))[2:] == ["-106.0", "-3", "24.0", "4"]


def test_a_column_name_that_starts_a_formula_gets_a_leading_quote() -> None:
    assert _cells(csv_bytes(pd.DataFrame({"=x": [1]})))[0] == "'=x"


@pytest.fixture
def hostile_analytics(new_store: Callable[..., str]) -> World:
    """The analytics world where every title, LDC name and release name is a formula."""
    built = analytics_world(new_store("analytics_reading"))
    with UnitOfWork(built.engine) as uow:
        uow.conn.execute(tickets.update().values(title=HOSTILE))
        uow.conn.execute(organizations.update().values(name="+SUM(1)", short_name="@A"))
        uow.conn.execute(releases.update().values(name=releases.c.name + " -1"))
        uow.commit()
    return built


def _every_download(world: World) -> dict[str, pd.DataFrame]:
    """Every frame the analytics pages offer as CSV, a drill-down of each chart too."""
    who = Actor(world.users["sme.manager1"], Role.SME_MANAGER, 0, False, "manager")
    e, f = world.engine, MARCH_APRIL
    frames = {
        f"compliance {rows}": analytics_reading.compliance(
            e, who, filters=f, rows=rows, ldc_view=False
        )
        for rows in ("ldc", "severity", "request_type")
    }
    frames |= {
        "arrivals": analytics_reading.arrivals(e, who, filters=f),
        "at risk": analytics_reading.at_risk(e, who, filters=f, now=NOW),
        "backlog": analytics_reading.backlog(e, who, filters=f, now=NOW),
        "time to resolve": analytics_reading.time_to_resolve(e, who, filters=f),
        "breaches": analytics_reading.breaches(e, who, filters=f),
        "incidents per week": analytics_reading.incidents_per_week(e, who, filters=f),
        "release impact": analytics_reading.release_impact(e, who, filters=f, now=NOW),
    }
    cell = frames["compliance ldc"].iloc[0]
    arrival, bar = frames["arrivals"].iloc[0], frames["breaches"].iloc[0]
    frames |= {
        "compliance tickets": analytics_reading.compliance_tickets(
            e,
            who,
            filters=f,
            rows="ldc",
            row_key=str(cell["row_key"]),
            period=pd.Timestamp(cell["period"]).date(),
            ldc_view=False,
        ),
        "arrival tickets": analytics_reading.arrival_tickets(
            e,
            who,
            filters=f,
            weekday=int(arrival["weekday"]),
            hour=int(arrival["hour"]),
        ),
        "breach tickets": analytics_reading.breach_tickets(
            e,
            who,
            filters=f,
            period=pd.Timestamp(bar["period"]).date(),
            kind=str(bar["kind"]),
        ),
        "week tickets": analytics_reading.week_tickets(
            e,
            who,
            filters=f,
            week=pd.Timestamp(frames["incidents per week"].iloc[0]["week"]),
        ),
    }
    return frames


def test_every_analytics_download_neutralises_formulas_and_keeps_numbers(
    hostile_analytics: World,
) -> None:
    for name, frame in _every_download(hostile_analytics).items():
        cells = _cells(csv_bytes(frame))
        live = [c for c in cells if c.startswith(FORMULA_STARTS) and not _numeric(c)]
        assert live == [], name
        if "title" in frame:
            assert f"'{HOSTILE}" in cells, name


def test_the_at_risk_download_keeps_hours_late_as_negative_numbers(
    hostile_analytics: World,
) -> None:
    frame = _every_download(hostile_analytics)["at risk"]
    hours = pd.read_csv(io.BytesIO(csv_bytes(frame)))["hours_left"]
    assert pd.api.types.is_float_dtype(hours) and hours.min() < 0

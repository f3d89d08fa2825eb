"""What the desk hands out as files: the reporting views as Parquet (for tools that read
while the server holds the store), and the CSV of every download."""

import csv
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from dashboard import settings
from dashboard.domain.authorization import Action, Actor, require
from data_access import exports
from data_access.engine import UnitOfWork, read
from data_access.sla_admin import audit

EXPORT_EVERY_SECONDS = 3600
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's CSV
# injection rule); a leading single quote makes it text again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value: object) -> object:
    """A text cell no spreadsheet runs as a formula; numbers and dates as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV for a download, every text cell made inert.

    Only text is touched: a numeric column keeps its negative numbers (hours left,
    a change in per cent), which a spreadsheet reads as numbers, not formulas. Text
    is quoted, so that a line break typed in a title stays inside its cell.
    """
    inert = frame.rename(columns=inert_cell)
    for column in inert.columns:
        if _holds_text(inert[column]):
            inert[column] = inert[column].map(inert_cell)
    return inert.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8")


def _holds_text(column: pd.Series) -> bool:
    types = pd.api.types
    categories = isinstance(column.dtype, pd.CategoricalDtype)
    return types.is_object_dtype(column) or types.is_string_dtype(column) or categories


def export_folder() -> Path:
    """Where the files go: SERVICEDESK_EXPORTS, or exports/ beside the store."""
    return settings.current().exports_folder


def export_reports(engine: sa.Engine, *, folder: Path | None = None) -> dict[str, int]:
    """Write the reporting views as Parquet files; rows written per view."""
    with read(engine) as conn:
        return exports.export_views(conn, folder or export_folder())


def last_export(folder: Path | None = None) -> datetime | None:
    """When the export last ran (its oldest file's time), or None."""
    files = [(folder or export_folder()) / f"{v}.parquet" for v in exports.REPORT_VIEWS]
    if not all(f.exists() for f in files):
        return None
    return datetime.fromtimestamp(min(f.stat().st_mtime for f in files), UTC)


def export_now(engine: sa.Engine, actor: Actor, *, now: datetime) -> dict[str, int]:
    """Run the export on a manager's demand, recording who asked."""
    require(actor, Action.ADMINISTER)
    counts = export_reports(engine)
    with UnitOfWork(engine) as uow:
        audit(
            uow.conn,
            actor_id=actor.user_id,
            action="reporting_export",
            subject=str(export_folder()),
            detail=", ".join(f"{v}: {n:,} rows" for v, n in counts.items()),
            now=now,
        )
        uow.commit()
    return counts

"""The reporting views as Parquet files, for tools that read while the server holds
the store: hourly from the job runner, and on a manager's demand."""

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from dashboard.kernel import settings
from dashboard.kernel.rules.authorization import Action, Actor, require
from data_access import export_store
from data_access.engine import UnitOfWork, read, store_name
from data_access.sla_admin_store import audit

EXPORT_EVERY_SECONDS = 3600


def export_folder(engine: sa.Engine) -> Path:
    """Where a store's files go: SERVICEDESK_EXPORTS, or exports/ beside the store."""
    return settings.current().exports_for(store_name(engine))


def export_reports(engine: sa.Engine, *, folder: Path | None = None) -> dict[str, int]:
    """Write the reporting views as Parquet files; rows written per view."""
    with read(engine) as conn:
        return export_store.export_views(conn, folder or export_folder(engine))


def last_export(engine: sa.Engine, *, folder: Path | None = None) -> datetime | None:
    """When the export last ran (its oldest file's time), or None."""
    files = [
        (folder or export_folder(engine)) / f"{v}.parquet"
        for v in export_store.REPORT_VIEWS
    ]
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
            subject="the reporting views",
            detail=", ".join(f"{v}: {n:,} rows" for v, n in counts.items()),
            now=now,
        )
        uow.commit()
    return counts

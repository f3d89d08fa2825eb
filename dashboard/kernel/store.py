"""Opening the store: migrate it and give a new store its reference data (a deploy
step: servicedesk-migrate, run by make run; pages never migrate)."""

import argparse
from datetime import UTC, datetime, time

import sqlalchemy as sa

from dashboard.kernel import settings
from dashboard.kernel.rules import reference, severity
from dashboard.kernel.rules.authorization import Role
from dashboard.kernel.rules.sla_defaults import (
    DEFAULT_COMPLIANCE_TARGET,
    DEFAULT_POLICY_NOTE,
    DEFAULT_TARGETS,
)
from data_access import migrate, reference_store
from data_access.engine import UnitOfWork, dispose_engine, get_engine, is_url

AUTO_CLOSE_BUSINESS_DAYS = 3
STORE_HELP = "store: a DuckDB file or a database URL (postgresql+psycopg://...)"


def desk_engine() -> sa.Engine:
    """The process's engine on the store of the settings (opening it migrates
    nothing and starts nothing)."""
    current = settings.current()
    return get_engine(current.store, memory_limit=current.db_memory)


def store_is_current(engine: sa.Engine) -> bool:
    """Whether the store is at the newest schema (reads one row, changes nothing)."""
    return migrate.current_revision(engine) == migrate.head_revision()


def main(argv: list[str] | None = None) -> int:
    """servicedesk-migrate: bring a store to the newest schema (a deploy step)."""
    current = settings.current()
    parser = argparse.ArgumentParser(
        prog="servicedesk-migrate", description=main.__doc__
    )
    parser.add_argument("--db", default=current.store, help=STORE_HELP)
    args = parser.parse_args(argv)
    engine = get_engine(args.db, memory_limit=current.db_memory)
    before = migrate.current_revision(engine)
    prepare_store(engine, now=datetime.now(UTC))
    after = migrate.current_revision(engine)
    print(f"{shown(args.db)}: schema {before or 'none'} -> {after}")
    dispose_engine(args.db)
    return 0


def shown(store: str) -> str:
    """A store's name fit to print: a URL without its password."""
    if not is_url(store):
        return store
    return sa.make_url(store).render_as_string(hide_password=True)


def prepare_store(engine: sa.Engine, *, now: datetime) -> None:
    """Upgrade the schema in place and, on a new store, add the reference data."""
    migrate.upgrade(engine)
    with UnitOfWork(engine) as uow:
        if reference_store.is_empty(uow.conn):
            _add_reference_data(uow.conn, now=now)
            uow.commit()


def _add_reference_data(conn: sa.Connection, *, now: datetime) -> None:
    sme = reference_store.add_organization(
        conn,
        org_code=reference.SME_ORG_CODE,
        name="Smart Metering Entity (IESO)",
        short_name="SME",
        kind="sme",
        size_class=None,
        now=now,
    )
    reference_store.add_organization(
        conn,
        org_code=reference.OSP_ORG_CODE,
        name="MDM/R Operational Service Provider",
        short_name="OSP",
        kind="osp",
        size_class=None,
        now=now,
    )
    # Jobs and migrations act as this account, so every write names who made it.
    system = reference_store.add_user(
        conn,
        username=reference.SYSTEM_USERNAME,
        email="servicedesk@sme.invalid",
        display_name="MDM/R Service Desk (system)",
        role=Role.SME_MANAGER.value,
        org_id=sme,
        is_ldc_manager=False,
        password_hash=None,
        created_at=now,
    )
    reference_store.add_groups(conn, reference.SUPPORT_GROUPS)
    reference_store.add_categories(conn, reference.CATEGORIES)
    reference_store.add_severity_definitions(
        conn,
        [
            ("impact", lv, severity.IMPACT_NAMES[lv], severity.IMPACT_MEANINGS[lv])
            for lv in severity.LEVELS
        ]
        + [
            ("urgency", lv, severity.URGENCY_NAMES[lv], severity.URGENCY_MEANINGS[lv])
            for lv in severity.LEVELS
        ],
    )
    reference_store.add_calendar(
        conn,
        code="24x7",
        name="24x7",
        open_time=None,
        close_time=None,
        weekdays="0,1,2,3,4,5,6",
        use_holidays=False,
    )
    reference_store.add_calendar(
        conn,
        code="business",
        name="Business hours",
        open_time=time(8),
        close_time=time(17),
        weekdays="0,1,2,3,4",
        use_holidays=True,
    )
    reference_store.add_policy(
        conn,
        version=1,
        effective_from=now,
        note=DEFAULT_POLICY_NOTE,
        by=system,
        targets=[
            {
                "target_key": t.key,
                "calendar_code": t.calendar,
                "first_response_minutes": t.first_response,
                "update_minutes": t.update,
                "resolution_minutes": t.resolution,
                "acknowledge_minutes": t.acknowledge,
                "compliance_target": DEFAULT_COMPLIANCE_TARGET,
            }
            for t in DEFAULT_TARGETS
        ],
    )
    reference_store.set_setting(
        conn,
        "auto_close_business_days",
        value=str(AUTO_CLOSE_BUSINESS_DAYS),
        by=system,
        now=now,
    )


if __name__ == "__main__":
    raise SystemExit(main())

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from dashboard.kernel.store import prepare_store
from data_access import migrate
from data_access.engine import UnitOfWork, dispose_engine, get_engine
from data_access.schema import categories, sla_targets, users

NOW = datetime(2026, 1, 5, 9, tzinfo=UTC)


def test_a_new_store_is_migrated_to_the_newest_revision(
    new_store: Callable[..., str],
) -> None:
    engine = get_engine(new_store())
    prepare_store(engine, now=NOW)
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_a_new_store_gets_the_default_policy_with_a_row_per_severity_and_request(
    new_store: Callable[..., str],
) -> None:
    engine = get_engine(new_store())
    prepare_store(engine, now=NOW)
    with engine.connect() as conn:
        keys = set(conn.scalars(sa.select(sla_targets.c.target_key)))
    assert {f"incident:{s}" for s in (1, 2, 3, 4)} <= keys
    assert len(keys) == 4 + 12


def test_opening_an_existing_store_again_keeps_its_data(
    new_store: Callable[..., str],
) -> None:
    path = new_store()
    engine = get_engine(path)
    prepare_store(engine, now=NOW)
    with UnitOfWork(engine) as uow:
        uow.conn.execute(
            categories.update()
            .where(categories.c.code == "vee")
            .values(name="VEE (renamed)")
        )
        uow.commit()
    dispose_engine(path)
    reopened = get_engine(path)
    prepare_store(reopened, now=NOW)
    with reopened.connect() as conn:
        assert (
            conn.scalar(sa.select(categories.c.name).where(categories.c.code == "vee"))
            == "VEE (renamed)"
        )
        assert conn.scalar(sa.select(sa.func.count()).select_from(users)) == 1


def test_a_unit_of_work_not_committed_changes_nothing(
    new_store: Callable[..., str],
) -> None:
    engine = get_engine(new_store())
    prepare_store(engine, now=NOW)
    with UnitOfWork(engine) as uow:
        uow.conn.execute(categories.delete())
    with engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(categories)) == 9


def test_a_unit_of_work_that_fails_midway_leaves_nothing_behind(
    new_store: Callable[..., str],
) -> None:
    engine = get_engine(new_store())
    prepare_store(engine, now=NOW)
    try:
        with UnitOfWork(engine) as uow:
            uow.conn.execute(categories.delete())
            raise RuntimeError("crash between two writes")
    except RuntimeError:
        pass
    with engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(categories)) == 9


def test_a_committed_unit_of_work_is_kept(new_store: Callable[..., str]) -> None:
    engine = get_engine(new_store())
    prepare_store(engine, now=NOW)
    with UnitOfWork(engine) as uow:
        uow.conn.execute(categories.delete().where(categories.c.code == "other"))
        uow.commit()
    with engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(categories)) == 8


def test_timestamps_come_back_timezone_aware_in_utc(
    new_store: Callable[..., str],
) -> None:
    engine = get_engine(new_store())
    prepare_store(engine, now=NOW)
    with engine.connect() as conn:
        created = conn.scalar(sa.select(users.c.created_at))
    assert created == NOW
    assert created.utcoffset().total_seconds() == 0


def test_a_store_migrated_from_single_precision_keeps_95_percent_exactly(
    new_store: Callable[..., str],
) -> None:
    engine = get_engine(new_store())
    migrate.upgrade(engine, "0006")
    with UnitOfWork(engine) as uow:
        uow.conn.execute(
            sa.text(
                "INSERT INTO sla_policies (id, version, effective_from, note, "
                "created_at, created_by) VALUES (1, 1, now(), 'Default targets "
                "(DESIGN section 4): ours, not published MDM/R figures.', now(), 1)"
            )
        )
        uow.conn.execute(
            sa.text(
                "INSERT INTO sla_targets VALUES (1, 'incident:1', '24x7', 30, 60, "
                "240, 0.95)"
            )
        )
        uow.commit()
    migrate.upgrade(engine)
    with engine.connect() as conn:
        target = conn.scalar(sa.select(sla_targets.c.compliance_target))
        note = conn.scalar(sa.text("SELECT note FROM sla_policies"))
    assert target == 0.95
    assert "DESIGN" not in note

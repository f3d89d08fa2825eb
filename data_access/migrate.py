"""Versioned migrations: an existing store is upgraded in place, never wiped."""

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.ddl.impl import DefaultImpl
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"


class DuckDBImpl(DefaultImpl):
    """Lets Alembic drive duckdb-engine, which it does not know by name."""

    __dialect__ = "duckdb"
    transactional_ddl = True


def _config(conn: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the store's schema up to the given revision (the newest by default)."""
    with engine.begin() as conn:
        command.upgrade(_config(conn), revision)


def current_revision(engine: sa.Engine) -> str | None:
    """The revision the store is at (None for an empty store)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def holds_tables(engine: sa.Engine) -> bool:
    """Whether the store holds any table (of ours or another's)."""
    return bool(sa.inspect(engine).get_table_names())


def drop_everything(engine: sa.Engine) -> None:
    """Drop every table, view and sequence of a PostgreSQL store (its schema anew)."""
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")


def head_revision() -> str | None:
    """The newest revision this code knows."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()

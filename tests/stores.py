"""The two stores the tests run on, and how a test names the store of an engine."""

import sqlalchemy as sa

STORES = ("duckdb", "postgresql")


def store_of(engine: sa.Engine) -> str:
    """The store an engine reaches, as a command's --db or SERVICEDESK_* names it."""
    if engine.dialect.name == "postgresql":
        return engine.url.render_as_string(hide_password=False)
    return str(engine.url.database)

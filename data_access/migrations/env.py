"""Alembic runs migrations on the connection that data_access.migrate hands it."""

from alembic import context

from data_access.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()

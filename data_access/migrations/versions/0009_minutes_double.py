"""Clock minutes in double precision on both stores.

DuckDB's FLOAT is single precision where PostgreSQL's is double: the same schema
held minutes at two widths.

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

COLUMNS = ("paused_minutes", "elapsed_minutes")


def upgrade() -> None:
    # PostgreSQL's FLOAT already is double precision (and a view holds the columns).
    if op.get_bind().dialect.name == "postgresql":
        return
    for column in COLUMNS:
        op.execute(
            f"ALTER TABLE sla_clocks ALTER COLUMN {column} "
            "SET DATA TYPE DOUBLE PRECISION"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    for column in COLUMNS:
        op.execute(f"ALTER TABLE sla_clocks ALTER COLUMN {column} SET DATA TYPE REAL")

"""Compliance targets in double precision, and the first policy's note in plain words.

Single precision kept 0.95 as 0.94999999, which a percentage shows as 94%.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OLD_NOTE = "Default targets (DESIGN section 4): ours, not published MDM/R figures."
NEW_NOTE = "The desk's default targets: our own, not published MDM/R figures."


def upgrade() -> None:
    # PostgreSQL rounds numerics only (DuckDB's NUMERIC would keep 3 places).
    exact = "NUMERIC" if op.get_bind().dialect.name == "postgresql" else "DOUBLE"
    op.execute(
        "ALTER TABLE sla_targets ALTER COLUMN compliance_target "
        "SET DATA TYPE DOUBLE PRECISION "
        f"USING round(CAST(compliance_target AS {exact}), 4)"
    )
    policies = sa.table("sla_policies", sa.column("note", sa.Text))
    op.execute(
        policies.update().where(policies.c.note == OLD_NOTE).values(note=NEW_NOTE)
    )


def downgrade() -> None:
    op.execute(
        "ALTER TABLE sla_targets ALTER COLUMN compliance_target SET DATA TYPE REAL"
    )

"""The Critical Incident Managers' on-call rota, and how soon a page must be
acknowledged before the ladder climbs.

A week's primary and secondary start Monday 00:00 America/Toronto; a day's override
beats its week. Severity 1 and 2 rows of every policy get an acknowledge time (15
and 30 minutes, the desk's defaults); the others have none.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

DEFAULT_ACKNOWLEDGE = (("incident:1", 15), ("incident:2", 30))
# (table, column): each names a user; declared on PostgreSQL only, as in 0010.
REFERENCES = (
    ("oncall_weeks", "user_id"),
    ("oncall_weeks", "set_by"),
    ("oncall_days", "user_id"),
    ("oncall_days", "set_by"),
)


def _rota(name: str, day: str) -> None:
    op.create_table(
        name,
        sa.Column(day, sa.Date(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("set_by", sa.BigInteger(), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint(day, "role"),
    )


def upgrade() -> None:
    _rota("oncall_weeks", "week_start")
    _rota("oncall_days", "day")
    op.add_column(
        "sla_targets", sa.Column("acknowledge_minutes", sa.Integer(), nullable=True)
    )
    for key, minutes in DEFAULT_ACKNOWLEDGE:
        op.execute(
            sa.text(
                "UPDATE sla_targets SET acknowledge_minutes = :minutes "
                "WHERE target_key = :key"
            ).bindparams(minutes=minutes, key=key)
        )
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in REFERENCES:
        op.create_foreign_key(
            f"fk_{table}_{column}",
            table,
            "users",
            [column],
            ["id"],
            deferrable=True,
            initially="DEFERRED",
        )


def downgrade() -> None:
    op.drop_column("sla_targets", "acknowledge_minutes")
    op.drop_table("oncall_days")
    op.drop_table("oncall_weeks")

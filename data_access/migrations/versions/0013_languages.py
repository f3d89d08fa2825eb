"""The desk in French: each user's language, and the French of the reference data that
SME managers edit (category names, severity definitions).

A user's language is null until chosen (the sign-in page's language is then kept). A
French name left null reads as the catalogue's French of the English default.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

COLUMNS = (
    ("users", "language", sa.String(length=8)),
    ("categories", "name_fr", sa.String(length=80)),
    ("severity_definitions", "name_fr", sa.String(length=40)),
    ("severity_definitions", "meaning_fr", sa.Text()),
)


def upgrade() -> None:
    for table, column, kind in COLUMNS:
        op.add_column(table, sa.Column(column, kind, nullable=True))


def downgrade() -> None:
    for table, column, _kind in reversed(COLUMNS):
        op.drop_column(table, column)

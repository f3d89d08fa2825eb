"""Each organization's main and back-up contacts.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("organizations", sa.Column("main_contact_id", sa.BigInteger()))
    op.add_column("organizations", sa.Column("backup_contact_id", sa.BigInteger()))


def downgrade() -> None:
    op.drop_column("organizations", "backup_contact_id")
    op.drop_column("organizations", "main_contact_id")

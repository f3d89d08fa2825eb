"""Indexes for the queues and lists, on PostgreSQL.

DuckDB scans its columns faster than it keeps an index up to date (and an index on
a table forbids altering it), so its store has few; PostgreSQL reads rows, and a
million tickets scanned for one page of a queue took over half a second.

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# (name, table, columns)
INDEXES = (
    # The queues: open tickets of a kind, by status and severity, newest first.
    ("ix_tickets_kind_status_severity", "tickets", ["kind", "status", "severity"]),
    # An LDC's lists: its own tickets of a kind.
    ("ix_tickets_org_kind_status", "tickets", ["org_id", "kind", "status"]),
    # The newest-first lists and the analytics' periods.
    ("ix_tickets_created_at", "tickets", ["created_at"]),
    ("ix_tickets_assignee", "tickets", ["assignee_id"]),
    ("ix_notifications_ticket", "notifications", ["ticket_id"]),
    ("ix_subscriptions_user", "subscriptions", ["user_id"]),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    # The planner's row counts: a store loaded in bulk has none until analysed.
    op.execute("ANALYZE")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)

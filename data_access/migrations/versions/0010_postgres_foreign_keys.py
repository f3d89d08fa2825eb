"""Foreign keys where the relationships are, on PostgreSQL.

DuckDB cannot alter a table that a foreign key depends on (nor add one later), so its
stores keep none and data_access enforces the relationships. PostgreSQL can: there
they are declared, deferred to the commit, so bulk loads and a change's rows may go
in any order within their transaction.

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# (table, column, referenced table, referenced column)
REFERENCES = (
    ("users", "org_id", "organizations", "id"),
    ("organizations", "main_contact_id", "users", "id"),
    ("organizations", "backup_contact_id", "users", "id"),
    ("user_sessions", "user_id", "users", "id"),
    ("group_members", "group_id", "support_groups", "id"),
    ("group_members", "user_id", "users", "id"),
    ("tickets", "org_id", "organizations", "id"),
    ("tickets", "reporter_id", "users", "id"),
    ("tickets", "assignee_id", "users", "id"),
    ("tickets", "group_id", "support_groups", "id"),
    ("tickets", "release_id", "releases", "id"),
    ("tickets", "target_release_id", "releases", "id"),
    ("tickets", "sla_policy_id", "sla_policies", "id"),
    ("ticket_events", "ticket_id", "tickets", "id"),
    ("ticket_events", "actor_id", "users", "id"),
    ("comments", "ticket_id", "tickets", "id"),
    ("comments", "author_id", "users", "id"),
    ("attachments", "ticket_id", "tickets", "id"),
    ("attachments", "uploaded_by", "users", "id"),
    ("notifications", "ticket_id", "tickets", "id"),
    ("notifications", "recipient_id", "users", "id"),
    ("problem_links", "incident_id", "tickets", "id"),
    ("problem_links", "problem_id", "tickets", "id"),
    ("problem_links", "linked_by", "users", "id"),
    ("subscriptions", "ticket_id", "tickets", "id"),
    ("subscriptions", "user_id", "users", "id"),
    ("sla_clocks", "ticket_id", "tickets", "id"),
    ("sla_alerts", "ticket_id", "tickets", "id"),
    ("sla_targets", "policy_id", "sla_policies", "id"),
    ("closure_days", "calendar_code", "sla_calendars", "code"),
    ("closure_days", "created_by", "users", "id"),
    ("audit_log", "actor_id", "users", "id"),
    ("saved_views", "user_id", "users", "id"),
    ("submission_tokens", "user_id", "users", "id"),
)


def _name(table: str, column: str) -> str:
    return f"fk_{table}_{column}"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, referred, key in REFERENCES:
        op.create_foreign_key(
            _name(table, column),
            table,
            referred,
            [column],
            [key],
            deferrable=True,
            initially="DEFERRED",
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, _referred, _key in reversed(REFERENCES):
        op.drop_constraint(_name(table, column), table, type_="foreignkey")

"""Published reporting views for tools that read the store with SQL.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

REPORT_TICKETS = """
CREATE VIEW report_tickets AS
SELECT t.ticket_key, t.kind, o.org_code, o.name AS org_name, t.severity,
       t.request_type, t.category, t.status, t.created_at, t.resolved_at, t.closed_at,
       a.display_name AS assignee, p.ticket_key AS problem_key
FROM tickets t
LEFT JOIN organizations o ON o.id = t.org_id
LEFT JOIN users a ON a.id = t.assignee_id
LEFT JOIN problem_links l ON l.incident_id = t.id
LEFT JOIN tickets p ON p.id = l.problem_id
"""

REPORT_STATUS_HISTORY = """
CREATE VIEW report_ticket_status_history AS
SELECT t.ticket_key, e.occurred_at AS changed_at, e.old_value AS from_status,
       e.new_value AS to_status,
       e.new_value IN ('Awaiting LDC', 'Awaiting requester') AS pauses_sla
FROM ticket_events e
JOIN tickets t ON t.id = e.ticket_id
WHERE e.event_type = 'status_changed'
"""

REPORT_SLA_CLOCKS = """
CREATE VIEW report_sla_clocks AS
SELECT t.ticket_key, c.clock,
       CASE c.calendar WHEN 'business' THEN 'business_hours' ELSE c.calendar END
           AS calendar,
       c.policy_version, c.target_minutes, c.started_at, c.due_at, c.stopped_at,
       c.paused_minutes, c.state
FROM sla_clocks c
JOIN tickets t ON t.id = c.ticket_id
"""


def upgrade() -> None:
    for view in (REPORT_TICKETS, REPORT_STATUS_HISTORY, REPORT_SLA_CLOCKS):
        op.execute(view)


def downgrade() -> None:
    for name in ("report_sla_clocks", "report_ticket_status_history", "report_tickets"):
        op.execute(f"DROP VIEW {name}")

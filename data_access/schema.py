"""The store's tables, in SQLAlchemy Core.

Foreign keys are deliberately absent here: DuckDB cannot alter a table that a foreign
key depends on, so relationships are enforced in data_access and its tests, and
migrations stay possible. On PostgreSQL migration 0010 declares them. Keys come from
sequences, never from counter rows.
"""

import sqlalchemy as sa

metadata = sa.MetaData()

# One sequence per key space; a counter row would make simultaneous filings conflict.
organization_id_seq = sa.Sequence("organization_id_seq", metadata=metadata)
user_id_seq = sa.Sequence("user_id_seq", metadata=metadata)
group_id_seq = sa.Sequence("group_id_seq", metadata=metadata)
ticket_id_seq = sa.Sequence("ticket_id_seq", metadata=metadata)
incident_number_seq = sa.Sequence("incident_number_seq", metadata=metadata)
problem_number_seq = sa.Sequence("problem_number_seq", metadata=metadata)
request_number_seq = sa.Sequence("request_number_seq", metadata=metadata)
event_id_seq = sa.Sequence("event_id_seq", metadata=metadata)
comment_id_seq = sa.Sequence("comment_id_seq", metadata=metadata)
attachment_id_seq = sa.Sequence("attachment_id_seq", metadata=metadata)
notification_id_seq = sa.Sequence("notification_id_seq", metadata=metadata)
release_id_seq = sa.Sequence("release_id_seq", metadata=metadata)
policy_id_seq = sa.Sequence("sla_policy_id_seq", metadata=metadata)
audit_id_seq = sa.Sequence("audit_id_seq", metadata=metadata)

TZ = sa.DateTime(timezone=True)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=False)


organizations = sa.Table(
    "organizations",
    metadata,
    _id(),
    sa.Column("org_code", sa.String(16), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("short_name", sa.String(60), nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),  # ldc, sme, osp
    sa.Column("size_class", sa.String(8)),  # large, medium, small (LDCs)
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("created_at", TZ, nullable=False),
    # The service recipient's named contacts (migration 0005).
    sa.Column("main_contact_id", sa.BigInteger),
    sa.Column("backup_contact_id", sa.BigInteger),
)

users = sa.Table(
    "users",
    metadata,
    _id(),
    sa.Column("username", sa.String(80), nullable=False, unique=True),
    sa.Column("email", sa.String(200), nullable=False),
    sa.Column("display_name", sa.String(120), nullable=False),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("org_id", sa.BigInteger, nullable=False),
    sa.Column("is_ldc_manager", sa.Boolean, nullable=False, default=False),
    sa.Column("password_hash", sa.String(200)),  # null until a first password is set
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("failed_logins", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", TZ),
    sa.Column("notify_pref", sa.String(16), nullable=False, default="immediate"),
    sa.Column("language", sa.String(8)),  # en, fr_CA; null until chosen (0013)
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("created_by", sa.BigInteger),
    sa.Column("updated_at", TZ),
    sa.Column("updated_by", sa.BigInteger),
)

user_sessions = sa.Table(
    "user_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.BigInteger, nullable=False),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("expires_at", TZ, nullable=False),
    sa.Column("ended_at", TZ),
)

support_groups = sa.Table(
    "support_groups",
    metadata,
    _id(),
    sa.Column("code", sa.String(32), nullable=False, unique=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("description", sa.Text, nullable=False, default=""),
)

group_members = sa.Table(
    "group_members",
    metadata,
    sa.Column("group_id", sa.BigInteger, primary_key=True),
    sa.Column("user_id", sa.BigInteger, primary_key=True),
)

categories = sa.Table(
    "categories",
    metadata,
    sa.Column("code", sa.String(32), primary_key=True),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("name_fr", sa.String(80)),  # null: the catalogue's French (0013)
    sa.Column("sort_order", sa.Integer, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
)

severity_definitions = sa.Table(
    "severity_definitions",
    metadata,
    sa.Column("dimension", sa.String(8), primary_key=True),  # impact, urgency
    sa.Column("level", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(40), nullable=False),
    sa.Column("meaning", sa.Text, nullable=False),
    sa.Column("name_fr", sa.String(40)),  # null: the catalogue's French (0013)
    sa.Column("meaning_fr", sa.Text),
    sa.Column("updated_at", TZ),
    sa.Column("updated_by", sa.BigInteger),
)

releases = sa.Table(
    "releases",
    metadata,
    _id(),
    sa.Column("name", sa.String(60), nullable=False, unique=True),
    sa.Column("deployed_at", TZ, nullable=False),
    sa.Column("notes", sa.Text, nullable=False, default=""),
)

settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.String(60), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated_at", TZ),
    sa.Column("updated_by", sa.BigInteger),
)

tickets = sa.Table(
    "tickets",
    metadata,
    _id(),
    sa.Column(
        "kind", sa.String(16), nullable=False
    ),  # incident, problem, service_request
    sa.Column("number", sa.BigInteger, nullable=False),
    sa.Column("ticket_key", sa.String(16), nullable=False, unique=True),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False, default=""),
    sa.Column("status", sa.String(24), nullable=False),
    sa.Column("org_id", sa.BigInteger),  # null for problems
    sa.Column("is_mdmr_wide", sa.Boolean, nullable=False, default=False),
    sa.Column("reporter_id", sa.BigInteger, nullable=False),
    sa.Column("assignee_id", sa.BigInteger),
    sa.Column("group_id", sa.BigInteger),
    sa.Column("category", sa.String(32)),
    sa.Column("environment", sa.String(16)),
    sa.Column("release_id", sa.BigInteger),
    sa.Column("impact", sa.SmallInteger),
    sa.Column("urgency", sa.SmallInteger),
    sa.Column("severity", sa.SmallInteger),
    sa.Column("ldc_contact_id", sa.BigInteger),
    sa.Column("backup_contact_id", sa.BigInteger),
    sa.Column("request_type", sa.String(48)),
    sa.Column("request_fields", sa.Text),  # JSON of the request form's answers
    sa.Column("resolution_type", sa.String(16)),  # fixed, workaround
    sa.Column("resolution_notes", sa.Text),
    sa.Column("public_summary", sa.Text),  # problems
    sa.Column("workaround", sa.Text),
    sa.Column("root_cause", sa.Text),
    sa.Column("target_release_id", sa.BigInteger),
    sa.Column("sla_policy_id", sa.BigInteger),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("updated_at", TZ, nullable=False),
    sa.Column("updated_by", sa.BigInteger, nullable=False),
    sa.Column("resolved_at", TZ),
    sa.Column("closed_at", TZ),
    sa.Column("version", sa.Integer, nullable=False, default=1),
    # Written by the SLA engine from the history (migration 0002), never by hand.
    sa.Column("sla_due_at", TZ),  # nearest deadline of a clock still open
    sa.Column("sla_state", sa.String(10)),  # breached, at_risk, running, paused, met
)

ticket_events = sa.Table(
    "ticket_events",
    metadata,
    _id(),
    sa.Column("ticket_id", sa.BigInteger, nullable=False),
    sa.Column("occurred_at", TZ, nullable=False),
    sa.Column("actor_id", sa.BigInteger, nullable=False),
    sa.Column("change_id", sa.String(36), nullable=False),
    # created, status_changed, field_changed, comment, attachment,
    # notification_queued, notification_sent, notification_failed
    sa.Column("event_type", sa.String(32), nullable=False),
    sa.Column("field", sa.String(40)),
    sa.Column("old_value", sa.Text),
    sa.Column("new_value", sa.Text),
    sa.Column("is_internal", sa.Boolean, nullable=False, default=False),
    sa.Column("comment_id", sa.BigInteger),
    sa.Column("reason", sa.Text),
)

comments = sa.Table(
    "comments",
    metadata,
    _id(),
    sa.Column("ticket_id", sa.BigInteger, nullable=False),
    sa.Column("author_id", sa.BigInteger, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("is_internal", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", TZ, nullable=False),
)

attachments = sa.Table(
    "attachments",
    metadata,
    _id(),
    sa.Column("ticket_id", sa.BigInteger, nullable=False),
    sa.Column("filename", sa.String(255), nullable=False),
    sa.Column("content_type", sa.String(100), nullable=False),
    sa.Column("size_bytes", sa.BigInteger, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("uploaded_by", sa.BigInteger, nullable=False),
    sa.Column("uploaded_at", TZ, nullable=False),
)

problem_links = sa.Table(
    "problem_links",
    metadata,
    # The incident is the key: an incident links to at most one problem.
    sa.Column("incident_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("problem_id", sa.BigInteger, nullable=False, index=True),
    sa.Column("linked_at", TZ, nullable=False),
    sa.Column("linked_by", sa.BigInteger, nullable=False),
)

subscriptions = sa.Table(
    "subscriptions",
    metadata,
    sa.Column("ticket_id", sa.BigInteger, primary_key=True),
    sa.Column("user_id", sa.BigInteger, primary_key=True),
    sa.Column("created_at", TZ, nullable=False),
)

sla_calendars = sa.Table(
    "sla_calendars",
    metadata,
    sa.Column("code", sa.String(16), primary_key=True),  # 24x7, business
    sa.Column("name", sa.String(60), nullable=False),
    sa.Column("timezone", sa.String(40), nullable=False),
    sa.Column("open_time", sa.Time),
    sa.Column("close_time", sa.Time),
    sa.Column("weekdays", sa.String(16), nullable=False),  # "0,1,2,3,4"
    sa.Column("use_holidays", sa.Boolean, nullable=False),
)

closure_days = sa.Table(
    "closure_days",
    metadata,
    sa.Column("calendar_code", sa.String(16), primary_key=True),
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("reason", sa.String(200), nullable=False),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("created_by", sa.BigInteger, nullable=False),
)

sla_policies = sa.Table(
    "sla_policies",
    metadata,
    _id(),
    sa.Column("version", sa.Integer, nullable=False, unique=True),
    sa.Column("effective_from", TZ, nullable=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("created_by", sa.BigInteger, nullable=False),
)

sla_targets = sa.Table(
    "sla_targets",
    metadata,
    sa.Column("policy_id", sa.BigInteger, primary_key=True),
    # "incident:1" .. "incident:4" or "service_request:<request type>"
    sa.Column("target_key", sa.String(80), primary_key=True),
    sa.Column("calendar_code", sa.String(16), nullable=False),
    sa.Column("first_response_minutes", sa.Integer),
    sa.Column("update_minutes", sa.Integer),
    sa.Column("resolution_minutes", sa.Integer, nullable=False),
    sa.Column("compliance_target", sa.Double, nullable=False, default=0.95),
    # How soon an on-call page must be acknowledged (severity 1 and 2; 0012).
    sa.Column("acknowledge_minutes", sa.Integer),
)

sla_clocks = sa.Table(
    "sla_clocks",
    metadata,
    sa.Column("ticket_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("clock", sa.String(16), primary_key=True),
    sa.Column("policy_version", sa.Integer, nullable=False),
    sa.Column("policy_key", sa.String(80), nullable=False),
    sa.Column("calendar", sa.String(16), nullable=False),
    sa.Column("target_minutes", sa.Integer, nullable=False),
    sa.Column("started_at", TZ, nullable=False),
    sa.Column("due_at", TZ, nullable=False),
    sa.Column("stopped_at", TZ),
    sa.Column("paused_minutes", sa.Double, nullable=False),
    sa.Column("elapsed_minutes", sa.Double, nullable=False),
    sa.Column("state", sa.String(10), nullable=False),
    sa.Column("at_risk", sa.Boolean, nullable=False),
    sa.Column("computed_at", TZ, nullable=False),
)

# Who changed what in the desk's administration, and when (migration 0004).
audit_log = sa.Table(
    "audit_log",
    metadata,
    _id(),
    sa.Column("occurred_at", TZ, nullable=False),
    sa.Column("actor_id", sa.BigInteger, nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("subject", sa.String(200), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
)

# One row per clock (interval, for the update clock) and state already alerted.
sla_alerts = sa.Table(
    "sla_alerts",
    metadata,
    sa.Column("ticket_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("clock", sa.String(16), primary_key=True),
    sa.Column("started_at", TZ, primary_key=True),
    sa.Column("state", sa.String(10), primary_key=True),
    sa.Column("alerted_at", TZ, nullable=False),
)

notifications = sa.Table(
    "notifications",
    metadata,
    _id(),
    sa.Column("change_id", sa.String(36), nullable=False, index=True),
    sa.Column("ticket_id", sa.BigInteger),
    sa.Column("recipient_id", sa.BigInteger, nullable=False),
    sa.Column("event", sa.String(40), nullable=False),
    sa.Column("subject", sa.String(250), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("created_at", TZ, nullable=False),
    sa.Column("read_at", TZ),
    sa.Column("message_id", sa.String(120), nullable=False, unique=True),
    # pending, claimed, sent, failed, not_emailed, digest, in_app_only
    sa.Column("email_state", sa.String(16), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt_at", TZ),
    sa.Column("claimed_by", sa.String(64)),
    sa.Column("claimed_until", TZ),
    sa.Column("sent_at", TZ),
    sa.Column("last_error", sa.Text),
)

# One row per form render that saved something (migration 0006): the render's random
# token is the key, so a second save of the same render is refused in its transaction.
submission_tokens = sa.Table(
    "submission_tokens",
    metadata,
    sa.Column("token", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.BigInteger, nullable=False),
    sa.Column("made", sa.String(16), nullable=False),  # ticket, comment, files
    sa.Column("ticket_key", sa.String(16), nullable=False),  # filed, or commented on
    sa.Column("comment_id", sa.BigInteger),
    sa.Column("used_at", TZ, nullable=False),
)

# A person's named views of a list (its filters, sort and page size), to open again.
saved_views = sa.Table(
    "saved_views",
    metadata,
    sa.Column("user_id", sa.BigInteger, primary_key=True),
    sa.Column("list_name", sa.String(32), primary_key=True),  # queue, fulfilment, …
    sa.Column("name", sa.String(60), primary_key=True),
    sa.Column("settings", sa.Text, nullable=False),  # JSON: the view's widget values
    sa.Column("saved_at", TZ, nullable=False),
)


def _rota(name: str, day: str) -> sa.Table:
    """Who is on call (role primary or secondary) from a week's Monday, or on a day."""
    return sa.Table(
        name,
        metadata,
        sa.Column(day, sa.Date, primary_key=True),
        sa.Column("role", sa.String(16), primary_key=True),  # primary, secondary
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("set_by", sa.BigInteger, nullable=False),
        sa.Column("set_at", TZ, nullable=False),
    )


# The Critical Incident Managers' rota (migration 0012): a day's row beats its week's.
oncall_weeks = _rota("oncall_weeks", "week_start")
oncall_days = _rota("oncall_days", "day")

sa.Index("ix_ticket_events_ticket", ticket_events.c.ticket_id)
sa.Index("ix_comments_ticket", comments.c.ticket_id)
sa.Index("ix_notifications_recipient", notifications.c.recipient_id)

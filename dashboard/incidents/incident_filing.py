"""Filing an incident: checked, routed by severity, its people told."""

from datetime import datetime

import sqlalchemy as sa

from dashboard.incidents import incident_rules
from dashboard.kernel import filing, uploads
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.workflow import Kind
from dashboard.oncall import oncall_paging
from data_access import people_store


def file_incident(
    engine: sa.Engine,
    actor: Actor,
    *,
    draft: incident_rules.IncidentDraft,
    files: list[uploads.Upload],
    now: datetime,
    token: str | None = None,
) -> str:
    """File an incident and return its key; refuse, changing nothing, when invalid
    or when the form's token filed already."""
    require(actor, Action.FILE_INCIDENT)
    return filing.file_ticket(
        engine,
        actor,
        kind=Kind.INCIDENT,
        prepare=lambda conn: _checked(conn, actor, draft=draft),
        files=files,
        now=now,
        token=token,
    )


def _checked(
    conn: sa.Connection, actor: Actor, *, draft: incident_rules.IncidentDraft
) -> filing.NewTicket:
    """The draft checked against its LDC's users, routed by its severity."""
    ldc_users = (
        people_store.ldc_user_ids(conn, draft.org_id) if draft.org_id else frozenset()
    )
    incident_rules.check_draft(actor, draft, ldc_user_ids=ldc_users)
    severity = incident_rules.draft_severity(draft)
    wide = draft.org_id is None
    return filing.NewTicket(
        title=draft.title.strip(),
        description=draft.description.strip(),
        org_id=draft.org_id,
        group=incident_rules.route(severity),
        event="incident_submitted",
        what=f"New {'MDM/R-wide ' if wide else ''}severity {severity} incident",
        details=f"Severity {severity}, reported by {actor.display_name}.",
        fields={
            "category": draft.category,
            "environment": draft.environment,
            "release_id": draft.release_id,
            "impact": draft.impact,
            "urgency": draft.urgency,
            "severity": severity,
            "ldc_contact_id": draft.ldc_contact_id,
            "backup_contact_id": draft.backup_contact_id,
        },
        # Severity 1 and 2 page the Critical Incident Manager on call at once.
        then=oncall_paging.start_ladder,
    )

"""Filing an incident: checked, routed by severity, its people told."""

from datetime import datetime

import sqlalchemy as sa

from dashboard.incidents import incident_rules
from dashboard.kernel import changes, clocks, notify, submissions, uploads
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.notices import compose
from dashboard.kernel.rules.reference import SME_ORG_CODE
from dashboard.kernel.rules.workflow import INITIAL_STATUS, Kind, ticket_key
from data_access import change_store, people_store, reference_store


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
    uploads.check(files)
    with submissions.once(engine, token, actor=actor), changes.Save(engine) as uow:
        conn = uow.conn
        ldc_users = (
            people_store.ldc_user_ids(conn, draft.org_id)
            if draft.org_id
            else frozenset()
        )
        incident_rules.check_draft(actor, draft, ldc_user_ids=ldc_users)
        severity = incident_rules.draft_severity(draft)
        group = incident_rules.route(severity)
        ticket_id, number = change_store.next_ticket_ids(conn, Kind.INCIDENT)
        key = ticket_key(Kind.INCIDENT, number)
        submissions.claim(
            conn, token, actor=actor, made="ticket", ticket_key=key, now=now
        )
        wide = draft.org_id is None
        change_store.insert_ticket(
            conn,
            {
                "id": ticket_id,
                "kind": Kind.INCIDENT.value,
                "number": number,
                "ticket_key": key,
                "title": draft.title.strip(),
                "description": draft.description.strip(),
                "status": INITIAL_STATUS[Kind.INCIDENT],
                "org_id": reference_store.org_id_by_code(conn, SME_ORG_CODE)
                if wide
                else draft.org_id,
                "is_mdmr_wide": wide,
                "reporter_id": actor.user_id,
                "group_id": people_store.group_id(conn, group),
                "category": draft.category,
                "environment": draft.environment,
                "release_id": draft.release_id,
                "impact": draft.impact,
                "urgency": draft.urgency,
                "severity": severity,
                "ldc_contact_id": draft.ldc_contact_id,
                "backup_contact_id": draft.backup_contact_id,
                "sla_policy_id": reference_store.current_policy_id(conn, now=now),
                "created_at": now,
                "updated_at": now,
                "updated_by": actor.user_id,
            },
        )
        change = changes.Change(actor=actor, now=now)
        change.record("created", new_value=INITIAL_STATUS[Kind.INCIDENT])
        uploads.store(conn, change, ticket_id=ticket_id, files=files, now=now)
        details = f"Severity {severity}, reported by {actor.display_name}."
        told = people_store.group_member_ids(conn, group)
        if wide:
            told |= people_store.ldc_manager_ids(conn)
        change.tell(
            compose(
                event="incident_submitted",
                recipients=told,
                ticket_key=key,
                title=draft.title.strip(),
                what=f"New {'MDM/R-wide ' if wide else ''}severity {severity} incident",
                details=details,
                link=notify.ticket_link(key),
            )
        )
        changes.write_history(conn, change, ticket_id=ticket_id)
        clocks.recompute(conn, ticket_id, now=now)
        uow.commit()
    return key

"""Filing an incident: checked, routed by severity, its people told."""

from datetime import datetime

import sqlalchemy as sa

from dashboard import changes as writes
from dashboard import notify, sla, submissions, uploads
from dashboard.domain import incidents as rules
from dashboard.domain.authorization import Action, Actor, require
from dashboard.domain.notices import compose
from dashboard.domain.reference import SME_ORG_CODE
from dashboard.domain.workflow import INITIAL_STATUS, Kind, ticket_key
from data_access import changes, people
from data_access import reference as ref


def file_incident(
    engine: sa.Engine,
    actor: Actor,
    *,
    draft: rules.IncidentDraft,
    files: list[uploads.Upload],
    now: datetime,
    token: str | None = None,
) -> str:
    """File an incident and return its key; refuse, changing nothing, when invalid
    or when the form's token filed already."""
    require(actor, Action.FILE_INCIDENT)
    uploads.check(files)
    with submissions.once(engine, token, actor=actor), writes.Save(engine) as uow:
        conn = uow.conn
        ldc_users = (
            people.ldc_user_ids(conn, draft.org_id) if draft.org_id else frozenset()
        )
        rules.check_draft(actor, draft, ldc_user_ids=ldc_users)
        severity = rules.draft_severity(draft)
        group = rules.route(severity)
        ticket_id, number = changes.next_ticket_ids(conn, Kind.INCIDENT)
        key = ticket_key(Kind.INCIDENT, number)
        submissions.claim(
            conn, token, actor=actor, made="ticket", ticket_key=key, now=now
        )
        wide = draft.org_id is None
        changes.insert_ticket(
            conn,
            {
                "id": ticket_id,
                "kind": Kind.INCIDENT.value,
                "number": number,
                "ticket_key": key,
                "title": draft.title.strip(),
                "description": draft.description.strip(),
                "status": INITIAL_STATUS[Kind.INCIDENT],
                "org_id": ref.org_id_by_code(conn, SME_ORG_CODE)
                if wide
                else draft.org_id,
                "is_mdmr_wide": wide,
                "reporter_id": actor.user_id,
                "group_id": people.group_id(conn, group),
                "category": draft.category,
                "environment": draft.environment,
                "release_id": draft.release_id,
                "impact": draft.impact,
                "urgency": draft.urgency,
                "severity": severity,
                "ldc_contact_id": draft.ldc_contact_id,
                "backup_contact_id": draft.backup_contact_id,
                "sla_policy_id": ref.current_policy_id(conn, now=now),
                "created_at": now,
                "updated_at": now,
                "updated_by": actor.user_id,
            },
        )
        change = writes.Change(actor=actor, now=now)
        change.record("created", new_value=INITIAL_STATUS[Kind.INCIDENT])
        uploads.store(conn, change, ticket_id=ticket_id, files=files, now=now)
        details = f"Severity {severity}, reported by {actor.display_name}."
        told = people.group_member_ids(conn, group)
        if wide:
            told |= people.ldc_manager_ids(conn)
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
        writes.write_history(conn, change, ticket_id=ticket_id)
        sla.recompute(conn, ticket_id, now=now)
        uow.commit()
    return key

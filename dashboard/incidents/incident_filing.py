"""Filing an incident: checked, routed by severity, its people told."""

from datetime import datetime

import sqlalchemy as sa

from dashboard.incidents import incident_rules
from dashboard.kernel import filing, uploads
from dashboard.kernel.i18n import Message, _, later
from dashboard.kernel.reading import normalize_key
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.errors import InvalidInput, NotFound
from dashboard.kernel.rules.workflow import DONE_STATUSES, Kind
from dashboard.oncall import oncall_paging
from data_access import people_store, problem_store


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
    proposed = _proposed_problem(conn, draft.proposed_problem)
    return filing.NewTicket(
        title=draft.title.strip(),
        description=draft.description.strip(),
        org_id=draft.org_id,
        group=incident_rules.route(severity),
        event="incident_submitted",
        what=(
            later("New MDM/R-wide severity {n} incident", n=severity)
            if wide
            else later("New severity {n} incident", n=severity)
        ),
        details=_filed(severity, reporter=actor.display_name, proposed=proposed),
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
        events=(("problem_proposed", proposed),) if proposed else (),
        # Severity 1 and 2 page the Critical Incident Manager on call at once.
        then=oncall_paging.start_ladder,
    )


def _filed(severity: int, *, reporter: str, proposed: str | None) -> Message:
    """What a new incident's notice says of it, in each reader's language."""
    if proposed:
        return later(
            "Severity {n}, reported by {name}. The reporter says this is {problem}.",
            n=severity,
            name=reporter,
            problem=proposed,
        )
    return later("Severity {n}, reported by {name}.", n=severity, name=reporter)


def _proposed_problem(conn: sa.Connection, key: str | None) -> str | None:
    """The open problem the reporter names, refused when there is none such."""
    if not key:
        return None
    canonical = normalize_key(key)
    problem = problem_store.get_problem(
        conn, canonical, internal=False, root_cause_statuses=()
    )
    if problem is None:
        raise NotFound(_("There is no problem {key}.").format(key=canonical))
    status = str(problem["status"])
    if status in DONE_STATUSES[Kind.PROBLEM]:
        raise InvalidInput(
            _(
                "{key} is {status}: file the incident without it, and the desk will "
                "find the problem it belongs to."
            ).format(key=canonical, status=_(status))
        )
    return canonical

"""Incident rules: validating a draft, routing, and the steps a user may take."""

from dataclasses import dataclass
from enum import StrEnum

from dashboard.kernel.i18n import N_, _
from dashboard.kernel.rules.authorization import (
    Action,
    Actor,
    may,
    may_file_for,
    may_see_ticket,
    require,
)
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed
from dashboard.kernel.rules.reference import (
    CATEGORY_NAMES,
    CRITICAL_GROUP,
    ENVIRONMENTS,
    SERVICE_DESK_GROUP,
)
from dashboard.kernel.rules.severity import LEVELS, is_critical, severity_of
from dashboard.kernel.rules.ticket_text import DESCRIPTION_MAX, TITLE_MAX, text_problems


class Step(StrEnum):
    """What a user may do next on an incident (its value, in English, is its label:
    shown as `_(step.value)`)."""

    ASSIGN = N_("Assign")
    START = N_("Start work")
    AWAIT_LDC = N_("Awaiting LDC")
    AWAIT_VENDOR = N_("Awaiting vendor")
    RESUME = N_("Resume")
    RECLASSIFY = N_("Re-classify")
    RESOLVE = N_("Resolve")
    CLOSE = N_("Confirm and close")
    REOPEN = N_("Reopen")
    CANCEL = N_("Cancel")
    COMMENT = N_("Comment")
    INTERNAL_NOTE = N_("Internal note")
    ATTACH = N_("Attach files")


# The status each status-changing step leads to.
STEP_STATUS = {
    Step.START: "In progress",
    Step.AWAIT_LDC: "Awaiting LDC",
    Step.AWAIT_VENDOR: "Awaiting vendor",
    Step.RESUME: "In progress",
    Step.RESOLVE: "Resolved",
    Step.CLOSE: "Closed",
    Step.REOPEN: "In progress",
    Step.CANCEL: "Cancelled",
}

_FROM = {
    Step.ASSIGN: {"New", "Assigned", "In progress", "Awaiting LDC", "Awaiting vendor"},
    Step.START: {"New", "Assigned"},
    Step.AWAIT_LDC: {"Assigned", "In progress"},
    Step.AWAIT_VENDOR: {"Assigned", "In progress"},
    Step.RESUME: {"Awaiting LDC", "Awaiting vendor"},
    Step.RECLASSIFY: {
        "New",
        "Assigned",
        "In progress",
        "Awaiting LDC",
        "Awaiting vendor",
    },
    Step.RESOLVE: {"Assigned", "In progress"},
    Step.CLOSE: {"Resolved"},
    Step.REOPEN: {"Resolved"},
    Step.CANCEL: {"New"},
    Step.COMMENT: {
        "New",
        "Assigned",
        "In progress",
        "Awaiting LDC",
        "Awaiting vendor",
        "Resolved",
    },
    Step.INTERNAL_NOTE: {
        "New",
        "Assigned",
        "In progress",
        "Awaiting LDC",
        "Awaiting vendor",
        "Resolved",
        "Closed",
        "Cancelled",
    },
    Step.ATTACH: {
        "New",
        "Assigned",
        "In progress",
        "Awaiting LDC",
        "Awaiting vendor",
        "Resolved",
    },
}

_NEEDS = {
    Step.ASSIGN: Action.WORK_TICKETS,
    Step.START: Action.WORK_TICKETS,
    Step.AWAIT_LDC: Action.WORK_TICKETS,
    Step.AWAIT_VENDOR: Action.WORK_TICKETS,
    Step.RESUME: Action.WORK_TICKETS,
    Step.RECLASSIFY: Action.TRIAGE,
    Step.RESOLVE: Action.WORK_TICKETS,
    Step.CANCEL: Action.TRIAGE,
    Step.COMMENT: Action.COMMENT,
    Step.INTERNAL_NOTE: Action.WRITE_INTERNAL_NOTE,
    Step.ATTACH: Action.COMMENT,
}


@dataclass(frozen=True)
class IncidentFacts:
    """What the rules need to know of an incident."""

    status: str
    org_id: int
    is_mdmr_wide: bool
    reporter_id: int
    assignee_id: int | None
    severity: int


def steps_for(actor: Actor, incident: IncidentFacts) -> list[Step]:
    """The steps this user may take on this incident now, in display order."""
    if not may_see_ticket(
        actor, org_id=incident.org_id, is_mdmr_wide=incident.is_mdmr_wide
    ):
        return []
    return [step for step in Step if _allowed(actor, incident, step=step)]


def _allowed(actor: Actor, incident: IncidentFacts, *, step: Step) -> bool:
    if incident.status not in _FROM[step]:
        return False
    if step in (Step.CLOSE, Step.REOPEN):
        # The reporter confirms or reopens; the desk may do so on their behalf.
        return actor.user_id == incident.reporter_id or may(actor, Action.TRIAGE)
    if step is Step.ASSIGN and not may(actor, Action.TRIAGE):
        # OSP engineers take tickets for themselves but do not hand them out.
        return may(actor, Action.WORK_TICKETS) and incident.assignee_id != actor.user_id
    return may(actor, _NEEDS[step])


def require_step(actor: Actor, incident: IncidentFacts, *, step: Step) -> None:
    """Refuse a step the user may not take on this incident now."""
    if step in (Step.COMMENT, Step.INTERNAL_NOTE, Step.ATTACH):
        require(actor, Action.COMMENT)
    if step not in steps_for(actor, incident):
        raise NotAllowed(
            _(
                "“{step}” is not possible for you on an incident that is {status}."
            ).format(step=_(step.value), status=_(incident.status))
        )


def route(severity: int) -> str:
    """The group that receives an incident of this severity."""
    return CRITICAL_GROUP if is_critical(severity) else SERVICE_DESK_GROUP


@dataclass(frozen=True)
class IncidentDraft:
    """What a reporter enters when filing an incident."""

    title: str
    description: str
    category: str
    environment: str
    impact: int
    urgency: int
    org_id: int | None  # None: MDM/R-wide
    release_id: int | None = None
    ldc_contact_id: int | None = None
    backup_contact_id: int | None = None
    # The known problem the reporter says this is; the desk confirms the link.
    proposed_problem: str | None = None


def check_draft(
    actor: Actor, draft: IncidentDraft, *, ldc_user_ids: frozenset[int]
) -> None:
    """Refuse a draft with every problem it has, each in a sentence."""
    problems = _draft_problems(actor, draft, ldc_user_ids=ldc_user_ids)
    if problems:
        raise InvalidInput(" ".join(problems))


def _draft_problems(
    actor: Actor, draft: IncidentDraft, *, ldc_user_ids: frozenset[int]
) -> list[str]:
    problems = [*text_problems("title", draft.title, limit=TITLE_MAX, required=True)]
    problems += text_problems(
        "description", draft.description, limit=DESCRIPTION_MAX, required=True
    )
    if draft.category not in CATEGORY_NAMES:
        problems.append(_("Choose a category."))
    if draft.environment not in ENVIRONMENTS:
        problems.append(_("Choose an environment."))
    if draft.impact not in LEVELS or draft.urgency not in LEVELS:
        problems.append(_("Choose an impact and an urgency."))
    if draft.org_id is None:
        if not may(actor, Action.FILE_MDMR_WIDE):
            problems.append(
                _("Only SME and OSP staff may file an MDM/R-wide incident.")
            )
    elif not may_file_for(actor, org_id=draft.org_id):
        problems.append(_("You may file incidents for your own LDC only."))
    contacts = [c for c in (draft.ldc_contact_id, draft.backup_contact_id) if c]
    if any(c not in ldc_user_ids for c in contacts):
        problems.append(
            _("The LDC contact and back-up must be users of the incident's LDC.")
        )
    if draft.ldc_contact_id and draft.ldc_contact_id == draft.backup_contact_id:
        problems.append(_("The back-up contact must differ from the LDC contact."))
    if draft.backup_contact_id and not draft.ldc_contact_id:
        problems.append(_("Name an LDC contact before a back-up contact."))
    return problems


def draft_severity(draft: IncidentDraft) -> int:
    """The severity the draft's impact and urgency give."""
    return severity_of(draft.impact, draft.urgency)


def workaround_comment(problem_key: str, workaround: str) -> str:
    """The public comment that carries a problem's workaround to an incident."""
    return f"Workaround from problem {problem_key}:\n\n{workaround.strip()}"

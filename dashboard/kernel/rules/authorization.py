"""Who may do what (DESIGN section 1), decided in this one place."""

from dataclasses import dataclass
from enum import StrEnum

from dashboard.kernel.i18n import N_, _
from dashboard.kernel.rules.errors import NotAllowed


class Role(StrEnum):
    """The desk's roles; an LDC manager is an LDC user with the manager flag."""

    LDC_USER = "ldc_user"
    SME_AGENT = "sme_agent"
    CRITICAL_INCIDENT_MANAGER = "critical_incident_manager"
    OSP_ENGINEER = "osp_engineer"
    SME_MANAGER = "sme_manager"


# Labels are English, marked for the catalogue: show them as `_(ROLE_LABELS[role])`
# (or role_label, Actor.label).
ROLE_LABELS = {
    Role.LDC_USER: N_("LDC user"),
    Role.SME_AGENT: N_("SME Service Desk agent"),
    Role.CRITICAL_INCIDENT_MANAGER: N_("SME Critical Incident Manager"),
    Role.OSP_ENGINEER: N_("OSP engineer"),
    Role.SME_MANAGER: N_("SME manager"),
}
LDC_MANAGER_LABEL = N_("LDC manager")


class Action(StrEnum):
    """Things a user may be allowed to do."""

    SEE_ALL_TICKETS = "see every ticket"
    SEE_INTERNAL_NOTES = "see internal work notes"
    FILE_INCIDENT = "file an incident"
    FILE_FOR_ANY_LDC = "file for any LDC"
    FILE_MDMR_WIDE = "file an MDM/R-wide incident"
    FILE_REQUEST = "file a service request"
    FILE_MANAGER_REQUEST = "request user creation, deactivation or ORG changes"
    COMMENT = "comment"
    WRITE_INTERNAL_NOTE = "write internal work notes"
    WORK_TICKETS = "work tickets"
    TRIAGE = "assign and re-classify"
    BULK_CHANGE = "change tickets in bulk"
    OWN_CRITICAL_INCIDENTS = "own severity 1 and 2 incidents"
    FULFIL_REQUESTS = "fulfil service requests"
    EDIT_PROBLEMS = "log and edit problems"
    BROWSE_PROBLEMS = "browse the problem list"
    SUBSCRIBE = "subscribe to problems"
    SEE_ANALYTICS = "see SLA analytics"
    SEE_OWN_LDC_SLA_REPORT = "see the LDC's SLA report"
    ADMINISTER = "administer the desk"
    RETRY_EMAILS = "look after emails that failed for good"
    MANAGE_OWN_ACCOUNT = "change one's own password and settings"
    SEE_ONCALL = "see the on-call rota"
    MANAGE_ONCALL = "set the on-call rota"


_READERS = frozenset(
    {Action.BROWSE_PROBLEMS, Action.SUBSCRIBE, Action.MANAGE_OWN_ACCOUNT}
)
_EVERYONE = _READERS | {Action.COMMENT}
_LDC = _EVERYONE | {Action.FILE_INCIDENT, Action.FILE_REQUEST}
_STAFF_READ = frozenset(
    {Action.SEE_ALL_TICKETS, Action.SEE_INTERNAL_NOTES, Action.SEE_ONCALL}
)
_AGENT = (
    _EVERYONE
    | _STAFF_READ
    | {
        Action.FILE_INCIDENT,
        Action.FILE_FOR_ANY_LDC,
        Action.FILE_MDMR_WIDE,
        Action.FILE_REQUEST,
        Action.FILE_MANAGER_REQUEST,
        Action.WRITE_INTERNAL_NOTE,
        Action.WORK_TICKETS,
        Action.TRIAGE,
        Action.BULK_CHANGE,
        Action.FULFIL_REQUESTS,
        Action.EDIT_PROBLEMS,
        Action.RETRY_EMAILS,
    }
)

_ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.LDC_USER: _LDC,
    Role.SME_AGENT: _AGENT,
    Role.CRITICAL_INCIDENT_MANAGER: _AGENT | {Action.OWN_CRITICAL_INCIDENTS},
    Role.OSP_ENGINEER: _EVERYONE
    | _STAFF_READ
    | {
        Action.FILE_INCIDENT,
        Action.FILE_FOR_ANY_LDC,
        Action.FILE_MDMR_WIDE,
        Action.WRITE_INTERNAL_NOTE,
        Action.WORK_TICKETS,
        Action.EDIT_PROBLEMS,
    },
    # Managers read everything and change only policy and administration: a
    # comment, too, is a change of the ticket.
    Role.SME_MANAGER: _READERS
    | _STAFF_READ
    | {
        Action.SEE_ANALYTICS,
        Action.ADMINISTER,
        Action.RETRY_EMAILS,
        Action.MANAGE_ONCALL,
    },
}

_LDC_MANAGER_EXTRA = frozenset(
    {Action.FILE_MANAGER_REQUEST, Action.SEE_OWN_LDC_SLA_REPORT}
)


@dataclass(frozen=True)
class Actor:
    """The signed-in user on whose behalf something is read or done."""

    user_id: int
    role: Role
    org_id: int
    is_ldc_manager: bool
    display_name: str
    language: str | None = None  # en, fr_CA; None until the person chooses

    @property
    def is_ldc(self) -> bool:
        """True for LDC users (managers included)."""
        return self.role is Role.LDC_USER

    @property
    def label(self) -> str:
        """The role as shown to people, in the current language."""
        return role_label(self.role, ldc_manager=self.is_ldc and self.is_ldc_manager)


def role_label(role: Role, *, ldc_manager: bool = False) -> str:
    """A role as shown to people, in the current language: 'LDC manager'."""
    return _(LDC_MANAGER_LABEL if ldc_manager else ROLE_LABELS[role])


def actions_of(actor: Actor) -> frozenset[Action]:
    """Everything this actor may do."""
    actions = _ROLE_ACTIONS[actor.role]
    if actor.is_ldc and actor.is_ldc_manager:
        actions = actions | _LDC_MANAGER_EXTRA
    return actions


def may(actor: Actor, action: Action) -> bool:
    """Whether the actor may do this."""
    return action in actions_of(actor)


def require(actor: Actor, action: Action) -> None:
    """Refuse, with a message for the user, what the actor may not do."""
    if not may(actor, action):
        raise NotAllowed(refusal(actor, action))


def refusal(actor: Actor, action: Action) -> str:
    """Why the actor may not do this, in the current language: 'As LDC user you may
    not assign and re-classify.'"""
    return _(_REFUSALS[action]).format(role=actor.label)


# One sentence per action (the action's value in English), so that each language
# words the whole refusal.
_REFUSALS = {
    Action.SEE_ALL_TICKETS: N_("As {role} you may not see every ticket."),
    Action.SEE_INTERNAL_NOTES: N_("As {role} you may not see internal work notes."),
    Action.FILE_INCIDENT: N_("As {role} you may not file an incident."),
    Action.FILE_FOR_ANY_LDC: N_("As {role} you may not file for any LDC."),
    Action.FILE_MDMR_WIDE: N_("As {role} you may not file an MDM/R-wide incident."),
    Action.FILE_REQUEST: N_("As {role} you may not file a service request."),
    Action.FILE_MANAGER_REQUEST: N_(
        "As {role} you may not request user creation, deactivation or ORG changes."
    ),
    Action.COMMENT: N_("As {role} you may not comment."),
    Action.WRITE_INTERNAL_NOTE: N_("As {role} you may not write internal work notes."),
    Action.WORK_TICKETS: N_("As {role} you may not work tickets."),
    Action.TRIAGE: N_("As {role} you may not assign and re-classify."),
    Action.BULK_CHANGE: N_("As {role} you may not change tickets in bulk."),
    Action.OWN_CRITICAL_INCIDENTS: N_(
        "As {role} you may not own severity 1 and 2 incidents."
    ),
    Action.FULFIL_REQUESTS: N_("As {role} you may not fulfil service requests."),
    Action.EDIT_PROBLEMS: N_("As {role} you may not log and edit problems."),
    Action.BROWSE_PROBLEMS: N_("As {role} you may not browse the problem list."),
    Action.SUBSCRIBE: N_("As {role} you may not subscribe to problems."),
    Action.SEE_ANALYTICS: N_("As {role} you may not see SLA analytics."),
    Action.SEE_OWN_LDC_SLA_REPORT: N_(
        "As {role} you may not see the LDC's SLA report."
    ),
    Action.ADMINISTER: N_("As {role} you may not administer the desk."),
    Action.RETRY_EMAILS: N_(
        "As {role} you may not look after emails that failed for good."
    ),
    Action.MANAGE_OWN_ACCOUNT: N_(
        "As {role} you may not change one's own password and settings."
    ),
    Action.SEE_ONCALL: N_("As {role} you may not see the on-call rota."),
    Action.MANAGE_ONCALL: N_("As {role} you may not set the on-call rota."),
}


def may_see_ticket(actor: Actor, *, org_id: int | None, is_mdmr_wide: bool) -> bool:
    """Whether the actor may see a ticket of this organization."""
    if may(actor, Action.SEE_ALL_TICKETS):
        return True
    return org_id == actor.org_id or is_mdmr_wide


def may_file_for(actor: Actor, *, org_id: int) -> bool:
    """Whether the actor may file a ticket of any kind for this LDC."""
    return org_id == actor.org_id or may(actor, Action.FILE_FOR_ANY_LDC)

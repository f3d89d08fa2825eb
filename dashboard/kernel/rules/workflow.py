"""Each kind's statuses and the transitions allowed between them."""

import re
from enum import StrEnum

from dashboard.kernel.i18n import N_, _
from dashboard.kernel.rules.errors import InvalidInput


class Kind(StrEnum):
    """The three kinds of ticket."""

    INCIDENT = "incident"
    PROBLEM = "problem"
    SERVICE_REQUEST = "service_request"


KEY_PREFIX = {Kind.INCIDENT: "INC", Kind.PROBLEM: "PRB", Kind.SERVICE_REQUEST: "SR"}
# Labels are English, marked for the catalogue: show them as `_(KIND_LABELS[kind])`
# (or kind_label(kind)).
KIND_LABELS = {
    Kind.INCIDENT: N_("Incident"),
    Kind.PROBLEM: N_("Problem"),
    Kind.SERVICE_REQUEST: N_("Service request"),
}

# Statuses are stored and compared in English; each transition table's keys are
# marked for the catalogue, so show a status as `_(status)` (or status_label(status)).
INCIDENT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    N_("New"): ("Assigned", "In progress", "Cancelled"),
    N_("Assigned"): ("In progress", "Awaiting LDC", "Awaiting vendor", "Resolved"),
    N_("In progress"): ("Awaiting LDC", "Awaiting vendor", "Resolved", "Assigned"),
    N_("Awaiting LDC"): ("In progress",),
    N_("Awaiting vendor"): ("In progress",),
    N_("Resolved"): ("Closed", "In progress"),  # In progress is the reopen
    N_("Closed"): (),
    N_("Cancelled"): (),
}

PROBLEM_TRANSITIONS: dict[str, tuple[str, ...]] = {
    N_("Logged"): ("Under investigation", "Known error", "Closed"),
    N_("Under investigation"): ("Known error", "Fix scheduled", "Resolved", "Closed"),
    N_("Known error"): ("Fix scheduled", "Resolved", "Under investigation", "Closed"),
    N_("Fix scheduled"): ("Resolved", "Known error"),
    N_("Resolved"): ("Closed", "Under investigation"),
    N_("Closed"): (),
}

REQUEST_TRANSITIONS: dict[str, tuple[str, ...]] = {
    N_("Submitted"): ("In fulfilment", "Awaiting requester", "Rejected", "Cancelled"),
    N_("In fulfilment"): ("Awaiting requester", "Fulfilled", "Rejected", "Cancelled"),
    N_("Awaiting requester"): ("In fulfilment", "Rejected", "Cancelled"),
    N_("Fulfilled"): ("Closed",),
    N_("Closed"): (),
    N_("Rejected"): (),
    N_("Cancelled"): (),
}

TRANSITIONS = {
    Kind.INCIDENT: INCIDENT_TRANSITIONS,
    Kind.PROBLEM: PROBLEM_TRANSITIONS,
    Kind.SERVICE_REQUEST: REQUEST_TRANSITIONS,
}

INITIAL_STATUS = {
    Kind.INCIDENT: "New",
    Kind.PROBLEM: "Logged",
    Kind.SERVICE_REQUEST: "Submitted",
}

# Statuses in which the ticket needs no more work from the desk.
DONE_STATUSES = {
    Kind.INCIDENT: frozenset({"Resolved", "Closed", "Cancelled"}),
    Kind.PROBLEM: frozenset({"Resolved", "Closed"}),
    Kind.SERVICE_REQUEST: frozenset({"Fulfilled", "Closed", "Rejected", "Cancelled"}),
}

# Awaiting vendor does not pause: the vendor is the SME's own supply chain.
PAUSING_STATUSES = frozenset({"Awaiting LDC", "Awaiting requester"})

# Ending a ticket this way needs a reason that is kept.
STATUSES_NEEDING_REASON = frozenset({"Cancelled", "Rejected"})


def kind_label(kind: Kind) -> str:
    """A kind as people read it, in the current language: 'Service request'."""
    return _(KIND_LABELS[kind])


def status_label(status: str) -> str:
    """A status as people read it, in the current language: 'Awaiting LDC'."""
    return _(status)


def statuses(kind: Kind) -> tuple[str, ...]:
    """Every status of a kind, in workflow order."""
    return tuple(TRANSITIONS[kind])


def open_statuses(kind: Kind) -> tuple[str, ...]:
    """The statuses in which a ticket of this kind is still being worked."""
    return tuple(s for s in TRANSITIONS[kind] if s not in DONE_STATUSES[kind])


def allowed_next(kind: Kind, status: str) -> tuple[str, ...]:
    """The statuses a ticket may move to from its current one."""
    try:
        return TRANSITIONS[kind][status]
    except KeyError:
        raise InvalidInput(
            _("{status} is not a status of a {kind}.").format(
                status=repr(status), kind=kind.value
            )
        ) from None


def check_transition(kind: Kind, current: str, *, target: str) -> None:
    """Refuse a move the workflow does not allow."""
    if target not in allowed_next(kind, current):
        raise InvalidInput(
            _(_CANNOT_GO[kind]).format(
                current=status_label(current), target=status_label(target)
            )
        )


# One sentence per kind, so that each language can agree it with the kind.
_CANNOT_GO = {
    Kind.INCIDENT: N_("An incident cannot go from {current} to {target}."),
    Kind.PROBLEM: N_("A problem cannot go from {current} to {target}."),
    Kind.SERVICE_REQUEST: N_("A service request cannot go from {current} to {target}."),
}


def ticket_key(kind: Kind, number: int) -> str:
    """The human key of a ticket, such as INC-000123."""
    return f"{KEY_PREFIX[kind]}-{number:06d}"


def parse_ticket_key(text: str) -> tuple[Kind, int] | None:
    """The kind and number of a key such as 'inc-123', or None if it is not one."""
    # ASCII only: str.isdigit() and int() also take '²', '①' or Arabic-Indic digits.
    found = _KEY.fullmatch(text.strip())
    if found is None:
        return None
    kinds = {v: k for k, v in KEY_PREFIX.items()}
    return kinds[found["prefix"].upper()], int(found["digits"])


_KEY = re.compile(
    r"(?P<prefix>INC|PRB|SR)-(?P<digits>[0-9]{1,9})", re.IGNORECASE | re.ASCII
)

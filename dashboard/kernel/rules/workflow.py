"""Each kind's statuses and the transitions allowed between them."""

import re
from enum import StrEnum

from dashboard.kernel.rules.errors import InvalidInput


class Kind(StrEnum):
    """The three kinds of ticket."""

    INCIDENT = "incident"
    PROBLEM = "problem"
    SERVICE_REQUEST = "service_request"


KEY_PREFIX = {Kind.INCIDENT: "INC", Kind.PROBLEM: "PRB", Kind.SERVICE_REQUEST: "SR"}
KIND_LABELS = {
    Kind.INCIDENT: "Incident",
    Kind.PROBLEM: "Problem",
    Kind.SERVICE_REQUEST: "Service request",
}

INCIDENT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "New": ("Assigned", "In progress", "Cancelled"),
    "Assigned": ("In progress", "Awaiting LDC", "Awaiting vendor", "Resolved"),
    "In progress": ("Awaiting LDC", "Awaiting vendor", "Resolved", "Assigned"),
    "Awaiting LDC": ("In progress",),
    "Awaiting vendor": ("In progress",),
    "Resolved": ("Closed", "In progress"),  # In progress is the reopen
    "Closed": (),
    "Cancelled": (),
}

PROBLEM_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "Logged": ("Under investigation", "Known error", "Closed"),
    "Under investigation": ("Known error", "Fix scheduled", "Resolved", "Closed"),
    "Known error": ("Fix scheduled", "Resolved", "Under investigation", "Closed"),
    "Fix scheduled": ("Resolved", "Known error"),
    "Resolved": ("Closed", "Under investigation"),
    "Closed": (),
}

REQUEST_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "Submitted": ("In fulfilment", "Awaiting requester", "Rejected", "Cancelled"),
    "In fulfilment": ("Awaiting requester", "Fulfilled", "Rejected", "Cancelled"),
    "Awaiting requester": ("In fulfilment", "Rejected", "Cancelled"),
    "Fulfilled": ("Closed",),
    "Closed": (),
    "Rejected": (),
    "Cancelled": (),
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
        raise InvalidInput(f"{status!r} is not a status of a {kind.value}.") from None


def check_transition(kind: Kind, current: str, *, target: str) -> None:
    """Refuse a move the workflow does not allow."""
    if target not in allowed_next(kind, current):
        raise InvalidInput(
            f"A {KIND_LABELS[kind].lower()} cannot go from {current} to {target}."
        )


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

"""The steps of fulfilling a service request, and who may take each one."""

from dataclasses import dataclass
from enum import StrEnum

from dashboard.kernel.i18n import N_, _, formats
from dashboard.kernel.rules.authorization import Action, Actor, may, require
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed
from dashboard.kernel.rules.ticket_text import REASON_MAX
from dashboard.kernel.rules.workflow import REQUEST_TRANSITIONS


class Step(StrEnum):
    """What a user may do to a service request; the value, in English, says it to
    people (`_(step.value)` where shown)."""

    START = N_("Start fulfilment")
    AWAIT = N_("Ask the requester")
    RESUME = N_("Resume")
    FULFIL = N_("Fulfil")
    REJECT = N_("Reject")
    CANCEL = N_("Cancel")
    CLOSE = N_("Close")
    ASSIGN = N_("Assign")
    COMMENT = N_("Comment")
    INTERNAL_NOTE = N_("Internal note")


# The status each step leads to, as stored (in English; `_(status)` where shown).
STEP_STATUS = {
    Step.START: N_("In fulfilment"),
    Step.AWAIT: N_("Awaiting requester"),
    Step.RESUME: N_("In fulfilment"),
    Step.FULFIL: N_("Fulfilled"),
    Step.REJECT: N_("Rejected"),
    Step.CANCEL: N_("Cancelled"),
    Step.CLOSE: N_("Closed"),
}

# What the person must say when taking the step, asked for when they do not.
REASONS = {
    Step.AWAIT: N_("Say what the desk needs from the requester."),
    Step.REJECT: N_("Say why the request is rejected."),
    Step.CANCEL: N_("Say why the request is cancelled."),
}

_WORKER_STEPS = (Step.START, Step.AWAIT, Step.FULFIL, Step.REJECT)


@dataclass(frozen=True)
class RequestFacts:
    """What the rules need to know of a stored request."""

    status: str
    reporter_id: int
    org_id: int


def _is_worker(actor: Actor) -> bool:
    return may(actor, Action.FULFIL_REQUESTS) or may(actor, Action.WORK_TICKETS)


def steps_for(actor: Actor, facts: RequestFacts) -> list[Step]:
    """Every step this actor may take on the request now."""
    allowed = REQUEST_TRANSITIONS.get(facts.status, ())
    steps: list[Step] = []
    worker = _is_worker(actor)
    requester = actor.user_id == facts.reporter_id
    for step, target in STEP_STATUS.items():
        if target not in allowed:
            continue
        if step is Step.START and facts.status != "Submitted":
            continue
        if step is Step.RESUME and facts.status != "Awaiting requester":
            continue
        by_requester = step in (Step.CANCEL, Step.CLOSE) and requester
        if worker or by_requester or (step is Step.RESUME and requester):
            steps.append(step)
    if allowed and may(actor, Action.TRIAGE):
        steps.append(Step.ASSIGN)
    if may(actor, Action.COMMENT):
        steps.append(Step.COMMENT)
    if may(actor, Action.WRITE_INTERNAL_NOTE):
        steps.append(Step.INTERNAL_NOTE)
    return [s for s in steps if s not in _WORKER_STEPS or worker]


def require_step(actor: Actor, facts: RequestFacts, *, step: Step) -> None:
    """Refuse a step the workflow or the actor's role does not allow now."""
    if step in (Step.COMMENT, Step.INTERNAL_NOTE):
        require(actor, Action.COMMENT)
    if step not in steps_for(actor, facts):
        raise NotAllowed(
            _("You cannot “{step}” a request that is {status} now.").format(
                step=_(step.value), status=_(facts.status)
            )
        )


def check_reason(step: Step, reason: str) -> str:
    """The reason a step needs, trimmed; refused when missing or too long."""
    reason = reason.strip()
    if step in REASONS and not reason:
        raise InvalidInput(_(REASONS[step]))
    if len(reason) > REASON_MAX:
        raise InvalidInput(
            _("A reason is limited to {limit} characters.").format(
                limit=formats.number(REASON_MAX)
            )
        )
    return reason

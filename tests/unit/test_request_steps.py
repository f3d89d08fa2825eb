"""Who may take which step of a service request, and who may file which request."""

import pytest

from dashboard.kernel.rules.authorization import Actor, Role
from dashboard.kernel.rules.catalogue import check_may_file
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed
from dashboard.requests.request_steps import RequestFacts, Step, check_reason, steps_for

ALPHA, BETA = 10, 20
REQUESTER = Actor(1, Role.LDC_USER, ALPHA, False, "Requester")
COLLEAGUE = Actor(2, Role.LDC_USER, ALPHA, False, "Colleague")
MANAGER = Actor(3, Role.LDC_USER, ALPHA, True, "Manager")
AGENT = Actor(4, Role.SME_AGENT, 1, False, "Agent")
SME_MANAGER = Actor(5, Role.SME_MANAGER, 1, False, "Boss")


def facts(status: str) -> RequestFacts:
    return RequestFacts(status=status, reporter_id=REQUESTER.user_id, org_id=ALPHA)


def test_an_agent_may_start_reject_cancel_and_ask_on_a_submitted_request() -> None:
    steps = steps_for(AGENT, facts("Submitted"))
    assert {Step.START, Step.AWAIT, Step.REJECT, Step.CANCEL, Step.ASSIGN} <= set(steps)


def test_an_agent_may_fulfil_only_a_request_in_fulfilment() -> None:
    assert Step.FULFIL not in steps_for(AGENT, facts("Submitted"))
    assert Step.FULFIL in steps_for(AGENT, facts("In fulfilment"))


def test_the_requester_may_cancel_their_open_request() -> None:
    assert Step.CANCEL in steps_for(REQUESTER, facts("Awaiting requester"))


def test_a_colleague_of_the_requester_may_not_cancel_it() -> None:
    assert Step.CANCEL not in steps_for(COLLEAGUE, facts("Submitted"))


def test_the_requester_may_not_fulfil_or_reject() -> None:
    steps = steps_for(REQUESTER, facts("In fulfilment"))
    assert Step.FULFIL not in steps and Step.REJECT not in steps


def test_the_requester_may_close_a_fulfilled_request() -> None:
    assert Step.CLOSE in steps_for(REQUESTER, facts("Fulfilled"))


def test_an_ended_request_allows_only_comments() -> None:
    assert steps_for(AGENT, facts("Rejected")) == [Step.COMMENT, Step.INTERNAL_NOTE]


def test_an_sme_manager_reads_but_neither_fulfils_nor_comments() -> None:
    assert steps_for(SME_MANAGER, facts("In fulfilment")) == []


def test_an_ldc_user_who_is_not_a_manager_may_not_request_an_account() -> None:
    with pytest.raises(NotAllowed, match="Only your LDC's manager"):
        check_may_file(COLLEAGUE, "sd_user_creation", org_id=ALPHA)


def test_an_ldc_manager_may_request_an_org_configuration_update() -> None:
    assert check_may_file(MANAGER, "org_config_update", org_id=ALPHA).code == (
        "org_config_update"
    )


def test_an_ldc_user_may_not_file_for_another_ldc() -> None:
    with pytest.raises(NotAllowed, match="your own LDC"):
        check_may_file(REQUESTER, "question", org_id=BETA)


def test_an_agent_may_file_any_request_for_any_ldc() -> None:
    assert check_may_file(AGENT, "sd_user_deactivation", org_id=BETA)


def test_a_rejection_needs_a_reason() -> None:
    with pytest.raises(InvalidInput, match="why the request is rejected"):
        check_reason(Step.REJECT, "  ")

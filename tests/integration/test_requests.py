"""Filing and fulfilling service requests on a real store."""

from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from dashboard.accounts.user_admin import NewAccount
from dashboard.kernel import reading
from dashboard.kernel.rules.errors import (
    InvalidInput,
    NotAllowed,
    NotFound,
    StaleVersion,
)
from dashboard.requests import request_work
from dashboard.requests.request_filing import RequestDraft, file_request
from dashboard.requests.request_steps import Step
from data_access.schema import notifications, ticket_events, users
from tests.factories import T0, World, actor

LATER = T0 + timedelta(hours=2)

NEW_COLLEAGUE = {
    "first_name": "Jane",
    "last_name": "Doe",
    "email": "jane.doe@alpha.example",
    "manager": False,
}


def file(
    world: World,
    username: str,
    *,
    code: str,
    answers: dict[str, Any],
    org: str = "Alpha Hydro",
    contact: str | None = None,
) -> str:
    draft = RequestDraft(
        request_type=code,
        org_id=world.orgs[org],
        answers=answers,
        ldc_contact_id=world.users[contact] if contact else None,
    )
    return file_request(world.engine, actor(world, username), draft=draft, now=T0)


def ticket(world: World, key: str) -> dict[str, Any]:
    return reading.get_ticket(world.engine, actor(world, "sme.agent1"), key=key)


def step(
    world: World, username: str, *, key: str, move: Step, reason: str = ""
) -> NewAccount | None:
    return request_work.change_status(
        world.engine,
        actor(world, username),
        key=key,
        version=ticket(world, key)["version"],
        step=move,
        reason=reason,
        now=LATER,
    )


def fulfil(world: World, key: str) -> NewAccount | None:
    step(world, "sme.agent1", key=key, move=Step.START)
    return step(world, "sme.agent1", key=key, move=Step.FULFIL)


def inbox_of(world: World, username: str) -> list[str]:
    with world.engine.connect() as conn:
        return list(
            conn.scalars(
                sa.select(notifications.c.subject).where(
                    notifications.c.recipient_id == world.users[username]
                )
            )
        )


def count(world: World, table: sa.Table) -> int:
    with world.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(table)))


QUESTION = {"topic": "Billing cycles", "question": "When does the cycle close?"}
REFRESH = {"environment": "QA", "sequence_reset": True}


def test_a_request_is_routed_to_its_fulfilment_group(world: World) -> None:
    key = file(world, "alpha.user1", code="test_env_refresh", answers=REFRESH)
    filed = ticket(world, key)
    assert (filed["group_code"], filed["status"], filed["request_type"]) == (
        "osp",
        "Submitted",
        "test_env_refresh",
    )


def test_filing_tells_the_fulfilment_group(world: World) -> None:
    file(world, "alpha.user1", code="question", answers=QUESTION)
    assert any(
        "New Submit a Question request" in s for s in inbox_of(world, "sme.agent1")
    )


def test_filing_starts_the_fulfilment_clock_from_the_current_policy(
    world: World,
) -> None:
    key = file(world, "alpha.user1", code="question", answers=QUESTION)
    clocks = reading.clocks(
        world.engine, actor(world, "sme.agent1"), ticket_id=ticket(world, key)["id"]
    )
    assert [c["clock"] for c in clocks] == ["fulfilment"]


def test_the_form_answers_are_kept_on_the_request(world: World) -> None:
    key = file(world, "alpha.user1", code="test_env_refresh", answers=REFRESH)
    assert '"environment": "QA"' in ticket(world, key)["request_fields"]


def test_invalid_answers_file_nothing(world: World) -> None:
    before = count(world, ticket_events)
    with pytest.raises(InvalidInput, match="one of QA, Sandbox"):
        file(
            world,
            "alpha.user1",
            code="test_env_refresh",
            answers={"environment": "Production"},
        )
    assert count(world, ticket_events) == before


def test_an_ldc_user_who_is_not_a_manager_cannot_request_an_account(
    world: World,
) -> None:
    with pytest.raises(NotAllowed, match="Only your LDC's manager"):
        file(world, "alpha.user1", code="sd_user_creation", answers=NEW_COLLEAGUE)


def test_an_ldc_user_who_is_not_a_manager_cannot_request_an_org_change(
    world: World,
) -> None:
    answers = {"change": "Contacts", "effective_date": "2026-04-01", "details": "x"}
    with pytest.raises(NotAllowed):
        file(world, "alpha.user1", code="org_config_update", answers=answers)


def test_an_ldc_user_cannot_file_for_another_ldc(world: World) -> None:
    with pytest.raises(NotAllowed, match="your own LDC"):
        file(world, "alpha.user1", code="question", answers=QUESTION, org="Beta Power")


def test_a_deactivation_cannot_name_another_ldcs_account(world: World) -> None:
    with pytest.raises(InvalidInput, match="active account of your LDC"):
        file(
            world,
            "alpha.manager",
            code="sd_user_deactivation",
            answers={"account": "beta.user1"},
        )


def test_an_agent_files_for_any_ldc(world: World) -> None:
    key = file(world, "sme.agent1", code="question", answers=QUESTION, org="Beta Power")
    assert ticket(world, key)["org_id"] == world.orgs["Beta Power"]


def test_an_ldc_user_cannot_see_another_ldcs_request(world: World) -> None:
    key = file(world, "beta.user1", code="question", answers=QUESTION, org="Beta Power")
    with pytest.raises(NotFound):
        reading.get_ticket(world.engine, actor(world, "alpha.user1"), key=key)


def test_an_ldc_user_cannot_act_on_another_ldcs_request(world: World) -> None:
    key = file(world, "beta.user1", code="question", answers=QUESTION, org="Beta Power")
    with pytest.raises(NotFound):
        request_work.comment(
            world.engine,
            actor(world, "alpha.manager"),
            key=key,
            body="Mine?",
            internal=False,
            now=LATER,
        )


def test_fulfilment_tells_the_requester_and_the_ldc_contact(world: World) -> None:
    key = file(
        world, "alpha.user1", code="question", answers=QUESTION, contact="alpha.manager"
    )
    fulfil(world, key)
    for person in ("alpha.user1", "alpha.manager"):
        assert any("Status changed to Fulfilled" in s for s in inbox_of(world, person))


def test_a_rejection_tells_the_requester_with_its_reason(world: World) -> None:
    key = file(world, "alpha.user1", code="question", answers=QUESTION)
    step(
        world,
        "sme.agent1",
        key=key,
        move=Step.REJECT,
        reason="Not a question for the SME.",
    )
    assert any(
        "Status changed to Rejected" in s for s in inbox_of(world, "alpha.user1")
    )


def test_a_public_comment_tells_the_requester(world: World) -> None:
    key = file(world, "alpha.user1", code="question", answers=QUESTION)
    request_work.comment(
        world.engine,
        actor(world, "sme.agent1"),
        key=key,
        body="Looking.",
        internal=False,
        now=LATER,
    )
    assert any("New comment from" in s for s in inbox_of(world, "alpha.user1"))


def test_an_internal_note_tells_nobody(world: World) -> None:
    key = file(world, "alpha.user1", code="question", answers=QUESTION)
    before = count(world, notifications)
    request_work.comment(
        world.engine,
        actor(world, "sme.agent1"),
        key=key,
        body="Ask OSP.",
        internal=True,
        now=LATER,
    )
    assert count(world, notifications) == before


def test_asking_the_requester_pauses_the_fulfilment_clock(world: World) -> None:
    key = file(world, "alpha.user1", code="question", answers=QUESTION)
    step(world, "sme.agent1", key=key, move=Step.AWAIT, reason="Which billing cycle?")
    assert ticket(world, key)["sla_state"] == "paused"


def test_starting_fulfilment_assigns_the_request_to_whoever_starts_it(
    world: World,
) -> None:
    key = file(world, "alpha.user1", code="question", answers=QUESTION)
    step(world, "sme.agent1", key=key, move=Step.START)
    assert ticket(world, key)["assignee_id"] == world.users["sme.agent1"]


def test_the_requester_may_cancel_their_request_with_a_reason(world: World) -> None:
    key = file(world, "alpha.user1", code="question", answers=QUESTION)
    step(
        world,
        "alpha.user1",
        key=key,
        move=Step.CANCEL,
        reason="Found the answer myself.",
    )
    assert ticket(world, key)["status"] == "Cancelled"


def test_another_ldc_user_may_not_cancel_a_colleagues_request(world: World) -> None:
    key = file(world, "alpha.user1", code="question", answers=QUESTION)
    with pytest.raises(NotAllowed):
        step(world, "alpha.manager", key=key, move=Step.CANCEL, reason="Not needed.")


def test_a_rejected_account_request_changes_nothing_else(world: World) -> None:
    key = file(world, "alpha.manager", code="sd_user_creation", answers=NEW_COLLEAGUE)
    accounts = count(world, users)
    step(
        world,
        "sme.agent1",
        key=key,
        move=Step.REJECT,
        reason="Ask through your main contact.",
    )
    assert (ticket(world, key)["status"], count(world, users)) == ("Rejected", accounts)


def test_a_stale_save_is_refused(world: World) -> None:
    key = file(world, "alpha.user1", code="question", answers=QUESTION)
    step(world, "sme.agent1", key=key, move=Step.START)
    with pytest.raises(StaleVersion):
        request_work.change_status(
            world.engine,
            actor(world, "sme.agent1"),
            key=key,
            version=1,
            step=Step.FULFIL,
            now=LATER,
        )


def test_an_agent_assigns_a_request_without_starting_it(world: World) -> None:
    key = file(world, "alpha.user1", code="question", answers=QUESTION)
    request_work.assign(
        world.engine,
        actor(world, "sme.agent1"),
        key=key,
        version=None,
        assignee_id=world.users["sme.agent1"],
        group_code="service_desk",
        now=LATER,
    )
    assert (ticket(world, key)["assignee_id"], ticket(world, key)["status"]) == (
        world.users["sme.agent1"],
        "Submitted",
    )

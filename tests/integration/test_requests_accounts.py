"""Fulfilling account requests opens and closes Service Desk accounts."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from dashboard.accounts.user_admin import set_first_password
from dashboard.kernel import auth, reading
from dashboard.kernel.rules.errors import DomainError, InvalidInput
from data_access.schema import settings, users
from tests.factories import PASSWORD, T0, World, actor
from tests.integration.test_requests import (
    LATER,
    NEW_COLLEAGUE,
    file,
    fulfil,
    ticket,
)

NEW_PASSWORD = "Blue-Kettle-2026"


def account(world: World, username: str) -> dict:
    with world.engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.username == username)).first()
    assert row is not None
    return dict(row._mapping)


def open_jane(world: World) -> str:
    key = file(world, "alpha.manager", code="sd_user_creation", answers=NEW_COLLEAGUE)
    opened = fulfil(world, key)
    assert opened is not None
    return opened.code


def test_fulfilling_a_user_creation_creates_an_inactive_account_of_the_ldc(
    world: World,
) -> None:
    open_jane(world)
    jane = account(world, "jane.doe")
    assert (jane["active"], jane["password_hash"], jane["org_id"]) == (
        False,
        None,
        world.orgs["Alpha Hydro"],
    )


def test_the_one_time_code_is_stored_only_as_a_hash(world: World) -> None:
    code = open_jane(world)
    with world.engine.connect() as conn:
        stored = " ".join(conn.scalars(sa.select(settings.c.value)))
    assert code not in stored and code.replace("-", "") not in stored


def test_the_new_user_signs_in_after_setting_a_password_with_the_code(
    world: World,
) -> None:
    code = open_jane(world)
    set_first_password(
        world.engine,
        username="jane.doe",
        code=code.lower(),
        new=NEW_PASSWORD,
        confirm=NEW_PASSWORD,
        now=LATER,
    )
    signed_in = auth.sign_in(
        world.engine, username="jane.doe", password=NEW_PASSWORD, now=LATER
    )
    assert signed_in.actor.org_id == world.orgs["Alpha Hydro"]


def test_a_one_time_code_works_only_once(world: World) -> None:
    code = open_jane(world)

    def use_it() -> None:
        set_first_password(
            world.engine,
            username="jane.doe",
            code=code,
            new=NEW_PASSWORD,
            confirm=NEW_PASSWORD,
            now=LATER,
        )

    use_it()
    with pytest.raises(DomainError, match="do not match"):
        use_it()


def test_a_wrong_code_sets_no_password(world: World) -> None:
    open_jane(world)
    with pytest.raises(DomainError, match="do not match"):
        set_first_password(
            world.engine,
            username="jane.doe",
            code="AAAA-BBBB-CCCC-DDDD",
            new=NEW_PASSWORD,
            confirm=NEW_PASSWORD,
            now=LATER,
        )
    assert account(world, "jane.doe")["password_hash"] is None


def test_an_expired_code_is_refused(world: World) -> None:
    code = open_jane(world)
    with pytest.raises(DomainError, match="expired"):
        set_first_password(
            world.engine,
            username="jane.doe",
            code=code,
            new=NEW_PASSWORD,
            confirm=NEW_PASSWORD,
            now=LATER + timedelta(days=8),
        )


def test_a_taken_username_gets_a_number(world: World) -> None:
    open_jane(world)
    other = NEW_COLLEAGUE | {"email": "jane.doe@alpha-east.example"}
    fulfil(world, file(world, "alpha.manager", code="sd_user_creation", answers=other))
    assert account(world, "jane.doe2")["email"] == "jane.doe@alpha-east.example"


def test_an_email_that_already_has_an_active_account_is_not_given_another(
    world: World,
) -> None:
    taken = NEW_COLLEAGUE | {"email": "alpha.user1@example.org"}
    key = file(world, "alpha.manager", code="sd_user_creation", answers=taken)
    with pytest.raises(InvalidInput, match=r"already has the account alpha\.user1"):
        fulfil(world, key)


def test_the_account_creation_is_in_the_requests_history(world: World) -> None:
    key = file(world, "alpha.manager", code="sd_user_creation", answers=NEW_COLLEAGUE)
    fulfil(world, key)
    events = reading.timeline(
        world.engine, actor(world, "sme.agent1"), ticket_id=ticket(world, key)["id"]
    )
    assert any(
        e["field"] == "Service Desk account" and "jane.doe" in e["new_value"]
        for e in events
    )


def test_fulfilling_a_user_deactivation_deactivates_the_account(world: World) -> None:
    key = file(
        world,
        "alpha.manager",
        code="sd_user_deactivation",
        answers={"account": "alpha.user1"},
    )
    fulfil(world, key)
    assert account(world, "alpha.user1")["active"] is False


def test_a_deactivated_user_can_no_longer_sign_in(world: World) -> None:
    key = file(
        world,
        "alpha.manager",
        code="sd_user_deactivation",
        answers={"account": "alpha.user1"},
    )
    fulfil(world, key)
    with pytest.raises(DomainError, match="deactivated"):
        auth.sign_in(world.engine, username="alpha.user1", password=PASSWORD, now=LATER)


def test_a_deactivated_users_open_session_ends_at_their_next_action(
    world: World,
) -> None:
    token = auth.sign_in(
        world.engine, username="alpha.user1", password=PASSWORD, now=T0
    ).token
    key = file(
        world,
        "alpha.manager",
        code="sd_user_deactivation",
        answers={"account": "alpha.user1"},
    )
    fulfil(world, key)
    assert auth.actor_for_token(world.engine, token, now=LATER) is None


def test_a_deactivated_users_tickets_stay(world: World) -> None:
    key = file(
        world,
        "alpha.manager",
        code="sd_user_deactivation",
        answers={"account": "alpha.user1"},
    )
    fulfil(world, key)
    kept = ticket(world, world.tickets["alpha-inc"])
    assert kept["reporter_name"] is not None

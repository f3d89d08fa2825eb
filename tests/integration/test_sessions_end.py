"""Every change of an account's active flag or password ends its sessions."""

import pytest
import sqlalchemy as sa

from dashboard.accounts import user_admin
from dashboard.kernel import auth
from data_access import user_admin_store
from data_access.schema import user_sessions
from tests.factories import PASSWORD, T0, World, actor
from tests.integration.test_requests import LATER, file, fulfil

NEW_PASSWORD = "Blue-Kettle-2026"


def signed_in(world: World, username: str) -> str:
    return auth.sign_in(
        world.engine, username=username, password=PASSWORD, now=T0
    ).token


def resolves(world: World, token: str) -> bool:
    return auth.actor_for_token(world.engine, token, now=LATER) is not None


def set_active(world: World, username: str, *, active: bool) -> None:
    user_admin.set_account_active(
        world.engine,
        actor(world, "sme.manager1"),
        user_id=world.users[username],
        active=active,
        now=LATER,
    )


def deactivate_by_request(world: World, username: str) -> None:
    key = file(
        world,
        "alpha.manager",
        code="sd_user_deactivation",
        answers={"account": username},
    )
    fulfil(world, key)


def test_a_deactivation_by_request_ends_the_accounts_sessions_in_the_store(
    world: World,
) -> None:
    signed_in(world, "alpha.user1")
    deactivate_by_request(world, "alpha.user1")
    with world.engine.connect() as conn:
        open_sessions = conn.scalar(
            sa.select(sa.func.count())
            .select_from(user_sessions)
            .where(
                user_sessions.c.user_id == world.users["alpha.user1"],
                user_sessions.c.ended_at.is_(None),
            )
        )
    assert open_sessions == 0


def test_a_session_ended_by_a_deactivation_request_stays_ended_after_reactivation(
    world: World,
) -> None:
    token = signed_in(world, "alpha.user1")
    deactivate_by_request(world, "alpha.user1")
    set_active(world, "alpha.user1", active=True)
    assert not resolves(world, token)


def test_a_session_ended_by_an_admin_deactivation_stays_ended_after_reactivation(
    world: World,
) -> None:
    token = signed_in(world, "beta.user1")
    set_active(world, "beta.user1", active=False)
    set_active(world, "beta.user1", active=True)
    assert not resolves(world, token)


def test_an_admin_password_reset_ends_the_accounts_sessions(world: World) -> None:
    token = signed_in(world, "beta.user1")
    user_admin.reset_password(
        world.engine,
        actor(world, "sme.manager1"),
        user_id=world.users["beta.user1"],
        now=T0,
    )
    assert not resolves(world, token)


def change_own_password(world: World, token: str) -> None:
    auth.change_password(
        world.engine,
        auth.actor_for_token(world.engine, token, now=T0),
        current=PASSWORD,
        new=NEW_PASSWORD,
        confirm=NEW_PASSWORD,
        session_token=token,
        now=T0,
    )


def test_changing_ones_password_ends_ones_other_sessions(world: World) -> None:
    elsewhere = signed_in(world, "alpha.user1")
    change_own_password(world, signed_in(world, "alpha.user1"))
    assert not resolves(world, elsewhere)


def test_changing_ones_password_keeps_the_session_that_changed_it(
    world: World,
) -> None:
    here = signed_in(world, "alpha.user1")
    change_own_password(world, here)
    assert resolves(world, here)


def test_a_password_change_leaves_other_accounts_sessions_open(world: World) -> None:
    other = signed_in(world, "beta.user1")
    change_own_password(world, signed_in(world, "alpha.user1"))
    assert resolves(world, other)


def test_the_plain_account_update_refuses_the_fields_whose_change_ends_sessions(
    world: World,
) -> None:
    with world.engine.begin() as conn, pytest.raises(ValueError):
        user_admin_store.update_user(
            conn, world.users["beta.user1"], values={"active": False}, by=1, now=T0
        )

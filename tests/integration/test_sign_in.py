import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import sqlalchemy as sa

from dashboard.kernel import auth
from dashboard.kernel.rules.account_rules import (
    LOCK_DURATION,
    MAX_FAILED_LOGINS,
    SESSION_DURATION,
)
from dashboard.kernel.rules.authorization import Role
from dashboard.kernel.rules.errors import DomainError, InvalidInput
from data_access import user_store
from data_access.schema import user_sessions, users
from tests.factories import PASSWORD, T0, World, add_user


def _user(world: World, username: str) -> dict:
    with world.engine.connect() as conn:
        return dict(
            conn.execute(sa.select(users).where(users.c.username == username))
            .one()
            ._mapping
        )


def test_the_right_password_signs_in_and_names_the_actor(world: World) -> None:
    signed = auth.sign_in(
        world.engine, username="alpha.user1", password=PASSWORD, now=T0
    )
    assert signed.actor.role is Role.LDC_USER
    assert signed.actor.org_id == world.orgs["Alpha Hydro"]


def test_usernames_are_matched_without_regard_to_case(world: World) -> None:
    assert auth.sign_in(
        world.engine, username=" Alpha.User1 ", password=PASSWORD, now=T0
    )


def test_a_wrong_password_is_refused_with_one_message_for_user_and_password(
    world: World,
) -> None:
    with pytest.raises(DomainError, match=r"^Wrong username or password\.$"):
        auth.sign_in(world.engine, username="alpha.user1", password="nope", now=T0)
    with pytest.raises(DomainError, match=r"^Wrong username or password\.$"):
        auth.sign_in(world.engine, username="nobody", password="nope", now=T0)


def test_empty_credentials_are_refused_without_touching_the_account(
    world: World,
) -> None:
    with pytest.raises(InvalidInput, match="Enter your username and password"):
        auth.sign_in(world.engine, username="alpha.user1", password="", now=T0)
    assert _user(world, "alpha.user1")["failed_logins"] == 0


def test_repeated_failures_lock_the_account_even_against_the_right_password(
    world: World,
) -> None:
    for _ in range(MAX_FAILED_LOGINS - 1):
        with pytest.raises(DomainError):
            auth.sign_in(world.engine, username="alpha.user1", password="nope", now=T0)
    with pytest.raises(DomainError, match="now locked for 15 minutes"):
        auth.sign_in(world.engine, username="alpha.user1", password="nope", now=T0)
    with pytest.raises(DomainError, match="This account is locked"):
        auth.sign_in(world.engine, username="alpha.user1", password=PASSWORD, now=T0)


def test_a_lock_lapses_and_a_good_sign_in_clears_the_failures(world: World) -> None:
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(DomainError):
            auth.sign_in(world.engine, username="alpha.user1", password="nope", now=T0)
    later = T0 + timedelta(minutes=16)
    auth.sign_in(world.engine, username="alpha.user1", password=PASSWORD, now=later)
    assert _user(world, "alpha.user1")["failed_logins"] == 0


def test_a_failed_sign_in_is_recorded_against_the_account(world: World) -> None:
    with pytest.raises(DomainError):
        auth.sign_in(world.engine, username="alpha.user1", password="nope", now=T0)
    row = _user(world, "alpha.user1")
    assert (row["failed_logins"], row["updated_by"]) == (1, row["id"])


def test_a_deactivated_account_cannot_sign_in(world: World) -> None:
    add_user(world, "gone.user", role="ldc_user", org="Alpha Hydro", active=False)
    with pytest.raises(DomainError, match="deactivated"):
        auth.sign_in(world.engine, username="gone.user", password=PASSWORD, now=T0)


def test_a_session_token_finds_its_actor_until_it_expires(world: World) -> None:
    token = auth.sign_in(
        world.engine, username="sme.agent1", password=PASSWORD, now=T0
    ).token
    assert (
        auth.actor_for_token(world.engine, token, now=T0 + timedelta(hours=1)).role
        is Role.SME_AGENT
    )
    assert auth.actor_for_token(world.engine, token, now=T0 + SESSION_DURATION) is None


def test_signing_out_ends_the_session_in_the_store(world: World) -> None:
    token = auth.sign_in(
        world.engine, username="sme.agent1", password=PASSWORD, now=T0
    ).token
    auth.sign_out(world.engine, token, now=T0)
    assert auth.actor_for_token(world.engine, token, now=T0) is None
    with world.engine.connect() as conn:
        assert conn.scalar(sa.select(user_sessions.c.ended_at)) == T0


def test_the_store_keeps_no_session_token_in_clear(world: World) -> None:
    token = auth.sign_in(
        world.engine, username="sme.agent1", password=PASSWORD, now=T0
    ).token
    with world.engine.connect() as conn:
        assert token not in conn.scalars(sa.select(user_sessions.c.token_hash)).all()


def test_a_deactivated_users_open_session_ends_at_their_next_action(
    world: World,
) -> None:
    token = auth.sign_in(
        world.engine, username="alpha.user1", password=PASSWORD, now=T0
    ).token
    with world.engine.begin() as conn:
        conn.execute(
            users.update().where(users.c.username == "alpha.user1").values(active=False)
        )
    assert auth.actor_for_token(world.engine, token, now=T0) is None


def test_changing_the_password_replaces_the_old_one(world: World) -> None:
    signed = auth.sign_in(
        world.engine, username="alpha.user1", password=PASSWORD, now=T0
    )
    actor = signed.actor
    auth.change_password(
        world.engine,
        actor,
        current=PASSWORD,
        new="New-Meter-2026",
        confirm="New-Meter-2026",
        session_token=signed.token,
        now=T0,
    )
    assert auth.sign_in(
        world.engine, username="alpha.user1", password="New-Meter-2026", now=T0
    )
    with pytest.raises(DomainError):
        auth.sign_in(world.engine, username="alpha.user1", password=PASSWORD, now=T0)
    assert _user(world, "alpha.user1")["updated_by"] == actor.user_id


def test_a_wrong_current_password_changes_nothing(world: World) -> None:
    signed = auth.sign_in(
        world.engine, username="alpha.user1", password=PASSWORD, now=T0
    )
    actor = signed.actor
    before = _user(world, "alpha.user1")["password_hash"]
    with pytest.raises(InvalidInput, match="current password is wrong"):
        auth.change_password(
            world.engine,
            actor,
            current="bad",
            new="New-Meter-2026",
            confirm="New-Meter-2026",
            session_token=signed.token,
            now=T0,
        )
    assert _user(world, "alpha.user1")["password_hash"] == before


def test_a_new_password_equal_to_the_old_is_refused(world: World) -> None:
    signed = auth.sign_in(
        world.engine, username="alpha.user1", password=PASSWORD, now=T0
    )
    actor = signed.actor
    with pytest.raises(InvalidInput, match="must differ"):
        auth.change_password(
            world.engine,
            actor,
            current=PASSWORD,
            new=PASSWORD,
            confirm=PASSWORD,
            session_token=signed.token,
            now=T0,
        )


def _burst_of_wrong_passwords(world: World, count: int) -> list[Exception]:
    """Sign in wrongly from `count` threads at once; what each of them raised."""
    start = threading.Barrier(count)

    def attempt() -> Exception:
        start.wait()
        try:
            auth.sign_in(world.engine, username="alpha.user1", password="nope", now=T0)
        except Exception as raised:
            return raised
        raise AssertionError("a wrong password signed in")

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(lambda _: attempt(), range(count)))


def test_a_burst_of_wrong_passwords_counts_every_one_and_locks_the_account(
    world: World,
) -> None:
    _burst_of_wrong_passwords(world, 16)
    row = _user(world, "alpha.user1")
    assert (row["failed_logins"], row["locked_until"]) == (
        16,
        T0 + LOCK_DURATION,
    )


def test_a_burst_of_wrong_passwords_gets_only_the_ordinary_refusals(
    world: World,
) -> None:
    refusals = _burst_of_wrong_passwords(world, 16)
    assert {type(r) for r in refusals} == {DomainError}
    assert all(
        str(r).startswith((auth.WRONG_CREDENTIALS, "This account is locked"))
        for r in refusals
    )


def test_a_good_sign_in_does_not_clear_a_lock_set_since_its_password_was_checked(
    world: World,
) -> None:
    user_id = world.users["alpha.user1"]
    with world.engine.begin() as conn:
        user_store.lock(conn, user_id, until=T0 + LOCK_DURATION)
        assert not user_store.record_login_success(conn, user_id, now=T0)
    assert _user(world, "alpha.user1")["locked_until"] == T0 + LOCK_DURATION

"""SME managers administer accounts; every change is audited."""

from typing import Any

import pytest
import sqlalchemy as sa

from dashboard.accounts import user_admin
from dashboard.incidents import incident_work
from dashboard.kernel import auth, reading
from dashboard.kernel.rules.authorization import Actor, Role
from dashboard.kernel.rules.errors import DomainError, InvalidInput, NotAllowed
from data_access.schema import audit_log, users
from tests.factories import PASSWORD, T0, World, actor
from tests.integration.test_requests import LATER, ticket

NEW_PASSWORD = "Blue-Kettle-2026"


def manager(world: World) -> Actor:
    return actor(world, "sme.manager1")


def row(world: World, username: str) -> dict:
    with world.engine.connect() as conn:
        found = conn.execute(
            sa.select(users).where(users.c.username == username)
        ).first()
    assert found is not None
    return dict(found._mapping)


def audited(world: World) -> list[str]:
    with world.engine.connect() as conn:
        return list(conn.scalars(sa.select(audit_log.c.action)))


def create(world: World, **changes: Any) -> user_admin.NewAccount:
    values = {
        "username": "kim.lee",
        "display_name": "Kim Lee",
        "email": "kim.lee@sme.example",
        "role": Role.SME_AGENT,
        "org_id": row(world, "sme.agent1")["org_id"],
        "ldc_manager": False,
        "now": T0,
    } | changes
    return user_admin.create_account(world.engine, manager(world), **values)


def test_a_created_account_opens_with_its_one_time_code(world: World) -> None:
    account = create(world)
    user_admin.set_first_password(
        world.engine,
        username="kim.lee",
        code=account.code,
        new=NEW_PASSWORD,
        confirm=NEW_PASSWORD,
        now=LATER,
    )
    signed_in = auth.sign_in(
        world.engine, username="kim.lee", password=NEW_PASSWORD, now=LATER
    )
    assert signed_in.actor.role is Role.SME_AGENT


def test_creating_an_account_is_audited(world: World) -> None:
    create(world)
    assert audited(world)[-1] == "user_created"


def test_a_role_that_does_not_fit_the_organization_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput, match="People of this organization may be"):
        create(world, org_id=world.orgs["Alpha Hydro"])


def test_a_taken_username_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput, match="taken"):
        create(world, username="alpha.user1")


def test_only_sme_managers_administer_accounts(world: World) -> None:
    with pytest.raises(NotAllowed):
        user_admin.list_accounts(world.engine, actor(world, "sme.agent1"))


def test_deactivating_an_account_ends_its_sessions(world: World) -> None:
    token = auth.sign_in(
        world.engine, username="beta.user1", password=PASSWORD, now=T0
    ).token
    user_admin.set_account_active(
        world.engine,
        manager(world),
        user_id=world.users["beta.user1"],
        active=False,
        now=LATER,
    )
    assert auth.actor_for_token(world.engine, token, now=LATER) is None
    assert audited(world)[-1] == "user_deactivated"


def test_a_manager_cannot_deactivate_themselves(world: World) -> None:
    with pytest.raises(InvalidInput, match="your own account"):
        user_admin.set_account_active(
            world.engine,
            manager(world),
            user_id=world.users["sme.manager1"],
            active=False,
            now=LATER,
        )


def test_a_reactivated_account_signs_in_again(world: World) -> None:
    target = world.users["beta.user1"]
    for active in (False, True):
        user_admin.set_account_active(
            world.engine, manager(world), user_id=target, active=active, now=LATER
        )
    assert auth.sign_in(
        world.engine, username="beta.user1", password=PASSWORD, now=LATER
    )


def test_unlocking_lifts_a_lock_after_failed_sign_ins(world: World) -> None:
    for _ in range(5):
        with pytest.raises(DomainError):
            auth.sign_in(world.engine, username="beta.user1", password="wrong", now=T0)
    user_admin.unlock(
        world.engine, manager(world), user_id=world.users["beta.user1"], now=T0
    )
    assert auth.sign_in(world.engine, username="beta.user1", password=PASSWORD, now=T0)
    assert audited(world)[-1] == "user_unlocked"


def test_a_password_reset_stops_the_old_password(world: World) -> None:
    user_admin.reset_password(
        world.engine, manager(world), user_id=world.users["beta.user1"], now=T0
    )
    with pytest.raises(DomainError, match="Wrong username or password"):
        auth.sign_in(world.engine, username="beta.user1", password=PASSWORD, now=LATER)


def test_a_password_reset_code_sets_a_new_password(world: World) -> None:
    account = user_admin.reset_password(
        world.engine, manager(world), user_id=world.users["beta.user1"], now=T0
    )
    user_admin.set_first_password(
        world.engine,
        username="beta.user1",
        code=account.code,
        new=NEW_PASSWORD,
        confirm=NEW_PASSWORD,
        now=LATER,
    )
    assert auth.sign_in(
        world.engine, username="beta.user1", password=NEW_PASSWORD, now=LATER
    )


def test_an_ldc_user_is_made_the_ldcs_manager(world: World) -> None:
    user_admin.change_role(
        world.engine,
        manager(world),
        user_id=world.users["beta.user1"],
        role=Role.LDC_USER,
        ldc_manager=True,
        now=LATER,
    )
    assert row(world, "beta.user1")["is_ldc_manager"] is True
    assert audited(world)[-1] == "user_role_changed"


def test_an_ldc_user_cannot_be_given_an_sme_role(world: World) -> None:
    with pytest.raises(InvalidInput):
        user_admin.change_role(
            world.engine,
            manager(world),
            user_id=world.users["beta.user1"],
            role=Role.SME_AGENT,
            ldc_manager=False,
            now=LATER,
        )


def deactivate_agent(world: World) -> None:
    user_admin.set_account_active(
        world.engine,
        manager(world),
        user_id=world.users["sme.agent1"],
        active=False,
        now=LATER,
    )


def assign_alpha_incident_to_agent(world: World) -> str:
    key = world.tickets["alpha-inc"]
    incident_work.assign(
        world.engine,
        actor(world, "sme.agent1"),
        key=key,
        version=ticket(world, key)["version"],
        assignee_id=world.users["sme.agent1"],
        group_code="service_desk",
        now=T0,
    )
    return key


def test_a_deactivated_persons_open_tickets_go_back_to_their_group(
    world: World,
) -> None:
    key = assign_alpha_incident_to_agent(world)
    deactivate_agent(world)
    released = user_admin.release_open_tickets(
        world.engine, manager(world), user_id=world.users["sme.agent1"], now=LATER
    )
    after = reading.get_ticket(world.engine, manager(world), key=key)
    assert (released, after["assignee_id"], after["group_code"]) == (
        1,
        None,
        "service_desk",
    )


def test_an_active_persons_tickets_are_not_handed_on(world: World) -> None:
    assign_alpha_incident_to_agent(world)
    with pytest.raises(InvalidInput, match="Deactivate the account"):
        user_admin.release_open_tickets(
            world.engine, manager(world), user_id=world.users["sme.agent1"], now=LATER
        )

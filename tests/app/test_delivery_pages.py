"""The notification settings, the desk's delivery failures and the inbox, in AppTest."""

import sqlalchemy as sa

from dashboard.delivery import inbox
from dashboard.incidents import incident_work
from dashboard.kernel import auth
from data_access.engine import UnitOfWork, read
from data_access.schema import audit_log, notifications
from tests.app.grids import grid_rows, grid_text, tick_lines
from tests.factories import PASSWORD, T0, World, actor


def told_alpha_users(world: World) -> None:
    agent = actor(world, "sme.agent1")
    incident_work.comment(
        world.engine,
        agent,
        key=world.tickets["alpha-inc"],
        body="Looking into it",
        internal=False,
        now=T0,
    )


def fail_every_email(world: World) -> None:
    with UnitOfWork(world.engine) as uow:
        uow.conn.execute(
            notifications.update().values(
                email_state="failed", attempts=6, last_error="550 No such mailbox"
            )
        )
        uow.commit()


def email_states(world: World) -> set[str]:
    with read(world.engine) as conn:
        return set(conn.scalars(sa.select(notifications.c.email_state)))


def test_the_account_page_saves_the_daily_digest_preference(app, world: World) -> None:
    at = app("alpha.user1", page="account")
    at.radio(key="notify_choice").set_value("digest")
    next(b for b in at.button if b.label == "Save notification settings").click().run()
    assert not at.exception
    assert "Saved: Daily digest" in at.success[0].value
    user = auth.sign_in(
        world.engine, username="alpha.user1", password=PASSWORD, now=T0
    ).actor
    assert inbox.preference(world.engine, user) == "digest"


def test_the_account_page_shows_the_current_preference(app, world: World) -> None:
    user = auth.sign_in(
        world.engine, username="sme.cim1", password=PASSWORD, now=T0
    ).actor
    inbox.set_preference(world.engine, user, choice="in_app", now=T0)
    at = app("sme.cim1", page="account")
    assert at.radio(key="notify_choice").value == "in_app"


def test_the_desk_sees_failed_emails_and_retries_one(app, world: World) -> None:
    told_alpha_users(world)
    fail_every_email(world)
    at = app("sme.agent1", page="delivery")
    assert not at.exception
    rows = grid_rows(at)
    assert [r["Error"] for r in rows] == ["550 No such mailbox"] * len(rows)
    assert next(b for b in at.button if b.key == "delivery_retry").disabled
    at.session_state[str(at.dataframe[0].key)] = {
        "selection": {"rows": [0], "columns": [], "cells": []}
    }
    at.run()
    next(b for b in at.button if b.key == "delivery_retry").click().run()
    assert not at.exception
    assert "Back in the outbox" in at.success[0].value
    assert "pending" in email_states(world)
    with read(world.engine) as conn:
        assert conn.scalar(sa.select(audit_log.c.actor_id)) == world.users["sme.agent1"]


def test_an_sme_manager_sees_the_failures_list(app) -> None:
    at = app("sme.manager1", page="delivery")
    assert not at.exception
    assert at.success[0].value == "No failed emails."


def test_the_failures_list_is_not_in_an_ldc_users_navigation(app, world: World) -> None:
    told_alpha_users(world)
    fail_every_email(world)
    at = app("alpha.user1", page="delivery")
    assert at.title[0].value != "Delivery failures"
    assert not any("550" in t.value for t in at.text)
    assert "550" not in grid_text(at)


def test_the_inbox_marks_one_notification_read(app, world: World) -> None:
    told_alpha_users(world)
    at = tick_lines(app("alpha.user1", page="inbox"), 0)
    at.button(key="inbox_read_chosen").click().run()
    assert not at.exception
    assert [(r["Read"], r["Email"]) for r in grid_rows(at)] == [("", "not emailed")]

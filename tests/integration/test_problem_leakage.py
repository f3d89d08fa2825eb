"""As an LDC user of Alpha Hydro, nothing of Beta Power reaches the problem views."""

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from dashboard.incidents import incident_outreach
from dashboard.problems import problem_reading, problem_work
from data_access.engine import read
from data_access.problem_store import ProblemQuery
from data_access.schema import notifications, tickets
from tests.app import conftest
from tests.factories import World, actor
from tests.integration.test_problems import (
    LATER,
    give_summary,
    link,
    problem,
    save,
    subscribe,
)

app = conftest.app  # the signed-in AppTest, shared with tests/app
BETA_SECRETS = ("Beta Power", "ORG0002", "Beta secret text", "Beta synchronization")


@pytest.fixture
def leaky(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    """A problem linked to both LDCs' incidents, with Beta named in its staff side."""
    monkeypatch.setenv("SERVICEDESK_JOBS", "off")
    give_summary(world)
    link(world, "alpha-inc")
    link(world, "beta-inc")
    subscribe(world, "beta.user1")
    with world.engine.begin() as conn:
        conn.execute(
            tickets.update()
            .where(tickets.c.ticket_key == world.tickets["problem"])
            .values(description="First seen by Beta Power (ORG0002): Beta secret text")
        )
    save(
        world,
        status="Under investigation",
        workaround="Re-run VEE for the day",
        root_cause="Beta Power's ORG0002 feed has Beta secret text",
    )
    problem_work.comment(
        world.engine,
        actor(world, "sme.agent1"),
        key=world.tickets["problem"],
        body="Beta Power (ORG0002) called: Beta secret text",
        internal=True,
        now=LATER,
    )
    incident_outreach.send_workaround(
        world.engine,
        actor(world, "sme.agent1"),
        key=world.tickets["problem"],
        now=LATER,
    )
    return world


def secrets_of(world: World) -> tuple[str, ...]:
    return (*BETA_SECRETS, world.tickets["beta-inc"])


def rendered(at: AppTest) -> str:
    """Everything the page sent to the browser, as text."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if getattr(node, "proto", None) is not None:
            parts.append(str(node.proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


@pytest.mark.parametrize("page", ["problems", "problem", "subscriptions"])
def test_alphas_problem_pages_show_nothing_of_beta(
    leaky: World, app: Callable[..., AppTest], *, page: str
) -> None:
    subscribe(leaky, "alpha.user1")
    at = app("alpha.user1", page=page, key=leaky.tickets["problem"])
    assert not at.exception
    shown = rendered(at)
    assert "Known defect in VEE" in shown
    assert [s for s in secrets_of(leaky) if s in shown] == []


def test_alphas_record_shows_alphas_own_linked_incident(
    leaky: World, app: Callable[..., AppTest]
) -> None:
    at = app("alpha.user1", page="problem", key=leaky.tickets["problem"])
    assert leaky.tickets["alpha-inc"] in rendered(at)


def test_alphas_problem_list_record_links_and_history_hold_nothing_of_beta(
    leaky: World,
) -> None:
    alpha = actor(leaky, "alpha.user1")
    problem_id = problem(leaky)["id"]
    answers = [
        problem_reading.list_problems(leaky.engine, alpha, query=ProblemQuery()).rows,
        problem_reading.get_problem(leaky.engine, alpha, key=leaky.tickets["problem"]),
        problem_reading.linked_incidents(leaky.engine, alpha, problem_id=problem_id),
        problem_reading.problem_timeline(leaky.engine, alpha, problem_id=problem_id),
    ]
    shown = repr(answers)
    assert [s for s in secrets_of(leaky) if s in shown] == []


def test_alphas_notices_about_the_problem_show_nothing_of_beta(leaky: World) -> None:
    subscribe(leaky, "alpha.user1")
    save(leaky, status="Resolved")
    with read(leaky.engine) as conn:
        told = conn.execute(
            sa.select(notifications.c.subject, notifications.c.body).where(
                notifications.c.recipient_id == leaky.users["alpha.user1"]
            )
        ).all()
    shown = repr(told)
    assert told
    assert [s for s in secrets_of(leaky) if s in shown] == []


def test_staff_do_see_beta_on_the_record(
    leaky: World, app: Callable[..., AppTest]
) -> None:
    at = app("sme.agent1", page="problem", key=leaky.tickets["problem"])
    assert leaky.tickets["beta-inc"] in rendered(at)

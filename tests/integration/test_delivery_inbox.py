"""The inbox's views: filters and pages answered by the store, and SLA summaries."""

import uuid
from datetime import timedelta

from dashboard.delivery import inbox
from dashboard.incidents import incident_work
from dashboard.kernel import reading
from dashboard.sla.sla_watch import watch_clocks
from data_access import change_store
from data_access.engine import UnitOfWork
from tests.delivery_fixtures import file_severity_two
from tests.factories import T0, World, actor


def notify(
    world: World, username: str, *, ticket: str | None, event: str, n: int = 1
) -> None:
    """n notifications to a user about one of the world's tickets."""
    with UnitOfWork(world.engine) as uow:
        ticket_id = (
            reading.get_ticket(
                world.engine, actor(world, "sme.manager1"), key=world.tickets[ticket]
            )["id"]
            if ticket
            else None
        )
        change_store.queue_notifications(
            uow.conn,
            [
                {
                    "change_id": str(uuid.uuid4()),
                    "ticket_id": ticket_id,
                    "recipient_id": world.users[username],
                    "event": event,
                    "subject": f"{event} {i}",
                    "body": "Something happened.",
                    "created_at": T0 + timedelta(minutes=i),
                    "message_id": f"<{uuid.uuid4()}@test>",
                    "email_state": "not_emailed",
                }
                for i in range(n)
            ],
        )
        uow.commit()


def subjects(page: inbox.Page) -> list[str]:
    return [item["subject"] for item in page.items]


def test_a_long_inbox_comes_fifty_at_a_time_newest_first(world: World) -> None:
    notify(world, "sme.agent1", ticket="alpha-inc", event="comment", n=85)
    agent = actor(world, "sme.agent1")
    first = inbox.page_of(world.engine, agent, view=inbox.View())
    assert (len(first.items), first.shown, first.has_next) == (50, "1–50 of 85", True)
    assert first.items[0]["subject"] == "comment 84"


def test_the_last_page_holds_the_rest_and_has_no_next(world: World) -> None:
    notify(world, "sme.agent1", ticket="alpha-inc", event="comment", n=85)
    agent = actor(world, "sme.agent1")
    last = inbox.page_of(world.engine, agent, view=inbox.View(page=2))
    assert (len(last.items), last.shown, last.has_next) == (35, "51–85 of 85", False)


def test_a_page_past_the_end_shows_the_last_page(world: World) -> None:
    notify(world, "sme.agent1", ticket="alpha-inc", event="comment", n=3)
    page = inbox.page_of(
        world.engine, actor(world, "sme.agent1"), view=inbox.View(page=40)
    )
    assert (page.number, page.shown) == (1, "1–3 of 3")


def test_the_unread_view_counts_only_unread_notifications(world: World) -> None:
    notify(world, "sme.agent1", ticket="alpha-inc", event="comment", n=3)
    agent = actor(world, "sme.agent1")
    newest = inbox.page_of(world.engine, agent, view=inbox.View()).items[0]
    inbox.mark_read(world.engine, agent, ids=[newest["id"]], now=T0)
    page = inbox.page_of(world.engine, agent, view=inbox.View(unread_only=True))
    assert (subjects(page), page.total) == (["comment 1", "comment 0"], 2)


def test_the_sla_view_shows_only_sla_alerts(world: World) -> None:
    notify(world, "sme.agent1", ticket="alpha-inc", event="comment")
    notify(world, "sme.agent1", ticket="beta-inc", event="sla_breached")
    page = inbox.page_of(
        world.engine, actor(world, "sme.agent1"), view=inbox.View(about="sla")
    )
    assert subjects(page) == ["sla_breached 0"]


def test_my_tickets_are_those_i_reported_or_am_assigned(world: World) -> None:
    # sme.agent1 reported the MDM/R-wide incident and the problem, not alpha-inc.
    for ticket in ("alpha-inc", "wide-inc", "problem"):
        notify(world, "sme.agent1", ticket=ticket, event=f"about {ticket}")
    notify(world, "sme.agent1", ticket=None, event="account")
    page = inbox.page_of(
        world.engine, actor(world, "sme.agent1"), view=inbox.View(about="mine")
    )
    assert sorted(subjects(page)) == ["about problem 0", "about wide-inc 0"]


def test_the_problems_view_shows_notices_about_problems(world: World) -> None:
    notify(world, "alpha.user1", ticket="alpha-inc", event="comment")
    notify(world, "alpha.user1", ticket="problem", event="problem_workaround")
    page = inbox.page_of(
        world.engine, actor(world, "alpha.user1"), view=inbox.View(about="problems")
    )
    assert subjects(page) == ["problem_workaround 0"]


def test_filters_combine_with_unread(world: World) -> None:
    notify(world, "sme.agent1", ticket="beta-inc", event="sla_at_risk", n=2)
    agent = actor(world, "sme.agent1")
    inbox.mark_read(world.engine, agent, ids=None, now=T0)
    notify(world, "sme.agent1", ticket="beta-inc", event="comment")
    view = inbox.View(unread_only=True, about="sla")
    assert inbox.page_of(world.engine, agent, view=view).total == 0


def test_an_sla_summary_links_every_ticket_it_names(world: World) -> None:
    keys = [file_severity_two(world, f"Outage {n}") for n in range(3)]
    watch_clocks(world.engine, now=T0 + timedelta(minutes=46))
    cim = actor(world, "sme.cim1")
    [summary] = inbox.page_of(world.engine, cim, view=inbox.View(about="sla")).items
    assert summary["subject"] == "SLA: 3 tickets at risk"
    assert sorted(inbox.linked_keys(summary)) == sorted(keys)


def test_an_sla_summary_opens_the_readers_own_ticket_first(world: World) -> None:
    keys = [file_severity_two(world, f"Outage {n}") for n in range(3)]
    cim = actor(world, "sme.cim1")
    mine = reading.get_ticket(world.engine, cim, key=keys[2])
    incident_work.assign(
        world.engine,
        cim,
        key=keys[2],
        version=mine["version"],
        assignee_id=world.users["sme.cim1"],
        group_code="critical_incident_managers",
        now=T0 + timedelta(minutes=1),
    )
    watch_clocks(world.engine, now=T0 + timedelta(minutes=46))
    mine_view = inbox.page_of(world.engine, cim, view=inbox.View(about="mine"))
    [summary] = [i for i in mine_view.items if i["event"] == inbox.SLA_SUMMARY]
    assert summary["ticket_key"] == keys[2]

import pytest

from dashboard.kernel import reading
from dashboard.kernel.rules.errors import InvalidInput, NotFound
from data_access.ticket_store import TicketQuery
from tests.factories import T0, World, actor, add_ticket


def keys(world: World, who: str, **query: object) -> set[str]:
    asked = TicketQuery(**query)  # type: ignore[arg-type]
    page = reading.list_tickets(world.engine, actor(world, who), query=asked)
    return {r["ticket_key"] for r in page.rows}


def test_an_ldc_user_lists_only_their_own_ldcs_incidents_and_requests(
    world: World,
) -> None:
    t = world.tickets
    assert keys(world, "alpha.user1") == {t["alpha-inc"], t["alpha-sr"], t["wide-inc"]}


def test_staff_list_every_organizations_tickets_and_problems(world: World) -> None:
    assert keys(world, "sme.agent1") == set(world.tickets.values())


def test_an_ldc_user_asking_for_another_ldcs_ticket_history_by_id_gets_nothing(
    world: World,
) -> None:
    staff = actor(world, "sme.agent1")
    beta = reading.get_ticket(world.engine, staff, key=world.tickets["beta-inc"])
    alpha = actor(world, "alpha.user1")
    assert reading.timeline(world.engine, alpha, ticket_id=beta["id"]) == []


def test_an_ldc_user_opening_another_ldcs_key_is_told_it_is_not_found(
    world: World,
) -> None:
    with pytest.raises(NotFound, match="no ticket INC-"):
        reading.get_ticket(
            world.engine, actor(world, "alpha.user1"), key=world.tickets["beta-inc"]
        )


def test_a_missing_key_gets_the_same_answer_as_a_forbidden_one(world: World) -> None:
    with pytest.raises(
        NotFound, match="There is no ticket INC-999999 that you may see"
    ):
        reading.get_ticket(world.engine, actor(world, "alpha.user1"), key="INC-999999")


def test_an_ldc_user_cannot_open_a_problem_as_a_ticket(world: World) -> None:
    with pytest.raises(NotFound):
        reading.get_ticket(
            world.engine, actor(world, "alpha.user1"), key=world.tickets["problem"]
        )


def test_an_ldc_user_can_open_an_mdmr_wide_incident(world: World) -> None:
    ticket = reading.get_ticket(
        world.engine, actor(world, "beta.user1"), key=world.tickets["wide-inc"]
    )
    assert ticket["is_mdmr_wide"]


def test_a_malformed_key_is_refused_with_the_expected_form(world: World) -> None:
    with pytest.raises(InvalidInput, match="keys look like INC-000123"):
        reading.get_ticket(world.engine, actor(world, "alpha.user1"), key="1 OR 1=1")


def test_an_ldc_user_never_sees_internal_work_notes(world: World) -> None:
    user = actor(world, "alpha.user1")
    ticket = reading.get_ticket(world.engine, user, key=world.tickets["alpha-inc"])
    bodies = [
        e["comment_body"]
        for e in reading.timeline(world.engine, user, ticket_id=ticket["id"])
    ]
    assert "We are looking into it." in bodies
    assert not any("vendor ticket 4711" in (b or "") for b in bodies)


def test_staff_see_internal_work_notes(world: World) -> None:
    agent = actor(world, "osp.eng1")
    ticket = reading.get_ticket(world.engine, agent, key=world.tickets["alpha-inc"])
    bodies = [
        e["comment_body"]
        for e in reading.timeline(world.engine, agent, ticket_id=ticket["id"])
    ]
    assert "Internal: vendor ticket 4711 opened" in bodies


def test_the_mdmr_wide_banner_shows_open_wide_incidents_to_ldc_users_only(
    world: World,
) -> None:
    assert [
        i["ticket_key"]
        for i in reading.mdmr_wide_banner(world.engine, actor(world, "beta.user1"))
    ] == [world.tickets["wide-inc"]]
    assert reading.mdmr_wide_banner(world.engine, actor(world, "sme.agent1")) == []


def test_search_words_find_titles_and_descriptions_within_the_visible_tickets(
    world: World,
) -> None:
    assert keys(world, "alpha.user1", text="secret") == {world.tickets["alpha-inc"]}
    assert keys(world, "sme.agent1", text="secret") == {
        world.tickets["alpha-inc"],
        world.tickets["beta-inc"],
    }


def test_percent_and_underscore_in_search_words_match_themselves(world: World) -> None:
    add_ticket(
        world,
        "pct",
        org="Alpha Hydro",
        reporter="alpha.user1",
        title="Reads at 100% for meter_7",
    )
    assert keys(world, "alpha.user1", text="100%") == {world.tickets["pct"]}
    assert keys(world, "alpha.user1", text="r_7") == {world.tickets["pct"]}
    assert keys(world, "alpha.user1", text="%") == {world.tickets["pct"]}


def test_filters_combine_kind_status_and_severity(world: World) -> None:
    assert keys(world, "sme.agent1", kinds=("incident",), severities=(1,)) == {
        world.tickets["wide-inc"]
    }
    assert keys(world, "sme.agent1", statuses=("Submitted",)) == {
        world.tickets["alpha-sr"]
    }


def test_a_staff_filter_by_organization_keeps_only_that_ldc(world: World) -> None:
    assert keys(world, "sme.agent1", org_ids=(world.orgs["Beta Power"],)) == {
        world.tickets["beta-inc"]
    }


def test_an_ldc_user_filtering_by_another_ldc_still_sees_nothing_of_it(
    world: World,
) -> None:
    found = keys(world, "alpha.user1", org_ids=(world.orgs["Beta Power"],))
    assert world.tickets["beta-inc"] not in found


def test_pages_split_the_list_and_count_every_match(world: World) -> None:
    for i in range(30):
        add_ticket(
            world,
            f"bulk{i}",
            org="Beta Power",
            reporter="beta.user1",
            title=f"Bulk {i}",
            created=T0.replace(day=3),
        )
    user = actor(world, "beta.user1")
    first = reading.list_tickets(
        world.engine, user, query=TicketQuery(page_size=25, page=1)
    )
    second = reading.list_tickets(
        world.engine, user, query=TicketQuery(page_size=25, page=2)
    )
    assert (first.total, first.page_count, len(first.rows), len(second.rows)) == (
        32,
        2,
        25,
        7,
    )
    assert not {r["ticket_key"] for r in first.rows} & {
        r["ticket_key"] for r in second.rows
    }


def test_an_unknown_page_size_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput, match="Page size"):
        reading.list_tickets(
            world.engine,
            actor(world, "beta.user1"),
            query=TicketQuery(page_size=10_000),
        )


def test_overlong_search_words_are_refused(world: World) -> None:
    with pytest.raises(InvalidInput, match="limited to 200"):
        reading.list_tickets(
            world.engine, actor(world, "beta.user1"), query=TicketQuery(text="x" * 201)
        )

"""Each analytics aggregate against numbers worked out by hand (analytics_world)."""

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from dashboard.analytics.analytics_reading import OPEN
from data_access import analytics_store
from tests.factories import World
from tests.integration.analytics_world import MARCH_APRIL, NOW, analytics_world, at

SCOPE = analytics_store.Scope(start=at("2026-03-01 05:00"), end=at("2026-05-01 04:00"))


@pytest.fixture
def world(new_store: Callable[..., str]) -> World:
    return analytics_world(new_store("analytics"))


@pytest.fixture
def conn(world: World) -> Iterator[sa.Connection]:
    with world.engine.connect() as connection:
        yield connection


def cells(
    rows: list[dict[str, object]],
) -> dict[tuple[object, object], tuple[int, int]]:
    return {
        (r["row"], r["period"]): (int(str(r["met"])), int(str(r["decided"])))
        for r in rows
    }


def test_compliance_by_ldc_counts_each_clock_in_its_toronto_month(conn) -> None:
    found = analytics_store.compliance(conn, SCOPE, rows="ldc", grain="month")
    assert cells(found) == {
        ("Alpha Hydro", date(2026, 3, 1)): (1, 2),
        ("Alpha Hydro", date(2026, 4, 1)): (1, 1),
        ("Beta Power", date(2026, 3, 1)): (0, 1),
        ("MDM/R-wide", date(2026, 3, 1)): (1, 1),
    }


def test_mdmr_wide_incidents_have_a_row_key_of_their_own(conn) -> None:
    found = analytics_store.compliance(conn, SCOPE, rows="ldc", grain="month")
    assert {r["row_key"] for r in found if r["row"] == "MDM/R-wide"} == {"wide"}


def test_compliance_by_severity_counts_incidents_per_toronto_week(conn) -> None:
    found = analytics_store.compliance(conn, SCOPE, rows="severity", grain="week")
    assert cells(found) == {
        ("Sev 1", date(2026, 3, 2)): (1, 1),
        ("Sev 2", date(2026, 3, 30)): (0, 1),
        ("Sev 3", date(2026, 3, 2)): (1, 1),
        ("Sev 3", date(2026, 3, 16)): (0, 1),
    }


def test_compliance_by_request_type_counts_fulfilment_clocks(conn) -> None:
    found = analytics_store.compliance(conn, SCOPE, rows="request_type", grain="month")
    assert cells(found) == {("gui_password_reset", date(2026, 4, 1)): (1, 1)}


def test_an_ldc_filter_keeps_that_ldc_and_the_mdmr_wide_row(conn, world) -> None:
    scope = analytics_store.Scope(
        start=SCOPE.start, end=SCOPE.end, org_ids=(world.orgs["Beta Power"],)
    )
    found = analytics_store.compliance(conn, scope, rows="ldc", grain="month")
    assert cells(found) == {
        ("Beta Power", date(2026, 3, 1)): (0, 1),
        ("MDM/R-wide", date(2026, 3, 1)): (1, 1),
    }


def test_a_severity_filter_leaves_out_requests(conn) -> None:
    scope = analytics_store.Scope(start=SCOPE.start, end=SCOPE.end, severities=(3,))
    found = analytics_store.compliance(conn, scope, rows="ldc", grain="month")
    assert cells(found) == {
        ("Alpha Hydro", date(2026, 3, 1)): (1, 1),
        ("Beta Power", date(2026, 3, 1)): (0, 1),
    }


def test_a_kind_filter_keeps_only_that_kind(conn) -> None:
    scope = analytics_store.Scope(
        start=SCOPE.start, end=SCOPE.end, kinds=("service_request",)
    )
    found = analytics_store.compliance(conn, scope, rows="ldc", grain="month")
    assert cells(found) == {("Alpha Hydro", date(2026, 4, 1)): (1, 1)}


def test_the_period_ends_at_toronto_midnight(conn) -> None:
    # Up to 2026-03-31 Toronto: the breach due at 22:00 that evening still counts.
    scope = analytics_store.Scope(start=SCOPE.start, end=at("2026-04-01 04:00"))
    found = analytics_store.compliance(conn, scope, rows="ldc", grain="month")
    assert cells(found)[("Alpha Hydro", date(2026, 3, 1))] == (1, 2)
    assert ("Alpha Hydro", date(2026, 4, 1)) not in cells(found)


def test_a_cell_lists_the_tickets_whose_clocks_it_counts(conn, world) -> None:
    found = analytics_store.compliance_tickets(
        conn,
        SCOPE,
        rows="ldc",
        grain="month",
        row_key=str(world.orgs["Alpha Hydro"]),
        period=date(2026, 3, 1),
    )
    assert [(r["ticket_key"], r["outcome"]) for r in found] == [
        (world.tickets["alpha-inc"], "met"),
        (world.tickets["alpha-inc2"], "breached"),
    ]


def test_breaches_are_counted_in_the_month_they_were_due(conn) -> None:
    found = analytics_store.breaches(conn, SCOPE)
    assert [(r["period"], r["kind"], r["n"]) for r in found] == [
        (date(2026, 3, 1), "incident", 2)
    ]


def test_a_month_of_breaches_lists_only_the_breached_tickets(conn, world) -> None:
    found = analytics_store.compliance_tickets(
        conn,
        SCOPE,
        rows="kind",
        grain="month",
        row_key="incident",
        period=date(2026, 3, 1),
        breached_only=True,
    )
    assert {r["ticket_key"] for r in found} == {
        world.tickets["beta-inc"],
        world.tickets["alpha-inc2"],
    }


def test_arrivals_are_counted_per_toronto_weekday_and_hour(conn) -> None:
    found = analytics_store.arrivals(conn, SCOPE)
    assert {(r["weekday"], r["hour"]): r["n"] for r in found} == {
        (1, 9): 4,  # 2026-03-02 14:00 UTC, a Monday at 09:00 EST; the problem left out
        (1, 23): 1,  # 2026-03-10 03:30 UTC is Monday 23:30 EDT
        (3, 12): 1,
    }


def test_an_arrivals_cell_lists_its_tickets(conn, world) -> None:
    found = analytics_store.arrival_tickets(conn, SCOPE, weekday=1, hour=23)
    assert [r["ticket_key"] for r in found] == [world.tickets["alpha-inc2"]]


def test_incidents_are_counted_per_toronto_week(conn, world) -> None:
    found = analytics_store.incidents_per_week(conn, SCOPE)
    assert {r["week"]: r["n"] for r in found} == {
        date(2026, 3, 2): 3,
        date(2026, 3, 9): 1,
        date(2026, 3, 30): 1,
    }
    week = analytics_store.week_tickets(conn, SCOPE, week=date(2026, 3, 9))
    assert [r["ticket_key"] for r in week] == [world.tickets["alpha-inc2"]]


def test_backlog_ages_open_tickets_by_kind_and_severity(conn) -> None:
    found = analytics_store.backlog(conn, SCOPE, now=NOW, open_statuses=OPEN)
    assert {(r["bucket"], r["group_key"]): r["n"] for r in found} == {
        (2, "incident:3"): 1,  # beta-inc2, 3.8 days old
        (3, "incident:2"): 1,  # alpha-inc2, 26 days old
        (4, "service_request"): 1,  # old-sr, 63 days old
    }


def test_a_backlog_bar_lists_its_tickets(conn, world) -> None:
    found = analytics_store.backlog_tickets(
        conn, SCOPE, now=NOW, open_statuses=OPEN, bucket=4, group_key="service_request"
    )
    assert [r["ticket_key"] for r in found] == [world.tickets["old-sr"]]


def test_the_board_lists_open_tickets_nearest_deadline_first(conn, world) -> None:
    found = analytics_store.at_risk(conn, SCOPE, open_statuses=OPEN)
    assert [(r["ticket_key"], r["sla_state"]) for r in found] == [
        (world.tickets["alpha-inc2"], "breached"),
        (world.tickets["beta-inc2"], "at_risk"),
        (world.tickets["old-sr"], "running"),
    ]


def test_time_to_resolve_gives_median_and_90th_percentile_hours(conn) -> None:
    found = analytics_store.time_to_resolve(conn, SCOPE)
    assert [
        (r["severity"], r["period"], r["resolved"], r["median_hours"], r["p90_hours"])
        for r in found
    ] == [
        (1, date(2026, 3, 1), 1, 24.0, 24.0),
        # 73 h and 480 h: median 276.5; p90 = 73 + 0.9 x 407 = 439.3
        (3, date(2026, 3, 1), 2, 276.5, pytest.approx(439.3)),
    ]


def test_release_impact_counts_incidents_14_days_either_side(conn) -> None:
    found = analytics_store.release_impact(
        conn, SCOPE, window=timedelta(days=14), now=NOW
    )
    # Before 2026-03-09 08:00: alpha-inc, beta-inc, wide-inc; after: alpha-inc2.
    # The release planned after now is left out.
    assert [(r["name"], r["before"], r["after"]) for r in found] == [
        ("MDM/R 12.1 (test)", 3, 1)
    ]


def test_the_compliance_target_is_the_policy_in_force(conn) -> None:
    assert {round(t, 4) for t in analytics_store.compliance_targets(conn, now=NOW)} == {
        0.95
    }


def test_march_and_april_filters_match_the_scope_used_here() -> None:
    from dashboard.analytics.analytics_reading import scope_for
    from dashboard.kernel.rules.authorization import Actor, Role

    manager = Actor(1, Role.SME_MANAGER, 1, False, "M")
    scope = scope_for(manager, MARCH_APRIL)
    assert (scope.start, scope.end) == (SCOPE.start, SCOPE.end)

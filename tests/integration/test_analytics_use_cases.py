"""The analytics use cases: who may see them, and the frames they hand the charts."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from dashboard.analytics import analytics_reading
from dashboard.kernel.rules.authorization import Actor, Role
from dashboard.kernel.rules.errors import InvalidInput, NotAllowed
from tests.factories import World
from tests.integration.analytics_world import MARCH_APRIL, NOW, analytics_world


@pytest.fixture
def world(new_store: Callable[..., str]) -> World:
    return analytics_world(new_store("analytics_reading"))


def actor(world: World, username: str, *, role: Role, org: str, manager: bool) -> Actor:
    org_id = world.orgs.get(org, 0)
    return Actor(world.users[username], role, org_id, manager, username)


def manager(world: World) -> Actor:
    return actor(world, "sme.manager1", role=Role.SME_MANAGER, org="SME", manager=False)


def alpha_manager(world: World) -> Actor:
    return actor(
        world, "alpha.manager", role=Role.LDC_USER, org="Alpha Hydro", manager=True
    )


def test_an_sme_manager_gets_the_share_met_per_cell(world) -> None:
    frame = analytics_reading.compliance(
        world.engine, manager(world), filters=MARCH_APRIL, rows="ldc", ldc_view=False
    )
    alpha_march = frame[
        (frame.row == "Alpha Hydro") & (frame.period == date(2026, 3, 1))
    ]
    assert list(alpha_march.compliance) == [0.5]


def test_request_types_are_shown_by_their_catalogue_name(world) -> None:
    frame = analytics_reading.compliance(
        world.engine,
        manager(world),
        filters=MARCH_APRIL,
        rows="request_type",
        ldc_view=False,
    )
    assert list(frame.row) == ["MDM/R GUI Password Reset"]
    assert list(frame.row_key) == ["gui_password_reset"]


def test_an_ldc_manager_sees_only_their_ldc_and_the_mdmr_wide_row(world) -> None:
    boss = alpha_manager(world)
    asked = replace(MARCH_APRIL, org_ids=(world.orgs["Beta Power"],))
    frame = analytics_reading.compliance(
        world.engine, boss, filters=asked, rows="ldc", ldc_view=True
    )
    assert set(frame.row) == {"Alpha Hydro", "MDM/R-wide"}


def test_an_ldc_manager_may_not_open_the_sme_analytics(world) -> None:
    with pytest.raises(NotAllowed):
        analytics_reading.arrivals(
            world.engine, alpha_manager(world), filters=MARCH_APRIL
        )
    with pytest.raises(NotAllowed):
        analytics_reading.require_access(alpha_manager(world), ldc_view=False)


@pytest.mark.parametrize(
    ("username", "role", "org"),
    [
        ("alpha.user1", Role.LDC_USER, "Alpha Hydro"),
        ("sme.agent1", Role.SME_AGENT, "SME"),
    ],
)
def test_other_users_may_not_see_any_compliance(world, username, *, role, org) -> None:
    someone = actor(world, username, role=role, org=org, manager=False)
    for ldc_view in (False, True):
        with pytest.raises(NotAllowed):
            analytics_reading.compliance(
                world.engine,
                someone,
                filters=MARCH_APRIL,
                rows="ldc",
                ldc_view=ldc_view,
            )


def test_a_period_that_ends_before_it_starts_is_refused(world) -> None:
    backwards = replace(MARCH_APRIL, start=date(2026, 5, 1))
    with pytest.raises(InvalidInput, match="start on or before"):
        analytics_reading.breaches(world.engine, manager(world), filters=backwards)


def test_drill_down_rows_link_to_their_ticket_pages(world) -> None:
    frame = analytics_reading.compliance_tickets(
        world.engine,
        manager(world),
        filters=MARCH_APRIL,
        rows="ldc",
        row_key="wide",
        period=date(2026, 3, 1),
        ldc_view=False,
    )
    key = world.tickets["wide-inc"]
    assert list(frame.link) == [f"/ticket?key={key}"]


def test_the_board_says_how_many_hours_are_left(world) -> None:
    frame = analytics_reading.at_risk(
        world.engine, manager(world), filters=MARCH_APRIL, now=NOW
    )
    # Due 2026-04-01 02:00, now 2026-04-05 12:00: 106 hours late.
    assert list(frame.hours_left) == [-106.0, 24.0, 72.0]


def test_backlog_buckets_carry_their_labels(world) -> None:
    frame = analytics_reading.backlog(
        world.engine, manager(world), filters=MARCH_APRIL, now=NOW
    )
    assert list(zip(frame.age, frame.group, strict=True)) == [
        ("3–7 days", "Incident Sev 3"),
        ("7–30 days", "Incident Sev 2"),
        ("30+ days", "Service request"),
    ]


def test_release_impact_gives_the_change_and_whether_14_days_passed(world) -> None:
    frame = analytics_reading.release_impact(
        world.engine, manager(world), filters=MARCH_APRIL, now=NOW
    )
    assert list(frame.change_pct) == [-66.7]
    assert list(frame.complete) == [True]


def test_the_compliance_target_is_read_as_a_clean_share(world) -> None:
    assert analytics_reading.compliance_target(world.engine, now=NOW) == 0.95

"""The catalogue reads each request's target from the store's current policy."""

from dashboard.requests import catalogue_reading
from dashboard.sla import sla_admin
from tests.factories import T0, World, actor
from tests.integration.test_requests import LATER


def target_of(world: World, code: str, *, username: str = "alpha.user1") -> str:
    entries = catalogue_reading.catalogue(
        world.engine, actor(world, username), now=LATER
    )
    return next(e["target"] for e in entries if e["code"] == code)


def test_the_catalogue_lists_the_twelve_requests(world: World) -> None:
    entries = catalogue_reading.catalogue(
        world.engine, actor(world, "alpha.user1"), now=T0
    )
    assert len(entries) == 12


def test_a_target_comes_from_the_current_policy(world: World) -> None:
    assert target_of(world, "crossed_meter") == "10 business days"


def test_a_new_policy_version_changes_the_target_shown(world: World) -> None:
    manager = actor(world, "sme.manager1")
    newest = sla_admin.versions(world.engine, manager)[0]
    rows = [
        r | {"resolution_minutes": 2 * 540}
        if r["target_key"] == "service_request:question"
        else r
        for r in sla_admin.targets_of(world.engine, manager, policy_id=newest["id"])
    ]
    sla_admin.save_version(
        world.engine, manager, rows=rows, note="Faster answers", now=T0
    )
    assert target_of(world, "question") == "2 business days"


def test_a_non_manager_is_shown_the_account_requests_as_not_for_them(
    world: World,
) -> None:
    entries = catalogue_reading.catalogue(
        world.engine, actor(world, "alpha.user1"), now=T0
    )
    allowed = {e["code"]: e["may_file"] for e in entries}
    assert (allowed["sd_user_creation"], allowed["question"]) == (False, True)

"""Saved views: a person's named filters of a list, theirs alone."""

import pytest

from dashboard.kernel import saved_views
from dashboard.kernel.rules.errors import InvalidInput
from tests.factories import T0, World, actor

VIEW = {"queue_severity": [1, 2], "view": {"sort": "severity", "quick": ["mine"]}}


def test_a_saved_view_comes_back_with_its_settings(world: World) -> None:
    agent = actor(world, "sme.agent1")
    name = saved_views.save(
        world.engine,
        agent,
        list_name="queue",
        name="  Sev 1–2   mine ",
        settings=VIEW,
        now=T0,
    )
    assert name == "Sev 1–2 mine"
    assert saved_views.views(world.engine, agent, list_name="queue") == {name: VIEW}
    # Another list of the same person, and another person, see none of it.
    assert saved_views.views(world.engine, agent, list_name="fulfilment") == {}
    other = actor(world, "osp.eng1")
    assert saved_views.views(world.engine, other, list_name="queue") == {}


def test_saving_under_a_known_name_replaces_that_view(world: World) -> None:
    agent = actor(world, "sme.agent1")
    for settings in (VIEW, {"queue_severity": [3]}):
        saved_views.save(
            world.engine,
            agent,
            list_name="queue",
            name="Mine",
            settings=settings,
            now=T0,
        )
    assert saved_views.views(world.engine, agent, list_name="queue") == {
        "Mine": {"queue_severity": [3]}
    }


def test_a_deleted_view_is_gone_and_deleting_it_again_is_refused(
    world: World,
) -> None:
    agent = actor(world, "sme.agent1")
    saved_views.save(
        world.engine, agent, list_name="queue", name="Mine", settings=VIEW, now=T0
    )
    saved_views.delete(world.engine, agent, list_name="queue", name="Mine")
    assert saved_views.views(world.engine, agent, list_name="queue") == {}
    with pytest.raises(InvalidInput, match="no saved view named"):
        saved_views.delete(world.engine, agent, list_name="queue", name="Mine")


@pytest.mark.parametrize(
    ("name", "list_name", "message"),
    [
        ("", "queue", "required"),
        ("x" * 61, "queue", "limited to 60"),
        ("Mine", "secrets", "not a list"),
    ],
)
def test_a_bad_view_is_refused_and_nothing_is_kept(  # noqa: PLR0917 - parametrized
    world: World, name: str, list_name: str, message: str
) -> None:
    agent = actor(world, "sme.agent1")
    with pytest.raises(InvalidInput, match=message):
        saved_views.save(
            world.engine,
            agent,
            list_name=list_name,
            name=name,
            settings=VIEW,
            now=T0,
        )
    assert saved_views.views(world.engine, agent, list_name="queue") == {}


def test_a_person_keeps_at_most_twenty_views_of_a_list(world: World) -> None:
    agent = actor(world, "sme.agent1")
    for n in range(saved_views.VIEWS_MAX):
        saved_views.save(
            world.engine,
            agent,
            list_name="queue",
            name=f"View {n}",
            settings=VIEW,
            now=T0,
        )
    with pytest.raises(InvalidInput, match="delete one first"):
        saved_views.save(
            world.engine,
            agent,
            list_name="queue",
            name="One more",
            settings=VIEW,
            now=T0,
        )
    # Replacing one of them is still possible.
    saved_views.save(
        world.engine, agent, list_name="queue", name="View 0", settings={}, now=T0
    )
    assert len(saved_views.views(world.engine, agent, list_name="queue")) == 20

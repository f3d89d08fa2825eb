"""SME managers read every ticket and change none: not even by a comment."""

import pytest
import sqlalchemy as sa

from dashboard.incidents import incident_work
from dashboard.kernel.rules.errors import NotAllowed
from dashboard.kernel.uploads import Upload
from dashboard.requests import request_work
from data_access.schema import comments
from tests.factories import T0, World, actor

REFUSAL = "As SME manager you may not comment"


def comment_count(world: World) -> int:
    with world.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(comments)))


def test_an_sme_managers_comment_on_an_incident_is_refused(world: World) -> None:
    with pytest.raises(NotAllowed, match=REFUSAL):
        incident_work.comment(
            world.engine,
            actor(world, "sme.manager1"),
            key=world.tickets["alpha-inc"],
            body="Please hurry",
            internal=False,
            now=T0,
        )


def test_an_sme_managers_refused_incident_comment_stores_nothing(
    world: World,
) -> None:
    before = comment_count(world)
    with pytest.raises(NotAllowed):
        incident_work.comment(
            world.engine,
            actor(world, "sme.manager1"),
            key=world.tickets["alpha-inc"],
            body="Please hurry",
            internal=False,
            now=T0,
        )
    assert comment_count(world) == before


def test_an_sme_managers_comment_on_a_request_is_refused(world: World) -> None:
    with pytest.raises(NotAllowed, match=REFUSAL):
        request_work.comment(
            world.engine,
            actor(world, "sme.manager1"),
            key=world.tickets["alpha-sr"],
            body="Please hurry",
            internal=False,
            now=T0,
        )


def test_an_sme_managers_refused_request_comment_stores_nothing(
    world: World,
) -> None:
    before = comment_count(world)
    with pytest.raises(NotAllowed):
        request_work.comment(
            world.engine,
            actor(world, "sme.manager1"),
            key=world.tickets["alpha-sr"],
            body="Please hurry",
            internal=False,
            now=T0,
        )
    assert comment_count(world) == before


def test_an_sme_managers_files_on_an_incident_are_refused(world: World) -> None:
    with pytest.raises(NotAllowed, match="As SME manager you may not"):
        incident_work.comment(
            world.engine,
            actor(world, "sme.manager1"),
            key=world.tickets["alpha-inc"],
            body="",
            internal=False,
            now=T0,
            files=[Upload(filename="log.txt", content_type="text/plain", data=b"x")],
        )

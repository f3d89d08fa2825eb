"""The guard of the French desk: every page, as each role that has it, shows no English
phrase of the catalogue to a French-speaking user.

The store is the hostile one (every user text a payload), so that any English words
on a page are the desk's own. The pages' text is read from every element: bodies,
labels, help, options, captions, tab names, and the cells and headers of tables.
"""

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from dashboard.kernel.i18n import FRENCH
from data_access.engine import UnitOfWork
from data_access.schema import users
from tests.app.test_hostile_text import (
    VISITS,
    Visit,
    hostile,  # noqa: F401 - the fixture, used by `french`
    open_page,
)
from tests.factories import World
from tests.french_checks import english_in

PLAIN_VISITS = [v for v in VISITS if v.act is None]


def _strings(message: Message) -> Iterator[str]:
    for field, value in message.ListFields():
        values = list(value) if field.is_repeated else [value]
        if field.message_type is not None:
            for item in values:
                yield from _strings(item)
        elif field.type == FieldDescriptor.TYPE_STRING:
            yield from (str(v) for v in values)


def shown_text(at: AppTest) -> Iterator[str]:
    """Every text of the page: element fields, and tables' headers and cells."""
    for node in at._tree:
        if node.type in {"dataframe", "table"}:
            frame = node.value  # type: ignore[union-attr]
            yield from (str(c) for c in frame.columns)
            yield from (str(c) for c in frame.to_numpy().ravel() if isinstance(c, str))
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            yield from _strings(proto)


def english_on(at: AppTest) -> list[str]:
    """The English phrases the page shows, each with the text it is in."""
    found = []
    for text in shown_text(at):
        found += english_in(text)
    return sorted(set(found))


@pytest.fixture(scope="module")
def french(hostile: World) -> World:  # noqa: F811 - the imported fixture
    """The hostile store, its users French-speaking."""
    with UnitOfWork(hostile.engine) as uow:
        uow.conn.execute(users.update().values(language=FRENCH))
        uow.commit()
    return hostile


@pytest.mark.parametrize("visit", PLAIN_VISITS, ids=[v.name for v in PLAIN_VISITS])
def test_no_page_shows_a_french_speaker_english(french: World, *, visit: Visit) -> None:
    at = open_page(visit, french, language=FRENCH)
    assert not at.exception
    assert english_on(at) == []


def test_the_check_finds_english_where_there_is_some(french: World) -> None:
    at = open_page(Visit(None, "login"), french, language="en")
    assert any("Username" in line for line in english_on(at))


def test_the_users_of_the_check_are_french_speaking(french: World) -> None:
    with french.engine.connect() as conn:
        spoken = set(conn.scalars(sa.select(users.c.language)))
    assert spoken == {FRENCH}

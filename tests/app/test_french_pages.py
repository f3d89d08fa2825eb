"""The guard of the French desk: every page, as each role that has it, shows no English
phrase of the catalogue to a French-speaking user.

The store is the hostile one (every user text a payload), so that any English words
on a page are the desk's own. The pages' text is read from every element: bodies,
labels, help, options, captions, tab names, and the cells and headers of tables.
"""

import json
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from dashboard.kernel.i18n import FRENCH
from data_access.engine import UnitOfWork
from data_access.schema import notifications, tickets, users
from tests.app.test_hostile_text import (
    VISITS,
    Visit,
    hostile,  # noqa: F401 - the fixture, used by `french`
    open_page,
)
from tests.factories import World
from tests.french_checks import english_in

PLAIN_VISITS = [v for v in VISITS if v.act is None]


# The fields of Streamlit's elements whose text is shown (ids, types, icons, keys
# and raw values are not).
SHOWN = {
    "label", "options", "body", "placeholder", "help", "alt", "caption", "captions",
    "content", "text", "title", "value",
}  # fmt: skip


def _strings(message: Message) -> Iterator[str]:
    for field, value in message.ListFields():
        values = list(value) if field.is_repeated else [value]
        if field.message_type is not None:
            for item in values:
                yield from _strings(item)
        elif field.type == FieldDescriptor.TYPE_STRING and field.name in SHOWN:
            yield from (str(v) for v in values)


def _grid(node: Any) -> Iterator[str]:
    """A grid's headers as shown (a column's label, else its name) and text cells."""
    frame = node.value
    config = json.loads(getattr(node.proto, "columns", "") or "{}")
    for column in frame.columns:
        shown = config.get(str(column), {})
        if shown is None or (isinstance(shown, dict) and shown.get("hidden")):
            continue
        yield str(shown.get("label") or column) if isinstance(shown, dict) else column
        yield from (c for c in frame[column] if isinstance(c, str))
    for shown in config.values():
        if isinstance(shown, dict) and shown.get("help"):
            yield str(shown["help"])


def shown_text(at: AppTest) -> Iterator[str]:
    """Every text of the page: element fields, and grids' headers and cells."""
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if node.type in {"dataframe", "table"}:
            yield from _grid(node)
        elif isinstance(proto, Message):
            yield from _strings(proto)


def english_on(at: AppTest, *, stored: tuple[str, ...]) -> list[str]:
    """The English phrases the page shows, each with the text it is in, beyond what
    the store holds as written (titles, names, notices already in an inbox)."""
    found = []
    for shown in shown_text(at):
        text = shown
        for kept in stored:
            text = text.replace(kept, " ")
        found += english_in(text)
    return sorted(set(found))


def _stored(world: World) -> tuple[str, ...]:
    """What people wrote, and notices as queued: shown as stored, untranslated."""
    with world.engine.connect() as conn:
        texts = {
            *conn.scalars(sa.select(tickets.c.title)),
            *conn.scalars(sa.select(users.c.display_name)),
            *conn.scalars(sa.select(notifications.c.subject)),
        }
    return tuple(sorted((t for t in texts if t), key=len, reverse=True))


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
    assert english_on(at, stored=_stored(french)) == []


def test_the_check_finds_english_where_there_is_some(french: World) -> None:
    at = open_page(Visit(None, "login"), french, language="en")
    assert any("Username" in line for line in english_on(at, stored=()))


def test_the_users_of_the_check_are_french_speaking(french: World) -> None:
    with french.engine.connect() as conn:
        spoken = set(conn.scalars(sa.select(users.c.language)))
    assert spoken == {FRENCH}

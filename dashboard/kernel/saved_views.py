"""Saved views: a person names the filters, sort and page size of a list, and opens
them again later. A view is its owner's alone."""

import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.kernel.i18n import _, formats
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.ticket_text import text_problems
from data_access import view_store
from data_access.engine import UnitOfWork, read

NAME_MAX = 60
VIEWS_MAX = 20
LISTS = frozenset({"tickets", "queue", "fulfilment", "problems"})
SETTINGS_MAX = 4_000
Settings = dict[str, Any]


def views(engine: sa.Engine, actor: Actor, *, list_name: str) -> dict[str, Settings]:
    """The actor's saved views of a list, by name."""
    _known(list_name)
    with read(engine) as conn:
        stored = view_store.list_views(conn, user_id=actor.user_id, list_name=list_name)
    return {name: _settings(text) for name, text in stored.items()}


def save(
    engine: sa.Engine,
    actor: Actor,
    *,
    list_name: str,
    name: str,
    settings: Settings,
    now: datetime,
) -> str:
    """Keep the settings under a name (replacing a view of that name); the name."""
    _known(list_name)
    name = " ".join(name.split())
    if problems := text_problems("view's name", name, limit=NAME_MAX, required=True):
        raise InvalidInput(" ".join(problems))
    text = json.dumps(settings, sort_keys=True, default=str)
    if len(text) > SETTINGS_MAX:
        raise InvalidInput(_("This view has too many filters to save."))
    with UnitOfWork(engine) as uow:
        existing = view_store.list_views(
            uow.conn, user_id=actor.user_id, list_name=list_name
        )
        if name not in existing and len(existing) >= VIEWS_MAX:
            raise InvalidInput(
                _(
                    "You have {count} saved views of this list: delete one first."
                ).format(count=formats.number(VIEWS_MAX))
            )
        view_store.put_view(
            uow.conn,
            user_id=actor.user_id,
            list_name=list_name,
            name=name,
            settings=text,
            now=now,
        )
        uow.commit()
    return name


def delete(engine: sa.Engine, actor: Actor, *, list_name: str, name: str) -> None:
    """Forget one of the actor's views."""
    _known(list_name)
    with UnitOfWork(engine) as uow:
        gone = view_store.drop_view(
            uow.conn, user_id=actor.user_id, list_name=list_name, name=name
        )
        if not gone:
            raise InvalidInput(
                _("You have no saved view named “{name}”.").format(name=name)
            )
        uow.commit()


def _known(list_name: str) -> None:
    if list_name not in LISTS:
        raise InvalidInput(
            _("{list} is not a list with saved views.").format(list=repr(list_name))
        )


def _settings(text: str) -> Settings:
    try:
        loaded = json.loads(text)
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}

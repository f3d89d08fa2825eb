"""Following a problem: subscribing and unsubscribing."""

from datetime import datetime

import sqlalchemy as sa

from dashboard.kernel.changes import Save
from dashboard.kernel.i18n import _
from dashboard.kernel.reading import normalize_key
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.errors import InvalidInput, NotFound
from data_access import problem_store


def subscribe(engine: sa.Engine, actor: Actor, *, key: str, now: datetime) -> None:
    """Follow a problem: its public updates come to the actor's inbox."""
    require(actor, Action.SUBSCRIBE)
    canonical = normalize_key(key)
    with Save(engine) as uow:
        problem = problem_store.get_problem(
            uow.conn, canonical, internal=False, root_cause_statuses=()
        )
        if problem is None:
            raise NotFound(_("There is no problem {key}.").format(key=canonical))
        if problem["status"] == "Closed":
            raise InvalidInput(
                _("{key} is closed: no more updates will come.").format(key=canonical)
            )
        problem_store.subscribe(uow.conn, problem["id"], user_id=actor.user_id, now=now)
        uow.commit()


def unsubscribe(engine: sa.Engine, actor: Actor, *, key: str) -> None:
    """Stop following a problem."""
    require(actor, Action.SUBSCRIBE)
    canonical = normalize_key(key)
    with Save(engine) as uow:
        problem = problem_store.get_problem(
            uow.conn, canonical, internal=False, root_cause_statuses=()
        )
        if problem is None:
            raise NotFound(_("There is no problem {key}.").format(key=canonical))
        problem_store.unsubscribe(uow.conn, problem["id"], user_id=actor.user_id)
        uow.commit()

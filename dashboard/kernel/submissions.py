"""A form's render saves once: its token is claimed in the save's own transaction."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.kernel.i18n import N_, _
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import DomainError, InvalidInput, StaleVersion
from data_access import submission_store
from data_access.conflicts import WriteConflict
from data_access.engine import read

TOKEN_MAX = 64
# What a form made already, marked for the catalogue: said in the reader's language.
_DONE = {
    "ticket": N_("{key} was filed from this form already; nothing was filed again."),
    "comment": N_("This comment was added to {key} already; nothing was added again."),
    "files": N_("These files were added to {key} already; nothing was added again."),
}


class AlreadySubmitted(DomainError):
    """This render of a form saved already; the message names what it made."""

    def __init__(self, message: str, *, ticket_key: str | None) -> None:
        super().__init__(message)
        self.ticket_key = ticket_key


@contextmanager
def once(engine: sa.Engine, token: str | None, *, actor: Actor) -> Iterator[None]:
    """Around a save's transaction: refuse it, naming what was made, when another
    save used its token first (whichever error the store raised for the claim)."""
    if token is not None and not 0 < len(token) <= TOKEN_MAX:
        raise InvalidInput(_("This form is out of date: reload the page."))
    try:
        yield
    except (WriteConflict, StaleVersion, sa.exc.DBAPIError) as failed:
        if token is None:
            raise
        with read(engine) as conn:
            use = submission_store.used(conn, token)
        if use is None:
            raise
        raise _refusal(use, actor) from failed


def claim(
    conn: sa.Connection,
    token: str | None,
    *,
    actor: Actor,
    made: str,
    ticket_key: str,
    comment_id: int | None = None,
    now: datetime,
) -> None:
    """Claim the form's token for what this save makes (without a token, nothing)."""
    if token is None:
        return
    submission_store.claim(
        conn,
        token,
        user_id=actor.user_id,
        made=made,
        ticket_key=ticket_key,
        comment_id=comment_id,
        now=now,
    )


def _refusal(use: dict[str, Any], actor: Actor) -> AlreadySubmitted:
    if use["user_id"] != actor.user_id:
        # A token is random and kept in one session: never say what another made.
        return AlreadySubmitted(
            _("This form was sent already; nothing was saved again. Reload the page."),
            ticket_key=None,
        )
    made = _DONE[use["made"]]
    message = _(made).format(key=use["ticket_key"])
    return AlreadySubmitted(message, ticket_key=use["ticket_key"])

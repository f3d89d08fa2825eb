"""One change to many tickets of a kind: one transaction, one change id, all or
nothing."""

from collections.abc import Callable
from datetime import datetime

import sqlalchemy as sa

from dashboard.kernel import changes
from dashboard.kernel.i18n import N_, _, formats
from dashboard.kernel.reading import load_for_change
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import DomainError, InvalidInput
from dashboard.kernel.rules.workflow import Kind
from data_access.ticket_store import TicketRow

MAX_BULK = 200
# The refusals of a selection, one whole sentence per kind of ticket ("incident") and
# verb ("Change"), marked for the catalogue; others get the general sentence.
_NONE_PICKED = {
    "incident": N_("Select at least one incident."),
    "request": N_("Select at least one request."),
}
_TOO_MANY = {
    ("Change", "incident"): N_("Change at most {max} incidents at once."),
    ("Assign", "request"): N_("Assign at most {max} requests at once."),
}


def change_tickets(
    engine: sa.Engine,
    actor: Actor,
    *,
    keys: list[str],
    kind: Kind,
    now: datetime,
    check: Callable[[TicketRow], None],
    make: changes.Make,
    noun: str,
    verb: str,
) -> int:
    """Load, check and change each ticket in one transaction under one change id;
    refuse, changing none, naming every ticket refused and why; how many changed.
    `noun` and `verb` word the refusals of the selection ("incident", "Change")."""
    if not keys:
        raise InvalidInput(_none_picked(noun))
    if len(keys) > MAX_BULK:
        raise InvalidInput(_too_many(verb, noun))
    change_id = changes.new_change_id()
    refused: list[str] = []
    with changes.Save(engine) as uow:
        for key in keys:
            try:
                ticket = load_for_change(uow.conn, actor, key=key, kind=kind)
                check(ticket)
                change = changes.Change(actor=actor, now=now, change_id=change_id)
                make(uow.conn, ticket, change=change)
                changes.apply(uow.conn, change, ticket=ticket)
            except DomainError as refusal:
                # Every refusal is told at once, so that one try shows them all.
                refused.append(
                    _("{key}: {refusal}").format(key=key, refusal=refusal.message)
                )
        if refused:
            raise InvalidInput(
                _("Nothing was changed. {refusals}").format(refusals=" ".join(refused))
            )
        uow.commit()
    return len(keys)


def _none_picked(noun: str) -> str:
    if noun in _NONE_PICKED:
        return _(_NONE_PICKED[noun])
    return _("Select at least one {noun}.").format(noun=_(noun))


def _too_many(verb: str, noun: str) -> str:
    if (verb, noun) in _TOO_MANY:
        return _(_TOO_MANY[verb, noun]).format(max=formats.number(MAX_BULK))
    return _("{verb} at most {max} {noun}s at once.").format(
        verb=_(verb), max=formats.number(MAX_BULK), noun=_(noun)
    )

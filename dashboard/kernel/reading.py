"""Reading tickets on behalf of the signed-in user."""

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from dashboard.kernel.access import viewer_for
from dashboard.kernel.i18n import N_, _, formats
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.errors import InvalidInput, NotFound
from dashboard.kernel.rules.list_address import PAGE_SIZES
from dashboard.kernel.rules.workflow import (
    Kind,
    open_statuses,
    parse_ticket_key,
    ticket_key,
)
from data_access import sla_store, ticket_store
from data_access.engine import read
from data_access.ticket_store import SORTS, TicketQuery, TicketRow

# The query shapes are the store's; the widgets reach them through this module.
__all__ = [
    "MAX_SEARCH_LENGTH",
    "PAGE_SIZES",
    "SORTS",
    "TicketPage",
    "TicketQuery",
    "attachment_content",
    "attachments",
    "clocks",
    "get_ticket",
    "list_tickets",
    "load_for_change",
    "mdmr_wide_banner",
    "normalize_key",
    "timeline",
]


MAX_SEARCH_LENGTH = 200
# "Not found" for a key of a kind, one whole sentence per kind.
_NO_SUCH = {
    Kind.INCIDENT: N_("There is no incident {key} that you may see."),
    Kind.PROBLEM: N_("There is no problem {key} that you may see."),
    Kind.SERVICE_REQUEST: N_("There is no service request {key} that you may see."),
}


@dataclass(frozen=True)
class TicketPage:
    """One page of a ticket list."""

    rows: list[dict[str, Any]]
    total: int
    page: int
    page_count: int


def list_tickets(engine: sa.Engine, actor: Actor, *, query: TicketQuery) -> TicketPage:
    """A page of the tickets the actor may see, filtered and sorted in the store."""
    if len(query.text) > MAX_SEARCH_LENGTH:
        raise InvalidInput(
            _("Search words are limited to {limit} characters.").format(
                limit=formats.number(MAX_SEARCH_LENGTH)
            )
        )
    if query.page_size not in PAGE_SIZES:
        raise InvalidInput(
            _("Page size must be one of {sizes}.").format(
                sizes=", ".join(map(str, PAGE_SIZES))
            )
        )
    with read(engine) as conn:
        rows, total = ticket_store.list_tickets(conn, viewer_for(actor), query=query)
    page_count = max(1, -(-total // query.page_size))
    return TicketPage(rows=rows, total=total, page=query.page, page_count=page_count)


def normalize_key(text: str) -> str:
    """A typed key in its canonical form ('inc-12' becomes 'INC-000012')."""
    parsed = parse_ticket_key(text)
    if parsed is None:
        raise InvalidInput(
            _(
                "{text} is not a ticket key; keys look like INC-000123, PRB-000045 or "
                "SR-000678."
            ).format(text=repr(text.strip()[:40]))
        )
    return ticket_key(*parsed)


def get_ticket(engine: sa.Engine, actor: Actor, *, key: str) -> dict[str, Any]:
    """A ticket the actor may see, or NotFound (the same answer for absent and
    forbidden, so that keys of other LDCs reveal nothing)."""
    canonical = normalize_key(key)
    with read(engine) as conn:
        ticket = ticket_store.get_ticket(conn, viewer_for(actor), key=canonical)
    if ticket is None:
        raise NotFound(
            _("There is no ticket {key} that you may see.").format(key=canonical)
        )
    return dict[str, Any](ticket)


def timeline(
    engine: sa.Engine, actor: Actor, *, ticket_id: int
) -> list[dict[str, Any]]:
    """The ticket's history and comments as the actor may see them."""
    with read(engine) as conn:
        return ticket_store.ticket_timeline(
            conn, viewer_for(actor), ticket_id=ticket_id
        )


def mdmr_wide_banner(engine: sa.Engine, actor: Actor) -> list[dict[str, Any]]:
    """Open MDM/R-wide incidents, shown to LDC users on every page."""
    if may(actor, Action.SEE_ALL_TICKETS):
        return []
    with read(engine) as conn:
        return ticket_store.open_mdmr_wide_incidents(
            conn, open_statuses=open_statuses(Kind.INCIDENT)
        )


def attachments(
    engine: sa.Engine, actor: Actor, *, ticket_id: int
) -> list[dict[str, Any]]:
    """The files of a ticket the actor may see."""
    with read(engine) as conn:
        return ticket_store.attachments_of(conn, viewer_for(actor), ticket_id=ticket_id)


def attachment_content(engine: sa.Engine, actor: Actor, *, attachment_id: int) -> bytes:
    """A file's bytes, or NotFound when the actor may not see its ticket."""
    with read(engine) as conn:
        content = ticket_store.attachment_content(
            conn, viewer_for(actor), attachment_id=attachment_id
        )
    if content is None:
        raise NotFound(_("There is no such file that you may see."))
    return content


def clocks(engine: sa.Engine, actor: Actor, *, ticket_id: int) -> list[dict[str, Any]]:
    """The SLA clocks of a ticket the actor may see."""
    with read(engine) as conn:
        return sla_store.clocks_of(conn, viewer_for(actor), ticket_id=ticket_id)


def load_for_change(
    conn: sa.Connection, actor: Actor, *, key: str, kind: Kind
) -> TicketRow:
    """A ticket of one kind the actor may see, read inside the writing transaction."""
    canonical = normalize_key(key)
    ticket = ticket_store.get_ticket(conn, viewer_for(actor), key=canonical)
    if ticket is None or ticket["kind"] != kind.value:
        raise NotFound(_(_NO_SUCH[kind]).format(key=canonical))
    return ticket

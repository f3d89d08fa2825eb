"""Filing a ticket of any kind: its key, its row, its history, its first notice and
its clocks, in one transaction claimed by the form's token."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import sqlalchemy as sa

from dashboard.kernel import changes, clocks, notify, submissions, uploads
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.notices import Notice, Text, compose
from dashboard.kernel.rules.reference import SME_ORG_CODE
from dashboard.kernel.rules.workflow import INITIAL_STATUS, Kind, ticket_key
from data_access import change_store, people_store, reference_store


class Then(Protocol):
    """A kind's own step in the filing transaction, once the ticket is stored."""

    def __call__(
        self,
        conn: sa.Connection,
        change: changes.Change,
        *,
        ticket: Mapping[str, Any],
    ) -> None: ...


@dataclass(frozen=True)
class NewTicket:
    """A checked draft, as its kind makes it: the ticket and its first notice."""

    title: str
    description: str
    org_id: int | None  # None: MDM/R-wide
    group: str  # the code of the support group it is routed to
    # The first notice, to the group (and every LDC manager when MDM/R-wide): user
    # text, or words each reader gets in their own language (a Message from `later`).
    event: str
    what: Text
    details: Text
    # The kind's own columns.
    fields: Mapping[str, Any] = field(default_factory=dict)
    # Events of the filing beyond its creation: (event type, new value).
    events: tuple[tuple[str, str], ...] = ()
    then: Then | None = None


# Checks a kind's draft in the filing transaction: refuses it, or makes it a ticket.
Prepare = Callable[[sa.Connection], NewTicket]


def file_ticket(
    engine: sa.Engine,
    actor: Actor,
    *,
    kind: Kind,
    prepare: Prepare,
    files: list[uploads.Upload],
    now: datetime,
    token: str | None,
) -> str:
    """File a ticket of the kind and return its key; refuse, changing nothing, when
    the draft is invalid or when the form's token filed already."""
    uploads.check(files)
    with submissions.once(engine, token, actor=actor), changes.Save(engine) as uow:
        conn = uow.conn
        new = prepare(conn)
        ticket_id, number = change_store.next_ticket_ids(conn, kind)
        key = ticket_key(kind, number)
        submissions.claim(
            conn, token, actor=actor, made="ticket", ticket_key=key, now=now
        )
        row = _row(conn, actor, new=new, kind=kind, now=now)
        row |= {"id": ticket_id, "number": number, "ticket_key": key}
        change_store.insert_ticket(conn, row)
        change = changes.Change(actor=actor, now=now)
        change.record("created", new_value=INITIAL_STATUS[kind])
        for event_type, value in new.events:
            change.record(event_type, new_value=value)
        uploads.store(conn, change, ticket_id=ticket_id, files=files, now=now)
        change.tell(_first_notice(conn, new=new, key=key))
        if new.then is not None:
            new.then(conn, change, ticket=row)
        changes.write_history(conn, change, ticket_id=ticket_id)
        clocks.recompute(conn, ticket_id, now=now)
        uow.commit()
    return key


def _row(
    conn: sa.Connection,
    actor: Actor,
    *,
    new: NewTicket,
    kind: Kind,
    now: datetime,
) -> dict[str, Any]:
    wide = new.org_id is None
    return {
        "kind": kind.value,
        "title": new.title,
        "description": new.description,
        "status": INITIAL_STATUS[kind],
        # An MDM/R-wide ticket is the SME's own: it belongs to no LDC.
        "org_id": reference_store.org_id_by_code(conn, SME_ORG_CODE)
        if wide
        else new.org_id,
        "is_mdmr_wide": wide,
        "reporter_id": actor.user_id,
        "group_id": people_store.group_id(conn, new.group),
        "sla_policy_id": reference_store.current_policy_id(conn, now=now),
        "created_at": now,
        "updated_at": now,
        "updated_by": actor.user_id,
    } | dict(new.fields)


def _first_notice(conn: sa.Connection, *, new: NewTicket, key: str) -> Notice:
    told = people_store.group_member_ids(conn, new.group)
    if new.org_id is None:
        # Every LDC is concerned by what concerns the MDM/R as a whole.
        told |= people_store.ldc_manager_ids(conn)
    return compose(
        event=new.event,
        recipients=told,
        ticket_key=key,
        title=new.title,
        what=new.what,
        details=new.details,
        link=notify.ticket_link(key),
    )

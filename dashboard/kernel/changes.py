"""One change to one ticket: fields, history and notices, committed together."""

import uuid
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Protocol

import sqlalchemy as sa

from dashboard.kernel import clocks, notify, submissions
from dashboard.kernel.access import viewer_for
from dashboard.kernel.i18n import _
from dashboard.kernel.reading import load_for_change
from dashboard.kernel.rules import change_words
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import StaleVersion
from dashboard.kernel.rules.notices import Notice
from dashboard.kernel.rules.workflow import Kind
from data_access import change_store, ticket_store
from data_access.conflicts import WriteConflict
from data_access.engine import UnitOfWork
from data_access.ticket_store import TicketRow


def new_change_id() -> str:
    """A fresh id naming one change (one bulk change shares one)."""
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Event:
    """One history event of a change, as it will be stored."""

    event_type: str
    field: str | None = None
    old_value: str | None = None
    new_value: str | None = None
    reason: str | None = None
    is_internal: bool = False
    comment_id: int | None = None


Shown = tuple[str | None, str | None]


@dataclass
class Change:
    """What one user action does to one ticket."""

    actor: Actor
    now: datetime
    change_id: str = field(default_factory=new_change_id)
    fields: dict[str, Any] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def set(
        self,
        record: Mapping[str, Any],
        name: str,
        *,
        value: Any,
        label: str = "",
        shown: Shown | None = None,
        reason: str | None = None,
    ) -> bool:
        """Change a field (whether it changed): a status or a labelled field goes to
        history with its old and new values, as `shown` names them when given."""
        if record.get(name) == value:
            return False
        self.fields[name] = value
        old, new = shown or (_text(record.get(name)), _text(value))
        if name == "status" or label:
            self.record(
                "status_changed" if name == "status" else "field_changed",
                field=label or name,
                old_value=old,
                new_value=new,
                reason=reason or None,
            )
        return True

    def record(
        self,
        event_type: str,
        *,
        field: str | None = None,
        old_value: str | None = None,
        new_value: str | None = None,
        reason: str | None = None,
        is_internal: bool = False,
        comment_id: int | None = None,
    ) -> Event:
        """Add a history event that is not a field change."""
        event = Event(
            event_type,
            field=field,
            old_value=old_value,
            new_value=new_value,
            reason=reason,
            is_internal=is_internal,
            comment_id=comment_id,
        )
        self.events.append(event)
        return event

    def tell(self, notice: Notice) -> None:
        """Notify people of this change (the actor is never told of their own)."""
        recipients = notice.recipients - {self.actor.user_id}
        if recipients:
            self.notices.append(notice.to(frozenset(recipients)))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


class Save(UnitOfWork):
    """A user's transaction: a write conflict anywhere in it, statement or commit,
    is the refusal "changed by someone else", never a crash."""

    def __exit__(self, kind: object, error: BaseException | None, tb: object) -> None:  # noqa: PLR0917 - the context-manager protocol
        try:
            super().__exit__(kind, error, tb)
        except WriteConflict:
            raise _concurrent() from None
        if isinstance(error, WriteConflict):
            raise _concurrent() from None


def _concurrent() -> StaleVersion:
    return StaleVersion(
        _(
            "This record is being changed by someone else at this very moment. "
            "Nothing of yours was saved; your input is kept: save again."
        )
    )


class Make(Protocol):
    """Fills in one change to one ticket, inside the transaction that applies it."""

    def __call__(
        self, conn: sa.Connection, ticket: TicketRow, *, change: Change
    ) -> None: ...


def add_comment(
    conn: sa.Connection,
    change: Change,
    *,
    ticket: Mapping[str, Any],
    body: str,
    internal: bool,
    token: str | None = None,
) -> int | None:
    """Store a comment or work note (none for files alone) with its history event,
    and claim the form's token for it, so that the same form never adds it twice."""
    comment_id = None
    if body:
        comment_id = change_store.add_comment(
            conn,
            ticket["id"],
            author_id=change.actor.user_id,
            body=body,
            internal=internal,
            now=change.now,
        )
        change.record("comment", is_internal=internal, comment_id=comment_id)
    submissions.claim(
        conn,
        token,
        actor=change.actor,
        made="comment" if body else "files",
        ticket_key=ticket["ticket_key"],
        comment_id=comment_id,
        now=change.now,
    )
    return comment_id


def change_ticket(
    engine: sa.Engine,
    actor: Actor,
    *,
    key: str,
    kind: Kind,
    version: int | None,
    now: datetime,
    check: Callable[[TicketRow], None],
    make: Make,
) -> None:
    """One user's change to one ticket, in one transaction: load it, check the step
    is allowed, let `make` fill the change, and apply it at the version the user saw
    (None: the version just read)."""
    with Save(engine) as uow:
        ticket = load_for_change(uow.conn, actor, key=key, kind=kind)
        check(ticket)
        if version is not None:
            ticket = ticket | {"version": version}
        change = Change(actor=actor, now=now)
        make(uow.conn, ticket, change=change)
        apply(uow.conn, change, ticket=ticket)
        uow.commit()


def apply(conn: sa.Connection, change: Change, *, ticket: Mapping[str, Any]) -> None:
    """Write the change to a ticket read at ticket['version'], or refuse if stale."""
    _write(conn, change, ticket=ticket)
    write_history(conn, change, ticket_id=ticket["id"])
    clocks.recompute(conn, ticket["id"], now=change.now)


def _write(conn: sa.Connection, change: Change, *, ticket: Mapping[str, Any]) -> None:
    stamp = {"updated_at": change.now, "updated_by": change.actor.user_id}
    if change.fields:
        version = change_store.update_ticket(
            conn, ticket["id"], version=ticket["version"], values=change.fields | stamp
        )
        if version is None:
            raise stale(conn, ticket, actor=change.actor)
    else:
        # A comment adds and overwrites nothing: it is no conflict for anyone.
        change_store.touch_ticket(conn, ticket["id"], values=stamp)


def write_history(conn: sa.Connection, change: Change, *, ticket_id: int) -> None:
    """Queue the change's notices and append its events (with one noting the queue)."""
    queued = notify.queue(
        conn,
        change.notices,
        ticket_id=ticket_id,
        change_id=change.change_id,
        now=change.now,
    )
    events = [asdict(event) for event in change.events]
    if queued:
        note = Event(
            "notification_queued", new_value=f"{queued} recipient(s)", is_internal=True
        )
        events.append(asdict(note))
    change_store.add_events(
        conn,
        ticket_id,
        events=events,
        actor_id=change.actor.user_id,
        change_id=change.change_id,
        now=change.now,
    )


def stale(
    conn: sa.Connection, ticket: Mapping[str, Any], *, actor: Actor
) -> StaleVersion:
    """The refusal for a save based on an old version, saying who changed what
    since, as far as this user may read it."""
    history = ticket_store.ticket_timeline(
        conn, viewer_for(actor), ticket_id=ticket["id"]
    )
    since = change_words.since_seen(
        history,
        seen=int(ticket["version"]),
        current=change_store.version_of(conn, ticket["id"]),
    )
    return StaleVersion(change_words.what_changed(ticket["ticket_key"], since))

"""The signed-in user's notifications, and how they want to be told."""

import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.delivery.delivery_rules import PREFERENCES, listed_keys, rows_shown
from dashboard.kernel.i18n import N_, _
from dashboard.kernel.rules.authorization import Action, Actor, require
from dashboard.kernel.rules.errors import InvalidInput, StaleVersion
from data_access import inbox_store
from data_access.conflicts import WriteConflict
from data_access.engine import UnitOfWork, read

PAGE = 50
TRIES = 3
# The clock watch's one notice per person and pass (dashboard/sla/sla_watch.py).
SLA_SUMMARY = "sla_alerts"
# Query-parameter values and stored states, with their English (translated where
# shown).
ABOUT = {
    "all": N_("Everything"),
    "sla": N_("SLA alerts"),
    "mine": N_("My tickets"),
    "problems": N_("Problems"),
}
EMAIL_STATES = {
    "pending": N_("email on its way"),
    "sent": N_("emailed"),
    "failed": N_("email failed"),
    "digest": N_("in your next digest"),
    "digest_failed": N_("digest email failed"),
    "in_app_only": N_("in-app only"),
    "not_emailed": N_("not emailed"),
}


def unread(engine: sa.Engine, actor: Actor) -> int:
    """How many notifications the actor has not read."""
    with read(engine) as conn:
        return inbox_store.unread_count(conn, actor.user_id)


@dataclass(frozen=True)
class View:
    """Which notifications to show: unread or all, about what, which page."""

    unread_only: bool = False
    about: str = "all"
    page: int = 1

    def params(self) -> dict[str, str]:
        """The view as query parameters (those not at their default), to bookmark."""
        params = {"show": "unread"} if self.unread_only else {}
        if self.about != "all":
            params["about"] = self.about
        if self.page > 1:
            params["page"] = str(self.page)
        return params


def view_of(params: Mapping[str, str]) -> View:
    """The view some query parameters ask for; anything unknown reads as the default."""
    page = params.get("page", "1")
    about = params.get("about", "all")
    return View(
        unread_only=params.get("show") == "unread",
        about=about if about in ABOUT else "all",
        page=int(page) if page.isdigit() and 0 < len(page) < 7 else 1,
    )


@dataclass(frozen=True)
class Page:
    """One page of a view, and where it stands among the others."""

    items: list[dict[str, Any]]
    number: int
    total: int

    @property
    def has_previous(self) -> bool:
        """Whether newer notifications are on an earlier page."""
        return self.number > 1

    @property
    def has_next(self) -> bool:
        """Whether older notifications are on a later page."""
        return self.number * PAGE < self.total

    @property
    def shown(self) -> str:
        """Which of how many this page shows: '1–50 of 85'."""
        return rows_shown(page=self.number, size=PAGE, total=self.total)


def page_of(engine: sa.Engine, actor: Actor, *, view: View) -> Page:
    """A page of the actor's notifications in a view, newest first (past the last
    page: the last)."""
    unread_only, about = view.unread_only, view.about
    with read(engine) as conn:
        total = inbox_store.count_for(
            conn, actor.user_id, unread_only=unread_only, about=about
        )
        number = max(1, min(view.page, -(-total // PAGE)))
        items = inbox_store.list_for(
            conn,
            actor.user_id,
            unread_only=unread_only,
            about=about,
            limit=PAGE,
            offset=(number - 1) * PAGE,
        )
    return Page(items=items, number=number, total=total)


def linked_keys(item: Mapping[str, Any]) -> list[str]:
    """The tickets a notification is about: its own, and those an SLA summary lists."""
    keys = [item["ticket_key"]] if item["ticket_key"] else []
    if item["event"] == SLA_SUMMARY:
        keys += listed_keys(item["body"])
    return list(dict.fromkeys(keys))


def mark_read(
    engine: sa.Engine, actor: Actor, *, ids: list[int] | None, now: datetime
) -> int:
    """Mark the actor's notifications read (only their own; all when ids is None)."""
    for attempt in range(TRIES):
        try:
            with UnitOfWork(engine) as uow:
                count = inbox_store.mark_read(uow.conn, actor.user_id, ids=ids, now=now)
                uow.commit()
            return count
        except WriteConflict:
            # The email sender was recording a result on the same rows.
            time.sleep(0.05 * (attempt + 1))
    raise StaleVersion(_("Your inbox was changing at that moment: try again."))


def preference(engine: sa.Engine, actor: Actor) -> str:
    """How the actor wants to be told: immediate, digest or in_app."""
    with read(engine) as conn:
        return inbox_store.notify_pref(conn, actor.user_id) or "immediate"


def set_preference(
    engine: sa.Engine, actor: Actor, *, choice: object, now: datetime
) -> None:
    """Choose immediate email, a daily digest or in-app only (for what comes next)."""
    require(actor, Action.MANAGE_OWN_ACCOUNT)
    if not isinstance(choice, str) or choice not in PREFERENCES:
        raise InvalidInput(_("Choose immediate email, a daily digest or in-app only."))
    try:
        with UnitOfWork(engine) as uow:
            inbox_store.set_notify_pref(
                uow.conn, actor.user_id, pref=choice, by=actor.user_id, now=now
            )
            uow.commit()
    except WriteConflict:
        raise StaleVersion(
            _("Your account was changing at that moment. Nothing was saved: try again.")
        ) from None

"""Pieces of the inbox page: the filters, one line per notification, the pages."""

from datetime import datetime
from typing import Any

import streamlit as st

from dashboard.delivery import inbox
from dashboard.delivery.delivery_rules import ago
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.timezones import show
from dashboard.ui import routes, session
from dashboard.ui.text import label, plain, refuse

SHOW = {"all": "All", "unread": "Unread"}
UNREAD = "● "
ROW = [7, 1.6, 2.2, 1.2, 1.4]


def filters(view: inbox.View) -> inbox.View:
    """The filters above the list; a change is kept in the address, from page 1."""
    left, right = st.columns([1, 3])
    shown = left.segmented_control(
        "Show",
        options=list(SHOW),
        format_func=SHOW.__getitem__,
        default="unread" if view.unread_only else "all",
        required=True,
        key="inbox_show",
    )
    about = right.segmented_control(
        "About",
        options=list(inbox.ABOUT),
        format_func=inbox.ABOUT.__getitem__,
        default=view.about,
        required=True,
        key="inbox_about",
    )
    chosen = inbox.View(unread_only=shown == "unread", about=about or "all")
    if (chosen.unread_only, chosen.about) == (view.unread_only, view.about):
        chosen = view
    _keep(chosen)
    return chosen


def _keep(view: inbox.View) -> None:
    if st.query_params.to_dict() != view.params():
        st.query_params.from_dict(view.params())


def row(actor: Actor, item: dict[str, Any], *, now: datetime) -> None:
    """One notification on one line: what, about which ticket, when, and actions."""
    what, key, when, details, action = st.columns(ROW, vertical_alignment="center")
    unread = item["read_at"] is None
    what.text(f"{UNREAD if unread else ''}{item['subject']}")
    if item["ticket_key"]:
        _link(key, item["ticket_key"], kind=item["kind"])
    state = inbox.EMAIL_STATES.get(item["email_state"], str(item["email_state"]))
    words = [ago(item["created_at"], now=now), state]
    words = ["Unread", *words] if unread else words
    plain(when.caption, " · ".join(words), help=show(item["created_at"]))
    with details.popover("Details", width="stretch"):
        st.text(item["body"])
        for listed in inbox.linked_keys(item)[1:]:
            _link(st, listed, kind="")
    if unread and action.button("Mark read", key=f"inbox_read_{item['id']}"):
        mark_read(actor, ids=[item["id"]])


def _link(where: Any, key: str, *, kind: str | None) -> None:
    problem = kind == "problem" or (not kind and key.startswith("PRB-"))
    where.page_link(
        routes.problem() if problem else routes.ticket(),
        label=label(key),
        query_params={"key": key},
    )


def mark_read(actor: Actor, *, ids: list[int] | None) -> None:
    """Mark some (or all) of the actor's notifications read and show the result."""
    try:
        inbox.mark_read(session.engine(), actor, ids=ids, now=session.now())
    except DomainError as refusal:
        refuse(refusal)
        return
    st.rerun()


def empty(view: inbox.View) -> None:
    """What an empty view says."""
    if view == inbox.View():
        st.info("Nothing here yet: updates on your tickets will arrive here.")
    else:
        st.info("No notifications in this view.")


def pager(view: inbox.View, page: inbox.Page) -> None:
    """Which notifications of how many are shown, and the pages before and after."""
    if page.number != view.page:
        _keep(
            inbox.View(unread_only=view.unread_only, about=view.about, page=page.number)
        )
    shown, previous, following = st.columns([4, 1, 1], vertical_alignment="center")
    shown.caption(page.shown)
    if page.has_previous and previous.button(
        "Previous", key="inbox_previous", icon=":material/arrow_back:"
    ):
        _go(view, page=page.number - 1)
    if page.has_next and following.button(
        "Next", key="inbox_next", icon=":material/arrow_forward:"
    ):
        _go(view, page=page.number + 1)


def _go(view: inbox.View, *, page: int) -> None:
    _keep(inbox.View(unread_only=view.unread_only, about=view.about, page=page))
    st.rerun()

"""Pieces of the inbox page: the filters, one line per notification in a grid, the
ticked ones in full, the pages."""

from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.delivery import inbox
from dashboard.delivery.delivery_rules import ago
from dashboard.kernel.i18n import N_, _, formats
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.timezones import TORONTO
from dashboard.ui import routes, session
from dashboard.ui.text import label, md_escape, refuse

SHOW = {"all": N_("All"), "unread": N_("Unread")}


def filters(view: inbox.View) -> inbox.View:
    """The filters above the list; a change is kept in the address, from page 1."""
    left, right = st.columns([1, 3])
    shown = left.segmented_control(
        _("Show"),
        options=list(SHOW),
        format_func=lambda shown: _(SHOW[shown]),
        default="unread" if view.unread_only else "all",
        required=True,
        key="inbox_show",
    )
    about = right.segmented_control(
        _("About"),
        options=list(inbox.ABOUT),
        format_func=lambda about: _(inbox.ABOUT[about]),
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


def columns() -> dict[str, Any]:
    """The grid's columns (keyed by the frame's English names), labelled in the
    current language."""
    return {
        "Read": st.column_config.TextColumn(
            "", width="small", help=_("Unread or read")
        ),
        "Notification": st.column_config.TextColumn(_("Notification"), width="large"),
        "Ticket": st.column_config.LinkColumn(
            _("Ticket"),
            display_text=r"key=(.*)$",
            help=_("Opens the ticket or problem in a new tab"),
            width="small",
        ),
        "When": st.column_config.TextColumn(_("When"), width="small"),
        "Email": st.column_config.TextColumn(_("Email")),
        "Received": st.column_config.DatetimeColumn(
            _("Received"), format="D MMM YYYY, HH:mm", timezone="America/Toronto"
        ),
    }


UNREAD_STYLE = "font-weight: 700"


def grid(items: list[dict[str, Any]], *, now: datetime, key: str) -> list[int]:
    """The page's notifications, one line each in a grid (unread in bold, and said
    so in words); the positions of the lines ticked."""
    frame = pd.DataFrame(
        {
            "Read": [_("Unread") if i["read_at"] is None else "" for i in items],
            "Notification": [str(i["subject"]) for i in items],
            "Ticket": [_address(i["ticket_key"], i["kind"]) for i in items],
            "When": [ago(i["created_at"], now=now) for i in items],
            "Email": [_email_state(str(i["email_state"])) for i in items],
            "Received": [i["created_at"].astimezone(TORONTO) for i in items],
        }
    )
    bold = [UNREAD_STYLE if i["read_at"] is None else "" for i in items]
    shown = st.dataframe(
        frame.style.apply(lambda _column: bold, axis=0),
        hide_index=True,
        column_config=columns(),
        key=key,
        on_select="rerun",
        selection_mode="multi-row",
        alt=_("Your notifications: tick one to read it in full below"),
    )
    rows = shown.selection.rows
    return [r for r in rows if 0 <= r < len(items)]


def _email_state(state: str) -> str:
    return _(inbox.EMAIL_STATES.get(state, state))


def chosen(actor: Actor, items: list[dict[str, Any]]) -> None:
    """The ticked notifications in full, with a link to each ticket they name, and
    Mark read."""
    if not items:
        st.caption(_("Tick a notification to read it in full here."))
        return
    for item in items:
        with st.container(border=True):
            st.markdown(f"**{md_escape(item['subject'])}**")
            st.text(item["body"])
            for listed in inbox.linked_keys(item):
                _link(listed, kind=item["kind"] if listed == item["ticket_key"] else "")
    unread = [i["id"] for i in items if i["read_at"] is None]
    if unread and st.button(
        _("Mark {n} read").format(n=formats.number(len(unread)))
        if len(unread) > 1
        else _("Mark read"),
        key="inbox_read_chosen",
        icon=":material/done:",
    ):
        mark_read(actor, ids=unread)


def _address(key: str | None, kind: str | None) -> str | None:
    if not key:
        return None
    return f"/{'problem' if _is_problem(key, kind) else 'ticket'}?key={key}"


def _is_problem(key: str, kind: str | None) -> bool:
    return kind == "problem" or (not kind and key.startswith("PRB-"))


def _link(key: str, *, kind: str | None) -> None:
    st.page_link(
        routes.problem() if _is_problem(key, kind) else routes.ticket(),
        label=_("Open {key}").format(key=label(key)),
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
        st.info(_("Nothing here yet: updates on your tickets will arrive here."))
    else:
        st.info(_("No notifications in this view."))


def pager(view: inbox.View, page: inbox.Page) -> None:
    """Which notifications of how many are shown, and the pages before and after."""
    if page.number != view.page:
        _keep(
            inbox.View(unread_only=view.unread_only, about=view.about, page=page.number)
        )
    shown, previous, following = st.columns([4, 1, 1], vertical_alignment="center")
    shown.caption(page.shown)
    if page.has_previous and previous.button(
        _("Previous"), key="inbox_previous", icon=":material/arrow_back:"
    ):
        _go(view, page=page.number - 1)
    if page.has_next and following.button(
        _("Next"), key="inbox_next", icon=":material/arrow_forward:"
    ):
        _go(view, page=page.number + 1)


def _go(view: inbox.View, *, page: int) -> None:
    _keep(inbox.View(unread_only=view.unread_only, about=view.about, page=page))
    st.rerun()

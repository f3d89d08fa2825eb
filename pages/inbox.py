"""The signed-in user's notifications."""

import streamlit as st

from dashboard.delivery import inbox
from dashboard.delivery.ui import inbox_view
from dashboard.kernel.rules.timezones import show
from dashboard.ui import session

actor = session.actor()
st.title("Inbox")
unread_only = st.toggle(
    "Unread only", value=False, key="inbox_unread_only", on_change=inbox_view.first_page
)
page = int(st.session_state.get("inbox_page", 1))
unread = inbox.unread(session.engine(), actor)
if unread and st.button(
    f"Mark all {unread} read", key="inbox_mark_all", icon=":material/done_all:"
):
    inbox_view.mark_read(actor, ids=None)

items = inbox.notifications(session.engine(), actor, unread_only=unread_only, page=page)
if not items:
    st.info("Nothing here yet: updates on your tickets will arrive here.")
for item in items:
    with st.container(border=True):
        left, right = st.columns([5, 1], vertical_alignment="center")
        marker = "" if item["read_at"] else "● "
        left.text(f"{marker}{item['subject']}")
        left.caption(f"{show(item['created_at'])} · {inbox_view.email_state(item)}")
        if item["ticket_key"]:
            inbox_view.open_link(left, item)
        if not item["read_at"] and right.button(
            "Mark read", key=f"inbox_read_{item['id']}"
        ):
            inbox_view.mark_read(actor, ids=[item["id"]])
        with left.expander("Details"):
            st.text(item["body"])
inbox_view.pager(page, full=len(items) == inbox.PAGE)

"""The signed-in user's notifications."""

import streamlit as st

from dashboard import inbox
from dashboard.domain.timezones import show
from dashboard.ui import routes, session

actor = session.actor()
st.title("Inbox")
unread_only = st.toggle("Unread only", value=False, key="inbox_unread_only")
if st.button("Mark all read", key="inbox_mark_all", icon=":material/done_all:"):
    inbox.mark_read(session.engine(), actor, ids=None, now=session.now())
    st.rerun()

items = inbox.notifications(session.engine(), actor, unread_only=unread_only)
if not items:
    st.info("Nothing here yet: updates on your tickets will arrive here.")
for item in items:
    with st.container(border=True):
        left, right = st.columns([5, 1], vertical_alignment="center")
        marker = "" if item["read_at"] else "● "
        left.text(f"{marker}{item['subject']}")
        left.caption(show(item["created_at"]))
        if item["ticket_key"]:
            left.page_link(
                routes.ticket(),
                label=f"Open {item['ticket_key']}",
                query_params={"key": item["ticket_key"]},
            )
        if not item["read_at"] and right.button(
            "Mark read", key=f"inbox_read_{item['id']}"
        ):
            inbox.mark_read(
                session.engine(), actor, ids=[item["id"]], now=session.now()
            )
            st.rerun()
        with left.expander("Details"):
            st.text(item["body"])

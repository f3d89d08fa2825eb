"""The triage queue for SME and OSP staff."""

import streamlit as st

from dashboard import tickets
from dashboard.domain.errors import DomainError
from dashboard.ui import queue_view, session, ticket_list
from dashboard.ui.text import plain, refuse

actor = session.actor()
st.title("Triage queue")
if flash := st.session_state.pop("queue_flash", None):
    plain(st.success, flash)
words = ticket_list.search_bar("queue")
query = queue_view.query(actor, words)
try:
    page = tickets.list_tickets(session.engine(), actor, query=query)
except DomainError as refusal:
    refuse(refusal)
    st.stop()
ticked = ticket_list.rows(page, select_prefix="queue_pick")
ticket_list.pager(page, "queue")
queue_view.bulk_panel(actor, ticked)

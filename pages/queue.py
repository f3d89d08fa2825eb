"""The triage queue for SME and OSP staff."""

import streamlit as st

from dashboard.incidents.ui import triage_queue
from dashboard.kernel import reading
from dashboard.kernel.rules.errors import DomainError
from dashboard.ui import session, ticket_list
from dashboard.ui.text import plain, refuse

actor = session.actor()
st.title("Triage queue")
if flash := st.session_state.pop("queue_flash", None):
    plain(st.success, flash)
words = ticket_list.search_bar("queue")
query = triage_queue.query(actor, words)
try:
    page = reading.list_tickets(session.engine(), actor, query=query)
except DomainError as refusal:
    refuse(refusal)
    st.stop()
ticked = ticket_list.rows(page, select_prefix="queue_pick")
ticket_list.pager(page, "queue")
triage_queue.bulk_panel(actor, ticked)

"""The fulfilment queue of service requests for the fulfilment groups."""

import streamlit as st

from dashboard.kernel import reading
from dashboard.kernel.rules.errors import DomainError
from dashboard.requests.ui import fulfilment_queue
from dashboard.ui import session, ticket_list
from dashboard.ui.text import plain, refuse

actor = session.actor()
st.title("Fulfilment queue")
if flash := st.session_state.pop("ful_flash", None):
    plain(st.success, flash)
words = ticket_list.search_bar("ful")
query = fulfilment_queue.query(actor, words)
try:
    page = reading.list_tickets(session.engine(), actor, query=query)
except DomainError as refusal:
    refuse(refusal)
    st.stop()
ticked = ticket_list.rows(page, select_prefix="ful_pick")
ticket_list.pager(page, "ful")
fulfilment_queue.assign_panel(actor, ticked)

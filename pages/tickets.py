"""The tickets the signed-in user may see."""

import streamlit as st

from dashboard.kernel import directory, reading
from dashboard.kernel.rules.errors import DomainError
from dashboard.ui import session, ticket_list
from dashboard.ui.text import refuse

actor = session.actor()
organizations = directory.organization_names(session.engine())
st.title(ticket_list.title_for(actor, organizations.get(actor.org_id, "")))

query = ticket_list.filters(actor, organizations)
try:
    page = reading.list_tickets(session.engine(), actor, query=query)
except DomainError as refusal:
    refuse(refusal)
    st.stop()
ticket_list.rows(page)
ticket_list.pager(page)

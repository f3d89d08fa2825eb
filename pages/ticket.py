"""One ticket, chosen by its key: fields and description, the timeline, then the
steps allowed now."""

import streamlit as st

from dashboard.incidents.ui import incident_actions
from dashboard.kernel import reading
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.workflow import Kind, parse_ticket_key
from dashboard.oncall.ui import oncall_widgets
from dashboard.problems.ui import similar_incidents
from dashboard.requests.ui import request_actions
from dashboard.ui import chrome, routes, session, ticket_view
from dashboard.ui.text import refuse

actor = session.actor()
key = st.query_params.get("key", "")
if not key:
    st.title(_("Open a ticket"))
    st.info(
        _(
            "Choose a ticket from the list, or type its key in the list's "
            "“Go to ticket”."
        )
    )
    st.page_link(
        routes.tickets(), label=_("Back to the tickets"), icon=":material/arrow_back:"
    )
    st.stop()

parsed = parse_ticket_key(key)
if parsed is not None and parsed[0] is Kind.PROBLEM:
    # Problems have a page of their own, which every user may open.
    st.switch_page(routes.problem(), query_params={"key": key})

try:
    ticket = reading.get_ticket(session.engine(), actor, key=key)
except DomainError as refusal:
    st.title(_("Ticket not found"))
    refuse(refusal)
    st.page_link(
        routes.tickets(), label=_("Back to the tickets"), icon=":material/arrow_back:"
    )
    st.stop()

chrome.document_title(ticket["ticket_key"])
st.page_link(
    routes.tickets(), label=_("Back to the tickets"), icon=":material/arrow_back:"
)
ticket_view.header(ticket)
similar_incidents.proposal(actor, ticket)
ticket_view.fields(ticket)
oncall_widgets.ladder(actor, ticket)
if ticket["kind"] == "service_request":
    # The answers are shown under their form's labels rather than as stored.
    ticket_view.body(ticket | {"request_fields": None})
    request_actions.details(ticket)
else:
    ticket_view.body(ticket)
ticket_view.files(actor, ticket)
ticket_view.clocks(actor, ticket)
ticket_view.timeline(reading.timeline(session.engine(), actor, ticket_id=ticket["id"]))
similar_incidents.panel(actor, ticket)
# The steps come last, where the reader arrives having read the whole record.
incident_actions.flash()
request_actions.flash()
if ticket["kind"] == "incident":
    incident_actions.panel(actor, ticket)
elif ticket["kind"] == "service_request":
    request_actions.panel(actor, ticket)

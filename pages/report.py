"""Report an incident."""

import streamlit as st

from dashboard.domain.errors import DomainError
from dashboard.incident_filing import file_incident
from dashboard.ui import report_form, routes, session

actor = session.actor()
st.title("Report an incident")
if filed := st.session_state.pop("report_filed", None):
    st.success(f"{filed} is filed and routed. You will be told of every update.")
    st.page_link(routes.ticket(), label=f"Open {filed}", query_params={"key": filed})

draft, files = report_form.draft(actor)
if st.button("Submit the incident", type="primary", key="report_submit"):
    try:
        report_form.check_organization_chosen(actor)
        key = file_incident(session.engine(), actor, draft, files, now=session.now())
    except DomainError as refusal:
        st.error(refusal.message)
    else:
        report_form.clear()
        st.session_state["report_filed"] = key
        st.rerun()

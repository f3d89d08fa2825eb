"""File one service request, on the form declared for it in the catalogue."""

import streamlit as st

from dashboard.domain.catalogue import BY_CODE, check_may_file
from dashboard.domain.errors import DomainError
from dashboard.request_filing import file_request
from dashboard.ui import request_form, routes, session

actor = session.actor()
if filed := st.session_state.pop("req_filed", None):
    st.success(f"{filed} is filed and routed. You will be told of every update.")
    st.page_link(routes.ticket(), label=f"Open {filed}", query_params={"key": filed})

request = BY_CODE.get(st.query_params.get("type", ""))
if request is None:
    st.title("New service request")
    st.info("Choose a request in the service catalogue.")
    st.page_link(routes.catalogue(), label="Open the service catalogue")
    st.stop()

st.page_link(
    routes.catalogue(), label="Back to the catalogue", icon=":material/arrow_back:"
)
st.title(request.name)
st.write(request.purpose)
org_id = request_form.organization(actor)
if org_id is None:
    st.stop()
try:
    check_may_file(actor, request.code, org_id)
    draft = request_form.draft(actor, request, org_id)
    if draft is not None:
        key = file_request(session.engine(), actor, draft, now=session.now())
        request_form.clear(request)
        st.session_state["req_filed"] = key
        st.rerun()
except DomainError as refusal:
    st.error(refusal.message)

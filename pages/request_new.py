"""File one service request, on the form declared for it in the catalogue."""

import streamlit as st

from dashboard.kernel.rules.catalogue import BY_CODE, check_may_file
from dashboard.kernel.rules.errors import DomainError
from dashboard.requests.ui import request_form
from dashboard.ui import routes, session
from dashboard.ui.text import refuse

actor = session.actor()
request_form.FORM.announce()

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
    check_may_file(actor, request.code, org_id=org_id)
    draft = request_form.draft(actor, request, org_id=org_id)
except DomainError as refusal:
    refuse(refusal)
else:
    if draft is not None:
        request_form.submit(actor, draft)

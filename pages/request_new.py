"""File one service request, on the form declared for it in the catalogue."""

import streamlit as st

from dashboard.kernel.i18n import _
from dashboard.kernel.rules.catalogue import BY_CODE, check_may_file
from dashboard.kernel.rules.errors import DomainError
from dashboard.requests.ui import request_form
from dashboard.ui import routes, session
from dashboard.ui.text import refuse

actor = session.actor()
request_form.FORM.announce()

request = BY_CODE.get(st.query_params.get("type", ""))
if request is None:
    st.title(_("New service request"))
    st.info(_("Choose a request in the service catalogue."))
    st.page_link(routes.catalogue(), label=_("Open the service catalogue"))
    st.stop()

st.page_link(
    routes.catalogue(), label=_("Back to the catalogue"), icon=":material/arrow_back:"
)
st.title(_(request.name))
st.write(_(request.purpose))
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

"""Report an incident."""

import streamlit as st

from dashboard.incidents.ui import report_form
from dashboard.ui import session

actor = session.actor()
st.title("Report an incident")
report_form.FORM.announce()

draft, files = report_form.draft(actor)
if st.button("Submit the incident", type="primary", key=report_form.FORM.key("submit")):
    report_form.submit(actor, draft, files=files)

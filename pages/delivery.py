"""Emails that failed for good, for the SME desk and managers to retry."""

import streamlit as st

from dashboard.delivery import delivery_failures
from dashboard.delivery.ui import delivery_view
from dashboard.ui import session

actor = session.actor()
st.title("Delivery failures")
if not delivery_failures.may_manage(actor):
    st.error(f"As {actor.label} you may not see failed email deliveries.")
    st.stop()
delivery_view.flash()
delivery_view.failures(actor)

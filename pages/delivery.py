"""Emails that failed for good, for the SME desk and managers to retry."""

import streamlit as st

from dashboard.delivery.ui import delivery_view
from dashboard.kernel.rules.authorization import Action, may
from dashboard.ui import session

actor = session.actor()
st.title("Delivery failures")
if not may(actor, Action.RETRY_EMAILS):
    st.error(f"As {actor.label} you may not see failed email deliveries.")
    st.stop()
delivery_view.flash()
delivery_view.failures(actor)

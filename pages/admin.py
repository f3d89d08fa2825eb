"""Administration for SME managers."""

import streamlit as st

from dashboard.admin.ui import admin_view
from dashboard.kernel.rules.authorization import Action, may
from dashboard.ui import session

actor = session.actor()
st.title("Administration")
if not may(actor, Action.ADMINISTER):
    st.error("Administration is for SME managers.")
    st.stop()
admin_view.flash()
tabs = st.tabs(
    ["Organizations", "Categories", "Releases", "Severity definitions", "Auto-close"]
)
with tabs[0]:
    admin_view.organizations(actor)
with tabs[1]:
    admin_view.categories(actor)
with tabs[2]:
    admin_view.releases(actor)
with tabs[3]:
    admin_view.severity(actor)
with tabs[4]:
    admin_view.auto_close(actor)

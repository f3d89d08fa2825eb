"""Administration for SME managers."""

import streamlit as st

from dashboard.admin.ui import admin_view
from dashboard.kernel.rules.authorization import Action, may
from dashboard.ui import session
from dashboard.ui.sections import open_tab

actor = session.actor()
st.title("Administration")
if not may(actor, Action.ADMINISTER):
    st.error("Administration is for SME managers.")
    st.stop()
admin_view.flash()
PANELS = {
    "Organizations": admin_view.organizations,
    "Categories": admin_view.categories,
    "Releases": admin_view.releases,
    "Severity definitions": admin_view.severity,
    "Auto-close": admin_view.auto_close,
}
shown, panel = open_tab(list(PANELS), key="tab")
with panel:
    PANELS[shown](actor)

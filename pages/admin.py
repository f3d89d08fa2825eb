"""Administration for SME managers."""

import streamlit as st

from dashboard.admin.ui import admin_view
from dashboard.kernel.i18n import N_, _
from dashboard.kernel.rules.authorization import Action, may
from dashboard.ui import session

actor = session.actor()
st.title(_("Administration"))
if not may(actor, Action.ADMINISTER):
    st.error(_("Administration is for SME managers."))
    st.stop()
admin_view.flash()
# The tabs by their English names, which the address keeps (`?tab=Releases`).
PANELS = {
    N_("Organizations"): admin_view.organizations,
    N_("Categories"): admin_view.categories,
    N_("Releases"): admin_view.releases,
    N_("Severity definitions"): admin_view.severity,
    N_("Auto-close"): admin_view.auto_close,
}
shown, panel = admin_view.open_tab(list(PANELS), key="tab")
with panel:
    PANELS[shown](actor)

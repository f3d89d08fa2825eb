"""Service levels: SLA policy versions and the business calendar's closure days."""

import streamlit as st

from dashboard.kernel.i18n import _
from dashboard.kernel.rules.errors import DomainError
from dashboard.sla.ui import sla_admin_view
from dashboard.ui import session
from dashboard.ui.text import refuse

actor = session.actor()
st.title(_("Service levels"))
st.caption(
    _(
        "These targets are the desk's own defaults, not published MDM/R figures. "
        "Policies are versioned: a change applies to new tickets unless re-applied "
        "to open ones."
    )
)
sla_admin_view.flash()
try:
    found = sla_admin_view.versions(actor)
except DomainError as refusal:
    refuse(refusal)
    st.stop()
sla_admin_view.editor(actor, found[0])
sla_admin_view.reapply(actor, found)
sla_admin_view.closure_days(actor)
sla_admin_view.export(actor)
sla_admin_view.audit(actor)

"""The Critical Incident Managers' on-call rota: SME managers set it, staff read it."""

import streamlit as st

from dashboard.kernel.i18n import _
from dashboard.kernel.rules.errors import DomainError
from dashboard.oncall.ui import oncall_widgets, rota_view
from dashboard.ui import session
from dashboard.ui.text import refuse

actor = session.actor()
st.title(_("On-call rota"))
st.caption(
    _(
        "Severity 1 and 2 incidents page the primary at once; unacknowledged within "
        "the policy's acknowledge time they go to the secondary, then, after twice "
        "that time, to every Critical Incident Manager and SME manager. Round the "
        "clock."
    )
)
rota_view.flash()
try:
    oncall_widgets.now_line(actor)
    rota_view.weeks(actor)
    rota_view.overrides(actor)
except DomainError as refusal:
    refuse(refusal)

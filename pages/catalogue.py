"""The service catalogue: the twelve standard requests and their targets."""

import streamlit as st

from dashboard.kernel.i18n import _
from dashboard.requests import catalogue_reading
from dashboard.requests.ui import catalogue_view
from dashboard.ui import session

actor = session.actor()
st.title(_("Service catalogue"))
st.caption(
    _(
        "Targets are the SME's current service-level policy, counted in business "
        "days (Monday to Friday, 08:00 to 17:00 Toronto time, without Ontario "
        "holidays)."
    )
)
for request in catalogue_reading.catalogue(session.engine(), actor, now=session.now()):
    catalogue_view.entry(request)

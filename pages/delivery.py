"""Emails that failed for good, for the SME desk and managers to retry."""

import streamlit as st

from dashboard.delivery.ui import delivery_view
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.authorization import Action, may
from dashboard.ui import session

actor = session.actor()
st.title(_("Delivery failures"))
if not may(actor, Action.RETRY_EMAILS):
    st.error(
        _("As {role} you may not see failed email deliveries.").format(
            role=_(actor.label)
        )
    )
    st.stop()
delivery_view.flash()
delivery_view.failures(actor)

"""An LDC manager's SLA report: the desk's compliance for their own LDC."""

import streamlit as st

from dashboard.analytics import analytics_reading
from dashboard.analytics.ui import analytics_cache, analytics_filters, analytics_view
from dashboard.kernel import directory
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.errors import DomainError
from dashboard.ui import session
from dashboard.ui.text import md, md_escape, refuse

actor = session.actor()
try:
    analytics_reading.require_access(actor, ldc_view=True)
except DomainError as refusal:
    st.title(_("SLA report"))
    refuse(refusal)
    st.stop()
name = directory.organization_names(session.engine()).get(actor.org_id, _("your LDC"))
st.title(_("SLA report: {name}").format(name=md_escape(name)))
st.caption(
    md(
        _(
            "How well the SME kept its service levels for {name} and for MDM/R-wide "
            "incidents: the share of resolution and fulfilment clocks met, counted "
            "in the month each was met (or, when breached, in the month it was due). "
            "Select a cell (or choose it in the selects under the chart) to list its "
            "tickets."
        ),
        name=name,
    )
)
filters = analytics_filters.filters(today=session.now().date(), ldc_view=True)
target = analytics_cache.target(session.now())
try:
    analytics_view.draw_section(
        actor,
        filters,
        section=analytics_view.section(analytics_view.LDC_SECTIONS),
        target=target,
        ldc_view=True,
    )
except DomainError as refusal:
    refuse(refusal)

"""SLA analytics for SME managers: compliance, arrivals, backlog, breaches, releases."""

import streamlit as st

from dashboard.analytics import analytics_reading
from dashboard.analytics.ui import analytics_cache, analytics_filters, analytics_view
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.errors import DomainError
from dashboard.ui import session
from dashboard.ui.text import refuse

actor = session.actor()
st.title(_("SLA analytics"))
try:
    analytics_reading.require_access(actor, ldc_view=False)
except DomainError as refusal:
    refuse(refusal)
    st.stop()
st.caption(
    _(
        "Compliance is the share of resolution and fulfilment clocks met: a clock "
        "counts in the month it was met, or in the month it was due when breached; "
        "running clocks do not count. Times are Toronto time. The filters in the "
        "sidebar apply to every section; select a heatmap cell or a bar (or choose "
        "it in the selects under the chart) to list its tickets."
    )
)
filters = analytics_filters.filters(today=session.now().date(), ldc_view=False)
target = analytics_cache.target(session.now())
try:
    analytics_view.draw_section(
        actor,
        filters,
        section=analytics_view.section(analytics_view.SECTIONS),
        target=target,
        ldc_view=False,
    )
except DomainError as refusal:
    refuse(refusal)

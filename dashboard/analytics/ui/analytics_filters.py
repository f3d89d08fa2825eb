"""The analytics filters in the sidebar: period, LDCs, kind, severity, category,
request type. They apply to every chart of the page."""

from datetime import date

import streamlit as st

from dashboard.analytics import analytics_reading
from dashboard.kernel import directory
from dashboard.kernel.i18n import N_, _
from dashboard.kernel.rules.catalogue import CATALOGUE
from dashboard.ui import session
from dashboard.ui.filter_panel import FilterPanel

SEVERITIES = (1, 2, 3, 4)


def _period(today: date) -> tuple[date, date]:
    default = analytics_reading.default_filters(today)
    chosen = st.date_input(
        _("Period (Toronto dates)"),
        value=(default.start, default.end),
        max_value=today,
        key="an_period",
        help=_(
            "Compliance counts a clock in the month it was met, or in the month "
            "of its due time when breached; running clocks do not count."
        ),
    )
    days = tuple(chosen) if isinstance(chosen, tuple | list) else (chosen,)
    if not days or days[0] is None:
        return default.start, default.end
    # While the second day is being picked, the period is one day long.
    return days[0], days[-1]


KEYS = ("an_ldcs", "an_kinds", "an_sev", "an_cat", "an_types")
MORE = FilterPanel("an", KEYS, defaults={}, label=N_("More filters"))


def filters(*, today: date, ldc_view: bool) -> analytics_reading.Filters:
    """The filters chosen in the sidebar: the period, always shown; the others in
    a panel drawn only while open (they still apply when it is closed)."""
    with st.sidebar:
        st.header(_("Filters"))
        start, end = _period(today)
        panel = MORE.panel()
        if panel.open:
            with panel:
                _more(ldc_view=ldc_view)
    return analytics_reading.Filters(
        start=start,
        end=end,
        org_ids=() if ldc_view else tuple(MORE.value("an_ldcs")),
        kinds=tuple(MORE.value("an_kinds")),
        severities=tuple(MORE.value("an_sev")),
        categories=tuple(MORE.value("an_cat")),
        request_types=tuple(MORE.value("an_types")),
    )


def _more(*, ldc_view: bool) -> None:
    engine = session.engine()
    if not ldc_view:
        ldcs = directory.ldc_names(engine)
        st.multiselect(
            _("LDCs"),
            list(ldcs),
            format_func=lambda i: ldcs[i],
            key="an_ldcs",
            placeholder=_("All LDCs"),
            help=_("MDM/R-wide incidents concern every LDC and always count."),
        )
    st.multiselect(
        _("Kind"),
        list(analytics_reading.KIND_NAMES),
        format_func=lambda k: _(analytics_reading.KIND_NAMES[k]),
        key="an_kinds",
        placeholder=_("Incidents and service requests"),
    )
    st.multiselect(
        _("Severity"),
        SEVERITIES,
        format_func=lambda s: _("Sev {severity}").format(severity=s),
        key="an_sev",
        placeholder=_("All severities"),
        help=_("Choosing severities leaves out service requests, which have none."),
    )
    names = directory.categories(engine)
    st.multiselect(
        _("Category"),
        list(names),
        format_func=lambda c: _(names[c]),
        key="an_cat",
        placeholder=_("All categories"),
    )
    types = {r.code: r.name for r in CATALOGUE}
    st.multiselect(
        _("Request type"),
        list(types),
        format_func=lambda t: _(types[t]),
        key="an_types",
        placeholder=_("All request types"),
    )

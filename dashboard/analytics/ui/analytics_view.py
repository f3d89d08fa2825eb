"""The sections of the analytics pages: each chart, its drill-down and its CSV."""

from datetime import date, datetime
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.analytics import analytics_reading, figures
from dashboard.analytics.analytics_history import (
    SNAPSHOT_EVERY_SECONDS,
    STALE_AFTER_SECONDS,
)
from dashboard.analytics.analytics_reading import Filters
from dashboard.analytics.ui import analytics_cache
from dashboard.analytics.ui.analytics_drill import csv, drill, tickets, words
from dashboard.kernel import i18n
from dashboard.kernel.i18n import N_, _, formats, ngettext
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.timezones import TORONTO
from dashboard.ui import session

HEATMAP_TITLES = {
    "ldc": N_("Compliance by LDC and month"),
    "severity": N_("Incident compliance by severity and week"),
    "request_type": N_("Service request compliance by request type and month"),
}


# The keys are the address's `section` and the tests' names: they stay English; the
# names are marked for the catalogue and shown through `_()`.
SECTIONS = {
    "compliance": N_("Compliance by LDC and month"),
    "severity": N_("By severity"),
    "request_type": N_("By request type"),
    "flow": N_("Arrivals and backlog"),
    "risk": N_("At risk"),
    "resolution": N_("Resolution"),
    "releases": N_("Releases"),
}
# An LDC manager's report: their compliance, one heatmap at a time.
LDC_SECTIONS = {
    "compliance": N_("By month"),
    "severity": N_("By severity"),
    "request_type": N_("By request type"),
}
# A heatmap's columns, as its table and selects name them.
GRAINS = {"month": N_("Month"), "week": N_("Week")}
COMPLIANCE_ROWS = {
    "compliance": "ldc",
    "severity": "severity",
    "request_type": "request_type",
}


def section(sections: dict[str, str]) -> str:
    """The section shown, chosen above the charts and kept in the address
    (`/analytics?section=risk`), so that only its queries run and its charts draw."""
    wanted = st.query_params.get("section", "compliance")
    wanted = wanted if wanted in sections else "compliance"
    chosen = st.segmented_control(
        _("Section"),
        list(sections),
        format_func=lambda chosen: _(sections[chosen]),
        default=wanted,
        required=True,
        key="analytics_section",
    )
    shown = str(chosen or wanted)
    params = {} if shown == "compliance" else {"section": shown}
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    return shown


def draw_section(
    actor: Actor, filters: Filters, *, section: str, target: float, ldc_view: bool
) -> None:
    """The charts of one section of the analytics, and only those."""
    if section != "risk":
        history_note(session.now())
    # One heatmap a section: the three together were the slowest page to draw.
    if section in COMPLIANCE_ROWS:
        rows = COMPLIANCE_ROWS[section]
        compliance(actor, filters, rows=rows, target=target, ldc_view=ldc_view)
    elif section == "flow":
        arrivals(actor, filters)
        backlog(actor, filters)
    elif section == "risk":
        at_risk_board(actor, filters)
    elif section == "resolution":
        time_to_resolve(actor, filters)
        breaches(actor, filters)
    else:
        releases(actor, filters)


def history_note(now: datetime) -> None:
    """Say when the history figures were counted, when they come from a snapshot."""
    taken = analytics_reading.figures_as_of(session.engine())
    if taken is None:
        return
    at = taken.astimezone(TORONTO)
    when = (
        formats.clock(at)
        if at.date() == now.astimezone(TORONTO).date()
        else formats.stamp(at)
    )
    every = SNAPSHOT_EVERY_SECONDS // 60
    st.caption(
        ngettext(
            "Counted from the analytics snapshot of {when} (Toronto time), taken "
            "every {every} minute; the backlog and the at-risk board are live.",
            "Counted from the analytics snapshot of {when} (Toronto time), taken "
            "every {every} minutes; the backlog and the at-risk board are live.",
            every,
        ).format(when=when, every=every)
    )
    if (now - taken).total_seconds() > STALE_AFTER_SECONDS:
        st.warning(
            _(
                "These figures are from {when}: the worker has taken no newer "
                "snapshot. Check that servicedesk-worker is running."
            ).format(when=formats.stamp(at))
        )


def minute() -> datetime:
    """Now, to the minute (so that cached answers are shared within a minute)."""
    return session.now().replace(second=0, microsecond=0)


def compliance(
    actor: Actor, filters: Filters, *, rows: str, target: float, ldc_view: bool
) -> None:
    """A compliance heatmap whose cells list their tickets."""
    st.header(_(HEATMAP_TITLES[rows]))
    frame = analytics_cache.load(
        "compliance", actor, filters=filters, rows=rows, ldc_view=ldc_view
    )
    if frame.empty:
        st.info(_("No resolution or fulfilment clock was decided in this period."))
        return
    grain, row_name = analytics_reading.HEATMAPS[rows]
    st.caption(
        _(
            "Share of resolution and fulfilment clocks met, with the clocks counted "
            "in brackets; white is the target ({target}), blue above, red below."
        ).format(target=figures.percent(target, digits=0))
    )
    # The cached frame's rows are English (as its CSV): the heatmap's are the reader's.
    shown = frame.assign(
        row=[
            analytics_reading.row_words(rows, row_key=str(k), row=str(r))
            for k, r in zip(frame["row_key"], frame["row"], strict=True)
        ]
    )
    labels = dict(zip(shown["row_key"], shown["row"], strict=False))

    def behind(cell: list[Any]) -> tuple[str, pd.DataFrame]:
        row_key, period = str(cell[0]), date.fromisoformat(str(cell[1]))
        found = analytics_cache.load(
            "compliance_tickets",
            actor,
            filters=filters,
            rows=rows,
            row_key=row_key,
            period=period,
            ldc_view=ldc_view,
        )
        heading = _("{row} · {period}: tickets decided").format(
            row=labels.get(row_key, row_key),
            period=figures.period_label(period, grain),
        )
        return heading, found

    figure = analytics_cache.figure(
        "compliance", shown, language=i18n.current(), target=target, grain=grain
    )
    drill(
        figure,
        key=f"an_heat_{rows}",
        across=_(GRAINS[grain]),
        down=_(row_name),
        behind=behind,
    )
    csv(frame, name=_("this heatmap's figures"), key=f"compliance_{rows}")


def arrivals(actor: Actor, filters: Filters) -> None:
    """Tickets created per weekday and hour, Toronto time."""
    st.header(_("Arrivals by weekday and hour"))
    frame = analytics_cache.load("arrivals", actor, filters=filters)

    def behind(cell: list[Any]) -> tuple[str, pd.DataFrame]:
        weekday, hour = int(cell[0]), int(cell[1])
        found = analytics_cache.load(
            "arrival_tickets", actor, filters=filters, weekday=weekday, hour=hour
        )
        heading = _("Created on a {day} at {hour}:00–{hour}:59").format(
            day=_(analytics_reading.WEEKDAYS[weekday - 1]), hour=f"{hour:02d}"
        )
        return heading, found

    figure = analytics_cache.figure("arrivals", frame, language=i18n.current())
    drill(
        figure,
        key="an_arrivals",
        across=_("Hour"),
        down=_("Weekday"),
        behind=behind,
    )
    csv(frame, name=_("arrivals"), key="arrivals")


@st.fragment(run_every=60)
def at_risk_board(actor: Actor, filters: Filters) -> None:
    """Open tickets nearest to breaching, refreshed every minute on its own."""
    st.header(_("At-risk board"))
    now = minute()
    frame = analytics_cache.load("at_risk", actor, filters=filters, now=now)
    st.caption(
        _(
            "Open tickets with a running clock, nearest deadline first (the 50 "
            "nearest); refreshed every minute, last at {time}. The period does not "
            "apply: this is now."
        ).format(time=formats.clock(now.astimezone(TORONTO)))
    )
    shown = frame.assign(
        sla_due_at=pd.to_datetime(frame["sla_due_at"], utc=True).dt.tz_convert(TORONTO)
    )
    left, right = st.columns(2)
    left.metric(_("At risk"), int((frame["sla_state"] == "at_risk").sum()))
    right.metric(
        _("Breached, still open"), int((frame["sla_state"] == "breached").sum())
    )
    tickets(shown, heading=_("Nearest deadlines"), key="board")


def backlog(actor: Actor, filters: Filters) -> None:
    """Open tickets by age, stacked by kind and severity."""
    st.header(_("Backlog ageing"))
    now = minute()
    frame = analytics_cache.load("backlog", actor, filters=filters, now=now)
    st.caption(_("Open tickets now, by age since filing. The period does not apply."))

    def behind(bar: list[Any]) -> tuple[str, pd.DataFrame]:
        bucket, group_key = int(bar[0]), str(bar[1])
        found = analytics_cache.load(
            "backlog_tickets",
            actor,
            filters=filters,
            now=now,
            bucket=bucket,
            group_key=group_key,
        )
        heading = _("{group}, {age}").format(
            group=analytics_reading.group_words(group_key),
            age=_(analytics_reading.AGE_LABELS[bucket]),
        )
        return heading, found

    # The cached frame's labels are English (as its CSV): the chart's are the reader's.
    ages = tuple(_(age) for age in analytics_reading.AGE_LABELS)
    shown = frame.assign(
        age=[ages[int(b)] for b in frame["bucket"]],
        group=[analytics_reading.group_words(k) for k in frame["group_key"]],
    )
    figure = figures.backlog_bars(shown, ages=ages)
    drill(figure, key="an_backlog", across=_("Age"), down=_("Group"), behind=behind)
    csv(frame, name=_("backlog"), key="backlog")


def time_to_resolve(actor: Actor, filters: Filters) -> None:
    """Median and 90th percentile hours to resolve, by severity and month."""
    st.header(_("Time to resolve"))
    frame = analytics_cache.load("time_to_resolve", actor, filters=filters)
    st.caption(
        _(
            "Hours from filing to resolution of the incidents resolved each month "
            "(wall-clock hours on a log scale; solid: median, dashed: 90th "
            "percentile)."
        )
    )
    figure = figures.resolve_times(frame)
    drill(figure, key="an_resolve", across=_("Month"), down=_("Line"))
    csv(frame, name=_("times to resolve"), key="time_to_resolve")


def breaches(actor: Actor, filters: Filters) -> None:
    """Breached clocks per month; a bar lists its tickets."""
    st.header(_("Breaches per month"))
    frame = analytics_cache.load("breaches", actor, filters=filters)

    def behind(bar: list[Any]) -> tuple[str, pd.DataFrame]:
        period, kind = date.fromisoformat(str(bar[0])), str(bar[1])
        found = analytics_cache.load(
            "breach_tickets", actor, filters=filters, period=period, kind=kind
        )
        heading = _("{kind} breached in {month}").format(
            kind=_(analytics_reading.KIND_NAMES.get(kind, kind)),
            month=figures.period_label(period, "month"),
        )
        return heading, found

    shown = frame.assign(kind_name=frame["kind_name"].map(words))
    figure = figures.breaches_bars(shown)
    drill(figure, key="an_breaches", across=_("Month"), down=_("Kind"), behind=behind)
    csv(frame, name=_("breaches"), key="breaches")


def releases(actor: Actor, filters: Filters) -> None:
    """Incidents per week with each release marked, and 14 days after against before."""
    st.header(_("Release impact"))
    now = minute()
    weeks = analytics_cache.load("incidents_per_week", actor, filters=filters)
    impact = analytics_cache.load("release_impact", actor, filters=filters, now=now)

    def behind(bar: list[Any]) -> tuple[str, pd.DataFrame]:
        week = date.fromisoformat(str(bar[0]))
        found = analytics_cache.load("week_tickets", actor, filters=filters, week=week)
        heading = _("Incidents filed in the week of {week}").format(
            week=formats.day(week)
        )
        return heading, found

    figure = figures.incidents_with_releases(weeks, impact)
    drill(figure, key="an_weeks", across=_("Week"), behind=behind)
    csv(weeks, name=_("incidents per week"), key="incidents_per_week")
    days = analytics_reading.RELEASE_WINDOW.days
    st.markdown(
        ngettext(
            "**Incidents in the {days} day before and after each release**",
            "**Incidents in the {days} days before and after each release**",
            days,
        ).format(days=days)
    )
    if impact.empty:
        st.info(_("No release was deployed in this period."))
        return
    st.plotly_chart(figures.release_impact_bars(impact, days=days), width="stretch")
    st.dataframe(
        impact,
        hide_index=True,
        column_config={
            "name": _("Release"),
            "deployed_at": st.column_config.DatetimeColumn(_("Deployed (UTC)")),
            "before": ngettext("{n} day before", "{n} days before", days).format(
                n=days
            ),
            "after": ngettext("{n} day after", "{n} days after", days).format(n=days),
            "change_pct": st.column_config.NumberColumn(_("Change"), format="%.1f%%"),
            "complete": st.column_config.CheckboxColumn(
                ngettext("{n} day passed", "{n} days passed", days).format(n=days)
            ),
        },
    )
    csv(impact, name=_("release impact"), key="release_impact")

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
from dashboard.analytics.ui.analytics_drill import csv, drill, tickets
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.timezones import TORONTO
from dashboard.ui import session

HEATMAP_TITLES = {
    "ldc": "Compliance by LDC and month",
    "severity": "Incident compliance by severity and week",
    "request_type": "Service request compliance by request type and month",
}


SECTIONS = {
    "compliance": "Compliance by LDC and month",
    "severity": "By severity",
    "request_type": "By request type",
    "flow": "Arrivals and backlog",
    "risk": "At risk",
    "resolution": "Resolution",
    "releases": "Releases",
}
# An LDC manager's report: their compliance, one heatmap at a time.
LDC_SECTIONS = {
    "compliance": "By month",
    "severity": "By severity",
    "request_type": "By request type",
}
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
        "Section",
        list(sections),
        format_func=sections.__getitem__,
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
        f"{at:%H:%M}"
        if at.date() == now.astimezone(TORONTO).date()
        else f"{at:%Y-%m-%d %H:%M}"
    )
    every = SNAPSHOT_EVERY_SECONDS // 60
    st.caption(
        f"Counted from the analytics snapshot of {when} (Toronto time), taken every "
        f"{every} minutes; the backlog and the at-risk board are live."
    )
    if (now - taken).total_seconds() > STALE_AFTER_SECONDS:
        st.warning(
            f"These figures are from {at:%Y-%m-%d %H:%M}: the worker has taken no "
            "newer snapshot. Check that servicedesk-worker is running."
        )


def minute() -> datetime:
    """Now, to the minute (so that cached answers are shared within a minute)."""
    return session.now().replace(second=0, microsecond=0)


def compliance(
    actor: Actor, filters: Filters, *, rows: str, target: float, ldc_view: bool
) -> None:
    """A compliance heatmap whose cells list their tickets."""
    st.header(HEATMAP_TITLES[rows])
    frame = analytics_cache.load(
        "compliance", actor, filters=filters, rows=rows, ldc_view=ldc_view
    )
    if frame.empty:
        st.info("No resolution or fulfilment clock was decided in this period.")
        return
    grain, row_name = analytics_reading.HEATMAPS[rows]
    st.caption(
        f"Share of resolution and fulfilment clocks met, with the clocks counted in "
        f"brackets; white is the target ({target:.0%}), blue above, red below."
    )
    labels = dict(zip(frame["row_key"], frame["row"], strict=False))

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
        label = figures.period_label(period, grain)
        return f"{labels.get(row_key, row_key)} · {label}: tickets decided", found

    figure = analytics_cache.figure("compliance", frame, target=target, grain=grain)
    drill(
        figure,
        key=f"an_heat_{rows}",
        across=grain.capitalize(),
        down=row_name,
        behind=behind,
    )
    csv(frame, name="this heatmap's figures", key=f"compliance_{rows}")


def arrivals(actor: Actor, filters: Filters) -> None:
    """Tickets created per weekday and hour, Toronto time."""
    st.header("Arrivals by weekday and hour")
    frame = analytics_cache.load("arrivals", actor, filters=filters)

    def behind(cell: list[Any]) -> tuple[str, pd.DataFrame]:
        weekday, hour = int(cell[0]), int(cell[1])
        found = analytics_cache.load(
            "arrival_tickets", actor, filters=filters, weekday=weekday, hour=hour
        )
        name = analytics_reading.WEEKDAYS[weekday - 1]
        return f"Created on a {name} at {hour:02d}:00–{hour:02d}:59", found

    figure = analytics_cache.figure("arrivals", frame)
    drill(figure, key="an_arrivals", across="Hour", down="Weekday", behind=behind)
    csv(frame, name="arrivals", key="arrivals")


@st.fragment(run_every=60)
def at_risk_board(actor: Actor, filters: Filters) -> None:
    """Open tickets nearest to breaching, refreshed every minute on its own."""
    st.header("At-risk board")
    now = minute()
    frame = analytics_cache.load("at_risk", actor, filters=filters, now=now)
    st.caption(
        f"Open tickets with a running clock, nearest deadline first (the 50 nearest); "
        f"refreshed every minute, last at {now.astimezone(TORONTO):%H:%M}. "
        "The period does not apply: this is now."
    )
    shown = frame.assign(
        sla_due_at=pd.to_datetime(frame["sla_due_at"], utc=True).dt.tz_convert(TORONTO)
    )
    left, right = st.columns(2)
    left.metric("At risk", int((frame["sla_state"] == "at_risk").sum()))
    right.metric("Breached, still open", int((frame["sla_state"] == "breached").sum()))
    tickets(shown, heading="Nearest deadlines", key="board")


def backlog(actor: Actor, filters: Filters) -> None:
    """Open tickets by age, stacked by kind and severity."""
    st.header("Backlog ageing")
    now = minute()
    frame = analytics_cache.load("backlog", actor, filters=filters, now=now)
    st.caption("Open tickets now, by age since filing. The period does not apply.")

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
        group = analytics_reading.group_label(group_key)
        heading = f"{group}, {analytics_reading.AGE_LABELS[bucket]}"
        return heading, found

    figure = figures.backlog_bars(frame, ages=analytics_reading.AGE_LABELS)
    drill(figure, key="an_backlog", across="Age", down="Group", behind=behind)
    csv(frame, name="backlog", key="backlog")


def time_to_resolve(actor: Actor, filters: Filters) -> None:
    """Median and 90th percentile hours to resolve, by severity and month."""
    st.header("Time to resolve")
    frame = analytics_cache.load("time_to_resolve", actor, filters=filters)
    st.caption(
        "Hours from filing to resolution of the incidents resolved each month "
        "(wall-clock hours on a log scale; solid: median, dashed: 90th percentile)."
    )
    figure = figures.resolve_times(frame)
    drill(figure, key="an_resolve", across="Month", down="Line")
    csv(frame, name="times to resolve", key="time_to_resolve")


def breaches(actor: Actor, filters: Filters) -> None:
    """Breached clocks per month; a bar lists its tickets."""
    st.header("Breaches per month")
    frame = analytics_cache.load("breaches", actor, filters=filters)

    def behind(bar: list[Any]) -> tuple[str, pd.DataFrame]:
        period, kind = date.fromisoformat(str(bar[0])), str(bar[1])
        found = analytics_cache.load(
            "breach_tickets", actor, filters=filters, period=period, kind=kind
        )
        name = analytics_reading.KIND_NAMES.get(kind, kind)
        return f"{name} breached in {period:%Y-%m}", found

    figure = figures.breaches_bars(frame)
    drill(figure, key="an_breaches", across="Month", down="Kind", behind=behind)
    csv(frame, name="breaches", key="breaches")


def releases(actor: Actor, filters: Filters) -> None:
    """Incidents per week with each release marked, and 14 days after against before."""
    st.header("Release impact")
    now = minute()
    weeks = analytics_cache.load("incidents_per_week", actor, filters=filters)
    impact = analytics_cache.load("release_impact", actor, filters=filters, now=now)

    def behind(bar: list[Any]) -> tuple[str, pd.DataFrame]:
        week = date.fromisoformat(str(bar[0]))
        found = analytics_cache.load("week_tickets", actor, filters=filters, week=week)
        return f"Incidents filed in the week of {week:%Y-%m-%d}", found

    figure = figures.incidents_with_releases(weeks, impact)
    drill(figure, key="an_weeks", across="Week", behind=behind)
    csv(weeks, name="incidents per week", key="incidents_per_week")
    days = analytics_reading.RELEASE_WINDOW.days
    st.markdown(f"**Incidents in the {days} days before and after each release**")
    if impact.empty:
        st.info("No release was deployed in this period.")
        return
    st.plotly_chart(figures.release_impact_bars(impact, days=days), width="stretch")
    st.dataframe(
        impact,
        hide_index=True,
        column_config={
            "name": "Release",
            "deployed_at": st.column_config.DatetimeColumn("Deployed (UTC)"),
            "before": f"{days} days before",
            "after": f"{days} days after",
            "change_pct": st.column_config.NumberColumn("Change", format="%.1f%%"),
            "complete": st.column_config.CheckboxColumn(f"{days} days passed"),
        },
    )
    csv(impact, name="release impact", key="release_impact")

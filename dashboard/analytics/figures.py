"""Chart builders: data frames in, plotly figures out (no Streamlit, testable alone).

Streamlit's plotly selection returns nothing for a click on a heatmap cell, so every
heatmap carries an invisible scatter of square markers at its cell centres; the
scatter answers hover and selection, and its customdata names the cell.

Every word a chart draws is put in the current language here; the frames come in
with English labels already translated by the caller where they are shown.
"""

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.kernel.i18n import N_, _, formats, is_french, ngettext

COMPLIANCE_SCALE = [[0.0, "#b2182b"], [0.5, "#f7f7f7"], [1.0, "#2166ac"]]
KIND_COLOURS = {"incident": "#d6604d", "service_request": "#4393c3"}
SEVERITY_COLOURS = {1: "#b2182b", 2: "#ef8a62", 3: "#67a9cf", 4: "#2166ac"}
ROW_HEIGHT = 24
TEXT_COLUMNS = 16
# Past this many cells their labels cost the browser most of the page's time to draw
# (0.8 s for the 59 LDCs by 13 months); hover and the chart's table give the figures.
TEXT_CELLS = 400
DAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def percent(share: float, *, digits: int) -> str:
    """A share as the current language writes a percentage: '95%', '95 %'.

    Rounded first as Python's `f"{share:.0%}"` rounds (the float times 100), so that
    English reads exactly as it always has (95.5% rounds to 96%, 0.995 to 100%).
    """
    return formats.percent(round(share * 100, digits) / 100, digits=digits)


def separators() -> str | None:
    """Plotly's decimal and thousands separators: French writes 1 234,5."""
    return ", " if is_french() else None


def shown(value: object) -> str:
    """User text (an LDC's or a release's name) as plotly text, never its markup.

    Plotly reads <a href>, <b>, <br> and entities in every text it draws.
    """
    return html.escape(str(value), quote=False)


def period_label(value: Any, grain: str) -> str:
    """A month as 2026-03; a week as the date of its Monday (in every language: the
    labels sort as text, and a table's columns and the selects name them so)."""
    stamp = pd.Timestamp(value)
    return stamp.strftime("%Y-%m") if grain == "month" else formats.day(stamp.date())


def _overlay(
    x: list[str], y: list[str], *, customdata: list[list[Any]], hover: list[str]
) -> go.Scatter:
    return go.Scatter(
        x=x,
        y=y,
        mode="markers",
        marker={"symbol": "square", "size": 16, "opacity": 0},
        customdata=customdata,
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
        name="cells",
    )


def _height(rows: int) -> int:
    return max(260, 120 + ROW_HEIGHT * rows)


def compliance_heatmap(frame: pd.DataFrame, *, target: float, grain: str) -> go.Figure:
    """Share of clocks met per row and period, coloured around the target."""
    data = frame.assign(
        label=[period_label(p, grain) for p in frame["period"]],
        row=[shown(r) for r in frame["row"]],
    )
    rows = _row_order(data)
    periods = sorted(data["label"].unique())
    share = data.pivot_table(index="row", columns="label", values="compliance")
    share = share.reindex(index=rows, columns=periods)
    counts = data.pivot_table(index="row", columns="label", values="decided")
    counts = counts.reindex(index=rows, columns=periods)
    text = [
        [
            "" if pd.isna(s) else f"{percent(s, digits=0)} ({int(c)})"
            for s, c in zip(share.loc[r], counts.loc[r], strict=True)
        ]
        for r in rows
    ]
    heat = go.Heatmap(
        z=share.to_numpy(),
        x=periods,
        y=rows,
        text=text,
        # Beyond a year and a bit the columns are too narrow for text: hover shows it.
        texttemplate="%{text}"
        if len(periods) <= TEXT_COLUMNS and len(rows) * len(periods) <= TEXT_CELLS
        else None,
        textfont={"size": 10},
        colorscale=COMPLIANCE_SCALE,
        # Equidistant bounds put the target at the scale's neutral middle.
        zmin=2 * target - 1,
        zmax=1.0,
        colorbar={"title": {"text": _("met")}, "tickformat": ".0%"},
        hoverinfo="skip",
        xgap=1,
        ygap=1,
    )
    cells = data.dropna(subset=["compliance"])
    overlay = _overlay(
        list(cells["label"]),
        list(cells["row"]),
        customdata=[
            [k, pd.Timestamp(p).date().isoformat()]
            for k, p in zip(cells["row_key"], cells["period"], strict=True)
        ],
        hover=[
            ngettext(
                "{row} · {period}: {share} met ({met} of {decided} clock)",
                "{row} · {period}: {share} met ({met} of {decided} clocks)",
                int(d),
            ).format(row=r, period=lb, share=percent(s, digits=1), met=m, decided=d)
            for r, lb, s, m, d in zip(
                cells["row"],
                cells["label"],
                cells["compliance"],
                cells["met"],
                cells["decided"],
                strict=True,
            )
        ],
    )
    figure = go.Figure([heat, overlay])
    figure.update_layout(
        height=_height(len(rows)),
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
        xaxis={"type": "category", "title": None, "side": "top"},
        yaxis={"type": "category", "autorange": "reversed", "title": None},
        clickmode="event+select",
        separators=separators(),
    )
    return figure


def _row_order(data: pd.DataFrame) -> list[str]:
    keys = dict(zip(data["row"], data["row_key"], strict=False))
    # The MDM/R-wide row first, then the others by name (severities in order).
    return sorted(keys, key=lambda r: (keys[r] != "wide", str(r)))


def arrivals_heatmap(frame: pd.DataFrame) -> go.Figure:
    """Tickets created per weekday (rows) and hour of day (columns)."""
    days = [_(d) for d in DAYS]
    hours = [f"{h:02d}" for h in range(24)]
    grid = (
        frame.pivot_table(index="weekday", columns="hour", values="n", aggfunc="sum")
        .reindex(index=range(1, 8), columns=range(24))
        .fillna(0)
        .astype(int)
    )
    heat = go.Heatmap(
        z=grid.to_numpy(),
        x=hours,
        y=days,
        colorscale="Blues",
        colorbar={"title": {"text": _("tickets")}},
        hoverinfo="skip",
        xgap=1,
        ygap=1,
    )
    counts = grid.to_numpy()
    cells = [(d, h) for d in range(1, 8) for h in range(24)]
    overlay = _overlay(
        [hours[h] for _day, h in cells],
        [days[d - 1] for d, _hour in cells],
        customdata=[[d, h] for d, h in cells],
        hover=[
            ngettext(
                "{day} {hour}:00–{hour}:59: {n} ticket",
                "{day} {hour}:00–{hour}:59: {n} tickets",
                int(counts[d - 1][h]),
            ).format(day=days[d - 1], hour=f"{h:02d}", n=counts[d - 1][h])
            for d, h in cells
        ],
    )
    figure = go.Figure([heat, overlay])
    figure.update_layout(
        height=320,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={"type": "category", "title": _("hour (Toronto)")},
        yaxis={"type": "category", "autorange": "reversed", "title": None},
        clickmode="event+select",
        separators=separators(),
    )
    return figure


def backlog_bars(frame: pd.DataFrame, *, ages: tuple[str, ...]) -> go.Figure:
    """Open tickets per age bucket, stacked by kind and severity."""
    bars = [
        go.Bar(
            x=list(group["age"]),
            y=list(group["n"]),
            name=str(name),
            customdata=[
                [int(b), key]
                for b, key in zip(group["bucket"], group["group_key"], strict=True)
            ],
            hovertemplate=_("%{x}: %{y} open") + "<extra>%{fullData.name}</extra>",
        )
        for name, group in frame.groupby("group", sort=True)
    ]
    figure = go.Figure(bars)
    figure.update_layout(
        barmode="stack",
        height=340,
        xaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": ages,
            "title": _("age"),
        },
        yaxis={"title": _("open tickets")},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        clickmode="event+select",
        separators=separators(),
    )
    return figure


def resolve_times(frame: pd.DataFrame) -> go.Figure:
    """Median (solid) and 90th percentile (dashed) hours to resolve, by severity."""
    lines = []
    for severity, group in frame.groupby("severity", sort=True):
        months = [period_label(p, "month") for p in group["period"]]
        colour = SEVERITY_COLOURS.get(int(str(severity)), "#999999")
        for column, dash, name in (
            ("median_hours", "solid", _("Sev {severity} median")),
            ("p90_hours", "dash", _("Sev {severity} 90th percentile")),
        ):
            lines.append(
                go.Scatter(
                    x=months,
                    y=list(group[column]),
                    mode="lines+markers",
                    name=name.format(severity=severity),
                    line={"color": colour, "dash": dash},
                )
            )
    figure = go.Figure(lines)
    figure.update_layout(
        height=360,
        xaxis={"type": "category", "title": None},
        # Log scale: severity 1 takes hours, severity 4 weeks; both stay readable.
        yaxis={"title": _("hours to resolve"), "type": "log"},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        separators=separators(),
    )
    return figure


def breaches_bars(frame: pd.DataFrame) -> go.Figure:
    """Breached clocks per month, stacked by kind."""
    bars = [
        go.Bar(
            x=[period_label(p, "month") for p in group["period"]],
            y=list(group["n"]),
            name=str(group["kind_name"].iloc[0]),
            marker={"color": KIND_COLOURS.get(str(kind))},
            customdata=[
                [pd.Timestamp(p).date().isoformat(), kind] for p in group["period"]
            ],
            hovertemplate=_("%{x}: %{y} breached") + "<extra>%{fullData.name}</extra>",
        )
        for kind, group in frame.groupby("kind", sort=True)
    ]
    figure = go.Figure(bars)
    figure.update_layout(
        barmode="stack",
        height=320,
        xaxis={"type": "category", "title": None},
        yaxis={"title": _("breached clocks")},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        clickmode="event+select",
        separators=separators(),
    )
    return figure


def incidents_with_releases(weeks: pd.DataFrame, releases: pd.DataFrame) -> go.Figure:
    """Incidents per week, with a dashed line at each release."""
    starts = [pd.Timestamp(w) for w in weeks["week"]]
    figure = go.Figure(
        go.Bar(
            x=starts,
            y=list(weeks["n"]),
            name=_("incidents"),
            marker={"color": "#92c5de"},
            customdata=[[s.date().isoformat()] for s in starts],
            hovertemplate=_("week of %{x|%Y-%m-%d}: %{y} incidents")
            + "<extra></extra>",
        )
    )
    for name, deployed in zip(releases["name"], releases["deployed_at"], strict=True):
        when = pd.Timestamp(deployed).tz_convert("America/Toronto").tz_localize(None)
        figure.add_vline(x=when, line={"dash": "dash", "color": "#b2182b"})
        figure.add_annotation(
            x=when,
            y=1,
            yref="paper",
            text=shown(name),
            showarrow=False,
            textangle=-90,
            xanchor="right",
            yanchor="top",
            font={"size": 10},
        )
    figure.update_layout(
        height=340,
        xaxis={"type": "date", "title": _("week")},
        yaxis={"title": _("incidents")},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        showlegend=False,
        clickmode="event+select",
        separators=separators(),
    )
    return figure


def release_impact_bars(frame: pd.DataFrame, *, days: int) -> go.Figure:
    """Incidents in the days before and after each release, side by side."""
    figure = go.Figure(
        [
            go.Bar(
                x=[shown(n) for n in frame["name"]],
                y=list(frame["before"]),
                name=ngettext("{n} day before", "{n} days before", days).format(n=days),
                marker={"color": "#92c5de"},
            ),
            go.Bar(
                x=[shown(n) for n in frame["name"]],
                y=list(frame["after"]),
                name=ngettext("{n} day after", "{n} days after", days).format(n=days),
                marker={"color": "#d6604d"},
            ),
        ]
    )
    figure.update_layout(
        barmode="group",
        height=320,
        xaxis={"type": "category", "title": None},
        yaxis={"title": _("incidents")},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        separators=separators(),
    )
    return figure

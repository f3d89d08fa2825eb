"""Chart builders: data frames in, plotly figures out (no Streamlit, testable alone).

Streamlit's plotly selection returns nothing for a click on a heatmap cell, so every
heatmap carries an invisible scatter of square markers at its cell centres; the
scatter answers hover and selection, and its customdata names the cell.
"""

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go

COMPLIANCE_SCALE = [[0.0, "#b2182b"], [0.5, "#f7f7f7"], [1.0, "#2166ac"]]
KIND_COLOURS = {"incident": "#d6604d", "service_request": "#4393c3"}
SEVERITY_COLOURS = {1: "#b2182b", 2: "#ef8a62", 3: "#67a9cf", 4: "#2166ac"}
ROW_HEIGHT = 24
TEXT_COLUMNS = 16
# Past this many cells their labels cost the browser most of the page's time to draw
# (0.8 s for the 59 LDCs by 13 months); hover and the chart's table give the figures.
TEXT_CELLS = 400


def shown(value: object) -> str:
    """User text (an LDC's or a release's name) as plotly text, never its markup.

    Plotly reads <a href>, <b>, <br> and entities in every text it draws.
    """
    return html.escape(str(value), quote=False)


def period_label(value: Any, grain: str) -> str:
    """A month as 2026-03; a week as the date of its Monday."""
    stamp = pd.Timestamp(value)
    return stamp.strftime("%Y-%m") if grain == "month" else stamp.strftime("%Y-%m-%d")


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
            "" if pd.isna(s) else f"{s:.0%} ({int(c)})"
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
        colorbar={"title": {"text": "met"}, "tickformat": ".0%"},
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
            f"{r} · {lb}: {s:.1%} met ({m} of {d} clocks)"
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
    )
    return figure


def _row_order(data: pd.DataFrame) -> list[str]:
    keys = dict(zip(data["row"], data["row_key"], strict=False))
    # The MDM/R-wide row first, then the others by name (severities in order).
    return sorted(keys, key=lambda r: (keys[r] != "wide", str(r)))


def arrivals_heatmap(frame: pd.DataFrame) -> go.Figure:
    """Tickets created per weekday (rows) and hour of day (columns)."""
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
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
        colorbar={"title": {"text": "tickets"}},
        hoverinfo="skip",
        xgap=1,
        ygap=1,
    )
    counts = grid.to_numpy()
    cells = [(d, h) for d in range(1, 8) for h in range(24)]
    overlay = _overlay(
        [hours[h] for _, h in cells],
        [days[d - 1] for d, _ in cells],
        customdata=[[d, h] for d, h in cells],
        hover=[
            f"{days[d - 1]} {h:02d}:00–{h:02d}:59: {counts[d - 1][h]} tickets"
            for d, h in cells
        ],
    )
    figure = go.Figure([heat, overlay])
    figure.update_layout(
        height=320,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={"type": "category", "title": "hour (Toronto)"},
        yaxis={"type": "category", "autorange": "reversed", "title": None},
        clickmode="event+select",
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
            hovertemplate="%{x}: %{y} open<extra>%{fullData.name}</extra>",
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
            "title": "age",
        },
        yaxis={"title": "open tickets"},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        clickmode="event+select",
    )
    return figure


def resolve_times(frame: pd.DataFrame) -> go.Figure:
    """Median (solid) and 90th percentile (dashed) hours to resolve, by severity."""
    lines = []
    for severity, group in frame.groupby("severity", sort=True):
        months = [period_label(p, "month") for p in group["period"]]
        colour = SEVERITY_COLOURS.get(int(str(severity)), "#999999")
        for column, dash, what in (
            ("median_hours", "solid", "median"),
            ("p90_hours", "dash", "90th percentile"),
        ):
            lines.append(
                go.Scatter(
                    x=months,
                    y=list(group[column]),
                    mode="lines+markers",
                    name=f"Sev {severity} {what}",
                    line={"color": colour, "dash": dash},
                )
            )
    figure = go.Figure(lines)
    figure.update_layout(
        height=360,
        xaxis={"type": "category", "title": None},
        # Log scale: severity 1 takes hours, severity 4 weeks; both stay readable.
        yaxis={"title": "hours to resolve", "type": "log"},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
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
            hovertemplate="%{x}: %{y} breached<extra>%{fullData.name}</extra>",
        )
        for kind, group in frame.groupby("kind", sort=True)
    ]
    figure = go.Figure(bars)
    figure.update_layout(
        barmode="stack",
        height=320,
        xaxis={"type": "category", "title": None},
        yaxis={"title": "breached clocks"},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        clickmode="event+select",
    )
    return figure


def incidents_with_releases(weeks: pd.DataFrame, releases: pd.DataFrame) -> go.Figure:
    """Incidents per week, with a dashed line at each release."""
    starts = [pd.Timestamp(w) for w in weeks["week"]]
    figure = go.Figure(
        go.Bar(
            x=starts,
            y=list(weeks["n"]),
            name="incidents",
            marker={"color": "#92c5de"},
            customdata=[[s.date().isoformat()] for s in starts],
            hovertemplate="week of %{x|%Y-%m-%d}: %{y} incidents<extra></extra>",
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
        xaxis={"type": "date", "title": "week"},
        yaxis={"title": "incidents"},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        showlegend=False,
        clickmode="event+select",
    )
    return figure


def release_impact_bars(frame: pd.DataFrame, *, days: int) -> go.Figure:
    """Incidents in the days before and after each release, side by side."""
    figure = go.Figure(
        [
            go.Bar(
                x=[shown(n) for n in frame["name"]],
                y=list(frame["before"]),
                name=f"{days} days before",
                marker={"color": "#92c5de"},
            ),
            go.Bar(
                x=[shown(n) for n in frame["name"]],
                y=list(frame["after"]),
                name=f"{days} days after",
                marker={"color": "#d6604d"},
            ),
        ]
    )
    figure.update_layout(
        barmode="group",
        height=320,
        xaxis={"type": "category", "title": None},
        yaxis={"title": "incidents"},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
    )
    return figure

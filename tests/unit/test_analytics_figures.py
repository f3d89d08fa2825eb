"""The chart builders: the right traces, axes and values, without a browser."""

from datetime import UTC, date, datetime

import pandas as pd
import plotly.graph_objects as go

from dashboard.analytics import figures
from dashboard.analytics.analytics_reading import AGE_LABELS


def compliance_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row_key": ["7", "7", "wide"],
            "row": ["Alpha Hydro", "Alpha Hydro", "MDM/R-wide"],
            "period": [date(2026, 3, 1), date(2026, 4, 1), date(2026, 3, 1)],
            "met": [1, 3, 2],
            "decided": [2, 3, 2],
            "compliance": [0.5, 1.0, 1.0],
        }
    )


def test_the_compliance_heatmap_has_a_cell_per_row_and_month() -> None:
    figure = figures.compliance_heatmap(compliance_frame(), target=0.95, grain="month")
    heat = figure.data[0]
    assert isinstance(heat, go.Heatmap)
    assert list(heat.x) == ["2026-03", "2026-04"]
    assert list(heat.y) == ["MDM/R-wide", "Alpha Hydro"]
    assert heat.z[1][0] == 0.5
    assert heat.z[1][1] == 1.0
    assert pd.isna(heat.z[0][1])
    assert heat.text[1][0] == "50% (2)"


def test_the_compliance_scale_is_centred_on_the_target() -> None:
    heat = figures.compliance_heatmap(
        compliance_frame(), target=0.9, grain="month"
    ).data[0]
    assert (heat.zmin + heat.zmax) / 2 == 0.9
    colours = [colour for _, colour in heat.colorscale]
    assert colours[0] != colours[-1]


def test_every_heatmap_cell_has_a_selectable_point_naming_it() -> None:
    figure = figures.compliance_heatmap(compliance_frame(), target=0.95, grain="month")
    cells = figure.data[1]
    assert isinstance(cells, go.Scatter)
    assert cells.marker.opacity == 0
    assert list(zip(cells.x, cells.y, strict=True)) == [
        ("2026-03", "Alpha Hydro"),
        ("2026-04", "Alpha Hydro"),
        ("2026-03", "MDM/R-wide"),
    ]
    assert [list(c) for c in cells.customdata] == [
        ["7", "2026-03-01"],
        ["7", "2026-04-01"],
        ["wide", "2026-03-01"],
    ]
    assert "50.0% met (1 of 2 clocks)" in cells.hovertext[0]


def test_weeks_are_labelled_by_their_monday() -> None:
    frame = compliance_frame().assign(
        period=[date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 2)]
    )
    heat = figures.compliance_heatmap(frame, target=0.95, grain="week").data[0]
    assert list(heat.x) == ["2026-03-02", "2026-03-09"]


def test_the_arrivals_heatmap_is_seven_days_by_24_hours() -> None:
    frame = pd.DataFrame({"weekday": [1, 3], "hour": [9, 23], "n": [4, 2]})
    figure = figures.arrivals_heatmap(frame)
    heat, cells = figure.data
    assert list(heat.y) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert list(heat.x) == [f"{h:02d}" for h in range(24)]
    assert heat.z[0][9] == 4
    assert heat.z[2][23] == 2
    assert heat.z.sum() == 6
    assert len(cells.x) == 7 * 24
    assert list(cells.customdata[9]) == [1, 9]
    assert figure.layout.xaxis.title.text == "hour (Toronto)"


def test_backlog_bars_are_stacked_per_kind_and_severity_in_age_order() -> None:
    frame = pd.DataFrame(
        {
            "bucket": [0, 4, 4],
            "group_key": ["incident:3", "incident:3", "service_request"],
            "n": [2, 5, 1],
            "age": [AGE_LABELS[0], AGE_LABELS[4], AGE_LABELS[4]],
            "group": ["Incident Sev 3", "Incident Sev 3", "Service request"],
        }
    )
    figure = figures.backlog_bars(frame, ages=AGE_LABELS)
    assert figure.layout.barmode == "stack"
    assert [bar.name for bar in figure.data] == ["Incident Sev 3", "Service request"]
    assert list(figure.data[0].y) == [2, 5]
    assert [list(c) for c in figure.data[0].customdata] == [
        [0, "incident:3"],
        [4, "incident:3"],
    ]
    assert list(figure.layout.xaxis.categoryarray) == list(AGE_LABELS)


def test_time_to_resolve_draws_median_and_90th_percentile_per_severity() -> None:
    frame = pd.DataFrame(
        {
            "severity": [1, 3],
            "period": [date(2026, 3, 1), date(2026, 3, 1)],
            "resolved": [1, 2],
            "median_hours": [24.0, 276.5],
            "p90_hours": [24.0, 439.3],
        }
    )
    figure = figures.resolve_times(frame)
    assert [line.name for line in figure.data] == [
        "Sev 1 median",
        "Sev 1 90th percentile",
        "Sev 3 median",
        "Sev 3 90th percentile",
    ]
    assert list(figure.data[3].y) == [439.3]
    assert figure.data[3].line.dash == "dash"
    assert list(figure.data[0].x) == ["2026-03"]
    assert figure.layout.yaxis.type == "log"


def test_breaches_are_bars_per_month_stacked_by_kind() -> None:
    frame = pd.DataFrame(
        {
            "period": [date(2026, 3, 1), date(2026, 3, 1)],
            "kind": ["incident", "service_request"],
            "n": [2, 1],
            "kind_name": ["Incidents", "Service requests"],
        }
    )
    figure = figures.breaches_bars(frame)
    assert all(isinstance(bar, go.Bar) for bar in figure.data)
    assert [bar.name for bar in figure.data] == ["Incidents", "Service requests"]
    assert list(figure.data[0].x) == ["2026-03"]
    assert list(figure.data[0].customdata[0]) == ["2026-03-01", "incident"]


def test_weekly_incidents_mark_each_release_with_a_line_and_its_name() -> None:
    weeks = pd.DataFrame({"week": [date(2026, 3, 2), date(2026, 3, 9)], "n": [3, 1]})
    releases = pd.DataFrame(
        {
            "name": ["MDM/R 12.1"],
            "deployed_at": [datetime(2026, 3, 9, 8, 0, tzinfo=UTC)],
        }
    )
    figure = figures.incidents_with_releases(weeks, releases)
    assert isinstance(figure.data[0], go.Bar)
    assert list(figure.data[0].y) == [3, 1]
    assert [list(c) for c in figure.data[0].customdata] == [
        ["2026-03-02"],
        ["2026-03-09"],
    ]
    assert len(figure.layout.shapes) == 1
    assert pd.Timestamp(figure.layout.shapes[0].x0) == pd.Timestamp("2026-03-09 04:00")
    assert [a.text for a in figure.layout.annotations] == ["MDM/R 12.1"]


def test_release_impact_puts_before_and_after_side_by_side() -> None:
    frame = pd.DataFrame({"name": ["MDM/R 12.1"], "before": [3], "after": [1]})
    figure = figures.release_impact_bars(frame, days=14)
    assert figure.layout.barmode == "group"
    assert [(bar.name, list(bar.y)) for bar in figure.data] == [
        ("14 days before", [3]),
        ("14 days after", [1]),
    ]


def test_empty_frames_give_empty_figures_without_error() -> None:
    empty = pd.DataFrame(
        columns=["row_key", "row", "period", "met", "decided", "compliance"]
    )
    assert len(figures.compliance_heatmap(empty, target=0.95, grain="month").data) == 2
    arrivals = figures.arrivals_heatmap(pd.DataFrame(columns=["weekday", "hour", "n"]))
    assert arrivals.data[0].z.sum() == 0

"""A chart read as a table and chosen from selects: the same cells the plot draws."""

import json
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.analytics import figure_cells, figures
from dashboard.analytics.analytics_reading import AGE_LABELS


def heatmap(*, second_ldc: str = "Beta Power") -> go.Figure:
    frame = pd.DataFrame(
        {
            "row_key": ["7", "7", "8", "wide"],
            "row": ["Alpha Hydro", "Alpha Hydro", second_ldc, "MDM/R-wide"],
            "period": [date(2026, 3, 1), date(2026, 4, 1)] + [date(2026, 3, 1)] * 2,
            "met": [1, 3, 0, 2],
            "decided": [2, 3, 1, 2],
            "compliance": [0.5, 1.0, 0.0, 1.0],
        }
    )
    return figures.compliance_heatmap(frame, target=0.95, grain="month")


def backlog() -> go.Figure:
    frame = pd.DataFrame(
        {
            "bucket": [4, 0, 4],
            "group_key": ["incident:3", "incident:3", "service_request"],
            "n": [5, 2, 1],
            "age": [AGE_LABELS[4], AGE_LABELS[0], AGE_LABELS[4]],
            "group": ["Incident Sev 3", "Incident Sev 3", "Service request"],
        }
    )
    return figures.backlog_bars(frame, ages=AGE_LABELS)


def test_a_heatmaps_table_has_its_rows_by_its_months_valued_as_its_cells() -> None:
    table = figure_cells.table(heatmap(), across="Month", down="LDC")
    assert table.to_dict("records") == [
        {"LDC": "MDM/R-wide", "2026-03": "100% (2)", "2026-04": ""},
        {"LDC": "Alpha Hydro", "2026-03": "50% (2)", "2026-04": "100% (3)"},
        {"LDC": "Beta Power", "2026-03": "0% (1)", "2026-04": ""},
    ]


def test_a_heatmaps_selects_offer_its_rows_and_months_in_the_charts_order() -> None:
    cells = figure_cells.cells(heatmap(), across="Month", down="LDC")
    assert cells.names == ("LDC", "Month")
    assert cells.options == (
        ("MDM/R-wide", "Alpha Hydro", "Beta Power"),
        ("2026-03", "2026-04"),
    )


def test_choosing_a_row_and_a_month_gives_the_customdata_a_click_gives() -> None:
    figure = heatmap()
    cells = figure_cells.cells(figure, across="Month", down="LDC")
    overlay = figure.data[1]
    clicked = next(
        list(data)
        for x, y, data in zip(overlay.x, overlay.y, overlay.customdata, strict=True)
        if (y, x) == ("Alpha Hydro", "2026-04")
    )
    assert cells.cell(("Alpha Hydro", "2026-04")) == clicked == ["7", "2026-04-01"]


def test_an_empty_cell_or_a_half_made_choice_names_no_cell() -> None:
    cells = figure_cells.cells(heatmap(), across="Month", down="LDC")
    assert cells.complete(("Beta Power", "2026-04"))
    assert cells.cell(("Beta Power", "2026-04")) is None
    assert not cells.complete(("Beta Power", None))
    assert not cells.complete(("Gamma Gas", "2026-03"))


def test_a_cell_selected_with_the_mouse_is_named_by_the_labels_of_the_selects() -> None:
    cells = figure_cells.cells(backlog(), across="Age", down="Group")
    # The browser sends the customdata back as JSON.
    sent = json.loads(json.dumps([4, "service_request"]))
    assert cells.labels(sent) == ("30+ days · Service request",)
    assert cells.labels([9, "nothing"]) is None


def test_an_ldc_name_with_markup_reads_as_its_text_in_the_table_and_selects() -> None:
    figure = heatmap(second_ldc="<b>Bold & Co</b>")
    table = figure_cells.table(figure, across="Month", down="LDC")
    cells = figure_cells.cells(figure, across="Month", down="LDC")
    assert "<b>Bold & Co</b>" in list(table["LDC"])
    assert cells.cell(("<b>Bold & Co</b>", "2026-03")) == ["8", "2026-03-01"]


def test_a_stacked_bar_charts_table_has_a_row_per_bar_in_age_order() -> None:
    table = figure_cells.table(backlog(), across="Age", down="Group")
    assert table.to_dict("records") == [
        {"Age": AGE_LABELS[0], "Group": "Incident Sev 3", "Open tickets": 2},
        {"Age": AGE_LABELS[4], "Group": "Incident Sev 3", "Open tickets": 5},
        {"Age": AGE_LABELS[4], "Group": "Service request", "Open tickets": 1},
    ]


def test_a_bar_chart_of_weeks_names_each_bar_by_its_monday() -> None:
    weeks = pd.DataFrame({"week": [date(2026, 3, 2), date(2026, 3, 9)], "n": [3, 1]})
    releases = pd.DataFrame({"name": [], "deployed_at": []})
    figure = figures.incidents_with_releases(weeks, releases)
    cells = figure_cells.cells(figure, across="Week", down="")
    assert cells.options == (("2026-03-02", "2026-03-09"),)
    assert cells.cell(("2026-03-09",)) == ["2026-03-09"]
    table = figure_cells.table(figure, across="Week", down="")
    assert table.to_dict("records") == [
        {"Week": "2026-03-02", "Incidents": 3},
        {"Week": "2026-03-09", "Incidents": 1},
    ]


def test_a_line_charts_table_has_a_row_per_point() -> None:
    frame = pd.DataFrame(
        {
            "severity": [1],
            "period": [date(2026, 3, 1)],
            "resolved": [1],
            "median_hours": [24.0],
            "p90_hours": [30.26],
        }
    )
    figure = figures.resolve_times(frame)
    table = figure_cells.table(figure, across="Month", down="Line")
    assert table.to_dict("records") == [
        {"Month": "2026-03", "Line": "Sev 1 median", "Hours to resolve": 24.0},
        {"Month": "2026-03", "Line": "Sev 1 90th percentile", "Hours to resolve": 30.3},
    ]

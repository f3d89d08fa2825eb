"""A chart's figures as a table and its cells as choices, read from the figure itself:
what a screen reader and a keyboard use in place of the plot.

Reading the figure, rather than the frame it was built from, keeps the table and the
choices true to what is drawn, for every chart, without code of its own per chart.
"""

import html
import json
import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.kernel.i18n import _


@dataclass(frozen=True)
class Cells:
    """The cells (or bars) of a chart, as selects offer them, and what each names."""

    names: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    customdata: dict[tuple[str, ...], list[Any]]

    def cell(self, chosen: tuple[str | None, ...]) -> list[Any] | None:
        """The customdata of the chosen cell; None when it is empty or not chosen."""
        return self.customdata.get(tuple(str(c) for c in chosen))

    def complete(self, chosen: tuple[str | None, ...]) -> bool:
        """Whether every select holds one of its options."""
        return all(c in o for c, o in zip(chosen, self.options, strict=True))

    def labels(self, customdata: list[Any]) -> tuple[str, ...] | None:
        """The labels that choose the cell of this customdata (a mouse selection)."""
        wanted = _plain(customdata)
        for labels, data in self.customdata.items():
            if _plain(data) == wanted:
                return labels
        return None


def label(value: object) -> str:
    """A category as the chart writes it, as plain text (a week by its Monday)."""
    if isinstance(value, datetime | pd.Timestamp):
        stamp = pd.Timestamp(value)
        midnight = stamp == stamp.normalize()
        return stamp.strftime("%Y-%m-%d" if midnight else "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    # The figures escape user text for plotly; a table and a select show it as text.
    return html.unescape(str(value))


def cells(figure: go.Figure, *, across: str, down: str) -> Cells:
    """The cells of a heatmap (a row and a column) or the bars of a chart (one each);
    a chart with `down` names each bar by its series too."""
    heat = _heatmap(figure)
    found: dict[tuple[str, ...], list[Any]]
    if heat is not None:
        found = {
            (label(y), label(x)): list(data)
            for trace in figure.data
            if trace.customdata is not None
            for x, y, data in zip(trace.x, trace.y, trace.customdata, strict=True)
        }
        rows = tuple(label(y) for y in heat.y)
        columns = tuple(label(x) for x in heat.x)
        return Cells((down, across), (rows, columns), found)
    several = bool(down)
    found = {
        (_bar_label(x, series, several=several),): list(data)
        for x, series, _y, data in _points(figure)
        if data is not None
    }
    name = (
        _("{across} and {down}").format(across=across, down=down.lower())
        if several
        else across
    )
    return Cells((name,), (tuple(bar for bar, *_rest in found),), found)


def table(figure: go.Figure, *, across: str, down: str) -> pd.DataFrame:
    """The chart's figures: a heatmap's rows by its columns, else one row per point."""
    heat = _heatmap(figure)
    if heat is not None:
        values = heat.text if heat.text is not None else heat.z
        columns = [label(x) for x in heat.x]
        frame = pd.DataFrame(
            [[_value(v) for v in row] for row in values], columns=columns
        )
        frame.insert(0, down, [label(y) for y in heat.y])
        return frame
    points = _points(figure)
    value = _axis_title(figure.layout.yaxis) or _("Value")
    several = bool(down)
    rows = [
        {across: x, **({down: series} if several else {}), value: _value(y)}
        for x, series, y, _cell in points
    ]
    return pd.DataFrame(rows, columns=[across, *([down] if several else []), value])


def _heatmap(figure: go.Figure) -> go.Heatmap | None:
    return next((t for t in figure.data if isinstance(t, go.Heatmap)), None)


def _points(figure: go.Figure) -> list[tuple[str, str, Any, list[Any] | None]]:
    """Every bar or point as (category, series, value, customdata), in axis order."""
    points = []
    for trace in figure.data:
        data = [None] * len(trace.x) if trace.customdata is None else trace.customdata
        for x, y, cell in zip(trace.x, trace.y, data, strict=True):
            points.append((label(x), label(trace.name or ""), y, cell))
    order = [label(c) for c in (figure.layout.xaxis.categoryarray or ())]
    # Months and weeks sort as text; a named order (the age buckets) comes first.
    return sorted(
        points,
        key=lambda p: (order.index(p[0]) if p[0] in order else len(order), p[0]),
    )


def _bar_label(x: str, series: str, *, several: bool) -> str:
    return f"{x} · {series}" if several else x


def _axis_title(axis: Any) -> str:
    text = str(axis.title.text or "") if axis and axis.title else ""
    return text[:1].upper() + text[1:]


def _value(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 1)
    return value.item() if hasattr(value, "item") else value


def _plain(data: list[Any]) -> str:
    # A selection comes back from the browser as JSON: compare in that form.
    return json.dumps([_value(v) for v in data], default=str)

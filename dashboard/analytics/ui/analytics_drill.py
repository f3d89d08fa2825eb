"""Charts that answer a selection with the tickets behind it, read as tables or
chosen from selects without a mouse, and CSV downloads."""

from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.analytics import analytics_reading, figure_cells
from dashboard.analytics.figure_cells import Cells
from dashboard.kernel.csv_files import csv_bytes
from dashboard.kernel.i18n import _, is_french
from dashboard.kernel.rules.sla_text import STATE_LABELS
from dashboard.ui.text import md


def ticket_columns() -> dict[str, Any]:
    """The ticket lists' columns, named in the reader's language."""
    stamp = "YYYY-MM-DD HH:mm"
    return {
        "link": st.column_config.LinkColumn(
            _("Ticket"), display_text=r"/ticket\?key=(.*)", width="small"
        ),
        "ticket_key": None,
        "title": st.column_config.TextColumn(_("Title")),
        "organization": st.column_config.TextColumn(_("LDC")),
        "kind": st.column_config.TextColumn(_("Kind")),
        "severity": st.column_config.NumberColumn(_("Sev")),
        "request_type": st.column_config.TextColumn(_("Request type")),
        "status": st.column_config.TextColumn(_("Status")),
        "created_at": st.column_config.DatetimeColumn(_("Created"), format=stamp),
        "outcome": st.column_config.TextColumn(_("Clock")),
        "decided_at": st.column_config.DatetimeColumn(_("Met or due"), format=stamp),
        "sla_state": st.column_config.TextColumn(_("SLA")),
        "hours_left": st.column_config.NumberColumn(_("Hours left"), format="%.1f"),
        "sla_due_at": st.column_config.DatetimeColumn(_("Due"), format=stamp),
        "assignee": st.column_config.TextColumn(_("Assignee")),
    }


def words(value: Any) -> Any:
    """A label of a frame (English) in the reader's language; no label as it is."""
    return _(value) if isinstance(value, str) and value else value


def _in_words(frame: pd.DataFrame) -> pd.DataFrame:
    """A ticket list's values as the reader reads them (the frame, and its CSV, keep
    the store's English)."""
    shown = frame.copy()
    for column in ("kind", "status", "request_type"):
        if column in shown:
            shown[column] = shown[column].map(words)
    if "organization" in shown:
        shown["organization"] = shown["organization"].map(analytics_reading.ldc_words)
    if is_french():
        # English shows the clocks' codes as they are; French names them.
        for column in ("outcome", "sla_state"):
            if column in shown:
                shown[column] = shown[column].map(
                    lambda s: _(STATE_LABELS[s]) if s in STATE_LABELS else s
                )
    return shown


# What identifies a ticket first, then what the chart is about, then the rest.
LEADING = ("link", "title", "organization")
TRAILING = ("kind", "severity", "request_type", "status", "created_at")


def csv(frame: pd.DataFrame, *, name: str, key: str) -> None:
    """A button that downloads the frame as CSV (no cell runs as a formula).

    The CSV's column names and values stay English whatever the reader's language:
    the files are for tools, which read the same columns from every download."""
    st.download_button(
        _("Download {name} (CSV)").format(name=name),
        csv_bytes(frame),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"an_csv_{key}",
        icon=":material/download:",
    )


def selected(figure: go.Figure, *, key: str, cells: Cells) -> list[Any] | None:
    """Show a chart; return the customdata of the cell or bar selected in it."""
    event = st.plotly_chart(
        figure,
        key=key,
        on_select=partial(_follow, key=key, cells=cells),
        selection_mode=("points", "box"),
        width="stretch",
    )
    return _first(event["selection"]["points"] if event else [])


def _first(points: list[dict[str, Any]]) -> list[Any] | None:
    for point in points:
        if point.get("customdata") is not None:
            return list(point["customdata"])
    return None


def _follow(*, key: str, cells: Cells) -> None:
    # A mouse selection puts its cell in the selects: the newest choice is the one
    # shown, and the selects always say which cell is listed.
    event = st.session_state.get(key)
    data = _first(event["selection"]["points"] if event else [])
    labels = cells.labels(data) if data is not None else None
    for index in range(len(cells.names)):
        st.session_state[f"{key}_choose{index}"] = labels[index] if labels else None


def choose(cells: Cells, *, key: str) -> tuple[str | None, ...]:
    """Selects that choose a cell (a row and a column) or a bar, without a mouse."""
    columns = st.columns(2)
    return tuple(
        column.selectbox(
            name,
            options,
            index=None,
            placeholder=_("Choose…"),
            key=f"{key}_choose{index}",
        )
        for index, (column, name, options) in enumerate(
            zip(columns, cells.names, cells.options, strict=False)
        )
    )


def as_table(figure: go.Figure, *, key: str, across: str, down: str) -> None:
    """The chart's figures as a table, behind a toggle (off: nothing more is drawn)."""
    if st.toggle(_("Show the data as a table"), key=f"{key}_table"):
        st.dataframe(
            figure_cells.table(figure, across=across, down=down),
            hide_index=True,
            width="stretch",
        )


def tickets(frame: pd.DataFrame, *, heading: str, key: str) -> None:
    """The tickets behind a selection, each linking to its page."""
    st.markdown(md("**{heading}**", heading=heading))
    shown = _in_words(frame)
    for column in ("created_at", "decided_at", "sla_due_at"):
        if column in shown:
            shown[column] = pd.to_datetime(shown[column], utc=True).dt.tz_convert(
                "America/Toronto"
            )
    middle = [c for c in shown.columns if c not in (*LEADING, *TRAILING, "ticket_key")]
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config=ticket_columns(),
        column_order=[*LEADING, *middle, *TRAILING],
        key=f"an_list_{key}",
    )
    if len(frame) >= 500:
        st.caption(_("The first 500 are shown; the CSV holds the same 500."))
    csv(frame, name=_("these tickets"), key=f"{key}_tickets")


def drill(
    figure: go.Figure,
    *,
    key: str,
    across: str,
    down: str = "",
    behind: Callable[[list[Any]], tuple[str, pd.DataFrame]] | None = None,
) -> None:
    """A chart with its figures as a table behind a toggle; with `behind`, the cell or
    bar selected in it, or chosen in the selects under it, lists its tickets.

    `across` names the x axis (the columns of a heatmap), `down` a heatmap's rows or
    the series of a bar or line chart.
    """
    if behind is None:
        st.plotly_chart(figure, key=key, width="stretch")
        as_table(figure, key=key, across=across, down=down)
        return
    cells = figure_cells.cells(figure, across=across, down=down)
    clicked = selected(figure, key=key, cells=cells)
    as_table(figure, key=key, across=across, down=down)
    st.caption(
        _("Select a cell or bar, or choose it below, to list the tickets behind it.")
    )
    chosen = choose(cells, key=key)
    if cells.complete(chosen):
        cell = cells.cell(chosen)
        if cell is None:
            st.info(_("Nothing is counted in this cell."))
            return
    elif clicked is not None and cells.labels(clicked) is None:
        # A click fills the selects in; one they cannot name lists its tickets alone.
        cell = clicked
    else:
        return
    heading, frame = behind(cell)
    tickets(frame, heading=heading, key=key)

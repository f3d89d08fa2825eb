"""Charts that answer a selection with the tickets behind it, and CSV downloads."""

from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.kernel.csv_files import csv_bytes
from dashboard.ui.text import md

TICKET_COLUMNS = {
    "link": st.column_config.LinkColumn(
        "Ticket", display_text=r"/ticket\?key=(.*)", width="small"
    ),
    "ticket_key": None,
    "title": st.column_config.TextColumn("Title"),
    "organization": st.column_config.TextColumn("LDC"),
    "kind": st.column_config.TextColumn("Kind"),
    "severity": st.column_config.NumberColumn("Sev"),
    "request_type": st.column_config.TextColumn("Request type"),
    "status": st.column_config.TextColumn("Status"),
    "created_at": st.column_config.DatetimeColumn("Created", format="YYYY-MM-DD HH:mm"),
    "outcome": st.column_config.TextColumn("Clock"),
    "decided_at": st.column_config.DatetimeColumn(
        "Met or due", format="YYYY-MM-DD HH:mm"
    ),
    "sla_state": st.column_config.TextColumn("SLA"),
    "hours_left": st.column_config.NumberColumn("Hours left", format="%.1f"),
    "sla_due_at": st.column_config.DatetimeColumn("Due", format="YYYY-MM-DD HH:mm"),
    "assignee": st.column_config.TextColumn("Assignee"),
}
# What identifies a ticket first, then what the chart is about, then the rest.
LEADING = ("link", "title", "organization")
TRAILING = ("kind", "severity", "request_type", "status", "created_at")


def csv(frame: pd.DataFrame, *, name: str, key: str) -> None:
    """A button that downloads the frame as CSV (no cell runs as a formula)."""
    st.download_button(
        f"Download {name} (CSV)",
        csv_bytes(frame),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"an_csv_{key}",
        icon=":material/download:",
    )


def selected(figure: go.Figure, *, key: str) -> list[Any] | None:
    """Show a chart; return the customdata of the cell or bar selected in it."""
    event = st.plotly_chart(
        figure,
        key=key,
        on_select="rerun",
        selection_mode=("points", "box"),
        width="stretch",
    )
    points = event.selection.points if event else []
    for point in points:
        if point.get("customdata") is not None:
            return list(point["customdata"])
    return None


def tickets(frame: pd.DataFrame, *, heading: str, key: str) -> None:
    """The tickets behind a selection, each linking to its page."""
    st.markdown(md("**{heading}**", heading=heading))
    shown = frame.copy()
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
        column_config=TICKET_COLUMNS,
        column_order=[*LEADING, *middle, *TRAILING],
        key=f"an_list_{key}",
    )
    if len(frame) >= 500:
        st.caption("The first 500 are shown; the CSV holds the same 500.")
    csv(frame, name="these tickets", key=f"{key}_tickets")


def drill(
    figure: go.Figure,
    *,
    key: str,
    behind: Callable[[list[Any]], tuple[str, pd.DataFrame]],
) -> None:
    """A chart whose selected cell or bar lists its tickets below it."""
    choice = selected(figure, key=key)
    if choice is None:
        st.caption("Select a cell or bar to list the tickets behind it.")
        return
    heading, frame = behind(choice)
    tickets(frame, heading=heading, key=key)

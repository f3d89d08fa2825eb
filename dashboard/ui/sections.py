"""Tabs that draw only the open panel: a page of several forms runs and draws one
of them, and which one is open is kept in the address (`?tab=Releases`)."""

from collections.abc import Sequence

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def open_tab(labels: Sequence[str], *, key: str) -> tuple[str, DeltaGenerator]:
    """Show the tab bar; return the open tab's label and its panel to draw in."""
    tabs = st.tabs(list(labels), key=key, on_change="rerun", bind="query-params")
    for label, tab in zip(labels, tabs, strict=True):
        if tab.open:
            return label, tab
    return labels[0], tabs[0]

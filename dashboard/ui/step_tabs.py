"""The forms of a record's next steps: one tab each, and the chosen one kept.

A save reruns the page and may change which steps are allowed (an assignment ends
"Cancel"), which would make a new tab bar open on its first tab: the label chosen
last is kept in the session and chosen again wherever it is still offered.
"""

from collections.abc import Sequence

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def step_tabs(labels: Sequence[str], *, key: str) -> list[DeltaGenerator]:
    """A tab per step, the last chosen one open; a lone step's form stands alone."""
    if len(labels) <= 1:
        return [st.container() for _ in labels]
    chosen = f"{key}_chosen"
    widget = f"{key}_" + "-".join(labels)
    last = st.session_state.get(chosen)
    # A widget's default must not change while it lives: a new default is a new
    # widget to Streamlit, which would reset the tab just clicked.
    defaults = st.session_state.setdefault(f"{key}_defaults", {})
    default = defaults.setdefault(widget, last if last in labels else None)
    tabs = st.tabs(list(labels), key=widget, default=default, on_change="rerun")
    st.session_state[chosen] = st.session_state.get(widget, last)
    return list(tabs)

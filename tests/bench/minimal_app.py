"""The browser benchmark's yardstick: the least a Streamlit page can be, reached the
way the desk's pages are (a link in the sidebar navigation).

    streamlit run tests/bench/minimal_app.py
"""

import pandas as pd
import streamlit as st

ROWS = pd.DataFrame(
    {
        "key": [f"INC-{n:06d}" for n in range(1, 51)],
        "title": [f"Ticket number {n}" for n in range(1, 51)],
        "severity": [1 + n % 4 for n in range(50)],
    }
)


def _start() -> None:
    st.title("Start")


def _minimal() -> None:
    st.title("Minimal page")
    st.dataframe(ROWS, hide_index=True)


st.set_page_config(page_title="Minimal", layout="wide")
navigation = st.navigation(
    [
        st.Page(_start, title="Start", url_path="start", default=True),
        st.Page(_minimal, title="Minimal page", url_path="minimal"),
    ]
)
st.set_page_config(page_title=f"{navigation.title} · Minimal")
navigation.run()

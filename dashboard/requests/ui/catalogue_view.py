"""The service catalogue as a list of requests, each with what it needs."""

from typing import Any

import streamlit as st

from dashboard.ui import routes
from dashboard.ui.text import md_escape


def entry(request: dict[str, Any]) -> None:
    """One request: purpose, needs, who may ask, group, target, and a link to ask."""
    with st.container(border=True):
        st.markdown(f"## {md_escape(request['name'])}")
        st.write(request["purpose"])
        st.markdown(
            f"**Needs:** {md_escape(request['needs'])}  \n"
            f"**Who may ask:** {md_escape(request['who'])}  \n"
            f"**Fulfilled by:** {md_escape(request['group'])}  \n"
            f"**Target:** {md_escape(request['target'])}"
        )
        if request["may_file"]:
            st.page_link(
                routes.request_new(),
                label=f"Request {request['name']}",
                icon=":material/add_circle:",
                query_params={"type": request["code"]},
            )

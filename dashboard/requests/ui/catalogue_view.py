"""The service catalogue as a list of requests, each with what it needs."""

from typing import Any

import streamlit as st

from dashboard.kernel.i18n import _
from dashboard.ui import routes
from dashboard.ui.text import md, md_escape


def entry(request: dict[str, Any]) -> None:
    """One request: purpose, needs, who may ask, group, target, and a link to ask
    (the entry's words already in the current language)."""
    with st.container(border=True):
        st.markdown(f"## {md_escape(request['name'])}")
        st.write(request["purpose"])
        st.markdown(
            md(
                _(
                    "**Needs:** {needs}  \n"
                    "**Who may ask:** {who}  \n"
                    "**Fulfilled by:** {group}  \n"
                    "**Target:** {target}"
                ),
                needs=request["needs"],
                who=request["who"],
                group=request["group"],
                target=request["target"],
            )
        )
        if request["may_file"]:
            st.page_link(
                routes.request_new(),
                label=_("Request {name}").format(name=request["name"]),
                icon=":material/add_circle:",
                query_params={"type": request["code"]},
            )

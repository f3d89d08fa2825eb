"""Entry point: page set-up, sign-in, and navigation built from the user's role."""

import streamlit as st

from dashboard.ui import chrome, routes, session

st.set_page_config(
    page_title="MDM/R Service Desk", page_icon=":material/support_agent:", layout="wide"
)

actor = session.current_actor()
navigation = st.navigation(routes.pages_for(actor))
if actor is not None:
    chrome.sidebar(actor)
    chrome.mdmr_wide_banner(actor)
session.write_cookie()
navigation.run()

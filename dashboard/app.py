"""Entry point: page set-up, sign-in, and navigation built from the user's role."""

import streamlit as st

from dashboard import inbox
from dashboard.ui import chrome, routes, session

st.set_page_config(
    page_title="MDM/R Service Desk", page_icon=":material/support_agent:", layout="wide"
)

session.require_current_store()
session.start_jobs()
actor = session.current_actor()
unread = inbox.unread(session.engine(), actor) if actor else 0
navigation = st.navigation(routes.pages_for(actor, unread=unread))
if actor is not None:
    chrome.sidebar(actor)
    chrome.mdmr_wide_banner(actor)
session.write_cookie()
navigation.run()
session.cookie_written()

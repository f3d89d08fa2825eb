"""The root address: on to the signed-in user's first page."""

import streamlit as st

from dashboard.ui import routes, session

st.switch_page(routes.landing(session.actor()))

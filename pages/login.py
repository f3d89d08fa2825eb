"""Sign in."""

import streamlit as st

from dashboard.kernel.i18n import _
from dashboard.kernel.rules.errors import DomainError
from dashboard.ui import language, session
from dashboard.ui.text import md, refuse

language.sign_in_choice()
st.title(_("MDM/R Service Desk"))
st.caption(
    _(
        "Report and follow MDM/R incidents, problems and service requests. "
        "Authorized users of the SME, the OSP and Ontario's LDCs only."
    )
)
wanted = st.query_params.get("key")
if wanted:
    st.info(md(_("Sign in to open {key}."), key=wanted[:40]), icon=":material/lock:")

with st.form("login_form"):
    username = st.text_input(_("Username"), key="login_username", max_chars=80)
    password = st.text_input(
        _("Password"), type="password", key="login_password", max_chars=128
    )
    submitted = st.form_submit_button(_("Sign in"), type="primary")

if submitted:
    try:
        session.sign_in(username, password)
    except DomainError as refusal:
        refuse(refusal)
    else:
        st.rerun()

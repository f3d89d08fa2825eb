"""Set a password with the one-time code the desk gave (new account or reset)."""

import streamlit as st

from dashboard.accounts.user_admin import set_first_password
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.account_rules import MIN_PASSWORD_LENGTH
from dashboard.kernel.rules.errors import DomainError
from dashboard.ui import routes, session
from dashboard.ui.text import refuse

st.title(_("Set a password with a code"))
if st.session_state.pop("setup_done", False):
    st.success(_("Your password is set and your account is open. Sign in now."))
    st.page_link(routes.login(), label=_("Sign in"), icon=":material/login:")
    st.stop()
st.write(
    _(
        "The SME gave you a username and a one-time code when it created your "
        "account or reset its password. Choose your password here; the code then "
        "stops working."
    )
)
with st.form("setup_form"):
    username = st.text_input(_("Username"), key="setup_username")
    code = st.text_input(_("One-time code"), key="setup_code")
    new = st.text_input(
        _("New password (at least {n} characters)").format(n=MIN_PASSWORD_LENGTH),
        type="password",
        key="setup_new",
    )
    confirm = st.text_input(_("Confirm the new password"), type="password")
    sent = st.form_submit_button(_("Set my password"), type="primary")
if sent:
    try:
        set_first_password(
            session.engine(),
            username=username,
            code=code,
            new=new,
            confirm=confirm,
            now=session.now(),
        )
    except DomainError as refusal:
        refuse(refusal)
    else:
        st.session_state["setup_done"] = True
        st.rerun()

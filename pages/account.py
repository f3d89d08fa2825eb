"""The signed-in user's own account: password and notification settings."""

import streamlit as st

from dashboard.delivery.ui import notification_settings
from dashboard.kernel import auth
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.account_rules import MIN_PASSWORD_LENGTH
from dashboard.kernel.rules.errors import DomainError
from dashboard.ui import language, session
from dashboard.ui.text import md, refuse

actor = session.actor()
st.title(_("My account"))
st.markdown(md(_("**{name}**, {role}"), name=actor.display_name, role=_(actor.label)))

st.header(_("Change password"))
with st.form("account_password_form", clear_on_submit=True):
    current = st.text_input(
        _("Current password"), type="password", key="account_current"
    )
    new = st.text_input(
        _("New password"),
        type="password",
        key="account_new",
        help=_(
            "At least {n} characters, mixing letters with digits or symbols."
        ).format(n=MIN_PASSWORD_LENGTH),
    )
    confirm = st.text_input(
        _("Confirm new password"), type="password", key="account_confirm"
    )
    changed = st.form_submit_button(_("Change password"), type="primary")

if changed:
    try:
        auth.change_password(
            session.engine(),
            actor,
            current=current,
            new=new,
            confirm=confirm,
            session_token=session.token(),
            now=session.now(),
        )
    except DomainError as refusal:
        refuse(refusal)
    else:
        st.success(
            _(
                "Your password is changed. Use it the next time you sign in; your "
                "other sessions are signed out."
            )
        )

language.account_choice(actor)
notification_settings.preferences(actor)

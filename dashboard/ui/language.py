"""Whose language a run is in: the person's choice, else the sign-in page's, else the
browser's."""

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.kernel import auth, i18n
from dashboard.kernel.i18n import LANGUAGES, _
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import DomainError
from dashboard.ui import session
from dashboard.ui.text import refuse

KEY = session.LANGUAGE


def _of_this_session() -> str | None:
    # Jobs' threads have no session: they say whose language they write in.
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    chosen = st.session_state.get(KEY)
    return chosen if isinstance(chosen, str) else None


i18n.set_source(_of_this_session)


def settle(actor: Actor | None) -> str:
    """Fix this run's language: the actor's choice, else this session's, else the
    browser's."""
    chosen = actor.language if actor is not None else None
    if not chosen:
        chosen = st.session_state.get(KEY) or i18n.normalize(st.context.locale)
    settled = i18n.normalize(chosen)
    st.session_state[KEY] = settled
    return settled


def sign_in_choice() -> str:
    """The sign-in page's language chooser (its default is the browser's)."""
    codes = list(LANGUAGES)
    choice = st.segmented_control(
        _("Language"),
        codes,
        default=i18n.current(),
        format_func=LANGUAGES.__getitem__,
        key="login_language",
    )
    if choice and choice != st.session_state.get(KEY):
        st.session_state[KEY] = choice
        st.rerun()
    return i18n.current()


def account_choice(actor: Actor) -> None:
    """My account's language setting: screens and emails."""
    st.header(_("Language"))
    codes = list(LANGUAGES)
    with st.form("account_language_form"):
        choice = st.radio(
            _("Screens and emails in"),
            codes,
            index=codes.index(i18n.current()),
            format_func=LANGUAGES.__getitem__,
            horizontal=True,
            key="account_language",
        )
        saved = st.form_submit_button(_("Save language"))
    if saved:
        try:
            auth.set_language(session.engine(), actor, choice=choice, now=session.now())
        except DomainError as refusal:
            refuse(refusal)
        else:
            st.session_state[KEY] = choice
            st.rerun()

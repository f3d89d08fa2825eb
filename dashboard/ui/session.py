"""The signed-in user of this browser session, kept across refreshes by a cookie."""

import re
from datetime import UTC, datetime

import sqlalchemy as sa
import streamlit as st

from dashboard.kernel import auth, settings
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.account_rules import SESSION_DURATION
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.store import desk_engine, store_is_current

COOKIE = "sd_session"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


# This session's language (dashboard.ui.language decides it).
LANGUAGE = "desk_language"


def now() -> datetime:
    """The current instant in UTC."""
    return datetime.now(UTC)


def engine() -> sa.Engine:
    """The process's engine on the store of the settings (nothing is migrated or
    started here: migrations are a deploy step, the jobs start in app.py)."""
    return desk_engine()


def require_current_store() -> None:
    """Stop the page with a clear message when the store is not at the newest
    schema (started without `make run` or servicedesk-migrate)."""
    if not _current(settings.current().store):
        st.error(
            _(
                "The desk's store is not at the newest schema. Start the desk with "
                "`make run`, or run `servicedesk-migrate`, then reload this page."
            )
        )
        st.stop()


@st.cache_resource(show_spinner=False)
def _current_store(path: str) -> bool:
    # Cached once true: a running server's store does not go back in schema.
    return store_is_current(engine())


def _current(path: str) -> bool:
    if _current_store(path):
        return True
    _current_store.clear()
    return False


def current_actor() -> Actor | None:
    """The signed-in actor, from this session or the browser's cookie."""
    token = st.session_state.get("token") or st.context.cookies.get(COOKIE)
    if not isinstance(token, str) or not _TOKEN.match(token):
        st.session_state.pop("actor", None)
        return None
    actor = auth.actor_for_token(engine(), token, now=now())
    if actor is None:
        # Expired, signed out elsewhere, or deactivated: the next action ends it.
        st.session_state.pop("actor", None)
        if st.session_state.pop("token", None):
            st.session_state["cookie"] = "clear"
        return None
    st.session_state["token"] = token
    st.session_state["actor"] = actor
    return actor


def actor() -> Actor:
    """The signed-in actor of this run (pages run only after app.py found one)."""
    signed_in = st.session_state.get("actor")
    if not isinstance(signed_in, Actor):
        st.error(_("Please sign in."))
        st.stop()
    return signed_in


def token() -> str:
    """The session token of this run's signed-in actor."""
    return str(st.session_state.get("token", ""))


def sign_in(username: str, password: str) -> None:
    """Open a session for these credentials (raises DomainError when refused)."""
    signed_in = auth.sign_in(
        engine(),
        username=username,
        password=password,
        now=now(),
        language=st.session_state.get(LANGUAGE),
    )
    st.session_state["token"] = signed_in.token
    st.session_state["cookie"] = "set"


def sign_out() -> None:
    """End the session here and in the store."""
    token = st.session_state.get("token")
    if token:
        auth.sign_out(engine(), token, now=now())
    language = st.session_state.get(LANGUAGE)
    st.session_state.clear()
    st.session_state["cookie"] = "clear"
    if language:  # the sign-in page stays in the language just used
        st.session_state[LANGUAGE] = language


def cookie_written() -> None:
    """The run that carried the cookie's script completed: the browser has it."""
    st.session_state.pop("cookie", None)


def write_cookie() -> None:
    """Set or clear the session cookie in the browser when the session changed.

    The request stays until a run completes (`cookie_written`): a run cut short by
    a page switch may never reach the browser with its script.
    """
    action = st.session_state.get("cookie")
    if action == "set" and _TOKEN.match(st.session_state.get("token", "")):
        value, max_age = (
            st.session_state["token"],
            int(SESSION_DURATION.total_seconds()),
        )
    elif action == "clear":
        value, max_age = "", 0
    else:
        return
    st.html(
        f"<script>document.cookie = '{COOKIE}={value}; path=/; max-age={max_age}; "
        "SameSite=Strict';</script>",
        unsafe_allow_javascript=True,
    )

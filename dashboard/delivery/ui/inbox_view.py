"""Pieces of the inbox page: links, email state, marking read, pages."""

from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.delivery import inbox
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import DomainError
from dashboard.ui import routes, session
from dashboard.ui.text import refuse


def open_link(where: DeltaGenerator, item: dict[str, Any]) -> None:
    """A link to the ticket or problem the notification is about."""
    page = routes.problem() if item["kind"] == "problem" else routes.ticket()
    where.page_link(
        page,
        label=f"Open {item['ticket_key']}",
        query_params={"key": item["ticket_key"]},
    )


def email_state(item: dict[str, Any]) -> str:
    """What became of the notification's email, in words."""
    return inbox.EMAIL_STATES.get(item["email_state"], str(item["email_state"]))


def mark_read(actor: Actor, *, ids: list[int] | None) -> None:
    """Mark some (or all) of the actor's notifications read and show the result."""
    try:
        inbox.mark_read(session.engine(), actor, ids=ids, now=session.now())
    except DomainError as refusal:
        refuse(refusal)
        return
    st.rerun()


def first_page() -> None:
    """Go back to the newest notifications."""
    st.session_state["inbox_page"] = 1


def pager(page: int, *, full: bool) -> None:
    """Newer and older pages of the inbox."""
    newer, older = st.columns(2)
    if page > 1 and newer.button(
        "Newer", key="inbox_newer", icon=":material/arrow_back:"
    ):
        st.session_state["inbox_page"] = page - 1
        st.rerun()
    if full and older.button(
        "Older", key="inbox_older", icon=":material/arrow_forward:"
    ):
        st.session_state["inbox_page"] = page + 1
        st.rerun()

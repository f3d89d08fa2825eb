"""The pages of the desk, and which of them each role sees."""

from pathlib import Path

import streamlit as st

from dashboard.domain.authorization import Action, Actor, may

PAGES = Path(__file__).resolve().parents[2] / "pages"


def login() -> st.Page:
    """The sign-in page."""
    return st.Page(
        PAGES / "login.py", title="Sign in", icon=":material/login:", url_path="login"
    )


def tickets() -> st.Page:
    """The ticket list."""
    return st.Page(
        PAGES / "tickets.py",
        title="Tickets",
        icon=":material/list:",
        url_path="tickets",
    )


def ticket() -> st.Page:
    """One ticket, chosen by the `key` query parameter."""
    return st.Page(
        PAGES / "ticket.py",
        title="Ticket",
        icon=":material/confirmation_number:",
        url_path="ticket",
        visibility="hidden",
    )


def account() -> st.Page:
    """The user's own account: password and sign-out."""
    return st.Page(
        PAGES / "account.py",
        title="My account",
        icon=":material/person:",
        url_path="account",
    )


def pages_for(actor: Actor | None) -> dict[str, list[st.Page]]:
    """The navigation for this user, grouped by section."""
    if actor is None:
        return {"": [login()]}
    work = [tickets(), ticket()]
    you = [account()] if may(actor, Action.MANAGE_OWN_ACCOUNT) else []
    return {"Service desk": work, "You": you}

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


def report_incident() -> st.Page:
    """The incident report form."""
    return st.Page(
        PAGES / "report.py",
        title="Report an incident",
        icon=":material/report:",
        url_path="report",
    )


def queue() -> st.Page:
    """The triage queue."""
    return st.Page(
        PAGES / "queue.py",
        title="Triage queue",
        icon=":material/inbox_customize:",
        url_path="queue",
    )


def inbox(unread: int = 0) -> st.Page:
    """The user's notifications."""
    title = f"Inbox ({unread})" if unread else "Inbox"
    return st.Page(
        PAGES / "inbox.py",
        title=title,
        icon=":material/notifications:",
        url_path="inbox",
    )


def pages_for(actor: Actor | None, *, unread: int = 0) -> dict[str, list[st.Page]]:
    """The navigation for this user, grouped by section."""
    if actor is None:
        return {"": [login()]}
    work = [queue()] if may(actor, Action.WORK_TICKETS) else []
    work += [tickets(), ticket()]
    if may(actor, Action.FILE_INCIDENT):
        work.append(report_incident())
    you = [inbox(unread)]
    if may(actor, Action.MANAGE_OWN_ACCOUNT):
        you.append(account())
    return {"Service desk": work, "You": you}

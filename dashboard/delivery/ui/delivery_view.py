"""The desk's list of emails that failed for good, each with a Retry."""

from typing import Any

import streamlit as st

from dashboard.delivery import delivery_failures
from dashboard.kernel import mail_config
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.timezones import show
from dashboard.ui import session
from dashboard.ui.text import md, plain, refuse

P = "delivery"


def flash() -> None:
    """Say what the last retry did."""
    if message := st.session_state.pop(f"{P}_flash", None):
        plain(st.success, message)


def failures(actor: Actor) -> None:
    """Every failed email with its recipient, tickets, attempts and last error."""
    if not mail_config.smtp_configured():
        st.info("Email is not set up on this desk: notifications stay in the inboxes.")
    found = delivery_failures.failed_emails(session.engine(), actor)
    if not found:
        st.success("No failed emails.")
        return
    st.caption(
        f"{len(found)} email(s) the mail server kept refusing. Retry sends one again "
        "(its attempts counted anew); every retry is kept with who made it."
    )
    for failed in found:
        _failure(actor, failed)


def _failure(actor: Actor, failed: dict[str, Any]) -> None:
    with st.container(border=True):
        left, right = st.columns([5, 1], vertical_alignment="center")
        kind = "Digest" if failed["email_group"] == "digest" else "Email"
        left.markdown(
            md(
                "**{kind} to {recipient}** {email}",
                kind=kind,
                recipient=failed["recipient"],
                email=f"<{failed['email']}>",
            )
        )
        left.text(failed["subject"])
        plain(
            left.caption,
            f"{failed['notifications']} notification(s) · tickets: "
            f"{failed['ticket_keys'] or '—'} · {failed['attempts']} attempt(s) · "
            f"latest notification {show(failed['created_at'])}",
        )
        left.text(f"Last error: {failed['last_error'] or '—'}")
        if right.button("Retry", key=f"{P}_retry_{failed['first_id']}"):
            _retry(actor, failed)


def _retry(actor: Actor, failed: dict[str, Any]) -> None:
    try:
        count = delivery_failures.retry(
            session.engine(), actor, first_id=failed["first_id"], now=session.now()
        )
    except DomainError as refusal:
        refuse(refusal)
        return
    st.session_state[f"{P}_flash"] = (
        f"The email to {failed['recipient']} is back in the outbox ({count} "
        "notification(s)): it goes out within seconds."
    )
    st.rerun()

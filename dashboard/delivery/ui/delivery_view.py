"""The desk's list of emails that failed for good, in a grid; ticked ones retried."""

from typing import Any

import pandas as pd
import streamlit as st

from dashboard.delivery import delivery_failures
from dashboard.kernel import mail_config
from dashboard.kernel.i18n import _, formats, ngettext
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.errors import DomainError
from dashboard.ui import grid, session
from dashboard.ui.text import plain, refuse

P = "delivery"


def flash() -> None:
    """Say what the last retry did."""
    if message := st.session_state.pop(f"{P}_flash", None):
        plain(st.success, message)


def columns() -> dict[str, Any]:
    """The grid's columns (keyed by the frame's English names), labelled in the
    current language."""
    return {
        "Email": st.column_config.TextColumn(_("Email"), width="small"),
        "Recipient": st.column_config.TextColumn(_("Recipient")),
        "Address": st.column_config.TextColumn(_("Address")),
        "Subject": st.column_config.TextColumn(_("Subject"), width="large"),
        "Tickets": st.column_config.TextColumn(_("Tickets")),
        "Notifications": st.column_config.NumberColumn(
            _("Notifications"), width="small"
        ),
        "Attempts": st.column_config.NumberColumn(_("Attempts"), width="small"),
        "Latest": st.column_config.DatetimeColumn(
            _("Latest notification"),
            format=grid.date_format(),
            timezone="America/Toronto",
        ),
        "Error": st.column_config.TextColumn(_("Last error"), width="large"),
    }


def failures(actor: Actor) -> None:
    """Every failed email with its recipient, tickets, attempts and last error; the
    ticked ones retried together."""
    if not mail_config.smtp_configured():
        st.info(
            _("Email is not set up on this desk: notifications stay in the inboxes.")
        )
    found = delivery_failures.failed_emails(session.engine(), actor)
    if not found:
        st.success(_("No failed emails."))
        return
    st.caption(
        ngettext(
            "{n} email the mail server kept refusing. Retry sends it again (its "
            "attempts counted anew); every retry is kept with who made it.",
            "{n} emails the mail server kept refusing. Retry sends them again "
            "(their attempts counted anew); every retry is kept with who made it.",
            len(found),
        ).format(n=formats.number(len(found)))
    )
    bar = st.container()
    frame = pd.DataFrame(
        {
            "Email": [
                _("Digest") if f["email_group"] == "digest" else _("Email")
                for f in found
            ],
            "Recipient": [str(f["recipient"]) for f in found],
            "Address": [str(f["email"]) for f in found],
            "Subject": [str(f["subject"]) for f in found],
            "Tickets": [str(f["ticket_keys"] or "—") for f in found],
            "Notifications": [int(f["notifications"]) for f in found],
            "Attempts": [int(f["attempts"]) for f in found],
            "Latest": [f["created_at"] for f in found],
            "Error": [str(f["last_error"] or "—") for f in found],
        }
    )
    may_retry = may(actor, Action.RETRY_EMAILS)
    ids = [str(f["first_id"]) for f in found]
    chosen = grid.table(
        frame,
        keys=ids,
        columns=columns(),
        grid_key=f"{P}_grid_{st.session_state.get(f'{P}_round', 0)}",
        pick="many" if may_retry else "none",
        label=_("Failed emails: tick rows to retry them"),
    )
    if not may_retry:
        return
    with bar:
        picked = [f for f in found if str(f["first_id"]) in chosen]
        if st.button(
            ngettext("Retry {n} selected", "Retry {n} selected", len(picked)).format(
                n=formats.number(len(picked))
            )
            if picked
            else _("Retry selected"),
            disabled=not picked,
            type="primary",
            key=f"{P}_retry",
            icon=":material/send:",
        ):
            _retry(actor, picked)
        elif not picked:
            st.caption(_("Tick the emails to send again."))


def _retry(actor: Actor, picked: list[dict[str, Any]]) -> None:
    told = []
    for failed in picked:
        try:
            count = delivery_failures.retry(
                session.engine(), actor, first_id=failed["first_id"], now=session.now()
            )
        except DomainError as refusal:
            refuse(refusal)
            return
        told.append(
            ngettext(
                "{recipient} ({n} notification)",
                "{recipient} ({n} notifications)",
                count,
            ).format(recipient=failed["recipient"], n=formats.number(count))
        )
    st.session_state[f"{P}_round"] = st.session_state.get(f"{P}_round", 0) + 1
    st.session_state[f"{P}_flash"] = _(
        "Back in the outbox, going out within seconds: the email to {told}."
    ).format(told=", ".join(told))
    st.rerun()

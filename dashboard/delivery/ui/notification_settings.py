"""The user's choice of how to be told: immediate email, daily digest, in-app only."""

from datetime import date, datetime, time

import streamlit as st

from dashboard.delivery import inbox
from dashboard.delivery.delivery_rules import PREFERENCES, preference_label
from dashboard.delivery.outbox_drain import digest_hour_of
from dashboard.kernel import mail_config
from dashboard.kernel.i18n import _, formats
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import DomainError
from dashboard.ui import session
from dashboard.ui.text import refuse

P = "notify"


def preferences(actor: Actor) -> None:
    """The preference form; saving applies to notifications from then on."""
    st.header(_("Notifications"))
    engine = session.engine()
    current = inbox.preference(engine, actor)
    hour = digest_hour_of(engine)
    if not mail_config.smtp_configured():
        st.caption(
            _(
                "Email is not set up on this desk: every notification stays in your "
                "Inbox whatever you choose here."
            )
        )
    with st.form(f"{P}_form"):
        choice = st.radio(
            _("How do you want to be told?"),
            list(PREFERENCES),
            index=list(PREFERENCES).index(current) if current in PREFERENCES else 0,
            format_func=preference_label,
            captions=[
                _(
                    "An email for each change, within seconds (a bulk change is one "
                    "email)."
                ),
                _(
                    "One email a day at {hour} Toronto time listing what came since "
                    "the last one."
                ).format(hour=formats.clock(datetime.combine(date.min, time(hour)))),
                _("No email: your Inbox only."),
            ],
            key=f"{P}_choice",
        )
        saved = st.form_submit_button(_("Save notification settings"), type="primary")
    if saved:
        try:
            inbox.set_preference(engine, actor, choice=choice, now=session.now())
        except DomainError as refusal:
            refuse(refusal)
        else:
            st.success(
                _("Saved: {choice}. It applies from now on.").format(
                    choice=preference_label(str(choice))
                )
            )

"""The problem page's reach into its incidents: send them the workaround, and close
those resolved with it once the fix is deployed."""

from typing import Any

import streamlit as st

from dashboard.incidents import incident_outreach
from dashboard.kernel.i18n import _, formats
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.errors import DomainError
from dashboard.ui import session
from dashboard.ui.saves import Saves
from dashboard.ui.text import refuse

# The problem page's own saves: its flash says what was done, as for its other forms.
SAVES = Saves("problem")
FLASH = f"{SAVES.prefix}_flash"


def outreach(actor: Actor, problem: dict[str, Any]) -> None:
    """Send the workaround to open linked incidents; close them once fixed."""
    key = problem["ticket_key"]
    waiting = incident_outreach.pending(session.engine(), actor, key=key)
    if to_tell := waiting["workaround"]:
        told = formats.number(len(to_tell))
        st.info(
            _(
                "{n} open linked incident(s) have not been sent the current "
                "workaround: {keys}."
            ).format(n=told, keys=", ".join(to_tell))
        )
        if st.button(
            _("Send the workaround to {n} open incident(s)").format(n=told),
            key=f"problem_{key}_send",
            icon=":material/send:",
        ):
            SAVES.run(
                key,
                lambda: incident_outreach.send_workaround(
                    session.engine(), actor, key=key, now=session.now()
                ),
                done=_(
                    "The workaround is posted on {n} incident(s); their LDC contacts "
                    "are told."
                ).format(n=told),
            )
    to_close = waiting["close"]
    if to_close and may(actor, Action.BULK_CHANGE):
        closable = formats.number(len(to_close))
        st.info(
            _(
                "The fix is deployed: {n} linked incident(s) resolved with a "
                "workaround can be closed."
            ).format(n=closable)
        )
        if st.button(
            _("Close {n} incident(s)…").format(n=closable), key=f"problem_{key}_close"
        ):
            # The dialog's title is put in words now, in the reader's language.
            title = _("Close the incidents resolved with a workaround")
            st.dialog(title)(_confirm_close)(actor, key, keys=to_close)


def _confirm_close(actor: Actor, key: str, *, keys: list[str]) -> None:
    st.markdown(
        _(
            "The fix for {key} is deployed. Close these {n} incident(s)? Their LDC "
            "contacts are told."
        ).format(key=key, n=formats.number(len(keys)))
    )
    st.caption(", ".join(keys))
    if st.button(_("Yes, close them all"), type="primary", key=f"problem_{key}_yes"):
        try:
            closed = incident_outreach.close_worked_around(
                session.engine(), actor, key=key, now=session.now()
            )
        except DomainError as refusal:
            refuse(refusal)
        else:
            st.session_state[FLASH] = _("{n} incident(s) closed.").format(
                n=formats.number(closed)
            )
            st.rerun()

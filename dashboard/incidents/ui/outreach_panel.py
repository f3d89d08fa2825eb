"""The problem page's reach into its incidents: send them the workaround, and close
those resolved with it once the fix is deployed."""

from typing import Any

import streamlit as st

from dashboard.incidents import incident_outreach
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
        st.info(
            f"{len(to_tell)} open linked incident(s) have not been sent the current "
            f"workaround: {', '.join(to_tell)}."
        )
        if st.button(
            f"Send the workaround to {len(to_tell)} open incident(s)",
            key=f"problem_{key}_send",
            icon=":material/send:",
        ):
            SAVES.run(
                key,
                lambda: incident_outreach.send_workaround(
                    session.engine(), actor, key=key, now=session.now()
                ),
                done=f"The workaround is posted on {len(to_tell)} incident(s); their "
                "LDC contacts are told.",
            )
    to_close = waiting["close"]
    if to_close and may(actor, Action.BULK_CHANGE):
        st.info(
            f"The fix is deployed: {len(to_close)} linked incident(s) resolved with a "
            "workaround can be closed."
        )
        if st.button(f"Close {len(to_close)} incident(s)…", key=f"problem_{key}_close"):
            _confirm_close(actor, key, keys=to_close)


@st.dialog("Close the incidents resolved with a workaround")
def _confirm_close(actor: Actor, key: str, *, keys: list[str]) -> None:
    st.markdown(
        f"The fix for {key} is deployed. Close these {len(keys)} incident(s)? "
        "Their LDC contacts are told."
    )
    st.caption(", ".join(keys))
    if st.button("Yes, close them all", type="primary", key=f"problem_{key}_yes"):
        try:
            closed = incident_outreach.close_worked_around(
                session.engine(), actor, key=key, now=session.now()
            )
        except DomainError as refusal:
            refuse(refusal)
        else:
            st.session_state[FLASH] = f"{closed} incident(s) closed."
            st.rerun()

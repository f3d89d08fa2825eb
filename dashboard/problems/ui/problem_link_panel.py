"""Staff work on a problem's links: link by key, move, unlink, reach the LDCs."""

from typing import Any

import streamlit as st

from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.errors import DomainError
from dashboard.problems import problem_links, problem_outreach, problem_reading
from dashboard.problems.problem_rules import LinkedElsewhere
from dashboard.problems.ui import problem_view
from dashboard.problems.ui.problem_actions import FLASH, run
from dashboard.ui import session
from dashboard.ui.text import plain, refuse


def linked(actor: Actor, problem: dict[str, Any], *, editable: bool) -> None:
    """The linked incidents, with unlink for those who edit problems."""
    key = problem["ticket_key"]
    incidents = problem_reading.linked_incidents(
        session.engine(), actor, problem_id=problem["id"]
    )

    def unlink(incident_key: str) -> None:
        run(
            key,
            lambda: problem_links.unlink_incident(
                session.engine(),
                actor,
                problem_key=key,
                incident_key=incident_key,
                now=session.now(),
            ),
            done=f"{incident_key} is no longer linked to {key}.",
        )

    problem_view.linked(incidents, internal=True, unlink=unlink if editable else None)


def link_box(actor: Actor, problem: dict[str, Any]) -> None:
    """Link an incident by its key; one linked elsewhere moves after a confirmation."""
    key = problem["ticket_key"]
    pending = f"problem_{key}_move"
    with st.form(f"problem_{key}_link", border=False, clear_on_submit=True):
        typed = st.text_input(
            "Link an incident by its key",
            placeholder="INC-000123",
            max_chars=20,
            key=f"problem_{key}_link_key",
        )
        sent = st.form_submit_button("Link the incident", icon=":material/link:")
    if sent:
        st.session_state.pop(pending, None)
        _link(actor, key, typed=typed, move=False)
    if pending in st.session_state:
        incident_key, message = st.session_state[pending]
        plain(st.warning, message)
        yes, no = st.columns(2)
        if yes.button(f"Move {incident_key} to {key}", key=f"problem_{key}_move_yes"):
            st.session_state.pop(pending)
            _link(actor, key, typed=incident_key, move=True)
        if no.button("Leave it where it is", key=f"problem_{key}_move_no"):
            st.session_state.pop(pending)
            st.rerun()


def _link(actor: Actor, key: str, *, typed: str, move: bool) -> None:
    try:
        linked_key = problem_links.link_incident(
            session.engine(),
            actor,
            problem_key=key,
            incident_key=typed,
            move=move,
            now=session.now(),
        )
    except LinkedElsewhere as elsewhere:
        pending = (elsewhere.incident_key, elsewhere.message)
        st.session_state[f"problem_{key}_move"] = pending
        st.rerun()
    except DomainError as refusal:
        refuse(refusal)
    else:
        verb = "moved to" if move else "linked to"
        st.session_state[FLASH] = f"{linked_key} is {verb} {key}."
        st.rerun()


def outreach(actor: Actor, problem: dict[str, Any]) -> None:
    """Send the workaround to open linked incidents; close them once fixed."""
    key = problem["ticket_key"]
    waiting = problem_outreach.pending(session.engine(), actor, key=key)
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
            run(
                key,
                lambda: problem_outreach.send_workaround(
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
            closed = problem_outreach.close_worked_around(
                session.engine(), actor, key=key, now=session.now()
            )
        except DomainError as refusal:
            refuse(refusal)
        else:
            st.session_state[FLASH] = f"{closed} incident(s) closed."
            st.rerun()

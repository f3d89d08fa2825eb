"""Staff work on a problem's links: link by key, move, unlink."""

from typing import Any

import streamlit as st

from dashboard.kernel.i18n import _
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.workflow import Kind, ticket_key
from dashboard.problems import problem_links, problem_reading
from dashboard.problems.problem_rules import LinkedElsewhere
from dashboard.problems.ui import problem_view
from dashboard.problems.ui.problem_actions import FLASH, run
from dashboard.ui import session
from dashboard.ui.text import md, plain, refuse


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
            done=_("{incident} is no longer linked to {problem}.").format(
                incident=incident_key, problem=key
            ),
        )

    problem_view.linked(incidents, internal=True, unlink=unlink if editable else None)


def link_box(actor: Actor, problem: dict[str, Any]) -> None:
    """Link an incident by its key; one linked elsewhere moves after a confirmation."""
    key = problem["ticket_key"]
    pending = f"problem_{key}_move"
    with st.form(f"problem_{key}_link", border=False, clear_on_submit=True):
        typed = st.text_input(
            _("Link an incident by its key"),
            placeholder=ticket_key(Kind.INCIDENT, 123),
            max_chars=20,
            key=f"problem_{key}_link_key",
        )
        sent = st.form_submit_button(_("Link the incident"), icon=":material/link:")
    if sent:
        st.session_state.pop(pending, None)
        _link(actor, key, typed=typed, move=False)
    if pending in st.session_state:
        incident_key, message = st.session_state[pending]
        plain(st.warning, message)
        yes, no = st.columns(2)
        if yes.button(
            md(_("Move {incident} to {problem}"), incident=incident_key, problem=key),
            key=f"problem_{key}_move_yes",
        ):
            st.session_state.pop(pending)
            _link(actor, key, typed=incident_key, move=True)
        if no.button(_("Leave it where it is"), key=f"problem_{key}_move_no"):
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
        done = (
            _("{incident} is moved to {problem}.")
            if move
            else _("{incident} is linked to {problem}.")
        )
        st.session_state[FLASH] = done.format(incident=linked_key, problem=key)
        st.rerun()

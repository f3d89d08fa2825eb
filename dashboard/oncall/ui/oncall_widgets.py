"""Who is on call now, an incident's ladder, and its Acknowledge button."""

from collections.abc import Callable
from functools import partial
from typing import Any

import streamlit as st

from dashboard.kernel.i18n import _
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.oncall import oncall_acknowledge, oncall_rota
from dashboard.oncall.oncall_rules import ROLES, STEP_LABELS
from dashboard.ui import session
from dashboard.ui.text import plain

Run = Callable[..., None]


def now_line(actor: Actor) -> None:
    """'On call now: primary X, secondary Y', for the desk's staff."""
    if not may(actor, Action.SEE_ONCALL):
        return
    names = oncall_rota.on_call_now(session.engine(), actor, now=session.now())
    held = ", ".join(
        _("{role} {name}").format(
            role=_(STEP_LABELS[role]), name=names[role] or _("nobody")
        )
        for role in ROLES
    )
    plain(st.caption, _("On call now: {held}.").format(held=held))


def ladder(actor: Actor, ticket: dict[str, Any]) -> None:
    """Where a severity 1 or 2 incident's paging stands, for the desk's staff."""
    if ticket["kind"] != "incident" or ticket["severity"] not in (1, 2):
        return
    state = oncall_acknowledge.ladder_state(session.engine(), actor, ticket=ticket)
    if state is None:
        return
    now_line(actor)
    show = st.warning if state.waiting else st.info
    plain(show, "; ".join(state.lines) if state.lines else _("Not paged."))


def acknowledge_button(actor: Actor, ticket: dict[str, Any], *, run: Run) -> None:
    """The Acknowledge button of a paged, unacknowledged severity 1 or 2 incident."""
    if not may(actor, Action.TRIAGE) or ticket["severity"] not in (1, 2):
        return
    state = oncall_acknowledge.ladder_state(session.engine(), actor, ticket=ticket)
    if state is None or not state.waiting:
        return
    key = ticket["ticket_key"]
    if st.button(_("Acknowledge"), type="primary", key="act_acknowledge"):
        run(
            key,
            _("{key}: page acknowledged.").format(key=key),
            action=partial(
                oncall_acknowledge.acknowledge,
                session.engine(),
                actor,
                key=key,
                now=session.now(),
            ),
        )

"""The steps the workflow allows this user on this service request, and no others."""

import json
from functools import partial
from typing import Any

import streamlit as st

from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.ticket_text import COMMENT_MAX, REASON_MAX
from dashboard.requests import request_work
from dashboard.requests.request_forms import label_of
from dashboard.requests.request_steps import Step, steps_for
from dashboard.ui import session, text
from dashboard.ui.once import Once
from dashboard.ui.queue_widgets import assignment_fields
from dashboard.ui.saves import Saves
from dashboard.ui.step_tabs import step_tabs

SAVES = Saves("reqact")
COMMENT = Once("reqact")
BUTTONS = (Step.START, Step.RESUME, Step.CLOSE)
WITH_TEXT = {
    Step.FULFIL: "What was done (sent to the requester; optional)",
    Step.AWAIT: "What do you need from the requester?",
    Step.REJECT: "Why is the request rejected?",
    Step.CANCEL: "Why is the request cancelled?",
}
_CODE = "reqact_new_account"


def flash() -> None:
    """Say what the last action did, and show a new account's code this once."""
    SAVES.flash()
    if account := st.session_state.pop(_CODE, None):
        st.warning(
            text.md(
                "Account **{username}** is created and inactive until its first "
                "password is set. Give the person this one-time code: **{code}** "
                "(valid until {expires} UTC). They enter it on “Set a password with "
                "a code” beside the sign-in. It is shown only now: it is stored only "
                "as a hash.",
                username=account.username,
                code=account.code,
                expires=f"{account.expires_at:%Y-%m-%d %H:%M}",
            ),
            icon=":material/key:",
        )


def details(ticket: dict[str, Any]) -> None:
    """The request's answers under the labels of its form."""
    answers = json.loads(ticket["request_fields"] or "{}")
    if not answers:
        return
    st.header("Request details")
    labels = [label_of(ticket["request_type"], name) for name in answers]
    values = [_shown(v) for v in answers.values()]
    text.table({"Field": labels, "Value": values})


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def panel(actor: Actor, ticket: dict[str, Any]) -> None:
    """Every step this user may take now."""
    steps = steps_for(actor, request_work.facts(ticket))
    if not steps:
        return
    with st.container(border=True):
        key, version = ticket["ticket_key"], SAVES.seen_version(ticket)
        row = st.container(horizontal=True)
        for step in (s for s in BUTTONS if s in steps):
            if row.button(step.value, key=f"reqact_{step.name}"):
                _status(actor, key, version=version, step=step, text="")
        tabs = [s for s in (Step.COMMENT, Step.ASSIGN, *WITH_TEXT) if s in steps]
        chosen = step_tabs([s.value for s in tabs], key=f"reqact_tabs_{key}")
        for tab, step in zip(chosen, tabs, strict=True):
            with tab:
                if step is Step.COMMENT:
                    _comment(actor, key, may_note=Step.INTERNAL_NOTE in steps)
                elif step is Step.ASSIGN:
                    _assign(actor, ticket, version=version)
                else:
                    _with_text(actor, key, version=version, step=step)


def _status(actor: Actor, key: str, *, version: int, step: Step, text: str) -> None:
    def act() -> None:
        account = request_work.change_status(
            session.engine(),
            actor,
            key=key,
            version=version,
            step=step,
            reason=text,
            now=session.now(),
        )
        if account is not None:
            st.session_state[_CODE] = account

    SAVES.run(
        key, act, done=f"{key}: {step.value} done.", clear=(f"reqact_{step.name}_text",)
    )


def _with_text(actor: Actor, key: str, *, version: int, step: Step) -> None:
    with st.form(f"reqact_{step.name}_form"):
        text = st.text_area(
            WITH_TEXT[step], max_chars=REASON_MAX, key=f"reqact_{step.name}_text"
        )
        sent = st.form_submit_button(step.value, type="primary")
    if sent:
        _status(actor, key, version=version, step=step, text=text)


def _comment(actor: Actor, key: str, *, may_note: bool) -> None:
    with st.form(COMMENT.key("comment_form")):
        body = st.text_area("Comment", max_chars=COMMENT_MAX, key=COMMENT.key("body"))
        internal = may_note and st.toggle(
            "Internal work note (never shown to the LDC)", key=COMMENT.key("internal")
        )
        sent = st.form_submit_button("Add", type="primary")
    if sent:
        SAVES.run(
            key,
            lambda: COMMENT.save(
                lambda token: request_work.comment(
                    session.engine(),
                    actor,
                    key=key,
                    body=body,
                    internal=bool(internal),
                    now=session.now(),
                    token=token,
                )
            ),
            done="Internal note added." if internal else "Comment added.",
        )


def _assign(actor: Actor, ticket: dict[str, Any], *, version: int) -> None:
    with st.form("reqact_assign_form"):
        group, person = assignment_fields(
            group_code=ticket["group_code"], default_person=actor.user_id
        )
        sent = st.form_submit_button("Assign", type="primary")
    if sent:
        SAVES.run(
            ticket["ticket_key"],
            partial(
                request_work.assign,
                session.engine(),
                actor,
                key=ticket["ticket_key"],
                version=version,
                assignee_id=person,
                group_code=group,
                now=session.now(),
            ),
            done="Assignment saved.",
        )

"""The steps the workflow allows this user on this service request, and no others."""

import json
from functools import partial
from typing import Any

import streamlit as st

from dashboard.kernel.i18n import N_, _, formats
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.ticket_text import COMMENT_MAX, REASON_MAX
from dashboard.requests import request_work
from dashboard.requests.request_forms import Field, Kind, field_of, label_of
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
    Step.FULFIL: N_("What was done (sent to the requester; optional)"),
    Step.AWAIT: N_("What do you need from the requester?"),
    Step.REJECT: N_("Why is the request rejected?"),
    Step.CANCEL: N_("Why is the request cancelled?"),
}
# Answers that are one of the form's own choices (stored in English).
_CHOSEN = (Kind.CHOICE, Kind.ENVIRONMENT)
_CODE = "reqact_new_account"


def flash() -> None:
    """Say what the last action did, and show a new account's code this once."""
    SAVES.flash()
    if account := st.session_state.pop(_CODE, None):
        st.warning(
            text.md(
                _(
                    "Account **{username}** is created and inactive until its first "
                    "password is set. Give the person this one-time code: **{code}** "
                    "(valid until {expires} UTC). They enter it on “Set a password "
                    "with a code” beside the sign-in. It is shown only now: it is "
                    "stored only as a hash."
                ),
                username=account.username,
                code=account.code,
                expires=formats.stamp(account.expires_at),
            ),
            icon=":material/key:",
        )


def details(ticket: dict[str, Any]) -> None:
    """The request's answers under the labels of its form."""
    answers = json.loads(ticket["request_fields"] or "{}")
    if not answers:
        return
    st.header(_("Request details"))
    code = ticket["request_type"]
    labels = [label_of(code, name) for name in answers]
    values = [_shown(field_of(code, name), value) for name, value in answers.items()]
    text.table({_("Field"): labels, _("Value"): values})


def _shown(found: Field | None, value: object) -> str:
    """An answer as the reader says it: yes or no, a choice in their language, or
    what the requester typed."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if found is not None and found.kind in _CHOSEN:
        return _(str(value))
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
            if row.button(_(step.value), key=f"reqact_{step.name}"):
                _status(actor, key, version=version, step=step, text="")
        tabs = [s for s in (Step.COMMENT, Step.ASSIGN, *WITH_TEXT) if s in steps]
        chosen = step_tabs([_(s.value) for s in tabs], key=f"reqact_tabs_{key}")
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
        key,
        act,
        done=_("{key}: {step} done.").format(key=key, step=_(step.value)),
        clear=(f"reqact_{step.name}_text",),
    )


def _with_text(actor: Actor, key: str, *, version: int, step: Step) -> None:
    with st.form(f"reqact_{step.name}_form"):
        text = st.text_area(
            _(WITH_TEXT[step]), max_chars=REASON_MAX, key=f"reqact_{step.name}_text"
        )
        sent = st.form_submit_button(_(step.value), type="primary")
    if sent:
        _status(actor, key, version=version, step=step, text=text)


def _comment(actor: Actor, key: str, *, may_note: bool) -> None:
    with st.form(COMMENT.key("comment_form")):
        body = st.text_area(
            _("Comment"), max_chars=COMMENT_MAX, key=COMMENT.key("body")
        )
        internal = may_note and st.toggle(
            _("Internal work note (never shown to the LDC)"),
            key=COMMENT.key("internal"),
        )
        sent = st.form_submit_button(_("Add"), type="primary")
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
            done=_("Internal note added.") if internal else _("Comment added."),
        )


def _assign(actor: Actor, ticket: dict[str, Any], *, version: int) -> None:
    with st.form("reqact_assign_form"):
        group, person = assignment_fields(
            group_code=ticket["group_code"], default_person=actor.user_id
        )
        sent = st.form_submit_button(_("Assign"), type="primary")
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
            done=_("Assignment saved."),
        )

"""The next steps the workflow allows this user on this incident, and nothing else."""

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

import streamlit as st

from dashboard.incidents import incident_work
from dashboard.incidents.incident_resolution import Resolution, resolve
from dashboard.incidents.incident_rules import Step, steps_for
from dashboard.kernel import directory
from dashboard.kernel.i18n import N_, _
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.severity import (
    LEVELS,
    severity_of,
)
from dashboard.kernel.rules.ticket_text import (
    COMMENT_MAX,
    REASON_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
)
from dashboard.kernel.uploads import Upload
from dashboard.oncall.ui.oncall_widgets import acknowledge_button
from dashboard.ui import session
from dashboard.ui.once import Once
from dashboard.ui.queue_widgets import assignment_fields
from dashboard.ui.saves import Saves
from dashboard.ui.step_tabs import step_tabs

SIMPLE = (Step.START, Step.AWAIT_VENDOR, Step.RESUME, Step.CLOSE)
WITH_REASON = {
    Step.AWAIT_LDC: N_("What do you need from the LDC?"),
    Step.REOPEN: N_("Why is the incident not solved?"),
    Step.CANCEL: N_("Why is it cancelled (duplicate of…, not an incident)?"),
}


SAVES = Saves("act")
COMMENT = Once("act_comment")


def _run(key: str, done: str, *, action: Callable[[], object]) -> None:
    SAVES.run(key, action, done=done)


def flash() -> None:
    """Say what the last action did."""
    SAVES.flash()


def panel(actor: Actor, ticket: dict[str, Any]) -> None:
    """Every step this user may take now."""
    steps = steps_for(actor, incident_work.facts(ticket))
    if steps:
        with st.container(border=True):
            acknowledge_button(actor, ticket, run=_run)
            _steps(actor, ticket, steps=steps)


def _steps(actor: Actor, ticket: dict[str, Any], *, steps: list[Step]) -> None:
    key, version = ticket["ticket_key"], SAVES.seen_version(ticket)
    engine, now = session.engine(), session.now()
    buttons = [s for s in SIMPLE if s in steps]
    if buttons:
        row = st.container(horizontal=True)
        for step in buttons:
            if row.button(_(step.value), key=f"act_{step.name}"):
                _run(
                    key,
                    _("{key}: {step} done.").format(key=key, step=_(step.value)),
                    action=partial(
                        incident_work.change_status,
                        engine,
                        actor,
                        key=key,
                        version=version,
                        step=step,
                        now=now,
                    ),
                )
    tabs = [
        s
        for s in (
            Step.COMMENT,
            Step.ASSIGN,
            Step.RECLASSIFY,
            Step.RESOLVE,
            *WITH_REASON,
        )
        if s in steps
    ]
    if not tabs:
        return
    chosen = step_tabs([_(s.value) for s in tabs], key=f"act_tabs_{key}")
    for tab, step in zip(chosen, tabs, strict=True):
        with tab:
            FORMS[step](actor, ticket, step=step, version=version)


def _comment(actor: Actor, ticket: dict[str, Any], *, step: Step, version: int) -> None:
    steps = steps_for(actor, incident_work.facts(ticket))
    with st.form(COMMENT.key("form"), clear_on_submit=False):
        body = st.text_area(
            _("Comment"), max_chars=COMMENT_MAX, key=COMMENT.key("body")
        )
        internal = Step.INTERNAL_NOTE in steps and st.toggle(
            _("Internal work note (never shown to the LDC)"),
            key=COMMENT.key("internal"),
        )
        files = st.file_uploader(
            _("Attach files (10 MB each)"),
            accept_multiple_files=True,
            key=COMMENT.key("files"),
        )
        sent = st.form_submit_button(_("Add"), type="primary")
    if sent:
        uploads = [Upload(f.name, f.type or "", f.getvalue()) for f in files or []]
        what = _("Internal note added.") if internal else _("Comment added.")
        _run(
            ticket["ticket_key"],
            what,
            action=lambda: COMMENT.save(
                lambda token: incident_work.comment(
                    session.engine(),
                    actor,
                    key=ticket["ticket_key"],
                    body=body,
                    internal=bool(internal),
                    files=uploads,
                    now=session.now(),
                    token=token,
                )
            ),
        )


def _assign(actor: Actor, ticket: dict[str, Any], *, step: Step, version: int) -> None:
    with st.form("act_assign_form"):
        group, person = assignment_fields(
            group_code=ticket["group_code"], default_person=actor.user_id
        )
        sent = st.form_submit_button(_("Assign"), type="primary")
    if sent:
        _run(
            ticket["ticket_key"],
            _("Assignment saved."),
            action=lambda: incident_work.assign(
                session.engine(),
                actor,
                key=ticket["ticket_key"],
                version=version,
                assignee_id=person,
                group_code=group,
                now=session.now(),
            ),
        )


def _reclassify(
    actor: Actor, ticket: dict[str, Any], *, step: Step, version: int
) -> None:
    left, right = st.columns(2)
    impacts = directory.severity_labels(session.engine(), "impact")
    urgencies = directory.severity_labels(session.engine(), "urgency")
    impact = left.selectbox(
        _("Impact"),
        LEVELS,
        index=ticket["impact"] - 1,
        format_func=impacts.__getitem__,
        key="act_impact",
    )
    urgency = right.selectbox(
        _("Urgency"),
        LEVELS,
        index=ticket["urgency"] - 1,
        format_func=urgencies.__getitem__,
        key="act_urgency",
    )
    st.markdown(
        _("Severity **{before} → {after}**").format(
            before=ticket["severity"], after=severity_of(impact, urgency)
        )
    )
    reason = st.text_input(
        _("Reason (kept in the history)"),
        max_chars=REASON_MAX,
        key="act_reclassify_reason",
    )
    if st.button(_("Re-classify"), type="primary", key="act_reclassify"):
        _run(
            ticket["ticket_key"],
            _("Re-classified."),
            action=lambda: incident_work.reclassify(
                session.engine(),
                actor,
                key=ticket["ticket_key"],
                version=version,
                impact=impact,
                urgency=urgency,
                reason=reason,
                now=session.now(),
            ),
        )


def _resolve(actor: Actor, ticket: dict[str, Any], *, step: Step, version: int) -> None:
    kind = st.radio(
        _("Resolution"),
        ["fixed", "workaround"],
        format_func={
            "fixed": _("Fixed"),
            "workaround": _("Workaround (logs or links a problem)"),
        }.__getitem__,
        horizontal=True,
        key="act_resolution_kind",
    )
    label = _("Resolution notes") if kind == "fixed" else _("Workaround")
    text = st.text_area(label, key="act_resolution_text")
    problem_key, new_title, new_summary = "", "", ""
    if kind == "workaround":
        problems = directory.open_problems(session.engine())
        choice = st.radio(
            _("Problem"),
            ["new", "existing"],
            format_func={
                "new": _("Log a new problem"),
                "existing": _("Link an existing problem"),
            }.__getitem__,
            horizontal=True,
            key="act_problem_choice",
        )
        if choice == "existing":
            problem_key = (
                st.selectbox(
                    _("Open problem"),
                    list(problems),
                    format_func=lambda k: f"{k} · {problems[k]}",
                    index=None,
                    key="act_problem_key",
                )
                or ""
            )
        else:
            new_title, new_summary = _new_problem()
    if st.button(_("Resolve"), type="primary", key="act_resolve"):
        resolution = Resolution(
            kind=kind,
            text=text,
            problem_key=problem_key,
            new_problem_title=new_title,
            new_problem_summary=new_summary,
        )
        _run(
            ticket["ticket_key"],
            _("Resolved."),
            action=lambda: resolve(
                session.engine(),
                actor,
                key=ticket["ticket_key"],
                version=version,
                resolution=resolution,
                now=session.now(),
            ),
        )


def _new_problem() -> tuple[str, str]:
    """The new problem's public title and summary, written for every LDC."""
    st.caption(
        _(
            "Every LDC reads a problem's title and summary: describe the problem for "
            "all of them, not in this incident's words (no LDC names, SDP IDs or "
            "contacts)."
        )
    )
    title = st.text_input(
        _("New problem's public title"), max_chars=TITLE_MAX, key="act_problem_title"
    )
    summary = st.text_area(
        _("New problem's public summary"),
        max_chars=SUMMARY_MAX,
        key="act_problem_summary",
    )
    return title, summary


def _with_reason(
    actor: Actor, ticket: dict[str, Any], *, step: Step, version: int
) -> None:
    with st.form(f"act_{step.name}_form"):
        reason = st.text_area(_(WITH_REASON[step]), max_chars=REASON_MAX)
        sent = st.form_submit_button(_(step.value), type="primary")
    if sent:
        _run(
            ticket["ticket_key"],
            _("{step} done.").format(step=_(step.value)),
            action=lambda: incident_work.change_status(
                session.engine(),
                actor,
                key=ticket["ticket_key"],
                version=version,
                step=step,
                reason=reason,
                now=session.now(),
            ),
        )


class _Form(Protocol):
    def __call__(
        self, actor: Actor, ticket: dict[str, Any], *, step: Step, version: int
    ) -> None: ...


FORMS: dict[Step, _Form] = {
    Step.COMMENT: _comment,
    Step.ASSIGN: _assign,
    Step.RECLASSIFY: _reclassify,
    Step.RESOLVE: _resolve,
    Step.AWAIT_LDC: _with_reason,
    Step.REOPEN: _with_reason,
    Step.CANCEL: _with_reason,
}

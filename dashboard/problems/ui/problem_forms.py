"""The forms staff use on problems: log one, edit one, comment on one."""

from typing import Any

import streamlit as st

from dashboard.kernel import directory
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.reference import CATEGORIES, CATEGORY_NAMES
from dashboard.kernel.rules.ticket_text import REASON_MAX, SUMMARY_MAX, TITLE_MAX
from dashboard.problems import problem_work
from dashboard.problems.problem_rules import (
    TEXT_MAX,
    ProblemDraft,
    ProblemEdit,
    next_statuses,
)
from dashboard.problems.ui.problem_actions import run, seen_version
from dashboard.ui import routes, session
from dashboard.ui.once import Once
from dashboard.ui.text import refuse

CODES = [code for code, _name in CATEGORIES]


def _category_name(code: str) -> str:
    return _(CATEGORY_NAMES[code])


def log_form(actor: Actor) -> None:
    """Log a problem directly, then open it."""
    with st.form("problems_log_form"):
        title = st.text_input(_("Title"), max_chars=TITLE_MAX, key="problems_log_title")
        category = st.selectbox(
            _("Category"),
            CODES,
            format_func=_category_name,
            index=None,
            key="problems_log_category",
            placeholder=_("Choose an option"),
        )
        summary = st.text_area(
            _("Public summary (every LDC user reads it)"),
            max_chars=SUMMARY_MAX,
            key="problems_log_summary",
        )
        description = st.text_area(
            _("Description (staff only)"), max_chars=TEXT_MAX, key="problems_log_desc"
        )
        workaround = st.text_area(
            _("Workaround, if one is known"),
            max_chars=TEXT_MAX,
            key="problems_log_workaround",
        )
        sent = st.form_submit_button(_("Log the problem"), type="primary")
    if not sent:
        return
    draft = ProblemDraft(
        title=title,
        category=category or "",
        public_summary=summary,
        description=description,
        workaround=workaround,
    )
    try:
        key = problem_work.log_problem(
            session.engine(), actor, draft=draft, now=session.now()
        )
    except DomainError as refusal:
        refuse(refusal)
    else:
        st.session_state["problem_flash"] = _("{key} is logged.").format(key=key)
        st.switch_page(routes.problem(), query_params={"key": key})


def edit_form(actor: Actor, problem: dict[str, Any]) -> None:
    """Every editable field and the allowed next statuses, saved as one change."""
    key = problem["ticket_key"]
    version = seen_version(problem, form=_form_values(problem))
    releases = directory.releases(session.engine())
    w = f"problem_{key}"
    with st.form(f"{w}_edit"):
        title = st.text_input(
            _("Title"), value=problem["title"], max_chars=TITLE_MAX, key=f"{w}_title"
        )
        left, middle, right = st.columns(3)
        category = left.selectbox(
            _("Category"),
            CODES,
            index=CODES.index(problem["category"])
            if problem["category"] in CODES
            else None,
            format_func=_category_name,
            key=f"{w}_category",
            placeholder=_("Choose an option"),
        )
        status = middle.selectbox(
            _("Status"),
            next_statuses(problem["status"]),
            format_func=_,
            key=f"{w}_status",
        )
        choices: list[int | None] = [None, *releases]
        target = right.selectbox(
            _("Target release"),
            choices,
            index=choices.index(problem["target_release_id"])
            if problem["target_release_id"] in choices
            else 0,
            format_func=lambda r: _("None yet") if r is None else releases[r],
            key=f"{w}_target",
        )
        summary = st.text_area(
            _("Public summary (every LDC user reads it)"),
            value=problem["public_summary"] or "",
            max_chars=SUMMARY_MAX,
            key=f"{w}_summary",
        )
        workaround = st.text_area(
            _("Workaround (public)"),
            value=problem["workaround"] or "",
            max_chars=TEXT_MAX,
            key=f"{w}_workaround",
        )
        root_cause = st.text_area(
            _("Root cause (LDC users read it from Known error on)"),
            value=problem["root_cause"] or "",
            max_chars=TEXT_MAX,
            key=f"{w}_root_cause",
        )
        reason = st.text_input(
            _("Reason for the status change (kept in the history)"),
            max_chars=REASON_MAX,
            key=f"{w}_reason",
        )
        sent = st.form_submit_button(_("Save"), type="primary")
    if sent:
        edit = ProblemEdit(
            title=title,
            category=category or "",
            public_summary=summary,
            workaround=workaround,
            root_cause=root_cause,
            target_release_id=target,
            status=status,
            reason=reason,
        )
        run(
            key,
            lambda: problem_work.update_problem(
                session.engine(),
                actor,
                key=key,
                version=version,
                edit=edit,
                now=session.now(),
            ),
            done=_("{key} saved.").format(key=key),
            clear=(f"{w}_reason",),
        )


def _form_values(problem: dict[str, Any]) -> dict[str, Any]:
    """The edit form's values for a problem as stored, by the widgets' key suffix."""
    return {
        "title": problem["title"],
        "category": problem["category"],
        "status": problem["status"],
        "target": problem["target_release_id"],
        "summary": problem["public_summary"] or "",
        "workaround": problem["workaround"] or "",
        "root_cause": problem["root_cause"] or "",
    }


def comment_form(actor: Actor, problem: dict[str, Any]) -> None:
    """A public comment (told to subscribers) or an internal work note."""
    key = problem["ticket_key"]
    form = Once(f"problem_{key}")
    with st.form(form.key("comment")):
        body = st.text_area(_("Comment"), max_chars=TEXT_MAX, key=form.key("body"))
        internal = may(actor, Action.WRITE_INTERNAL_NOTE) and st.toggle(
            _("Internal work note (never shown to LDC users)"),
            key=form.key("internal"),
        )
        sent = st.form_submit_button(_("Add"), type="primary")
    if sent:
        run(
            key,
            lambda: form.save(
                lambda token: problem_work.comment(
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

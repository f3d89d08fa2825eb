"""The rota page's parts: the weeks with their selects, the day overrides."""

from datetime import timedelta
from typing import Any

import streamlit as st

from dashboard.kernel.i18n import N_, _, formats
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.errors import DomainError, InvalidInput
from dashboard.oncall import oncall_rota
from dashboard.oncall.oncall_rules import ROLES, STEP_LABELS, Step, local_day
from dashboard.ui import session
from dashboard.ui.text import md, plain, refuse, table

P = "oncall"
NOBODY = N_("— nobody —")
# Each role's select of a week.
WEEK_SELECTS = {
    Step.PRIMARY: N_("Primary, week of {day}"),
    Step.SECONDARY: N_("Secondary, week of {day}"),
}


def _done(message: str) -> None:
    st.session_state[f"{P}_flash"] = message
    st.rerun()


def flash() -> None:
    """Say what the last change did."""
    if message := st.session_state.pop(f"{P}_flash", None):
        plain(st.success, message)


def _role(value: str) -> str:
    """A stored role ('primary', 'secondary') in the current language."""
    return _(STEP_LABELS[Step(value)])


def _names(people: list[dict[str, Any]]) -> dict[int | None, str]:
    return {None: _(NOBODY)} | {p["id"]: p["display_name"] for p in people}


def weeks(actor: Actor) -> None:
    """The next weeks: selects for a manager, a table for everyone else."""
    found = oncall_rota.upcoming(session.engine(), actor, now=session.now())
    st.header(_("Weeks (from Monday 00:00, Toronto time)"))
    if not may(actor, Action.MANAGE_ONCALL):
        table(
            {
                _("Week of"): [formats.day(w.week_start) for w in found],
                _("Primary"): [w.names[Step.PRIMARY] or "—" for w in found],
                _("Secondary"): [w.names[Step.SECONDARY] or "—" for w in found],
            }
        )
        return
    names = _names(oncall_rota.cims(session.engine(), actor))
    for week in found:
        _week(actor, week, names=names)


def _week(
    actor: Actor, week: oncall_rota.Week, *, names: dict[int | None, str]
) -> None:
    day = f"{week.week_start:%Y-%m-%d}"  # the widgets' keys
    shown = formats.day(week.week_start)
    with st.form(f"{P}_week_{day}", border=True):
        st.markdown(md(_("**Week of {day}**"), day=shown))
        chosen = {}
        for column, role in zip(st.columns(2), ROLES, strict=True):
            held = week.ids[role]
            options = list(names) if held in names else [*names, held]
            chosen[role] = column.selectbox(
                _(WEEK_SELECTS[role]).format(day=shown),
                options,
                index=options.index(held),
                format_func=lambda i: names.get(i, _("(not a CIM now)")),
                key=f"{P}_{role.value}_{day}",
            )
        if st.form_submit_button(_("Save week of {day}").format(day=shown)):
            _save_week(actor, week, chosen=chosen, day=shown)


def _save_week(
    actor: Actor, week: oncall_rota.Week, *, chosen: dict[Step, Any], day: str
) -> None:
    try:
        oncall_rota.set_week(
            session.engine(),
            actor,
            week_start=week.week_start,
            primary=chosen[Step.PRIMARY],
            secondary=chosen[Step.SECONDARY],
            now=session.now(),
        )
    except DomainError as refusal:
        refuse(refusal)
    else:
        _done(_("Rota for the week of {day} saved.").format(day=day))


def overrides(actor: Actor) -> None:
    """The day overrides from today on, with Remove, and a form to add one."""
    st.header(_("Day overrides"))
    st.caption(_("A day's override beats its week's rota for that day only."))
    found = oncall_rota.overrides(session.engine(), actor, now=session.now())
    manager = may(actor, Action.MANAGE_ONCALL)
    if not found:
        st.caption(_("No overrides."))
    for row in found:
        line = st.container(horizontal=True)
        line.text(
            f"{formats.day(row['day'])} · {_role(row['role'])} · {row['display_name']}"
        )
        key = f"{P}_remove_{row['day']:%Y%m%d}_{row['role']}"
        if manager and line.button(_("Remove"), key=key):
            _remove(actor, row)
    if manager:
        _add_form(actor)


def _remove(actor: Actor, row: dict[str, Any]) -> None:
    try:
        oncall_rota.remove_override(
            session.engine(), actor, day=row["day"], role=row["role"], now=session.now()
        )
    except DomainError as refusal:
        refuse(refusal)
    else:
        _done(
            _("Override of {day} ({role}) removed.").format(
                day=formats.day(row["day"]), role=_role(row["role"])
            )
        )


def _add_form(actor: Actor) -> None:
    people = oncall_rota.cims(session.engine(), actor)
    names = {p["id"]: p["display_name"] for p in people}
    today = local_day(session.now())
    with st.form(f"{P}_add_override"):
        left, middle, right = st.columns(3)
        day = left.date_input(
            _("Day"), value=today + timedelta(days=1), min_value=today, key=f"{P}_day"
        )
        role = middle.selectbox(
            _("Role"),
            [r.value for r in ROLES],
            format_func=_role,
            key=f"{P}_override_role",
        )
        person = right.selectbox(
            _("On call"),
            list(names),
            format_func=names.__getitem__,
            key=f"{P}_person",
        )
        sent = st.form_submit_button(_("Add override"), type="primary")
    if sent:
        try:
            if person is None:
                raise InvalidInput(_("Choose who is on call that day."))
            oncall_rota.set_override(
                session.engine(),
                actor,
                day=day,
                role=role,
                user_id=int(person),
                now=session.now(),
            )
        except DomainError as refusal:
            refuse(refusal)
        else:
            _done(
                _("Override of {day} ({role}) saved.").format(
                    day=formats.day(day), role=_role(role)
                )
            )

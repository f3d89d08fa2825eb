"""Service-level administration: policy versions, their targets, closure days."""

from datetime import date
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.admin import reporting_export
from dashboard.kernel.i18n import N_, _, formats, ngettext
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.catalogue import BY_CODE
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.target_text import EXAMPLES, target_minutes, target_text
from dashboard.kernel.rules.timezones import show
from dashboard.sla import sla_admin
from dashboard.ui import session
from dashboard.ui.text import md, plain, refuse

P = "slaadm"


def _label(key: str) -> str:
    kind, _colon, rest = key.partition(":")
    if kind == "incident":
        return _("Incident, severity {severity}").format(severity=rest)
    return _(BY_CODE[rest].name)


def _done(message: str) -> None:
    st.session_state[f"{P}_flash"] = message
    st.rerun()


def flash() -> None:
    """Say what the last change did."""
    if message := st.session_state.pop(f"{P}_flash", None):
        plain(st.success, message)


def versions(actor: Actor) -> list[dict[str, Any]]:
    """The versions table, newest first; returns the versions."""
    found = sla_admin.versions(session.engine(), actor)
    st.header(_("Policy versions"))
    st.dataframe(
        pd.DataFrame(
            {
                _("Version"): [v["version"] for v in found],
                _("In force from"): [show(v["effective_from"]) for v in found],
                _("Note"): [v["note"] for v in found],
                _("By"): [v["created_by_name"] for v in found],
                _("Tickets on it"): [v["tickets"] for v in found],
                _("Open tickets on it"): [v["open_tickets"] for v in found],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    return found


# The editor's columns, marked for the catalogue and named through `_()`.
TARGETS = {
    "first_response_minutes": N_("First response"),
    "update_minutes": N_("Update every"),
    "resolution_minutes": N_("Resolution / fulfilment"),
    # Severity 1 and 2 only: how soon the person paged must acknowledge.
    "acknowledge_minutes": N_("Acknowledge page within"),
}
# The administration history's actions, as it names them.
ACTIONS = {
    "sla_policy_saved": N_("sla policy saved"),
    "sla_policy_reapplied": N_("sla policy reapplied"),
    "closure_day_added": N_("closure day added"),
    "closure_day_removed": N_("closure day removed"),
    "organization_added": N_("organization added"),
    "organization_changed": N_("organization changed"),
    "category_added": N_("category added"),
    "category_changed": N_("category changed"),
    "release_added": N_("release added"),
    "severity_definition_changed": N_("severity definition changed"),
    "auto_close_changed": N_("auto close changed"),
    "reporting_export": N_("reporting export"),
    "email_retried": N_("email retried"),
    "user_created": N_("user created"),
    "user_unlocked": N_("user unlocked"),
    "user_password_reset": N_("user password reset"),
    "user_role_changed": N_("user role changed"),
    "user_tickets_released": N_("user tickets released"),
}
# Closure days are listed with their weekday.
WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)


def _shown(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The target rows as a manager reads them: durations in words, not minutes."""
    frame = pd.DataFrame(rows).drop(columns=["policy_id"])
    frame.insert(0, "row", [_label(k) for k in frame["target_key"]])
    for column in TARGETS:
        frame[column] = [
            target_text(None if pd.isna(m) else int(m), calendar=c)
            for m, c in zip(frame[column], frame["calendar_code"], strict=True)
        ]
    return frame


def _typed(edited: pd.DataFrame) -> list[dict[str, Any]]:
    """The edited rows back in minutes of each row's calendar."""
    rows = []
    for record in edited.to_dict("records"):
        row = {str(k): v for k, v in record.items() if k != "row"}
        for column, title in TARGETS.items():
            row[column] = target_minutes(
                str(row[column] or ""),
                calendar=str(row["calendar_code"]),
                what=f"{record['row']}, {_(title).lower()}",
            )
        rows.append(row)
    return rows


def editor(actor: Actor, newest: dict[str, Any]) -> None:
    """Edit the newest version's targets and save them as the next version."""
    st.header(_("Targets of version {version}").format(version=newest["version"]))
    st.caption(
        _(
            "Write each target as {examples}. A business day is 9 business hours; "
            "round-the-clock (24x7) rows count every hour. A saved change applies to "
            "tickets filed from now on."
        ).format(examples=_(EXAMPLES))
    )
    rows = sla_admin.targets_of(session.engine(), actor, policy_id=newest["id"])
    text = {c: st.column_config.TextColumn(_(t)) for c, t in TARGETS.items()}
    edited = st.data_editor(
        _shown(rows),
        key=f"{P}_editor_{newest['version']}",
        hide_index=True,
        width="stretch",
        disabled=["row", "target_key"],
        column_config={
            "target_key": None,
            "row": _("Applies to"),
            # The calendars' codes are the values saved: they show as they are.
            "calendar_code": st.column_config.SelectboxColumn(
                _("Calendar"), options=["24x7", "business"], required=True
            ),
            **text,
            "compliance_target": st.column_config.NumberColumn(
                _("Compliance target"),
                min_value=0.01,
                max_value=1.0,
                step=0.01,
                format="percent",
            ),
        },
    )
    note = st.text_input(_("What changes, and why"), max_chars=200, key=f"{P}_note")
    if st.button(
        _("Save as version {version}").format(version=newest["version"] + 1),
        type="primary",
        key=f"{P}_save",
    ):
        try:
            version = sla_admin.save_version(
                session.engine(),
                actor,
                rows=_typed(edited),
                note=note,
                now=session.now(),
            )
        except DomainError as refusal:
            refuse(refusal)
        else:
            _done(
                _(
                    "Version {version} saved: it applies to tickets filed from now on."
                ).format(version=version)
            )


def reapply(actor: Actor, found: list[dict[str, Any]]) -> None:
    """Put the open tickets on the newest version, after a confirmation."""
    newest = found[0]
    older = sum(int(v["open_tickets"]) for v in found[1:])
    st.caption(
        ngettext(
            "{n} open ticket runs on older versions and keeps them unless re-applied.",
            "{n} open tickets run on older versions and keep them unless re-applied.",
            older,
        ).format(n=formats.number(older))
    )
    if st.button(
        _("Re-apply version {version} to every open ticket…").format(
            version=newest["version"]
        ),
        key=f"{P}_reapply",
    ):
        _confirm_reapply(actor, newest)


def _confirm_reapply(actor: Actor, newest: dict[str, Any]) -> None:
    # The dialog is made at each call: its title is in the reader's language.
    @st.dialog(_("Re-apply the policy"))
    def confirm() -> None:
        st.write(
            _(
                "Every open incident and service request moves to version {version} "
                "and its deadlines are recomputed from its history."
            ).format(version=newest["version"])
        )
        if st.button(_("Re-apply"), type="primary", key=f"{P}_reapply_yes"):
            count = sla_admin.reapply(
                session.engine(), actor, policy_id=newest["id"], now=session.now()
            )
            _done(
                ngettext(
                    "{n} open ticket now runs on version {version}.",
                    "{n} open tickets now run on version {version}.",
                    count,
                ).format(n=formats.number(count), version=newest["version"])
            )

    confirm()


def closure_days(actor: Actor) -> None:
    """The business calendar's closure days: list, add, remove."""
    st.header(_("Closure days"))
    st.caption(
        _(
            "Days the SME desk is closed besides weekends and Ontario's statutory "
            "holidays."
        )
    )
    engine, now = session.engine(), session.now()
    for closed in sla_admin.closure_days(engine, actor):
        left, right = st.columns([5, 1], vertical_alignment="center")
        weekday = WEEKDAYS[closed["day"].weekday()]
        left.text(
            _("{weekday} {day} · {reason} · added by {name}").format(
                weekday=_(weekday),
                day=formats.day(closed["day"]),
                reason=closed["reason"],
                name=closed["created_by_name"],
            )
        )
        if right.button(_("Remove"), key=f"{P}_remove_{closed['day']}"):
            remove = partial(
                sla_admin.remove_closure_day, engine, actor, day=closed["day"], now=now
            )
            _run(remove, added=False)
    with st.form(f"{P}_add_day", clear_on_submit=True):
        left, right = st.columns([1, 3])
        day = left.date_input(_("Day"), value=None, format="YYYY-MM-DD")
        reason = right.text_input(_("Reason"), max_chars=200)
        if st.form_submit_button(_("Add closure day")):
            if not isinstance(day, date):
                st.error(_("Choose the day."))
            else:
                add = partial(
                    sla_admin.add_closure_day,
                    engine,
                    actor,
                    day=day,
                    reason=reason,
                    now=now,
                )
                _run(add, added=True)


def _run(action: Any, *, added: bool) -> None:
    try:
        count = action()
    except DomainError as refusal:
        refuse(refusal)
    else:
        done = (
            ngettext(
                "Closure day added; the deadlines of {n} ticket were recomputed.",
                "Closure day added; the deadlines of {n} tickets were recomputed.",
                count,
            )
            if added
            else ngettext(
                "Closure day removed; the deadlines of {n} ticket were recomputed.",
                "Closure day removed; the deadlines of {n} tickets were recomputed.",
                count,
            )
        )
        _done(done.format(n=formats.number(count)))


def audit(actor: Actor) -> None:
    """The newest administration changes."""
    entries = sla_admin.audit_trail(session.engine(), actor)
    with st.expander(_("Administration history")):
        if not entries:
            st.caption(_("No change yet."))
        for e in entries:
            code = str(e["action"])
            action = _(ACTIONS.get(code, code.replace("_", " ")))
            # The subject and detail are the record's, written when it was made.
            st.text(
                f"{show(e['occurred_at'])} · {e['actor_name']} · {action} · "
                f"{e['subject']} {e['detail']}"
            )


def export(actor: Actor) -> None:
    """The reporting export: when it last ran, and a button to run it now."""
    st.header(_("Reporting export"))
    last = reporting_export.last_export(session.engine())
    st.caption(
        md(
            _(
                "Every hour the desk writes its reporting views as files that "
                "reporting tools can read while the desk runs. {last}"
            ),
            last=_("Last written {when}.").format(when=show(last))
            if last
            else _("Not written yet."),
        )
    )
    if st.button(_("Export now"), key=f"{P}_export"):
        counts = reporting_export.export_now(session.engine(), actor, now=session.now())
        # The views' names are the files' (for tools): they stay as they are.
        views = [
            ngettext("{view} ({n} row)", "{view} ({n} rows)", n).format(
                view=v, n=formats.number(n)
            )
            for v, n in counts.items()
        ]
        _done(_("Exported {views}.").format(views=", ".join(views)))

"""Service-level administration: policy versions, their targets, closure days."""

from datetime import date
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.admin import reporting_export
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
    kind, _, rest = key.partition(":")
    return f"Incident, severity {rest}" if kind == "incident" else BY_CODE[rest].name


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
    st.header("Policy versions")
    st.dataframe(
        pd.DataFrame(
            {
                "Version": [v["version"] for v in found],
                "In force from": [show(v["effective_from"]) for v in found],
                "Note": [v["note"] for v in found],
                "By": [v["created_by_name"] for v in found],
                "Tickets on it": [v["tickets"] for v in found],
                "Open tickets on it": [v["open_tickets"] for v in found],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    return found


TARGETS = {
    "first_response_minutes": "First response",
    "update_minutes": "Update every",
    "resolution_minutes": "Resolution / fulfilment",
    # Severity 1 and 2 only: how soon the person paged must acknowledge.
    "acknowledge_minutes": "Acknowledge page within",
}


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
                what=f"{record['row']}, {title.lower()}",
            )
        rows.append(row)
    return rows


def editor(actor: Actor, newest: dict[str, Any]) -> None:
    """Edit the newest version's targets and save them as the next version."""
    st.header(f"Targets of version {newest['version']}")
    st.caption(
        f"Write each target as {EXAMPLES}. A business day is 9 business hours; "
        "round-the-clock (24x7) rows count every hour. A saved change applies to "
        "tickets filed from now on."
    )
    rows = sla_admin.targets_of(session.engine(), actor, policy_id=newest["id"])
    text = {c: st.column_config.TextColumn(t) for c, t in TARGETS.items()}
    edited = st.data_editor(
        _shown(rows),
        key=f"{P}_editor_{newest['version']}",
        hide_index=True,
        width="stretch",
        disabled=["row", "target_key"],
        column_config={
            "target_key": None,
            "row": "Applies to",
            "calendar_code": st.column_config.SelectboxColumn(
                "Calendar", options=["24x7", "business"], required=True
            ),
            **text,
            "compliance_target": st.column_config.NumberColumn(
                "Compliance target",
                min_value=0.01,
                max_value=1.0,
                step=0.01,
                format="percent",
            ),
        },
    )
    note = st.text_input("What changes, and why", max_chars=200, key=f"{P}_note")
    if st.button(
        f"Save as version {newest['version'] + 1}", type="primary", key=f"{P}_save"
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
            _done(f"Version {version} saved: it applies to tickets filed from now on.")


def reapply(actor: Actor, found: list[dict[str, Any]]) -> None:
    """Put the open tickets on the newest version, after a confirmation."""
    newest = found[0]
    older = sum(int(v["open_tickets"]) for v in found[1:])
    st.caption(
        f"{older} open tickets run on older versions and keep them unless re-applied."
    )
    if st.button(
        f"Re-apply version {newest['version']} to every open ticket…",
        key=f"{P}_reapply",
    ):
        _confirm_reapply(actor, newest)


@st.dialog("Re-apply the policy")
def _confirm_reapply(actor: Actor, newest: dict[str, Any]) -> None:
    st.write(
        f"Every open incident and service request moves to version {newest['version']} "
        "and its deadlines are recomputed from its history."
    )
    if st.button("Re-apply", type="primary", key=f"{P}_reapply_yes"):
        count = sla_admin.reapply(
            session.engine(), actor, policy_id=newest["id"], now=session.now()
        )
        _done(f"{count} open tickets now run on version {newest['version']}.")


def closure_days(actor: Actor) -> None:
    """The business calendar's closure days: list, add, remove."""
    st.header("Closure days")
    st.caption(
        "Days the SME desk is closed besides weekends and Ontario's statutory holidays."
    )
    engine, now = session.engine(), session.now()
    for closed in sla_admin.closure_days(engine, actor):
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.text(
            f"{closed['day']:%A %Y-%m-%d} · {closed['reason']} · "
            f"added by {closed['created_by_name']}"
        )
        if right.button("Remove", key=f"{P}_remove_{closed['day']}"):
            remove = partial(
                sla_admin.remove_closure_day, engine, actor, day=closed["day"], now=now
            )
            _run(remove, "removed")
    with st.form(f"{P}_add_day", clear_on_submit=True):
        left, right = st.columns([1, 3])
        day = left.date_input("Day", value=None, format="YYYY-MM-DD")
        reason = right.text_input("Reason", max_chars=200)
        if st.form_submit_button("Add closure day"):
            if not isinstance(day, date):
                st.error("Choose the day.")
            else:
                add = partial(
                    sla_admin.add_closure_day,
                    engine,
                    actor,
                    day=day,
                    reason=reason,
                    now=now,
                )
                _run(add, "added")


def _run(action: Any, verb: str) -> None:
    try:
        count = action()
    except DomainError as refusal:
        refuse(refusal)
    else:
        _done(f"Closure day {verb}; the deadlines of {count} tickets were recomputed.")


def audit(actor: Actor) -> None:
    """The newest administration changes."""
    entries = sla_admin.audit_trail(session.engine(), actor)
    with st.expander("Administration history"):
        if not entries:
            st.caption("No change yet.")
        for e in entries:
            action = str(e["action"]).replace("_", " ")
            st.text(
                f"{show(e['occurred_at'])} · {e['actor_name']} · {action} · "
                f"{e['subject']} {e['detail']}"
            )


def export(actor: Actor) -> None:
    """The reporting export: when it last ran, and a button to run it now."""
    st.header("Reporting export")
    last = reporting_export.last_export(session.engine())
    st.caption(
        md(
            "Every hour the desk writes its reporting views as files that reporting "
            "tools can read while the desk runs. {last}",
            last=f"Last written {show(last)}." if last else "Not written yet.",
        )
    )
    if st.button("Export now", key=f"{P}_export"):
        counts = reporting_export.export_now(session.engine(), actor, now=session.now())
        _done(
            "Exported "
            + ", ".join(f"{v} ({n:,} rows)" for v, n in counts.items())
            + "."
        )

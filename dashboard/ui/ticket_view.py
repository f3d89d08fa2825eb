"""One ticket: its fields, its description and its timeline."""

import json
from functools import partial
from typing import Any

import streamlit as st

from dashboard.kernel import reading
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.catalogue import BY_CODE
from dashboard.kernel.rules.reference import CATEGORY_NAMES
from dashboard.kernel.rules.severity import IMPACT_NAMES, URGENCY_NAMES
from dashboard.kernel.rules.sla_text import CLOCK_LABELS, STATE_LABELS, span, time_left
from dashboard.kernel.rules.timezones import show
from dashboard.kernel.rules.workflow import KIND_LABELS, Kind
from dashboard.ui import routes, session
from dashboard.ui.text import md_escape, table


def header(ticket: dict[str, Any]) -> None:
    """Key, title, status and kind."""
    st.title(f"{ticket['ticket_key']} · {md_escape(ticket['title'])}")
    badges = st.container(horizontal=True)
    badges.badge(ticket["status"], color="blue")
    badges.badge(KIND_LABELS[Kind(ticket["kind"])], color="gray")
    if ticket["severity"]:
        badges.badge(
            f"Severity {ticket['severity']}",
            color="red" if ticket["severity"] <= 2 else "orange",
        )
    if ticket["is_mdmr_wide"]:
        badges.badge("MDM/R-wide", color="violet")


def _pairs(ticket: dict[str, Any]) -> list[tuple[str, str]]:
    kind = Kind(ticket["kind"])
    pairs = []
    if kind is not Kind.PROBLEM:
        org = "MDM/R-wide" if ticket["is_mdmr_wide"] else ticket["org_name"]
        pairs.append(("Organization", f"{org} ({ticket['org_code']})"))
    if kind is Kind.SERVICE_REQUEST and ticket["request_type"] in BY_CODE:
        pairs.append(("Request", BY_CODE[ticket["request_type"]].name))
    if kind is Kind.INCIDENT and ticket["impact"]:
        pairs += [
            ("Impact", f"{ticket['impact']} {IMPACT_NAMES[ticket['impact']]}"),
            ("Urgency", f"{ticket['urgency']} {URGENCY_NAMES[ticket['urgency']]}"),
            ("Environment", ticket["environment"] or "—"),
            ("Release", ticket["release_name"] or "—"),
        ]
    if ticket["problem_key"]:
        pairs.append(("Problem", ticket["problem_key"]))
    if ticket["resolution_type"]:
        pairs.append(("Resolution", ticket["resolution_type"].capitalize()))
    if ticket["category"]:
        pairs.append(
            ("Category", CATEGORY_NAMES.get(ticket["category"], ticket["category"]))
        )
    pairs += [
        ("Reported by", ticket["reporter_name"] or "—"),
        ("Group", ticket["group_name"] or "—"),
        ("Assignee", ticket["assignee_name"] or "Unassigned"),
        ("Created", show(ticket["created_at"])),
        ("Updated", show(ticket["updated_at"])),
    ]
    for label, column in (("Resolved", "resolved_at"), ("Closed", "closed_at")):
        if ticket[column]:
            pairs.append((label, show(ticket[column])))
    return pairs


def fields(ticket: dict[str, Any]) -> None:
    """The ticket's fields in two columns."""
    pairs = _pairs(ticket)
    columns = st.columns(2)
    for i, (label, value) in enumerate(pairs):
        columns[i % 2].markdown(f"**{label}:** {md_escape(value)}")
    if ticket["problem_key"]:
        st.page_link(
            routes.problem(),
            label=f"Open problem {ticket['problem_key']}",
            query_params={"key": ticket["problem_key"]},
            icon=":material/bug_report:",
        )


def body(ticket: dict[str, Any]) -> None:
    """Description, request answers, and resolution or problem texts."""
    st.header("Description")
    st.text(ticket["description"] or "—")
    if ticket["request_fields"]:
        answers = json.loads(ticket["request_fields"])
        if answers:
            st.header("Request details")
            table({"Field": list(answers), "Value": list(answers.values())})
    for label, column in (
        ("Public summary", "public_summary"),
        ("Workaround", "workaround"),
        ("Root cause", "root_cause"),
        ("Resolution notes", "resolution_notes"),
    ):
        if ticket[column]:
            st.header(label)
            st.text(ticket[column])


def _describe(event: dict[str, Any]) -> str:
    kind = event["event_type"]
    if kind == "created":
        return f"created the ticket ({event['new_value']})"
    if kind == "status_changed":
        return f"changed the status from {event['old_value']} to {event['new_value']}"
    if kind == "field_changed":
        old = event["old_value"] or "—"
        return f"changed {event['field']} from {old} to {event['new_value'] or '—'}"
    if kind == "comment":
        return "added an internal work note" if event["is_internal"] else "commented"
    said = _SAID.get(kind)
    return said.format(**event) if said else str(kind).replace("_", " ")


# Events that say their value in a sentence of their own.
_SAID = {
    "problem_proposed": "said this is the known problem {new_value}",
    "problem_proposal_declined": "found this is not {old_value}",
}


def timeline(events: list[dict[str, Any]]) -> None:
    """The history, oldest first, with comments in full."""
    st.header("Timeline")
    if not events:
        st.caption("No history.")
    for event in events:
        with st.container(border=event["comment_body"] is not None):
            who = md_escape(event["actor_name"] or "—")
            line = f"{show(event['occurred_at'])} · **{who}** "
            st.markdown(line + md_escape(_describe(event)))
            if event["reason"]:
                st.caption(f"Reason: {md_escape(event['reason'])}")
            if event["comment_body"] is not None:
                st.text(event["comment_body"])


def files(actor: Actor, ticket: dict[str, Any]) -> None:
    """The ticket's attachments, each downloadable."""
    found = reading.attachments(session.engine(), actor, ticket_id=ticket["id"])
    if not found:
        return
    st.header("Attachments")
    for f in found:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.text(
            f"{f['filename']} · {f['size_bytes'] / 1024:,.0f} KB · {f['uploaded_by']}, "
            f"{show(f['uploaded_at'])}"
        )
        right.download_button(
            "Download",
            data=partial(
                reading.attachment_content,
                session.engine(),
                actor,
                attachment_id=f["id"],
            ),
            file_name=f["filename"],
            mime=f["content_type"],
            key=f"ticket_file_{f['id']}",
        )


CALENDAR_LABELS = {"24x7": "24x7", "business": "business hours"}


def clocks(actor: Actor, ticket: dict[str, Any]) -> None:
    """The ticket's SLA clocks: state, target, due time and time left."""
    found = reading.clocks(session.engine(), actor, ticket_id=ticket["id"])
    if not found:
        return
    now = session.now()
    st.header("Service levels")
    st.dataframe(
        {
            "Clock": [CLOCK_LABELS[c["clock"]] for c in found],
            "State": [
                STATE_LABELS["at_risk" if c["at_risk"] else c["state"]] for c in found
            ],
            "Target": [
                f"{span(c['target_minutes'])} ({CALENDAR_LABELS[c['calendar']]})"
                for c in found
            ],
            "Due": [show(c["due_at"]) for c in found],
            "Time left": [
                ""
                if c["stopped_at"]
                else time_left(
                    c["due_at"], "at_risk" if c["at_risk"] else c["state"], now=now
                )
                for c in found
            ],
            "Stopped": [show(c["stopped_at"]) for c in found],
            "Paused": [
                span(c["paused_minutes"]) if c["paused_minutes"] else "" for c in found
            ],
        },
        hide_index=True,
        width="stretch",
    )
    st.caption(f"Policy version {found[0]['policy_version']}.")

"""One problem as its reader may see it: fields, texts, linked incidents."""

from collections.abc import Callable
from typing import Any, Literal

import streamlit as st

from dashboard.kernel.rules.reference import CATEGORY_NAMES
from dashboard.kernel.rules.timezones import show
from dashboard.problems.problem_rules import affected_label
from dashboard.ui import routes
from dashboard.ui.text import badge, md_escape

Color = Literal["red", "orange", "violet", "green", "gray", "blue"]
STATUS_COLORS: dict[str, Color] = {
    "Logged": "gray",
    "Under investigation": "orange",
    "Known error": "red",
    "Fix scheduled": "violet",
    "Resolved": "green",
    "Closed": "gray",
}


def header(problem: dict[str, Any]) -> None:
    """Key, title, status and category."""
    st.title(f"{problem['ticket_key']} · {md_escape(problem['title'])}")
    badges = st.container(horizontal=True)
    badges.badge(problem["status"], color=STATUS_COLORS.get(problem["status"], "blue"))
    badges.badge("Problem", color="gray")
    if problem["category"]:
        category = CATEGORY_NAMES.get(problem["category"], problem["category"])
        badge(badges, category, color="blue")


def fields(problem: dict[str, Any], *, internal: bool) -> None:
    """The problem's fields in two columns; staff also see who works it."""
    pairs = [
        ("Status", problem["status"]),
        ("Category", CATEGORY_NAMES.get(problem["category"] or "", "—")),
        ("Target release", problem["target_release"] or "—"),
        (
            "Affected LDCs",
            affected_label(problem["affected_ldcs"], mdmr_wide=problem["mdmr_wide"]),
        ),
        ("Logged", show(problem["created_at"])),
        ("Updated", show(problem["updated_at"])),
    ]
    if problem["resolved_at"]:
        pairs.append(("Fix deployed", show(problem["resolved_at"])))
    if internal:
        pairs += [
            ("Reported by", problem["reporter_name"] or "—"),
            ("Group", problem["group_name"] or "—"),
            ("Assignee", problem["assignee_name"] or "Unassigned"),
        ]
    columns = st.columns(2)
    for i, (label, value) in enumerate(pairs):
        columns[i % 2].markdown(f"**{label}:** {md_escape(value)}")


def texts(problem: dict[str, Any], *, internal: bool) -> None:
    """Public summary, workaround and root cause; the description for staff."""
    shown = [
        ("Summary", problem["public_summary"], "No summary yet."),
        ("Workaround", problem["workaround"], "No workaround is known yet."),
    ]
    if internal or problem["root_cause"]:
        shown.append(("Root cause", problem["root_cause"], "Not established yet."))
    if internal:
        shown.append(("Description (staff only)", problem["description"], "—"))
    for label, value, empty in shown:
        st.header(label)
        if value:
            st.text(value)
        else:
            st.caption(empty)


def linked(
    incidents: list[dict[str, Any]],
    *,
    internal: bool,
    unlink: Callable[[str], None] | None = None,
) -> None:
    """The linked incidents this reader may see, each opening its ticket."""
    if internal:
        st.header(f"Linked incidents ({len(incidents)})")
    else:
        st.header("Your LDC's linked incidents")
    if not incidents:
        st.caption(
            "No incident is linked yet."
            if internal
            else "None of your LDC's incidents is linked to this problem."
        )
        return
    widths = (1.8, 1.6, 3.8, 1.2, 1.1, 1.0) if internal else (1.8, 5.0, 1.5)
    for incident in incidents:
        cells = st.columns(widths, vertical_alignment="center")
        key = str(incident["ticket_key"])
        cells[0].page_link(routes.ticket(), label=key, query_params={"key": key})
        if internal:
            org = "MDM/R-wide" if incident["is_mdmr_wide"] else incident["organization"]
            cells[1].text(org or "—")
            cells = [cells[0], *cells[2:]]
        cells[1].text(incident["title"])
        cells[2].text(incident["status"])
        if internal:
            cells[3].text((incident["resolution_type"] or "").capitalize())
            if unlink is not None and cells[4].button(
                "Unlink", key=f"problem_unlink_{key}"
            ):
                unlink(key)


# Field changes whose new text is long: the text goes under the line, not inside it.
LONG_FIELDS = frozenset({"public summary", "workaround", "root cause"})
LINK_PHRASES = {
    "workaround sent to": "sent the workaround to",
    "linked incidents closed": "closed the linked incidents",
}


def _describe(event: dict[str, Any]) -> str:
    kind, field = event["event_type"], event["field"]
    old, new = event["old_value"], event["new_value"]
    if kind != "field_changed":
        return {
            "created": "logged the problem",
            "status_changed": f"changed the status from {old} to {new}",
            "comment": "added an internal work note"
            if event["is_internal"]
            else "commented",
            "notification_queued": f"queued notifications ({new})",
        }.get(kind, str(kind).replace("_", " "))
    if field == "linked incident":
        return f"linked {new}" if new else f"unlinked {old}"
    if field in LINK_PHRASES:
        return f"{LINK_PHRASES[field]} {new}"
    if field in LONG_FIELDS:
        return f"changed the {field}" if new else f"removed the {field}"
    return f"changed the {field} from {old or '—'} to {new or '—'}"


def timeline(events: list[dict[str, Any]]) -> None:
    """The history, oldest first, with comments and new texts in full."""
    st.header("History")
    if not events:
        st.caption("No history.")
    for event in events:
        body = event["comment_body"]
        if event["field"] in LONG_FIELDS and event["new_value"]:
            body = event["new_value"]
        with st.container(border=body is not None):
            who = md_escape(event["actor_name"] or "—")
            line = f"{show(event['occurred_at'])} · **{who}** "
            st.markdown(line + md_escape(_describe(event)))
            if event["reason"]:
                st.caption(f"Reason: {md_escape(event['reason'])}")
            if body is not None:
                st.text(body)

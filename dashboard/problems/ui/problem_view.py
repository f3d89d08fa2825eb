"""One problem as its reader may see it: fields, texts, linked incidents."""

import re
from collections.abc import Callable
from typing import Any, Literal

import streamlit as st

from dashboard.kernel.i18n import N_, _, formats
from dashboard.kernel.rules.reference import CATEGORY_NAMES
from dashboard.kernel.rules.timezones import show
from dashboard.problems.problem_rules import affected_label
from dashboard.ui import routes
from dashboard.ui.text import badge, md, md_escape

Color = Literal["red", "orange", "violet", "green", "gray", "blue"]
# Statuses are stored in English, marked for the catalogue: shown through `_()`.
STATUS_COLORS: dict[str, Color] = {
    N_("Logged"): "gray",
    N_("Under investigation"): "orange",
    N_("Known error"): "red",
    N_("Fix scheduled"): "violet",
    N_("Resolved"): "green",
    N_("Closed"): "gray",
}
# How a linked incident was resolved, as stored, and as people read it.
RESOLUTIONS = {"fixed": N_("Fixed"), "workaround": N_("Workaround")}


def _category(code: str | None) -> str:
    return _(CATEGORY_NAMES[code]) if code in CATEGORY_NAMES else (code or "—")


def header(problem: dict[str, Any]) -> None:
    """Key, title, status and category."""
    st.title(f"{problem['ticket_key']} · {md_escape(problem['title'])}")
    badges = st.container(horizontal=True)
    badges.badge(
        _(str(problem["status"])), color=STATUS_COLORS.get(problem["status"], "blue")
    )
    badges.badge(_("Problem"), color="gray")
    if problem["category"]:
        badge(badges, _category(problem["category"]), color="blue")


def fields(problem: dict[str, Any], *, internal: bool) -> None:
    """The problem's fields in two columns; staff also see who works it."""
    pairs = [
        (_("Status"), _(str(problem["status"]))),
        (_("Category"), _category(problem["category"])),
        (_("Target release"), problem["target_release"] or "—"),
        (
            _("Affected LDCs"),
            affected_label(problem["affected_ldcs"], mdmr_wide=problem["mdmr_wide"]),
        ),
        (_("Logged"), show(problem["created_at"])),
        (_("Updated"), show(problem["updated_at"])),
    ]
    if problem["resolved_at"]:
        pairs.append((_("Fix deployed"), show(problem["resolved_at"])))
    if internal:
        pairs += [
            (_("Reported by"), problem["reporter_name"] or "—"),
            (_("Group"), _(problem["group_name"] or "") or "—"),
            (_("Assignee"), problem["assignee_name"] or _("Unassigned")),
        ]
    columns = st.columns(2)
    for i, (name, value) in enumerate(pairs):
        columns[i % 2].markdown(
            _("**{label}:** {value}").format(label=name, value=md_escape(value))
        )


def texts(problem: dict[str, Any], *, internal: bool) -> None:
    """Public summary, workaround and root cause; the description for staff."""
    shown = [
        (_("Summary"), problem["public_summary"], _("No summary yet.")),
        (_("Workaround"), problem["workaround"], _("No workaround is known yet.")),
    ]
    if internal or problem["root_cause"]:
        shown.append(
            (_("Root cause"), problem["root_cause"], _("Not established yet."))
        )
    if internal:
        shown.append((_("Description (staff only)"), problem["description"], "—"))
    for heading, value, empty in shown:
        st.header(heading)
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
        st.header(
            _("Linked incidents ({count})").format(count=formats.number(len(incidents)))
        )
    else:
        st.header(_("Your LDC's linked incidents"))
    if not incidents:
        st.caption(
            _("No incident is linked yet.")
            if internal
            else _("None of your LDC's incidents is linked to this problem.")
        )
        return
    widths = (1.8, 1.6, 3.8, 1.2, 1.1, 1.0) if internal else (1.8, 5.0, 1.5)
    for incident in incidents:
        cells = st.columns(widths, vertical_alignment="center")
        key = str(incident["ticket_key"])
        cells[0].page_link(routes.ticket(), label=key, query_params={"key": key})
        if internal:
            org = (
                _("MDM/R-wide")
                if incident["is_mdmr_wide"]
                else incident["organization"]
            )
            cells[1].text(org or "—")
            cells = [cells[0], *cells[2:]]
        cells[1].text(incident["title"])
        cells[2].text(_(str(incident["status"])))
        if internal:
            cells[3].text(_resolution(incident["resolution_type"]))
            if unlink is not None and cells[4].button(
                _("Unlink"), key=f"problem_unlink_{key}"
            ):
                unlink(key)


def _resolution(kind: str | None) -> str:
    if not kind:
        return ""
    return _(RESOLUTIONS.get(kind, kind.capitalize()))


# Field changes whose new text is long: the text goes under the line, not inside it.
# Each with what is said when it changes and when it is removed.
LONG_FIELDS = {
    "public summary": (
        N_("changed the public summary"),
        N_("removed the public summary"),
    ),
    "workaround": (N_("changed the workaround"), N_("removed the workaround")),
    "root cause": (N_("changed the root cause"), N_("removed the root cause")),
}
# What the incident outreach records on a problem ({incidents}: their keys).
LINK_PHRASES = {
    "workaround sent to": N_("sent the workaround to {incidents}"),
    "linked incidents closed": N_("closed the linked incidents {incidents}"),
}
# Fields whose values are the desk's vocabulary (stored in English).
_VOCABULARY = frozenset({"category"})
_RECIPIENTS = re.compile(r"(\d+) recipient\(s\)")


def _event(kind: str, event: dict[str, Any]) -> str:
    old, new = event["old_value"], event["new_value"]
    if kind == "created":
        return _("logged the problem")
    if kind == "status_changed":
        return _("changed the status from {old} to {new}").format(
            old=_(str(old)), new=_(str(new))
        )
    if kind == "comment":
        internal = event["is_internal"]
        return _("added an internal work note") if internal else _("commented")
    if kind == "notification_queued":
        return _("queued notifications ({recipients})").format(
            recipients=_recipients(str(new))
        )
    return str(kind).replace("_", " ")


def _recipients(stored: str) -> str:
    """'3 recipient(s)', as the history stores it, in the current language."""
    found = _RECIPIENTS.fullmatch(stored)
    if found is None:
        return stored
    return _("{count} recipient(s)").format(count=formats.number(int(found[1])))


def _describe(event: dict[str, Any]) -> str:
    kind, field = event["event_type"], event["field"]
    old, new = event["old_value"], event["new_value"]
    if kind != "field_changed":
        return _event(str(kind), event)
    if field == "linked incident":
        return (
            _("linked {incident}").format(incident=new)
            if new
            else _("unlinked {incident}").format(incident=old)
        )
    if field in LINK_PHRASES:
        return _(LINK_PHRASES[field]).format(incidents=new)
    if field in LONG_FIELDS:
        changed, removed = LONG_FIELDS[field]
        return _(changed) if new else _(removed)
    if field in _VOCABULARY:
        old, new = old and _(old), new and _(new)
    return _("changed the {field} from {old} to {new}").format(
        field=_(str(field)), old=old or "—", new=new or "—"
    )


def timeline(events: list[dict[str, Any]]) -> None:
    """The history, oldest first, with comments and new texts in full."""
    st.header(_("History"))
    if not events:
        st.caption(_("No history."))
    for event in events:
        body = event["comment_body"]
        if event["field"] in LONG_FIELDS and event["new_value"]:
            body = event["new_value"]
        with st.container(border=body is not None):
            who = md_escape(event["actor_name"] or "—")
            line = f"{show(event['occurred_at'])} · **{who}** "
            st.markdown(line + md_escape(_describe(event)))
            if event["reason"]:
                st.caption(md(_("Reason: {reason}"), reason=event["reason"]))
            if body is not None:
                st.text(body)

"""One ticket: its fields, its description and its timeline."""

import json
from functools import partial
from typing import Any

import streamlit as st

from dashboard.kernel import directory, reading
from dashboard.kernel.i18n import N_, _, formats
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.catalogue import BY_CODE
from dashboard.kernel.rules.reference import CATEGORY_NAMES
from dashboard.kernel.rules.sla_text import CLOCK_LABELS, STATE_LABELS, span, time_left
from dashboard.kernel.rules.timezones import show
from dashboard.kernel.rules.workflow import KIND_LABELS, Kind
from dashboard.ui import routes, session
from dashboard.ui.text import md, md_escape, table


def header(ticket: dict[str, Any]) -> None:
    """Key, title, status and kind."""
    st.title(f"{ticket['ticket_key']} · {md_escape(ticket['title'])}")
    badges = st.container(horizontal=True)
    status = ticket["status"]
    badges.badge(_(status), color="blue")
    badges.badge(_(KIND_LABELS[Kind(ticket["kind"])]), color="gray")
    if ticket["severity"]:
        badges.badge(
            _("Severity {level}").format(level=ticket["severity"]),
            color="red" if ticket["severity"] <= 2 else "orange",
        )
    if ticket["is_mdmr_wide"]:
        badges.badge(_("MDM/R-wide"), color="violet")


RESOLUTIONS = {"fixed": N_("Fixed"), "workaround": N_("Workaround")}


def _level(dimension: str, level: int) -> str:
    labels = directory.severity_labels(session.engine(), dimension)
    return labels.get(level, str(level))


def _pairs(ticket: dict[str, Any]) -> list[tuple[str, str]]:
    kind = Kind(ticket["kind"])
    pairs = []
    if kind is not Kind.PROBLEM:
        org = _("MDM/R-wide") if ticket["is_mdmr_wide"] else ticket["org_name"]
        pairs.append((_("Organization"), f"{org} ({ticket['org_code']})"))
    if kind is Kind.SERVICE_REQUEST and ticket["request_type"] in BY_CODE:
        request = BY_CODE[ticket["request_type"]]
        pairs.append((_("Request"), _(request.name)))
    if kind is Kind.INCIDENT and ticket["impact"]:
        impact, urgency = ticket["impact"], ticket["urgency"]
        environment = ticket["environment"] or "—"
        pairs += [
            (_("Impact"), _level("impact", impact)),
            (_("Urgency"), _level("urgency", urgency)),
            (_("Environment"), _(environment)),
            (_("Release"), ticket["release_name"] or "—"),
        ]
    if ticket["problem_key"]:
        pairs.append((_("Problem"), ticket["problem_key"]))
    if resolution := ticket["resolution_type"]:
        pairs.append(
            (_("Resolution"), _(RESOLUTIONS.get(resolution, resolution.capitalize())))
        )
    if ticket["category"]:
        category = CATEGORY_NAMES.get(ticket["category"], ticket["category"])
        pairs.append((_("Category"), _(category)))
    group = ticket["group_name"] or "—"
    pairs += [
        (_("Reported by"), ticket["reporter_name"] or "—"),
        (_("Group"), _(group)),
        (_("Assignee"), ticket["assignee_name"] or _("Unassigned")),
        (_("Created"), show(ticket["created_at"])),
        (_("Updated"), show(ticket["updated_at"])),
    ]
    for label, column in ((N_("Resolved"), "resolved_at"), (N_("Closed"), "closed_at")):
        if ticket[column]:
            pairs.append((_(label), show(ticket[column])))
    return pairs


def fields(ticket: dict[str, Any]) -> None:
    """The ticket's fields in two columns."""
    pairs = _pairs(ticket)
    columns = st.columns(2)
    for i, (label, value) in enumerate(pairs):
        columns[i % 2].markdown(
            _("**{label}:** {value}").format(label=label, value=md_escape(value))
        )
    if ticket["problem_key"]:
        st.page_link(
            routes.problem(),
            label=_("Open problem {key}").format(key=ticket["problem_key"]),
            query_params={"key": ticket["problem_key"]},
            icon=":material/bug_report:",
        )


def body(ticket: dict[str, Any]) -> None:
    """Description, request answers, and resolution or problem texts."""
    st.header(_("Description"))
    st.text(ticket["description"] or "—")
    if ticket["request_fields"]:
        answers = json.loads(ticket["request_fields"])
        if answers:
            st.header(_("Request details"))
            table({_("Field"): list(answers), _("Value"): list(answers.values())})
    for label, column in (
        (N_("Public summary"), "public_summary"),
        (N_("Workaround"), "workaround"),
        (N_("Root cause"), "root_cause"),
        (N_("Resolution notes"), "resolution_notes"),
    ):
        if ticket[column]:
            st.header(_(label))
            st.text(ticket[column])


def _describe(event: dict[str, Any]) -> str:
    kind = event["event_type"]
    if kind == "created":
        return _("created the ticket ({status})").format(
            status=_(str(event["new_value"]))
        )
    if kind == "status_changed":
        return _("changed the status from {old} to {new}").format(
            old=_(str(event["old_value"])), new=_(str(event["new_value"]))
        )
    if kind == "field_changed":
        return _("changed {field} from {old} to {new}").format(
            field=_(str(event["field"])),
            old=event["old_value"] or "—",
            new=event["new_value"] or "—",
        )
    if kind == "comment":
        if event["is_internal"]:
            return _("added an internal work note")
        return _("commented")
    said = _SAID.get(kind)
    return _(said).format(**event) if said else _(str(kind).replace("_", " "))


# Events that say their value in a sentence of their own.
_SAID = {
    "problem_proposed": N_("said this is the known problem {new_value}"),
    "problem_proposal_declined": N_("found this is not {old_value}"),
}
# The fields and events the history names, as the timeline says them.
HISTORY_WORDS = (
    N_("assignee"),
    N_("group"),
    N_("severity"),
    N_("resolution"),
    N_("problem"),
    N_("linked incident"),
    N_("title"),
    N_("public summary"),
    N_("workaround"),
    N_("root cause"),
    N_("SLA policy"),
    N_("Service Desk account"),
    N_("workaround sent to"),
    N_("linked incidents closed"),
    N_("attachment"),
    N_("oncall paged"),
    N_("acknowledged"),
    N_("sla alert"),
    N_("notification queued"),
    N_("notification failed"),
    N_("notification retried"),
)


def timeline(events: list[dict[str, Any]]) -> None:
    """The history, oldest first, with comments in full."""
    st.header(_("Timeline"))
    if not events:
        st.caption(_("No history."))
    for event in events:
        with st.container(border=event["comment_body"] is not None):
            st.markdown(
                _("{when} · **{who}** {what}").format(
                    when=show(event["occurred_at"]),
                    who=md_escape(event["actor_name"] or "—"),
                    what=md_escape(_describe(event)),
                )
            )
            if event["reason"]:
                st.caption(md(_("Reason: {reason}"), reason=event["reason"]))
            if event["comment_body"] is not None:
                st.text(event["comment_body"])


def files(actor: Actor, ticket: dict[str, Any]) -> None:
    """The ticket's attachments, each downloadable."""
    found = reading.attachments(session.engine(), actor, ticket_id=ticket["id"])
    if not found:
        return
    st.header(_("Attachments"))
    for f in found:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.text(
            _("{name} · {size} KB · {who}, {when}").format(
                name=f["filename"],
                size=formats.number(f["size_bytes"] / 1024),
                who=f["uploaded_by"],
                when=show(f["uploaded_at"]),
            )
        )
        right.download_button(
            _("Download"),
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


CALENDAR_LABELS = {"24x7": N_("24x7"), "business": N_("business hours")}


def clocks(actor: Actor, ticket: dict[str, Any]) -> None:
    """The ticket's SLA clocks: state, target, due time and time left."""
    found = reading.clocks(session.engine(), actor, ticket_id=ticket["id"])
    if not found:
        return
    now = session.now()
    clocks_of = [c["clock"] for c in found]
    states = ["at_risk" if c["at_risk"] else c["state"] for c in found]
    calendars = [c["calendar"] for c in found]
    st.header(_("Service levels"))
    st.dataframe(
        {
            _("Clock"): [_(CLOCK_LABELS[clock]) for clock in clocks_of],
            _("State"): [_(STATE_LABELS[state]) for state in states],
            _("Target"): [
                _("{span} ({calendar})").format(
                    span=span(c["target_minutes"]), calendar=_(CALENDAR_LABELS[when])
                )
                for c, when in zip(found, calendars, strict=True)
            ],
            _("Due"): [show(c["due_at"]) for c in found],
            _("Time left"): [
                "" if c["stopped_at"] else time_left(c["due_at"], state, now=now)
                for c, state in zip(found, states, strict=True)
            ],
            _("Stopped"): [show(c["stopped_at"]) for c in found],
            _("Paused"): [
                span(c["paused_minutes"]) if c["paused_minutes"] else "" for c in found
            ],
        },
        hide_index=True,
        width="stretch",
    )
    st.caption(
        _("Policy version {version}.").format(version=found[0]["policy_version"])
    )

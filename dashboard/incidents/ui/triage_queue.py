"""The triage queue: open incidents filtered in the store, changed one or many."""

from datetime import timedelta

import streamlit as st

from dashboard.incidents.incident_bulk import bulk_assign, bulk_reclassify
from dashboard.kernel import directory
from dashboard.kernel.reading import SORTS, TicketQuery
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.severity import (
    IMPACT_NAMES,
    LEVELS,
    URGENCY_NAMES,
    severity_of,
)
from dashboard.kernel.rules.workflow import Kind, open_statuses
from dashboard.ui import session
from dashboard.ui.queue_widgets import QueueWidgets, assignment_fields
from dashboard.ui.text import plain, refuse

P = "queue"
VIEWS = ("All open incidents", "Assigned to me", "Unassigned")
SLA_FILTERS = {"at_risk": "At risk", "breached": "Breached"}


W = QueueWidgets(P)


def query(actor: Actor, text: str) -> TicketQuery:
    """The queue's view and filters, read into a query of open incidents."""
    view = W.view(VIEWS)
    engine = session.engine()
    with st.sidebar.expander(
        "Queue filters", expanded=True, icon=":material/filter_list:"
    ):
        statuses = W.pick("Status", "status", options=open_statuses(Kind.INCIDENT))
        severity = W.pick(
            "Severity", "severity", options={s: f"Sev {s}" for s in LEVELS}
        )
        orgs = W.pick("LDC", "orgs", options=directory.ldc_names(engine))
        category = W.pick("Category", "category", options=directory.categories(engine))
        group = W.pick("Group", "group", options=directory.group_ids(engine))
        assignee = W.pick("Assignee", "assignee", options=directory.staff(engine))
        age = st.number_input(
            "Older than (days)",
            min_value=0,
            max_value=3650,
            value=0,
            key=f"{P}_age",
            on_change=W.reset_page,
        )
        sla = W.pick("SLA", "sla", options=SLA_FILTERS)
        sort = W.sort(list(SORTS), "nearest deadline")
    mine = (actor.user_id,) if view == VIEWS[1] else tuple(assignee)
    return TicketQuery(
        kinds=(Kind.INCIDENT.value,),
        statuses=tuple(statuses or open_statuses(Kind.INCIDENT)),
        severities=tuple(severity),
        org_ids=tuple(orgs),
        categories=tuple(category),
        group_ids=tuple(group),
        assignee_ids=mine,
        unassigned=view == VIEWS[2],
        created_before=session.now() - timedelta(days=age) if age else None,
        sla_states=tuple(sla),
        text=text,
        sort=sort,
        page=W.page,
        page_size=50,
    )


def bulk_panel(actor: Actor, keys: list[str]) -> None:
    """Assign or re-classify the ticked incidents, after a confirmation."""
    if not may(actor, Action.BULK_CHANGE) or not keys:
        return
    with st.container(border=True):
        st.markdown(f"**{len(keys)} incident{'s' if len(keys) > 1 else ''} selected**")
        assign_tab, reclassify_tab = st.tabs(["Assign", "Re-classify"])
        with assign_tab:
            _bulk_assign(actor, keys)
        with reclassify_tab:
            _bulk_reclassify(actor, keys)


def _bulk_assign(actor: Actor, keys: list[str]) -> None:
    group, person = assignment_fields(
        group_code=None, default_person=None, key=f"{P}_b"
    )
    if st.button("Assign selected…", key=f"{P}_b_assign"):
        who = directory.staff(session.engine())[person] if person else "nobody"
        group_name = directory.groups(session.engine())[group]
        _confirm(
            f"Assign {len(keys)} incidents to {group_name} ({who})?",
            keys,
            action=lambda: bulk_assign(
                session.engine(),
                actor,
                keys=keys,
                assignee_id=person,
                group_code=group,
                now=session.now(),
            ),
        )


def _bulk_reclassify(actor: Actor, keys: list[str]) -> None:
    left, right = st.columns(2)
    impact = left.selectbox(
        "Impact",
        LEVELS,
        format_func=lambda v: f"{v} {IMPACT_NAMES[v]}",
        key=f"{P}_b_impact",
    )
    urgency = right.selectbox(
        "Urgency",
        LEVELS,
        format_func=lambda v: f"{v} {URGENCY_NAMES[v]}",
        key=f"{P}_b_urgency",
    )
    reason = st.text_input("Reason (kept on every incident)", key=f"{P}_b_reason")
    if st.button("Re-classify selected…", key=f"{P}_b_reclassify"):
        _confirm(
            f"Set {len(keys)} incidents to severity {severity_of(impact, urgency)}?",
            keys,
            action=lambda: bulk_reclassify(
                session.engine(),
                actor,
                keys=keys,
                impact=impact,
                urgency=urgency,
                reason=reason,
                now=session.now(),
            ),
        )


@st.dialog("Confirm the bulk change")
def _confirm(question: str, keys: list[str], *, action: object) -> None:
    plain(st.markdown, question)
    st.caption(", ".join(keys))
    if st.button("Yes, change them all", type="primary", key=f"{P}_b_yes"):
        try:
            changed = action()  # type: ignore[operator]
        except DomainError as refusal:
            refuse(refusal)
        else:
            for key in keys:
                st.session_state.pop(f"{P}_pick_{key}", None)
            st.session_state[f"{P}_flash"] = f"{changed} incidents changed."
            st.rerun()

"""The triage queue: open incidents filtered in the store, changed one or many."""

from datetime import timedelta

import streamlit as st

from dashboard import directory
from dashboard.domain.authorization import Action, Actor, may
from dashboard.domain.errors import DomainError
from dashboard.domain.severity import IMPACT_NAMES, LEVELS, URGENCY_NAMES, severity_of
from dashboard.domain.workflow import Kind, open_statuses
from dashboard.incident_bulk import bulk_assign, bulk_reclassify
from dashboard.ui import session
from data_access.tickets import SORTS, TicketQuery

P = "queue"
VIEWS = ("All open incidents", "Assigned to me", "Unassigned")
SLA_FILTERS = {"at_risk": "At risk", "breached": "Breached"}


def _reset() -> None:
    st.session_state[f"{P}_page"] = 1


def query(actor: Actor, text: str) -> TicketQuery:
    """The queue's view and filters, read into a query of open incidents."""
    view = st.segmented_control(
        "View",
        VIEWS,
        default=VIEWS[0],
        key=f"{P}_view",
        on_change=_reset,
        label_visibility="collapsed",
    )
    engine = session.engine()
    ldcs, groups, staff = (
        directory.ldc_names(engine),
        directory.group_ids(engine),
        directory.staff(engine),
    )
    with st.sidebar.expander(
        "Queue filters", expanded=True, icon=":material/filter_list:"
    ):
        statuses = st.multiselect(
            "Status", open_statuses(Kind.INCIDENT), key=f"{P}_status", on_change=_reset
        )
        severity = st.multiselect(
            "Severity",
            LEVELS,
            format_func=lambda s: f"Sev {s}",
            key=f"{P}_severity",
            on_change=_reset,
        )
        orgs = st.multiselect(
            "LDC",
            list(ldcs),
            format_func=ldcs.__getitem__,
            key=f"{P}_orgs",
            on_change=_reset,
        )
        categories = directory.categories(engine)
        category = st.multiselect(
            "Category",
            list(categories),
            format_func=categories.__getitem__,
            key=f"{P}_category",
            on_change=_reset,
        )
        group = st.multiselect(
            "Group",
            list(groups),
            format_func=groups.__getitem__,
            key=f"{P}_group",
            on_change=_reset,
        )
        assignee = st.multiselect(
            "Assignee",
            list(staff),
            format_func=staff.__getitem__,
            key=f"{P}_assignee",
            on_change=_reset,
        )
        age = st.number_input(
            "Older than (days)",
            min_value=0,
            max_value=3650,
            value=0,
            key=f"{P}_age",
            on_change=_reset,
        )
        sla = st.multiselect(
            "SLA",
            list(SLA_FILTERS),
            format_func=SLA_FILTERS.__getitem__,
            key=f"{P}_sla",
            on_change=_reset,
        )
        sort = st.selectbox(
            "Sort by",
            list(SORTS),
            index=list(SORTS).index("nearest deadline"),
            key=f"{P}_sort",
            on_change=_reset,
        )
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
        page=st.session_state.get(f"{P}_page", 1),
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
    groups = directory.groups(session.engine())
    staff = directory.staff(session.engine())
    group = st.selectbox(
        "Group", list(groups), format_func=groups.__getitem__, key=f"{P}_b_group"
    )
    people = [None, *staff]
    person = st.selectbox(
        "Assignee",
        people,
        format_func=lambda p: "Nobody yet" if p is None else staff[p],
        key=f"{P}_b_person",
    )
    if st.button("Assign selected…", key=f"{P}_b_assign"):
        who = staff[person] if person else "nobody"
        _confirm(
            f"Assign {len(keys)} incidents to {groups[group]} ({who})?",
            keys,
            lambda: bulk_assign(
                session.engine(),
                actor,
                keys,
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
            lambda: bulk_reclassify(
                session.engine(),
                actor,
                keys,
                impact=impact,
                urgency=urgency,
                reason=reason,
                now=session.now(),
            ),
        )


@st.dialog("Confirm the bulk change")
def _confirm(question: str, keys: list[str], action: object) -> None:
    st.write(question)
    st.caption(", ".join(keys))
    if st.button("Yes, change them all", type="primary", key=f"{P}_b_yes"):
        try:
            changed = action()  # type: ignore[operator]
        except DomainError as refusal:
            st.error(refusal.message)
        else:
            for key in keys:
                st.session_state.pop(f"{P}_pick_{key}", None)
            st.session_state[f"{P}_flash"] = f"{changed} incidents changed."
            st.rerun()

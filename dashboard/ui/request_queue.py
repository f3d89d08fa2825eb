"""The fulfilment queue: open service requests filtered in the store, assigned."""

import streamlit as st

from dashboard import directory
from dashboard.domain.authorization import Action, Actor, may
from dashboard.domain.errors import DomainError
from dashboard.domain.workflow import Kind, open_statuses
from dashboard.request_bulk import assign_requests
from dashboard.ui import session
from data_access.tickets import SORTS, TicketQuery

P = "ful"
VIEWS = ("All open requests", "Assigned to me", "Unassigned")
SLA_FILTERS = {"at_risk": "At risk", "breached": "Breached", "paused": "Paused"}


def _reset() -> None:
    st.session_state[f"{P}_page"] = 1


def query(actor: Actor, text: str) -> TicketQuery:
    """The queue's view and filters, read into a query of open requests."""
    view = st.segmented_control(
        "View",
        VIEWS,
        default=VIEWS[0],
        key=f"{P}_view",
        on_change=_reset,
        label_visibility="collapsed",
    )
    engine = session.engine()
    ldcs, groups = directory.ldc_names(engine), directory.group_ids(engine)
    with st.sidebar.expander(
        "Queue filters", expanded=True, icon=":material/filter_list:"
    ):
        statuses = st.multiselect(
            "Status",
            open_statuses(Kind.SERVICE_REQUEST),
            key=f"{P}_status",
            on_change=_reset,
        )
        orgs = st.multiselect(
            "LDC",
            list(ldcs),
            format_func=ldcs.__getitem__,
            key=f"{P}_orgs",
            on_change=_reset,
        )
        group = st.multiselect(
            "Fulfilment group",
            list(groups),
            format_func=groups.__getitem__,
            key=f"{P}_group",
            on_change=_reset,
        )
        sla = st.multiselect(
            "SLA",
            list(SLA_FILTERS),
            format_func=SLA_FILTERS.__getitem__,
            key=f"{P}_sla",
            on_change=_reset,
        )
        sorts = [s for s in SORTS if s != "severity"]
        sort = st.selectbox(
            "Sort by",
            sorts,
            index=sorts.index("nearest deadline"),
            key=f"{P}_sort",
            on_change=_reset,
        )
    return TicketQuery(
        kinds=(Kind.SERVICE_REQUEST.value,),
        statuses=tuple(statuses or open_statuses(Kind.SERVICE_REQUEST)),
        org_ids=tuple(orgs),
        group_ids=tuple(group),
        assignee_ids=(actor.user_id,) if view == VIEWS[1] else (),
        unassigned=view == VIEWS[2],
        sla_states=tuple(sla),
        text=text,
        sort=sort,
        page=st.session_state.get(f"{P}_page", 1),
        page_size=50,
    )


def assign_panel(actor: Actor, keys: list[str]) -> None:
    """Assign the ticked requests to a group and a person."""
    if not may(actor, Action.TRIAGE) or not keys:
        return
    groups = directory.groups(session.engine())
    staff = directory.staff(session.engine())
    with st.form(f"{P}_assign_form"), st.container(border=True):
        st.markdown(f"**{len(keys)} request{'s' if len(keys) > 1 else ''} selected**")
        group = st.selectbox("Group", list(groups), format_func=groups.__getitem__)
        people = [None, *staff]
        person = st.selectbox(
            "Assignee",
            people,
            format_func=lambda p: "Nobody yet" if p is None else staff[p],
        )
        sent = st.form_submit_button("Assign selected", type="primary")
    if sent:
        try:
            changed = assign_requests(
                session.engine(),
                actor,
                keys,
                assignee_id=person,
                group_code=group,
                now=session.now(),
            )
        except DomainError as refusal:
            st.error(refusal.message)
        else:
            for key in keys:
                st.session_state.pop(f"{P}_pick_{key}", None)
            st.session_state[f"{P}_flash"] = f"{changed} requests assigned."
            st.rerun()

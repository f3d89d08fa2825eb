"""The fulfilment queue: open service requests filtered in the store, assigned."""

import streamlit as st

from dashboard.kernel import directory
from dashboard.kernel.reading import SORTS, TicketQuery
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.catalogue import CATALOGUE
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.workflow import Kind, open_statuses
from dashboard.requests.request_bulk import assign_requests
from dashboard.ui import session
from dashboard.ui.queue_widgets import QueueWidgets, assignment_fields
from dashboard.ui.text import refuse

P = "ful"
VIEWS = ("All open requests", "Assigned to me", "Unassigned")
REQUEST_TYPES = {r.code: r.name for r in CATALOGUE}
SLA_FILTERS = {"at_risk": "At risk", "breached": "Breached", "paused": "Paused"}


W = QueueWidgets(P)


def query(actor: Actor, text: str) -> TicketQuery:
    """The queue's view and filters, read into a query of open requests."""
    view = W.view(VIEWS)
    engine = session.engine()
    with st.sidebar.expander(
        "Queue filters", expanded=True, icon=":material/filter_list:"
    ):
        statuses = W.pick(
            "Status", "status", options=open_statuses(Kind.SERVICE_REQUEST)
        )
        types = W.pick("Request type", "types", options=REQUEST_TYPES)
        orgs = W.pick("LDC", "orgs", options=directory.ldc_names(engine))
        group = W.pick("Fulfilment group", "group", options=directory.group_ids(engine))
        sla = W.pick("SLA", "sla", options=SLA_FILTERS)
        sort = W.sort([s for s in SORTS if s != "severity"], "nearest deadline")
    return TicketQuery(
        kinds=(Kind.SERVICE_REQUEST.value,),
        statuses=tuple(statuses or open_statuses(Kind.SERVICE_REQUEST)),
        org_ids=tuple(orgs),
        request_types=tuple(types),
        group_ids=tuple(group),
        assignee_ids=(actor.user_id,) if view == VIEWS[1] else (),
        unassigned=view == VIEWS[2],
        sla_states=tuple(sla),
        text=text,
        sort=sort,
        page=W.page,
        page_size=50,
    )


def assign_panel(actor: Actor, keys: list[str]) -> None:
    """Assign the ticked requests to a group and a person."""
    if not may(actor, Action.TRIAGE) or not keys:
        return
    with st.form(f"{P}_assign_form"), st.container(border=True):
        st.markdown(f"**{len(keys)} request{'s' if len(keys) > 1 else ''} selected**")
        group, person = assignment_fields(group_code=None, default_person=None)
        sent = st.form_submit_button("Assign selected", type="primary")
    if sent:
        try:
            changed = assign_requests(
                session.engine(),
                actor,
                keys=keys,
                assignee_id=person,
                group_code=group,
                now=session.now(),
            )
        except DomainError as refusal:
            refuse(refusal)
        else:
            for key in keys:
                st.session_state.pop(f"{P}_pick_{key}", None)
            st.session_state[f"{P}_flash"] = f"{changed} requests assigned."
            st.rerun()

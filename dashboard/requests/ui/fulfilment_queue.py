"""The fulfilment queue: open service requests filtered in the store, assigned."""

import streamlit as st

from dashboard.kernel import directory
from dashboard.kernel.i18n import N_, _, formats, ngettext
from dashboard.kernel.reading import SORTS, TicketQuery
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.catalogue import CATALOGUE
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.list_address import ListShape
from dashboard.kernel.rules.workflow import Kind, open_statuses
from dashboard.requests.request_bulk import assign_requests
from dashboard.ui import session
from dashboard.ui.filter_panel import FilterPanel
from dashboard.ui.grid import forget_selection
from dashboard.ui.queue_widgets import QueueWidgets, assignment_fields
from dashboard.ui.text import refuse
from dashboard.ui.ticket_list import WorkQueue

P = "ful"
# The quick filters' keys (kept in the address) and their labels, in English.
QUICK = {
    "mine": N_("Mine"),
    "unassigned": N_("Unassigned"),
    "at_risk": N_("At risk"),
    "breached": N_("Breached"),
    "paused": N_("Awaiting requester"),
}
# The request types' names in English: `_(name)` where shown.
REQUEST_TYPES = {r.code: r.name for r in CATALOGUE}
SHAPE = ListShape(
    sorts=tuple(s for s in SORTS if s != "severity"),
    default_sort="nearest deadline",
    quick=QUICK,
)
FILTER_KEYS = tuple(f"{P}_{name}" for name in ("status", "types", "orgs", "group"))

W = QueueWidgets(P)


FILTERS = FilterPanel(P, FILTER_KEYS, defaults={})


def filters(actor: Actor) -> TicketQuery:
    """The queue's filters, read into a query of open requests."""
    panel = FILTERS.panel()
    if panel.open:
        with panel:
            _filter_widgets()
    return TicketQuery(
        kinds=(Kind.SERVICE_REQUEST.value,),
        statuses=tuple(
            FILTERS.value(f"{P}_status") or open_statuses(Kind.SERVICE_REQUEST)
        ),
        org_ids=tuple(FILTERS.value(f"{P}_orgs")),
        request_types=tuple(FILTERS.value(f"{P}_types")),
        group_ids=tuple(FILTERS.value(f"{P}_group")),
    )


def _filter_widgets() -> None:
    engine = session.engine()
    first, second = st.columns(2)
    # The options' values stay as stored (English statuses, codes); shown translated.
    statuses = {s: _(s) for s in open_statuses(Kind.SERVICE_REQUEST)}
    types = {code: _(name) for code, name in REQUEST_TYPES.items()}
    groups = {g: _(name) for g, name in directory.group_ids(engine).items()}
    with first:
        W.pick(_("Status"), "status", options=statuses)
        W.pick(_("Request type"), "types", options=types)
    with second:
        W.pick(_("LDC"), "orgs", options=directory.ldc_names(engine))
        W.pick(_("Fulfilment group"), "group", options=groups)


def assign_panel(actor: Actor, keys: list[str]) -> None:
    """Assign the ticked requests to a group and a person."""
    if not may(actor, Action.TRIAGE) or not keys:
        return
    with st.form(f"{P}_assign_form"), st.container(border=True):
        st.markdown(
            ngettext(
                "**{n} request selected**", "**{n} requests selected**", len(keys)
            ).format(n=formats.number(len(keys)))
        )
        group, person = assignment_fields(group_code=None, default_person=None)
        sent = st.form_submit_button(_("Assign selected"), type="primary")
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
            forget_selection(P)
            st.session_state[f"{P}_flash"] = ngettext(
                "{n} request assigned.", "{n} requests assigned.", changed
            ).format(n=formats.number(changed))
            st.rerun()


QUEUE = WorkQueue(
    title=N_("Fulfilment queue"),
    prefix=P,
    list_name="fulfilment",
    noun="request",
    shape=SHAPE,
    filters=filters,
    act=assign_panel,
    filter_keys=FILTER_KEYS,
)

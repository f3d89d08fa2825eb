"""The ticket lists: search and filters above a grid of one page of tickets, the
view in the address, saved views; and the work queues built from them."""

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import streamlit as st

from dashboard.kernel import reading
from dashboard.kernel.i18n import N_, _
from dashboard.kernel.reading import SORTS, TicketQuery
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.list_address import ListShape
from dashboard.ui import grid, routes, saved_views_bar, session, ticket_filters
from dashboard.ui.text import md_escape, plain, refuse

LIST_SHAPE = ListShape(sorts=tuple(SORTS), default_sort="newest")
SORT_LABELS = {
    "newest": N_("Newest first"),
    "oldest": N_("Oldest first"),
    "recently updated": N_("Recently updated"),
    "severity": N_("Severity (Sev 1 first)"),
    "nearest deadline": N_("Nearest deadline (at risk first)"),
}
# What a work queue says of the rows it lists, by the noun it counts them in.
NONE_MATCH = {
    "ticket": N_("No ticket matches these filters."),
    "incident": N_("No incident matches these filters."),
    "request": N_("No request matches these filters."),
}
TO_CHANGE = {
    "ticket": N_("Tickets to change"),
    "incident": N_("Incidents to change"),
    "request": N_("Requests to change"),
}


reset_page = grid.reset_page


def ticket_list(actor: Actor, organizations: dict[int, str]) -> None:
    """The tickets the user may see: search, filters, a grid, the pager."""
    prefix = "tickets"
    st.title(title_for(actor, organizations.get(actor.org_id, "")))
    view = grid.address(LIST_SHAPE, prefix=prefix)
    words = search_bar(prefix)
    saved_views_bar.bar(
        actor,
        list_name=prefix,
        prefix=prefix,
        widget_keys=ticket_filters.FILTER_KEYS,
        view=view,
    )
    query = ticket_filters.filters(actor, organizations, view=view, text=words)
    grid.view_controls(LIST_SHAPE, view, prefix=prefix, sort_labels=SORT_LABELS)
    try:
        page = reading.list_tickets(session.engine(), actor, query=query)
    except DomainError as refusal:
        refuse(refusal)
        return
    grid.keep(LIST_SHAPE, view, prefix=prefix)
    if not page.rows:
        st.info(_("No ticket matches these filters."))
    else:
        chosen = grid.tickets(
            page.rows,
            now=session.now(),
            grid_key=grid.grid_key(view, prefix=prefix),
            pick="one",
            label=_("Tickets: choose a row to open the ticket"),
        )
        grid.open_chosen(chosen, page=routes.ticket)
        st.caption(_("Choose a row to open its ticket; the key opens it in a new tab."))
    grid.pager(view, total=page.total, prefix=prefix, noun="ticket")


@dataclass(frozen=True)
class WorkQueue:
    """What makes one work queue (triage, fulfilment) its own (its title and its
    sort labels in English, marked for the catalogue; they are shown translated)."""

    title: str
    prefix: str
    list_name: str
    noun: str
    shape: ListShape
    filters: Callable[[Actor], TicketQuery]
    act: Callable[[Actor, list[str]], None]
    filter_keys: tuple[str, ...]
    sort_labels: Mapping[str, str] = field(default_factory=lambda: SORT_LABELS)


def work_queue(actor: Actor, queue: WorkQueue) -> None:
    """A work queue: its search, quick filters, sort and filters; the bulk bar over
    a grid of one page whose ticked rows it changes; the pager."""
    prefix = queue.prefix
    title = _(queue.title)
    st.title(title)
    if flash := st.session_state.pop(f"{prefix}_flash", None):
        plain(st.success, flash)
    view = grid.address(queue.shape, prefix=prefix)
    words = search_bar(prefix)
    saved_views_bar.bar(
        actor,
        list_name=queue.list_name,
        prefix=prefix,
        widget_keys=queue.filter_keys,
        view=view,
    )
    grid.view_controls(queue.shape, view, prefix=prefix, sort_labels=queue.sort_labels)
    query = replace(
        narrow(queue.filters(actor), actor=actor, quick=view.quick),
        text=words,
        sort=view.sort,
        page=view.page,
        page_size=view.size,
    )
    try:
        page = reading.list_tickets(session.engine(), actor, query=query)
    except DomainError as refusal:
        refuse(refusal)
        return
    grid.keep(queue.shape, view, prefix=prefix)
    bar = st.container()
    if not page.rows:
        none = NONE_MATCH.get(queue.noun)
        st.info(_(none) if none else f"No {queue.noun} matches these filters.")
        chosen: list[str] = []
    else:
        chosen = grid.tickets(
            page.rows,
            now=session.now(),
            grid_key=grid.grid_key(view, prefix=prefix),
            pick="many" if may(actor, Action.TRIAGE) else "one",
            label=_("{title}: tick rows to change them together").format(title=title),
        )
    grid.pager(view, total=page.total, prefix=prefix, noun=queue.noun)
    with bar:
        if not may(actor, Action.TRIAGE):
            grid.open_chosen(chosen, page=routes.ticket)
        elif page.rows:
            picked = _picked(page.rows, chosen=chosen, prefix=prefix, noun=queue.noun)
            if len(picked) == 1:
                st.page_link(
                    routes.ticket(),
                    label=_("Open {key}").format(key=picked[0]),
                    query_params={"key": picked[0]},
                    icon=":material/open_in_new:",
                )
            if picked:
                queue.act(actor, picked)


def _picked(
    rows: list[dict[str, object]], *, chosen: list[str], prefix: str, noun: str
) -> list[str]:
    """The tickets the bar acts on: the rows ticked in the grid, which this list
    shows and lets a keyboard user change without entering the grid."""
    keys = [str(r["ticket_key"]) for r in rows]
    ticked = "-".join(chosen)
    # A new tick in the grid makes a new list here, starting from the ticks.
    widget = f"{prefix}_picked_{hashlib.sha1(ticked.encode()).hexdigest()[:12]}"
    words = TO_CHANGE.get(noun)
    return list(
        st.multiselect(
            _(words) if words else f"{noun.capitalize()}s to change",
            keys,
            default=[k for k in chosen if k in keys],
            key=widget,
            placeholder=_("Tick rows in the grid below, or choose keys here"),
            help=_(
                "The header's box ticks the whole page; in the grid, Shift+Space "
                "ticks the focused row."
            ),
        )
    )


QUICK_SLA = ("at_risk", "breached", "paused")


def narrow(query: TicketQuery, *, actor: Actor, quick: tuple[str, ...]) -> TicketQuery:
    """A query narrowed by the quick filters: mine or unassigned (either, when
    both), at risk, breached or paused (any of those ticked), Sev 1–2."""
    changes: dict[str, object] = {}
    if "mine" in quick:
        changes["assignee_ids"] = (*query.assignee_ids, actor.user_id)
    if "unassigned" in quick:
        changes["unassigned"] = True
    if states := tuple(s for s in QUICK_SLA if s in quick):
        changes["sla_states"] = tuple(
            s for s in states if not query.sla_states or s in query.sla_states
        ) or ("none",)
    if "sev12" in quick:
        changes["severities"] = tuple(
            s for s in (1, 2) if not query.severities or s in query.severities
        ) or (0,)
    return replace(query, **changes)  # type: ignore[arg-type]


def search_bar(prefix: str = "tickets") -> str:
    """Search words, and a box that jumps straight to a key; returns the words."""
    left, right = st.columns([3, 1.2], vertical_alignment="bottom")
    words = left.text_input(
        _("Search titles and descriptions"),
        key=f"{prefix}_text",
        max_chars=reading.MAX_SEARCH_LENGTH,
        on_change=reset_page,
        args=(prefix,),
        placeholder=_("e.g. billing quantity, AS2, sequence"),
    )
    with right.form(f"{prefix}_jump", border=False):
        key = st.text_input(
            _("Go to ticket"), placeholder="INC-000123", key=f"{prefix}_jump_key"
        )
        if st.form_submit_button(_("Open ticket"), icon=":material/arrow_forward:"):
            try:
                canonical = reading.normalize_key(key)
            except DomainError as refusal:
                refuse(refusal)
            else:
                st.switch_page(routes.ticket(), query_params={"key": canonical})
    return str(words)


def title_for(actor: Actor, org_name: str) -> str:
    """The list's heading for this user."""
    if may(actor, Action.SEE_ALL_TICKETS):
        return _("All tickets")
    return _("Tickets of {organization}").format(organization=md_escape(org_name))

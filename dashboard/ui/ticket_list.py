"""The ticket list: filters in the sidebar, one page of rows, pagination; and the
work queues built from it."""

from collections.abc import Callable
from typing import Any

import streamlit as st

from dashboard.kernel import reading
from dashboard.kernel.reading import SORTS, TicketQuery
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.catalogue import BY_CODE
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.reference import CATEGORIES, CATEGORY_NAMES
from dashboard.kernel.rules.sla_text import time_left
from dashboard.kernel.rules.timezones import show
from dashboard.kernel.rules.workflow import KIND_LABELS, Kind, open_statuses, statuses
from dashboard.ui import routes, session
from dashboard.ui.text import md_escape, plain, refuse

WIDTHS = (1.7, 3.8, 1.3, 0.6, 1.5, 1.5, 1.6, 1.4)
HEADERS = (
    "Key",
    "Title",
    "Status",
    "Sev.",
    "Organization",
    "Assignee",
    "SLA",
    "Updated",
)


def _reset_page(prefix: str = "tickets") -> None:
    st.session_state[f"{prefix}_page"] = 1


def kinds_for(actor: Actor) -> list[Kind]:
    """The kinds of ticket this user's list can show."""
    if may(actor, Action.SEE_ALL_TICKETS):
        return list(Kind)
    return [Kind.INCIDENT, Kind.SERVICE_REQUEST]


def filters(actor: Actor, organizations: dict[int, str]) -> TicketQuery:
    """The filter widgets, read into a query."""
    kinds = kinds_for(actor)
    with st.sidebar.expander("Filters", expanded=True, icon=":material/filter_list:"):
        chosen = st.multiselect(
            "Kind",
            kinds,
            format_func=lambda k: KIND_LABELS[k],
            key="tickets_kinds",
            on_change=_reset_page,
        )
        open_only = st.toggle(
            "Open only", value=True, key="tickets_open", on_change=_reset_page
        )
        kinds_shown = chosen or kinds
        choices = sorted({s for k in kinds_shown for s in statuses(k)})
        status = st.multiselect(
            "Status", choices, key="tickets_status", on_change=_reset_page
        )
        severity = st.multiselect(
            "Severity",
            [1, 2, 3, 4],
            format_func=lambda s: f"Sev {s}",
            key="tickets_severity",
            on_change=_reset_page,
        )
        orgs: list[int] = []
        if may(actor, Action.SEE_ALL_TICKETS):
            orgs = st.multiselect(
                "Organization",
                list(organizations),
                format_func=organizations.__getitem__,
                key="tickets_orgs",
                on_change=_reset_page,
            )
        category = st.multiselect(
            "Category",
            [c for c, _ in CATEGORIES],
            format_func=CATEGORY_NAMES.__getitem__,
            key="tickets_category",
            on_change=_reset_page,
        )
        sort = st.selectbox(
            "Sort by", list(SORTS), key="tickets_sort", on_change=_reset_page
        )
        page_size = st.selectbox(
            "Rows per page",
            reading.PAGE_SIZES,
            index=1,
            key="tickets_page_size",
            on_change=_reset_page,
        )
    if open_only and not status:
        status = sorted({s for k in kinds_shown for s in open_statuses(k)})
    return TicketQuery(
        kinds=tuple(k.value for k in kinds_shown),
        statuses=tuple(status),
        severities=tuple(severity),
        org_ids=tuple(orgs),
        categories=tuple(category),
        text=search_bar(),
        sort=sort,
        page=st.session_state.get("tickets_page", 1),
        page_size=page_size,
    )


def work_queue(
    actor: Actor,
    *,
    title: str,
    prefix: str,
    query: Callable[[Actor, str], TicketQuery],
    act: Callable[[Actor, list[str]], None],
) -> None:
    """A work queue (triage, fulfilment): its search, one page of tickets to tick,
    its pager, and what may be done to the ticked ones."""
    st.title(title)
    if flash := st.session_state.pop(f"{prefix}_flash", None):
        plain(st.success, flash)
    words = search_bar(prefix)
    try:
        page = reading.list_tickets(session.engine(), actor, query=query(actor, words))
    except DomainError as refusal:
        refuse(refusal)
        return
    ticked = rows(page, select_prefix=f"{prefix}_pick")
    pager(page, prefix)
    act(actor, ticked)


def search_bar(prefix: str = "tickets") -> str:
    """Search words, and a box that jumps straight to a key; returns the words."""
    left, right = st.columns([3, 1.2], vertical_alignment="bottom")
    words = left.text_input(
        "Search titles and descriptions",
        key=f"{prefix}_text",
        max_chars=reading.MAX_SEARCH_LENGTH,
        on_change=_reset_page,
        args=(prefix,),
        placeholder="e.g. billing quantity, AS2, sequence",
    )
    with right.form(f"{prefix}_jump", border=False):
        key = st.text_input(
            "Go to ticket", placeholder="INC-000123", key=f"{prefix}_jump_key"
        )
        if st.form_submit_button("Open ticket", icon=":material/arrow_forward:"):
            try:
                canonical = reading.normalize_key(key)
            except DomainError as refusal:
                refuse(refusal)
            else:
                st.switch_page(routes.ticket(), query_params={"key": canonical})
    return words


def rows(page: reading.TicketPage, *, select_prefix: str = "") -> list[str]:
    """One line per ticket, the key linking to its page; with a select_prefix, a
    tick box per line, and the ticked keys returned."""
    if not page.rows:
        st.info("No ticket matches these filters.")
        return []
    widths = (0.35, *WIDTHS) if select_prefix else WIDTHS
    header = st.columns(widths)
    for column, title in zip(header[-len(HEADERS) :], HEADERS, strict=True):
        column.markdown(f"**{title}**")
    ticked = []
    now = session.now()
    for row in page.rows:
        cells = st.columns(widths, vertical_alignment="center")
        key = str(row["ticket_key"])
        if select_prefix:
            if cells[0].checkbox(
                key, key=f"{select_prefix}_{key}", label_visibility="collapsed"
            ):
                ticked.append(key)
            cells = cells[1:]
        cells[0].page_link(routes.ticket(), label=key, query_params={"key": key})
        cells[1].text(_title(row))
        cells[2].text(row["status"])
        cells[3].text(f"Sev {row['severity']}" if row["severity"] else "")
        org = "MDM/R-wide" if row["is_mdmr_wide"] else row["organization"] or "—"
        cells[4].text(org)
        cells[5].text(row["assignee"] or row["group_name"] or "Unassigned")
        cells[6].text(time_left(row["sla_due_at"], row["sla_state"], now=now))
        cells[7].text(show(row["updated_at"], with_zone=False))
    return ticked


def _title(row: dict[str, Any]) -> str:
    request_type = row["request_type"]
    prefix = f"[{BY_CODE[request_type].name}] " if request_type in BY_CODE else ""
    return prefix + str(row["title"])


def pager(page: reading.TicketPage, prefix: str = "tickets") -> None:
    """Page number and count, with previous and next."""
    left, middle, right = st.columns([1, 2, 1], vertical_alignment="center")
    if left.button("Previous", disabled=page.page <= 1, key=f"{prefix}_prev"):
        st.session_state[f"{prefix}_page"] = page.page - 1
        st.rerun()
    middle.markdown(
        f"Page {page.page} of {page.page_count} · {page.total:,} ticket"
        f"{'s' if page.total != 1 else ''}"
    )
    if right.button(
        "Next", disabled=page.page >= page.page_count, key=f"{prefix}_next"
    ):
        st.session_state[f"{prefix}_page"] = page.page + 1
        st.rerun()


def title_for(actor: Actor, org_name: str) -> str:
    """The list's heading for this user."""
    if may(actor, Action.SEE_ALL_TICKETS):
        return "All tickets"
    return f"Tickets of {md_escape(org_name)}"

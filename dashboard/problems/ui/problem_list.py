"""The problem list: search and filters, one page of public rows, subscribe."""

import streamlit as st

from dashboard.kernel.reading import MAX_SEARCH_LENGTH
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.reference import CATEGORIES, CATEGORY_NAMES
from dashboard.kernel.rules.timezones import show
from dashboard.kernel.rules.workflow import Kind, statuses
from dashboard.problems import problem_reading
from dashboard.problems.problem_reading import SORTS, ProblemQuery
from dashboard.problems.problem_rules import affected_label
from dashboard.problems.ui.problem_actions import subscribe_button
from dashboard.ui import routes
from dashboard.ui.text import md_escape

WIDTHS = (1.9, 3.5, 1.3, 1.4, 1.0, 1.0, 1.3, 2.1)
HEADERS = (
    "Key",
    "Title",
    "Status",
    "Category",
    "Target",
    "LDCs",
    "Updated",
    "",
)
SUMMARY_SHOWN = 160


def _reset_page(prefix: str) -> None:
    st.session_state[f"{prefix}_page"] = 1


def filters(prefix: str, *, subscribed_only: bool = False) -> ProblemQuery:
    """The search box and filters, read into a query."""
    words = st.text_input(
        "Search titles, summaries and workarounds",
        key=f"{prefix}_text",
        max_chars=MAX_SEARCH_LENGTH,
        on_change=_reset_page,
        args=(prefix,),
        placeholder="e.g. billing quantity, AS2, sequence",
    )
    status_col, category_col, sort_col = st.columns(3)
    status = status_col.multiselect(
        "Status",
        statuses(Kind.PROBLEM),
        key=f"{prefix}_status",
        on_change=_reset_page,
        args=(prefix,),
        placeholder="Every status",
    )
    category = category_col.multiselect(
        "Category",
        [code for code, _ in CATEGORIES],
        format_func=CATEGORY_NAMES.__getitem__,
        key=f"{prefix}_category",
        on_change=_reset_page,
        args=(prefix,),
        placeholder="Every category",
    )
    sort = sort_col.selectbox(
        "Sort by",
        list(SORTS),
        key=f"{prefix}_sort",
        on_change=_reset_page,
        args=(prefix,),
    )
    return ProblemQuery(
        text=words,
        statuses=tuple(status),
        categories=tuple(category),
        subscribed_only=subscribed_only,
        sort=sort,
        page=st.session_state.get(f"{prefix}_page", 1),
        page_size=problem_reading.PAGE_SIZES[0],
    )


def rows(actor: Actor, page: problem_reading.ProblemPage, *, prefix: str) -> None:
    """One line per problem: its public fields, a link, and subscribe."""
    if not page.rows:
        st.info("No problem matches these filters.")
        return
    header = st.columns(WIDTHS)
    for column, title in zip(header, HEADERS, strict=True):
        column.markdown(f"**{title}**")
    for row in page.rows:
        cells = st.columns(WIDTHS, vertical_alignment="center")
        key = str(row["ticket_key"])
        cells[0].page_link(routes.problem(), label=key, query_params={"key": key})
        cells[1].text(row["title"])
        summary = str(row["public_summary"] or "")
        if len(summary) > SUMMARY_SHOWN:
            summary = summary[: SUMMARY_SHOWN - 1] + "…"
        cells[1].caption(md_escape(summary))
        cells[2].text(row["status"])
        cells[3].text(CATEGORY_NAMES.get(row["category"] or "", "—"))
        cells[4].text(row["target_release"] or "—")
        cells[5].text(affected_label(row["affected_ldcs"], mdmr_wide=row["mdmr_wide"]))
        cells[6].text(show(row["updated_at"], with_zone=False)[:10])
        with cells[7]:
            subscribe_button(
                actor,
                key,
                subscribed=bool(row["subscribed"]),
                widget=f"{prefix}_sub_{key}",
                status=row["status"],
            )


def pager(page: problem_reading.ProblemPage, prefix: str) -> None:
    """Page number and count, with previous and next."""
    left, middle, right = st.columns([1, 2, 1], vertical_alignment="center")
    if left.button("Previous", disabled=page.page <= 1, key=f"{prefix}_prev"):
        st.session_state[f"{prefix}_page"] = page.page - 1
        st.rerun()
    middle.markdown(
        f"Page {page.page} of {page.page_count} · {page.total:,} problem"
        f"{'s' if page.total != 1 else ''}"
    )
    if right.button(
        "Next", disabled=page.page >= page.page_count, key=f"{prefix}_next"
    ):
        st.session_state[f"{prefix}_page"] = page.page + 1
        st.rerun()

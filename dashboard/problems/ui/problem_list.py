"""The problem list: search and filters, one page of public rows, subscribe."""

from typing import Any

import pandas as pd
import streamlit as st

from dashboard.kernel.i18n import N_, _
from dashboard.kernel.reading import MAX_SEARCH_LENGTH
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.list_address import ListAddress, ListShape
from dashboard.kernel.rules.reference import CATEGORIES, CATEGORY_NAMES
from dashboard.kernel.rules.workflow import Kind, statuses
from dashboard.problems import problem_reading
from dashboard.problems.problem_reading import SORTS, ProblemQuery
from dashboard.problems.problem_rules import affected_label
from dashboard.problems.ui.problem_actions import subscribe_button
from dashboard.ui import grid, routes, session
from dashboard.ui.text import label, refuse

SUMMARY_SHOWN = 160


SHAPE = ListShape(sorts=tuple(SORTS), default_sort="last updated")
# Marked for the catalogue; the sort box shows them in the current language.
SORT_LABELS = {
    "last updated": N_("Recently updated"),
    "least recently updated": N_("Least recently updated"),
    "newest": N_("Newest first"),
}


def problem_list(
    actor: Actor, *, prefix: str, subscribed_only: bool = False
) -> problem_reading.ProblemPage | None:
    """Search, filters, the grid and its pager; the page shown (None if refused)."""
    view = grid.address(SHAPE, prefix=prefix)
    query = filters(prefix, view=view, subscribed_only=subscribed_only)
    sort_labels = {sort: _(words) for sort, words in SORT_LABELS.items()}
    grid.view_controls(SHAPE, view, prefix=prefix, sort_labels=sort_labels)
    try:
        page = problem_reading.list_problems(session.engine(), actor, query=query)
    except DomainError as refusal:
        refuse(refusal)
        return None
    grid.keep(SHAPE, view, prefix=prefix)
    problem_grid(actor, page, prefix=prefix, view=view)
    grid.pager(view, total=page.total, prefix=prefix, noun="problem")
    return page


def filters(
    prefix: str, *, view: ListAddress, subscribed_only: bool = False
) -> ProblemQuery:
    """The search box and filters, read into a query."""
    words = st.text_input(
        _("Search titles, summaries and workarounds"),
        key=f"{prefix}_text",
        max_chars=MAX_SEARCH_LENGTH,
        on_change=grid.reset_page,
        args=(prefix,),
        placeholder=_("e.g. billing quantity, AS2, sequence"),
    )
    status_col, category_col = st.columns(2)
    status = status_col.multiselect(
        _("Status"),
        statuses(Kind.PROBLEM),
        format_func=_,
        key=f"{prefix}_status",
        on_change=grid.reset_page,
        args=(prefix,),
        placeholder=_("Every status"),
    )
    category = category_col.multiselect(
        _("Category"),
        [code for code, _name in CATEGORIES],
        format_func=lambda code: _(CATEGORY_NAMES[code]),
        key=f"{prefix}_category",
        on_change=grid.reset_page,
        args=(prefix,),
        placeholder=_("Every category"),
    )
    return ProblemQuery(
        text=words,
        statuses=tuple(status),
        categories=tuple(category),
        subscribed_only=subscribed_only,
        sort=view.sort,
        page=view.page,
        page_size=view.size,
    )


def problem_columns() -> dict[str, Any]:
    """The problem grid's columns, labelled in the current language (the frame's
    columns keep their English names)."""
    return {
        "Key": grid.key_column("problem"),
        "Title": st.column_config.TextColumn(_("Title"), width="large"),
        "Summary": st.column_config.TextColumn(_("Public summary"), width="large"),
        "Status": st.column_config.TextColumn(_("Status")),
        "Category": st.column_config.TextColumn(_("Category")),
        "Target": st.column_config.TextColumn(_("Target release")),
        "LDCs": st.column_config.TextColumn(_("LDCs affected")),
        "Following": st.column_config.CheckboxColumn(_("You follow"), width="small"),
        "Updated": st.column_config.DatetimeColumn(
            _("Updated"), format=grid.date_format(), timezone="America/Toronto"
        ),
    }


def problem_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The grid's table of problems: their public fields only, in words of the
    current language."""
    return pd.DataFrame(
        {
            "Key": [f"/problem?key={r['ticket_key']}" for r in rows],
            "Title": [str(r["title"]) for r in rows],
            "Summary": [_short(str(r["public_summary"] or "")) for r in rows],
            "Status": [_(str(r["status"])) for r in rows],
            "Category": [_category(r["category"]) for r in rows],
            "Target": [r["target_release"] or "—" for r in rows],
            "LDCs": [
                affected_label(r["affected_ldcs"], mdmr_wide=r["mdmr_wide"])
                for r in rows
            ],
            "Following": [bool(r["subscribed"]) for r in rows],
            "Updated": [r["updated_at"] for r in rows],
        }
    )


def _category(code: str | None) -> str:
    return _(CATEGORY_NAMES[code]) if code in CATEGORY_NAMES else "—"


def _short(summary: str) -> str:
    if len(summary) > SUMMARY_SHOWN:
        return summary[: SUMMARY_SHOWN - 1] + "…"
    return summary


def problem_grid(
    actor: Actor, page: problem_reading.ProblemPage, *, prefix: str, view: ListAddress
) -> None:
    """One page of problems as a grid; the chosen row's actions above it."""
    if not page.rows:
        st.info(_("No problem matches these filters."))
        return
    bar = st.container()
    keys = [str(r["ticket_key"]) for r in page.rows]
    chosen = grid.table(
        problem_frame(page.rows),
        keys=keys,
        columns=problem_columns(),
        grid_key=grid.grid_key(view, prefix=prefix),
        pick="one",
        label=_("Problems: choose a row to open it or to follow it"),
    )
    if not chosen:
        st.caption(_("Choose a row to open the problem or to follow it."))
        return
    row = page.rows[keys.index(chosen[0])]
    with bar, st.container(border=True):
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.page_link(
            routes.problem(),
            label=_("Open {key}: {title}").format(
                key=label(chosen[0]), title=label(str(row["title"]))
            ),
            query_params={"key": chosen[0]},
            icon=":material/open_in_new:",
        )
        with right:
            subscribe_button(
                actor,
                chosen[0],
                subscribed=bool(row["subscribed"]),
                widget=f"{prefix}_sub_{chosen[0]}",
                status=row["status"],
            )

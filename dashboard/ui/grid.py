"""Lists as grids: one page of rows in `st.dataframe`, the key a link, service levels
and severities in colour and in words, rows chosen by their tick boxes; the range
and pager below; the view (sort, size, page, quick filters) kept in the address."""

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard.kernel.i18n import N_, _, formats, is_french, ngettext
from dashboard.kernel.rules import list_address
from dashboard.kernel.rules.catalogue import BY_CODE
from dashboard.kernel.rules.list_address import ListAddress, ListShape
from dashboard.kernel.rules.sla_text import time_left
from dashboard.kernel.rules.timezones import TORONTO

Pick = Literal["none", "one", "many"]

# Light backgrounds with dark text: every pair reads at 4.5:1 or better.
STATE_STYLES = {
    "breached": "background-color: #fde7e9; color: #8a1c1c; font-weight: 600",
    "at_risk": "background-color: #fff4ce; color: #5c3b00",
    "paused": "background-color: #eef1f5; color: #33415c",
    "met": "color: #1e5c2e",
}
SEVERITY_STYLES = {
    1: "background-color: #fde7e9; color: #8a1c1c; font-weight: 600",
    2: "background-color: #fff4ce; color: #5c3b00; font-weight: 600",
}
DATE_FORMAT = "D MMM YYYY, HH:mm"
# French writes the date and time as formats.stamp does: '2026-12-03 15 h 40'.
FRENCH_DATE_FORMAT = "YYYY-MM-DD HH [h] mm"


def date_format() -> str:
    """A grid's date and time format (moment.js) in the current language."""
    return FRENCH_DATE_FORMAT if is_french() else DATE_FORMAT


def address(shape: ListShape, *, prefix: str) -> ListAddress:
    """The view the address asks for. An address the list did not write itself (a
    bookmark, a shared link) sets the view; one without parameters (the list opened
    from the menu) keeps the view of this session."""
    params = st.query_params.to_dict()
    written = st.session_state.get(f"{prefix}_address")
    if params and params != written:
        wanted = shape.read(params)
    else:
        kept = st.session_state.get(f"{prefix}_view")
        # What the session keeps (a saved view opened, a page turned) is read the
        # same way as an address, so that an unknown sort or filter is dropped.
        wanted = shape.read(shape.params(kept) if kept else {})
        if kept is not None:
            wanted = ListAddress(
                sort=wanted.sort, quick=wanted.quick, size=wanted.size, page=kept.page
            )
    st.session_state[f"{prefix}_view"] = wanted
    return wanted


def keep(shape: ListShape, view: ListAddress, *, prefix: str) -> None:
    """Write the view into the address (only what is not at its default)."""
    st.session_state[f"{prefix}_view"] = view
    params = shape.params(view)
    st.session_state[f"{prefix}_address"] = params
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def reset_page(prefix: str) -> None:
    """Back to page one of the list's view (any filter's callback)."""
    view = st.session_state.get(f"{prefix}_view")
    if isinstance(view, ListAddress):
        turn_to(view, prefix=prefix, page=1)


def grid_key(view: ListAddress, *, prefix: str) -> str:
    """The grid's widget key: a new page, size or round starts with nothing ticked."""
    rounds = st.session_state.get(f"{prefix}_grid_round", 0)
    return f"{prefix}_grid_{rounds}_{view.page}_{view.size}"


def forget_selection(prefix: str) -> None:
    """Untick every row (after a bulk change)."""
    key = f"{prefix}_grid_round"
    st.session_state[key] = st.session_state.get(key, 0) + 1


def turn_to(view: ListAddress, *, prefix: str, page: int) -> None:
    """Move the list to another page (widgets' callbacks)."""
    st.session_state[f"{prefix}_view"] = ListAddress(
        sort=view.sort, quick=view.quick, size=view.size, page=page
    )


def view_controls(
    shape: ListShape,
    view: ListAddress,
    *,
    prefix: str,
    sort_labels: Mapping[str, str] | None = None,
) -> None:
    """Quick filters, sort and page size above the grid; a change goes to page 1.
    The widgets show the view; their callbacks change it."""
    keys = {name: f"{prefix}_{name}" for name in ("quick", "sort", "size")}
    st.session_state[keys["quick"]] = list(view.quick)
    st.session_state[keys["sort"]] = view.sort
    st.session_state[keys["size"]] = view.size

    def changed() -> None:
        quick = st.session_state.get(keys["quick"]) or []
        st.session_state[f"{prefix}_view"] = ListAddress(
            sort=str(st.session_state[keys["sort"]]),
            quick=tuple(q for q in shape.quick if q in quick),
            size=int(st.session_state[keys["size"]]),
        )

    if shape.quick:
        st.pills(
            _("Quick filters"),
            list(shape.quick),
            format_func=lambda q: _(shape.quick[q]),
            selection_mode="multi",
            key=keys["quick"],
            on_change=changed,
        )
    left, right = st.columns([3, 1])
    labels = dict(sort_labels or {})
    left.selectbox(
        _("Sort by"),
        list(shape.sorts),
        format_func=lambda s: _(labels.get(s, s.capitalize())),
        key=keys["sort"],
        on_change=changed,
    )
    right.selectbox(
        _("Rows per page"),
        list(list_address.PAGE_SIZES),
        key=keys["size"],
        on_change=changed,
    )


def pager(view: ListAddress, *, total: int, prefix: str, noun: str) -> None:
    """'1–50 of 1,234 tickets', with previous and next pages."""
    pages = list_address.page_count(size=view.size, total=total)
    left, middle, right = st.columns([1, 3, 1], vertical_alignment="center")
    left.button(
        _("Previous page"),
        disabled=view.page <= 1,
        key=f"{prefix}_prev",
        on_click=turn_to,
        args=(view,),
        kwargs={"prefix": prefix, "page": view.page - 1},
        icon=":material/chevron_left:",
    )
    shown = shown_range(page=view.page, size=view.size, total=total, noun=noun)
    if pages > 1:
        shown = _("{range} · page {page} of {pages}").format(
            range=shown, page=formats.number(view.page), pages=formats.number(pages)
        )
    middle.markdown(shown)
    right.button(
        _("Next page"),
        disabled=view.page >= pages,
        key=f"{prefix}_next",
        on_click=turn_to,
        args=(view,),
        kwargs={"prefix": prefix, "page": view.page + 1},
        icon=":material/chevron_right:",
    )


Counted = Callable[[int], str]
# Per noun a list counts in: no rows, a page of rows, a page past the last one.
_RANGES: dict[str, tuple[Callable[[], str], Counted, Counted]] = {
    "ticket": (
        lambda: _("No tickets"),
        lambda n: ngettext(
            "{first}–{last} of {total} ticket", "{first}–{last} of {total} tickets", n
        ),
        lambda n: ngettext(
            "None of {total} ticket (past the last page)",
            "None of {total} tickets (past the last page)",
            n,
        ),
    ),
    "incident": (
        lambda: _("No incidents"),
        lambda n: ngettext(
            "{first}–{last} of {total} incident",
            "{first}–{last} of {total} incidents",
            n,
        ),
        lambda n: ngettext(
            "None of {total} incident (past the last page)",
            "None of {total} incidents (past the last page)",
            n,
        ),
    ),
    "request": (
        lambda: _("No requests"),
        lambda n: ngettext(
            "{first}–{last} of {total} request",
            "{first}–{last} of {total} requests",
            n,
        ),
        lambda n: ngettext(
            "None of {total} request (past the last page)",
            "None of {total} requests (past the last page)",
            n,
        ),
    ),
    "problem": (
        lambda: _("No problems"),
        lambda n: ngettext(
            "{first}–{last} of {total} problem",
            "{first}–{last} of {total} problems",
            n,
        ),
        lambda n: ngettext(
            "None of {total} problem (past the last page)",
            "None of {total} problems (past the last page)",
            n,
        ),
    ),
}


def shown_range(*, page: int, size: int, total: int, noun: str) -> str:
    """Which rows of how many a page shows: '1–50 of 1,234 tickets'."""
    if noun not in _RANGES:
        return list_address.shown_range(page=page, size=size, total=total, noun=noun)
    none, some, past = _RANGES[noun]
    if total == 0:
        return none()
    first = (page - 1) * size + 1
    last = min(page * size, total)
    if first > total:
        return past(total).format(total=formats.number(total))
    return some(total).format(
        first=formats.number(first),
        last=formats.number(last),
        total=formats.number(total),
    )


def ticket_frame(rows: Sequence[Mapping[str, Any]], *, now: datetime) -> pd.DataFrame:
    """The grid's table of tickets: one row each, words people read (the columns
    keep their English names; `ticket_columns` labels them)."""
    return pd.DataFrame(
        {
            "Key": [f"/ticket?key={r['ticket_key']}" for r in rows],
            "Title": [_title(r) for r in rows],
            "Status": [_(str(r["status"])) for r in rows],
            "Severity": [severity(r["severity"]) for r in rows],
            "Organization": [
                _("MDM/R-wide") if r["is_mdmr_wide"] else (r["organization"] or "—")
                for r in rows
            ],
            "Assignee": [
                r["assignee"] or _(r["group_name"] or "") or _("Unassigned")
                for r in rows
            ],
            "SLA": [time_left(r["sla_due_at"], r["sla_state"], now=now) for r in rows],
            "Updated": [_local(r["updated_at"]) for r in rows],
        }
    )


def severity(level: int | None) -> str:
    """A severity as a grid shows it: 'Sev 1' (nothing when none is set)."""
    return _("Sev {level}").format(level=level) if level else ""


def ticket_styles(frame: pd.DataFrame, rows: Sequence[Mapping[str, Any]]) -> Styler:
    """The colours of service level and severity, beside their words."""
    states = [STATE_STYLES.get(str(r["sla_state"]), "") for r in rows]
    severities = [SEVERITY_STYLES.get(r["severity"] or 0, "") for r in rows]
    return frame.style.apply(lambda _column: states, subset=["SLA"]).apply(
        lambda _column: severities, subset=["Severity"]
    )


_KEY_HELP = {
    "ticket": N_("Opens the ticket in a new tab; choose the row to open it here"),
    "problem": N_("Opens the problem in a new tab; choose the row to open it here"),
}


def key_column(record: str) -> Any:
    """The key as a link to its record's page (`/ticket?key=…` shows `INC-…`)."""
    words = _KEY_HELP.get(record)
    return st.column_config.LinkColumn(
        _("Key"),
        display_text=r"key=(.*)$",
        help=_(words)
        if words
        else f"Opens the {record} in a new tab; choose the row to open it here",
        width="small",
        pinned=True,
    )


def ticket_columns() -> dict[str, Any]:
    """The ticket grid's columns, labelled in the current language."""
    return {
        "Key": key_column("ticket"),
        "Title": st.column_config.TextColumn(_("Title"), width="large"),
        "Status": st.column_config.TextColumn(_("Status")),
        "Severity": st.column_config.TextColumn(_("Sev."), width="small"),
        "Organization": st.column_config.TextColumn(_("Organization")),
        "Assignee": st.column_config.TextColumn(_("Assignee")),
        "SLA": st.column_config.TextColumn(
            _("SLA"),
            help=_("Time left on the next deadline, or how long it is overdue"),
        ),
        "Updated": st.column_config.DatetimeColumn(
            _("Updated"), format=date_format(), timezone="America/Toronto"
        ),
    }


def table(
    data: pd.DataFrame | Styler,
    *,
    keys: Sequence[str],
    columns: Mapping[str, Any],
    grid_key: str,
    pick: Pick,
    label: str,
) -> list[str]:
    """One page of rows as a grid; the keys of the rows chosen by their tick boxes."""
    modes: dict[Pick, Any] = {"one": "single-row", "many": "multi-row"}
    shown = st.dataframe(
        data,
        hide_index=True,
        column_config=dict(columns),
        key=grid_key,
        on_select="ignore" if pick == "none" else "rerun",
        selection_mode=modes.get(pick, "multi-row"),
        alt=label,
    )
    if pick == "none":
        return []
    rows = shown.selection.rows  # type: ignore[union-attr]
    return [keys[i] for i in rows if 0 <= i < len(keys)]


def tickets(
    rows: Sequence[Mapping[str, Any]],
    *,
    now: datetime,
    grid_key: str,
    pick: Pick,
    label: str,
) -> list[str]:
    """A page of tickets as a grid; the keys of the chosen rows."""
    keys = [str(r["ticket_key"]) for r in rows]
    frame = ticket_frame(rows, now=now)
    return table(
        ticket_styles(frame, rows),
        keys=keys,
        columns=ticket_columns(),
        grid_key=grid_key,
        pick=pick,
        label=label,
    )


def open_chosen(chosen: list[str], *, page: Callable[[], st.Page]) -> None:
    """A single-choice list opens the chosen row's record."""
    if len(chosen) == 1:
        st.switch_page(page(), query_params={"key": chosen[0]})


def _title(row: Mapping[str, Any]) -> str:
    request_type = row.get("request_type")
    prefix = f"[{_(BY_CODE[request_type].name)}] " if request_type in BY_CODE else ""
    return prefix + str(row["title"])


def _local(moment: datetime | None) -> datetime | None:
    return moment.astimezone(TORONTO) if moment is not None else None

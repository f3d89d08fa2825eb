"""The tickets list's filters: kind, open only, status, severity, organization and
category, in a panel drawn only while it is open."""

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from dashboard.kernel.i18n import _
from dashboard.kernel.reading import TicketQuery
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.list_address import ListAddress
from dashboard.kernel.rules.reference import CATEGORIES, CATEGORY_NAMES
from dashboard.kernel.rules.workflow import KIND_LABELS, Kind, open_statuses, statuses
from dashboard.ui.filter_panel import FilterPanel
from dashboard.ui.grid import reset_page, severity


def kinds_for(actor: Actor) -> list[Kind]:
    """The kinds of ticket this user's list can show."""
    if may(actor, Action.SEE_ALL_TICKETS):
        return list(Kind)
    return [Kind.INCIDENT, Kind.SERVICE_REQUEST]


FILTER_KEYS = (
    "tickets_kinds",
    "tickets_open",
    "tickets_status",
    "tickets_severity",
    "tickets_orgs",
    "tickets_category",
)


FILTERS = FilterPanel("tickets", FILTER_KEYS, defaults={"tickets_open": True})


def filters(
    actor: Actor, organizations: dict[int, str], *, view: ListAddress, text: str
) -> TicketQuery:
    """The filter widgets above the list, read into a query."""
    kinds = kinds_for(actor)
    panel = FILTERS.panel()
    if panel.open:
        with panel:
            _filter_widgets(actor, organizations, kinds=kinds)
    kinds_shown = FILTERS.value("tickets_kinds") or kinds
    status = list(FILTERS.value("tickets_status"))
    if FILTERS.value("tickets_open") and not status:
        status = sorted({s for k in kinds_shown for s in open_statuses(k)})
    orgs = FILTERS.value("tickets_orgs") if may(actor, Action.SEE_ALL_TICKETS) else []
    return TicketQuery(
        kinds=tuple(k.value for k in kinds_shown),
        statuses=tuple(status),
        severities=tuple(FILTERS.value("tickets_severity")),
        org_ids=tuple(orgs),
        categories=tuple(FILTERS.value("tickets_category")),
        text=text,
        sort=view.sort,
        page=view.page,
        page_size=view.size,
    )


def _filter_widgets(
    actor: Actor, organizations: dict[int, str], *, kinds: list[Kind]
) -> None:
    first, second, third = st.columns(3)
    with first:
        chosen = _pick(
            "kinds", kinds, label=_("Kind"), names=KIND_LABELS, every=_("Every kind")
        )
    kinds_shown = chosen or kinds
    with second:
        choices = sorted({s for k in kinds_shown for s in statuses(k)})
        _pick(
            "status",
            choices,
            label=_("Status"),
            names=None,
            every=_("Every open status"),
        )
    with third:
        _pick(
            "severity",
            [1, 2, 3, 4],
            label=_("Severity"),
            names=None,
            shown=severity,
            every=_("Every severity"),
        )
    if may(actor, Action.SEE_ALL_TICKETS):
        with first:
            _pick(
                "orgs",
                list(organizations),
                label=_("Organization"),
                names=organizations,
                every=_("Every organization"),
            )
    with second:
        _pick(
            "category",
            [code for code, _name in CATEGORIES],
            label=_("Category"),
            names=CATEGORY_NAMES,
            every=_("Every category"),
        )
    third.toggle(
        _("Open only"), key="tickets_open", on_change=reset_page, args=("tickets",)
    )


def _pick(
    name: str,
    options: list[Any],
    *,
    label: str,
    names: Mapping[Any, str] | None,
    every: str,
    shown: Callable[[Any], str] | None = None,
) -> list[Any]:
    """A filter's multiselect; its options shown in the current language."""
    return st.multiselect(
        label,
        options,
        format_func=shown or (lambda o: _(names[o] if names is not None else str(o))),
        key=f"tickets_{name}",
        on_change=reset_page,
        args=("tickets",),
        placeholder=every,
    )

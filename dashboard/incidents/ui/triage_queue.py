"""The triage queue: open incidents filtered in the store, changed one or many."""

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import streamlit as st

from dashboard.incidents.incident_bulk import bulk_assign, bulk_close, bulk_reclassify
from dashboard.incidents.incident_rules import Step
from dashboard.kernel import directory
from dashboard.kernel.i18n import N_, _, formats, ngettext
from dashboard.kernel.reading import SORTS, TicketQuery
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.list_address import ListShape
from dashboard.kernel.rules.severity import (
    LEVELS,
    severity_of,
)
from dashboard.kernel.rules.workflow import Kind, open_statuses
from dashboard.ui import session
from dashboard.ui.filter_panel import FilterPanel
from dashboard.ui.grid import forget_selection
from dashboard.ui.queue_widgets import QueueWidgets, assignment_fields
from dashboard.ui.text import plain, refuse
from dashboard.ui.ticket_list import WorkQueue

P = "queue"
PENDING = f"{P}_b_pending"
QUICK = {
    "mine": N_("Mine"),
    "unassigned": N_("Unassigned"),
    "at_risk": N_("At risk"),
    "breached": N_("Breached"),
    "sev12": N_("Sev 1–2"),
}
SHAPE = ListShape(sorts=tuple(SORTS), default_sort="nearest deadline", quick=QUICK)
STATUSES = (*open_statuses(Kind.INCIDENT), "Resolved")
FILTER_KEYS = tuple(
    f"{P}_{name}"
    for name in ("status", "severity", "orgs", "category", "group", "assignee", "age")
)

W = QueueWidgets(P)


FILTERS = FilterPanel(P, FILTER_KEYS, defaults={f"{P}_age": 0})


def filters(actor: Actor) -> TicketQuery:
    """The queue's filters, read into a query of open incidents (and resolved ones
    when asked, to close them)."""
    panel = FILTERS.panel()
    if panel.open:
        with panel:
            _filter_widgets()
    age = int(FILTERS.value(f"{P}_age") or 0)
    return TicketQuery(
        kinds=(Kind.INCIDENT.value,),
        statuses=tuple(FILTERS.value(f"{P}_status") or open_statuses(Kind.INCIDENT)),
        severities=tuple(FILTERS.value(f"{P}_severity")),
        org_ids=tuple(FILTERS.value(f"{P}_orgs")),
        categories=tuple(FILTERS.value(f"{P}_category")),
        group_ids=tuple(FILTERS.value(f"{P}_group")),
        assignee_ids=tuple(FILTERS.value(f"{P}_assignee")),
        created_before=session.now() - timedelta(days=age) if age else None,
    )


def _filter_widgets() -> None:
    engine = session.engine()
    first, second, third = st.columns(3)
    with first:
        W.pick(_("Status"), "status", options={s: _(s) for s in STATUSES})
        W.pick(_("LDC"), "orgs", options=directory.ldc_names(engine))
        st.number_input(
            _("Older than (days)"),
            min_value=0,
            max_value=3650,
            key=f"{P}_age",
            on_change=W.reset_page,
        )
    with second:
        W.pick(
            _("Severity"),
            "severity",
            options={s: _("Sev {severity}").format(severity=s) for s in LEVELS},
        )
        categories = directory.categories(engine)
        W.pick(
            _("Category"),
            "category",
            options={code: _(name) for code, name in categories.items()},
        )
    with third:
        groups = directory.group_ids(engine)
        W.pick(
            _("Group"),
            "group",
            options={group: _(name) for group, name in groups.items()},
        )
        W.pick(_("Assignee"), "assignee", options=directory.staff(engine))


def bulk_panel(actor: Actor, keys: list[str]) -> None:
    """Assign or re-classify the ticked incidents, after a confirmation."""
    if not may(actor, Action.BULK_CHANGE) or not keys:
        return
    with st.container(border=True):
        st.markdown(
            ngettext(
                "**{n} incident selected**", "**{n} incidents selected**", len(keys)
            ).format(n=formats.number(len(keys)))
        )
        if _ask(keys):
            return
        assign_tab, reclassify_tab, close_tab = st.tabs(
            [_("Assign"), _("Re-classify"), _("Close")]
        )
        with assign_tab:
            _bulk_assign(actor, keys)
        with reclassify_tab:
            _bulk_reclassify(actor, keys)
        with close_tab:
            _bulk_close(actor, keys)


def _bulk_assign(actor: Actor, keys: list[str]) -> None:
    group, person = assignment_fields(
        group_code=None, default_person=None, key=f"{P}_b"
    )
    if st.button(_("Assign selected…"), key=f"{P}_b_assign"):
        who = directory.staff(session.engine())[person] if person else _("nobody")
        group_name = _(directory.groups(session.engine())[group])
        _confirm(
            _("Assign {incidents} to {group} ({person})?").format(
                incidents=_count(keys), group=group_name, person=who
            ),
            keys,
            action=lambda: bulk_assign(
                session.engine(),
                actor,
                keys=keys,
                assignee_id=person,
                group_code=group,
                now=session.now(),
            ),
        )


def _bulk_reclassify(actor: Actor, keys: list[str]) -> None:
    left, right = st.columns(2)
    impacts = directory.severity_labels(session.engine(), "impact")
    urgencies = directory.severity_labels(session.engine(), "urgency")
    impact = left.selectbox(
        _("Impact"),
        LEVELS,
        format_func=impacts.__getitem__,
        key=f"{P}_b_impact",
    )
    urgency = right.selectbox(
        _("Urgency"),
        LEVELS,
        format_func=urgencies.__getitem__,
        key=f"{P}_b_urgency",
    )
    reason = st.text_input(_("Reason (kept on every incident)"), key=f"{P}_b_reason")
    if st.button(_("Re-classify selected…"), key=f"{P}_b_reclassify"):
        _confirm(
            _("Set {incidents} to severity {severity}?").format(
                incidents=_count(keys), severity=severity_of(impact, urgency)
            ),
            keys,
            action=lambda: bulk_reclassify(
                session.engine(),
                actor,
                keys=keys,
                impact=impact,
                urgency=urgency,
                reason=reason,
                now=session.now(),
            ),
        )


CLOSINGS = {
    Step.CANCEL: N_("Cancel them (new incidents: duplicates, not incidents)"),
    Step.CLOSE: N_("Confirm and close them (resolved incidents)"),
}


def _bulk_close(actor: Actor, keys: list[str]) -> None:
    step = st.radio(
        _("How"),
        list(CLOSINGS),
        format_func=lambda step: _(CLOSINGS[step]),
        key=f"{P}_b_close_step",
    )
    reason = st.text_input(
        _("Reason (kept on every incident; needed to cancel)"),
        key=f"{P}_b_close_reason",
    )
    st.caption(_("Show resolved incidents with the Status filter to close them."))
    cancel = step is Step.CANCEL
    if st.button(
        _("Cancel selected…") if cancel else _("Close selected…"), key=f"{P}_b_close"
    ):
        question = _("Cancel {incidents}?") if cancel else _("Close {incidents}?")
        _confirm(
            question.format(incidents=_count(keys)),
            keys,
            action=lambda: bulk_close(
                session.engine(),
                actor,
                keys=keys,
                step=step,
                reason=reason,
                now=session.now(),
            ),
        )


def _count(keys: list[str]) -> str:
    return ngettext("{n} incident", "{n} incidents", len(keys)).format(
        n=formats.number(len(keys))
    )


def _confirm(question: str, keys: list[str], *, action: Callable[[], int]) -> None:
    """Ask before a bulk change: the question replaces the bar until answered."""
    st.session_state[PENDING] = (question, list(keys), action)
    st.rerun()


def _ask(keys: list[str]) -> bool:
    """The pending question, when there is one for these rows; whether it was."""
    pending = st.session_state.get(PENDING)
    if pending is None:
        return False
    question, asked, action = pending
    if asked != keys:  # the ticks changed: the question no longer holds
        st.session_state.pop(PENDING, None)
        return False
    plain(st.markdown, question)
    st.caption(", ".join(asked))
    yes, no = st.columns(2)
    if no.button(_("No, keep them"), key=f"{P}_b_no"):
        st.session_state.pop(PENDING, None)
        st.rerun()
    if yes.button(_("Yes, change them all"), type="primary", key=f"{P}_b_yes"):
        st.session_state.pop(PENDING, None)
        try:
            changed = action()
        except DomainError as refusal:
            refuse(refusal)
            return True
        forget_selection(P)
        st.session_state[f"{P}_flash"] = ngettext(
            "{n} incident changed.", "{n} incidents changed.", changed
        ).format(n=formats.number(changed))
        st.rerun()
    return True


def queue() -> WorkQueue:
    """The triage queue, its title and quick filters in the current language."""
    return WorkQueue(
        title=_("Triage queue"),
        prefix=P,
        list_name="queue",
        noun="incident",
        shape=replace(SHAPE, quick={q: _(label) for q, label in QUICK.items()}),
        filters=filters,
        act=bulk_panel,
        filter_keys=FILTER_KEYS,
    )

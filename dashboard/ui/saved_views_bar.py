"""Saved views above a list: open one, save the filters shown under a name, delete."""

from collections.abc import Sequence
from typing import Any

import streamlit as st

from dashboard.kernel import saved_views
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.list_address import ListAddress
from dashboard.ui import session
from dashboard.ui.text import label, plain, refuse

VIEW = "view"


def bar(
    actor: Actor,
    *,
    list_name: str,
    prefix: str,
    widget_keys: Sequence[str],
    view: ListAddress,
) -> None:
    """The saved-views menu of one list. Opening a view sets the list's filters,
    quick filters, sort and page size, from page one."""
    try:
        views = saved_views.views(session.engine(), actor, list_name=list_name)
    except DomainError as refusal:
        refuse(refusal)
        return
    if flash := st.session_state.pop(f"{prefix}_views_flash", None):
        plain(st.success, flash)
    with st.popover(_("Saved views"), icon=":material/bookmarks:"):
        if views:
            names = list(views)
            picked = st.selectbox(
                _("Your saved views"),
                names,
                format_func=label,
                key=f"{prefix}_views_pick",
            )
            left, right = st.columns(2)
            left.button(
                _("Open view"),
                key=f"{prefix}_views_open",
                type="primary",
                on_click=_open,
                args=(views.get(str(picked), {}),),
                kwargs={"prefix": prefix, "widget_keys": widget_keys},
            )
            if right.button(_("Delete view"), key=f"{prefix}_views_delete"):
                try:
                    saved_views.delete(
                        session.engine(), actor, list_name=list_name, name=str(picked)
                    )
                except DomainError as refusal:
                    refuse(refusal)
                else:
                    st.session_state[f"{prefix}_views_flash"] = _(
                        "View “{name}” deleted."
                    ).format(name=picked)
                    st.rerun()
        else:
            st.caption(_("You have no saved view of this list yet."))
        with st.form(f"{prefix}_views_save", border=False):
            name = st.text_input(
                _("Save the filters shown as"),
                max_chars=saved_views.NAME_MAX,
                key=f"{prefix}_views_name",
                placeholder=_("e.g. Sev 1–2 at risk"),
            )
            sent = st.form_submit_button(_("Save view"), icon=":material/bookmark_add:")
    if sent:
        settings = _settings(widget_keys, view=view)
        try:
            kept = saved_views.save(
                session.engine(),
                actor,
                list_name=list_name,
                name=name,
                settings=settings,
                now=session.now(),
            )
        except DomainError as refusal:
            refuse(refusal)
        else:
            st.session_state[f"{prefix}_views_flash"] = _(
                "View “{name}” saved."
            ).format(name=kept)
            st.rerun()


def _settings(widget_keys: Sequence[str], *, view: ListAddress) -> dict[str, Any]:
    shown = {
        key: st.session_state[key] for key in widget_keys if key in st.session_state
    }
    shown[VIEW] = {"sort": view.sort, "quick": list(view.quick), "size": view.size}
    return shown


def _open(settings: dict[str, Any], *, prefix: str, widget_keys: Sequence[str]) -> None:
    for key in widget_keys:
        if key in settings:
            st.session_state[key] = settings[key]
        else:
            st.session_state.pop(key, None)
    kept = settings.get(VIEW) or {}
    st.session_state[f"{prefix}_view"] = ListAddress(
        sort=str(kept.get("sort", "newest")),
        quick=tuple(kept.get("quick", ())),
        size=int(kept.get("size", 50)),
    )

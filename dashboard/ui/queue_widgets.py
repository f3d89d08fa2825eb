"""Widgets both work queues share: the filters and the assignee."""

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from dashboard.kernel import directory
from dashboard.kernel.i18n import _
from dashboard.ui import grid, session


class QueueWidgets:
    """The widgets of one queue, their keys carrying its prefix."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def reset_page(self) -> None:
        """Back to page one after any filter changes."""
        grid.reset_page(self.prefix)

    def pick(
        self, label: str, name: str, *, options: Mapping[Any, str] | Sequence[Any]
    ) -> list[Any]:
        """A multiselect filter over options (a mapping shows its labels), label and
        options shown in the current language."""
        keys = list(options)
        labels = options if isinstance(options, Mapping) else None
        return st.multiselect(
            _(label),
            keys,
            format_func=(lambda o: _(labels[o])) if labels else (lambda o: _(str(o))),
            key=f"{self.prefix}_{name}",
            on_change=self.reset_page,
        )


def assignment_fields(
    *, group_code: str | None, default_person: int | None, key: str | None = None
) -> tuple[str, int | None]:
    """A group and, optionally, a person in it (inside a form)."""
    groups = directory.groups(session.engine())
    staff = directory.staff(session.engine())
    codes = list(groups)
    group = st.selectbox(
        _("Group"),
        codes,
        format_func=lambda code: _(groups[code]),
        index=codes.index(group_code) if group_code in groups else 0,
        key=f"{key}_group" if key else None,
    )
    people = [None, *staff]
    person = st.selectbox(
        _("Assignee"),
        people,
        format_func=lambda p: _("Nobody yet") if p is None else staff[p],
        index=people.index(default_person) if default_person in staff else 0,
        key=f"{key}_person" if key else None,
    )
    return str(group), person

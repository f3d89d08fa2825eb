"""The filters above a list, drawn only while their panel is open: closed, the
filters chosen still apply, and the panel's label says how many there are."""

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st
from streamlit.elements.lib.mutable_expander_container import ExpanderContainer

from dashboard.kernel.i18n import N_, _, ngettext


class FilterPanel:
    """A list's filter widgets (by key), and what each holds when untouched; the
    label in English, marked for the catalogue, shown translated."""

    def __init__(
        self,
        prefix: str,
        keys: Sequence[str],
        *,
        defaults: Mapping[str, Any],
        label: str = N_("Filters"),
    ) -> None:
        self.prefix = prefix
        self.keys = tuple(keys)
        self.defaults = dict(defaults)
        self.label = label

    def panel(self) -> ExpanderContainer:
        """The panel (its `.open` says whether to draw the widgets in it)."""
        for key in self.keys:
            if key in st.session_state:
                # A widget not drawn in a run loses its value when the run ends;
                # set anew through the session, the value stays.
                st.session_state[key] = st.session_state[key]
            elif key in self.defaults:
                st.session_state[key] = self.defaults[key]
        chosen = sum(1 for key in self.keys if self.is_set(key))
        widget, shown = f"{self.prefix}_filters_open", f"{self.prefix}_filters_shown"

        def remember() -> None:
            st.session_state[shown] = bool(st.session_state.get(widget))

        # Opened or closed, the panel stays so through the session's later runs
        # (a label with a new count is a new expander to the browser).
        label = _(self.label)
        return st.expander(
            ngettext(
                "{label} ({chosen} chosen)", "{label} ({chosen} chosen)", chosen
            ).format(label=label, chosen=chosen)
            if chosen
            else label,
            expanded=bool(st.session_state.get(shown)),
            key=widget,
            on_change=remember,
            icon=":material/filter_list:",
        )

    def value(self, key: str) -> Any:
        """What a filter holds, drawn or not."""
        return st.session_state.get(key, self.defaults.get(key, []))

    def is_set(self, key: str) -> bool:
        """Whether a filter narrows the list (holds other than its default)."""
        held = st.session_state.get(key)
        return held not in (None, [], 0, "") and held != self.defaults.get(key)

"""Saving on a record page: the version the user opened, refusals, and what was done.

Streamlit reruns the page before a button's action runs, so the page always shows
the newest record; the version a save is checked against must therefore be the one
the user first saw, kept in the session until they ask for the newest.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from dashboard.kernel.i18n import _
from dashboard.kernel.rules.errors import DomainError, StaleVersion
from dashboard.ui.text import plain, refuse

# What must be forgotten once a save succeeds (the analytics cache registers itself
# when it is first used, so the frame knows no feature).
_AFTER_SAVE: list[Callable[[], None]] = []


def after_each_save(hook: Callable[[], None]) -> None:
    """Run `hook` after every successful save of this process."""
    if hook not in _AFTER_SAVE:
        _AFTER_SAVE.append(hook)


@dataclass(frozen=True)
class Saves:
    """The save state of one kind of record page, under a key prefix."""

    prefix: str

    def seen_version(
        self, record: dict[str, Any], *, form: dict[str, Any] | None = None
    ) -> int:
        """The version this user opened, noting the form's values at that moment."""
        name = f"{self.prefix}_seen_{record['ticket_key']}"
        if name not in st.session_state:
            st.session_state[name] = record["version"]
            st.session_state[f"{name}_form"] = form or {}
        return int(st.session_state[name])

    def refresh(self, key: str) -> None:
        """Forget the version seen; untouched fields take the newest values."""
        seen = st.session_state.pop(f"{self.prefix}_seen_{key}_form", {})
        for field, value in seen.items():
            widget = f"{self.prefix}_{key}_{field}"
            if st.session_state.get(widget, value) == value:
                # Untouched: show the newest value, so a save cannot revert another's.
                st.session_state.pop(widget, None)
        st.session_state.pop(f"{self.prefix}_seen_{key}", None)

    def run(
        self,
        key: str,
        action: Callable[[], object],
        *,
        done: str,
        clear: tuple[str, ...] = (),
    ) -> None:
        """Do an action: say why it was refused, or rerun saying what it did (`done`,
        in the current language: the caller translates it)."""
        try:
            action()
        except StaleVersion as stale:
            refuse(stale)
            st.button(
                _("Show the newest version"),
                key=f"{self.prefix}_reload_{key}",
                on_click=self.refresh,
                args=(key,),
            )
        except DomainError as refusal:
            refuse(refusal)
        else:
            for hook in _AFTER_SAVE:
                hook()
            self.refresh(key)
            for name in clear:
                st.session_state.pop(name, None)
            st.session_state[f"{self.prefix}_flash"] = done
            st.rerun()

    def flash(self) -> None:
        """Say what the last action did (a plain sentence that may quote user text)."""
        if message := st.session_state.pop(f"{self.prefix}_flash", None):
            plain(st.success, message)

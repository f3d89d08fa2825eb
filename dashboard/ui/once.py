"""A form that saves once per render: the render's token, and its widgets' keys.

Streamlit keeps a widget's value in the browser for as long as its key stays the
same: forgetting the key on the server leaves the typed text on screen, and the
browser sends it back, with a second click, on its next rerun. So each successful
save moves the form to new keys (the browser's old values and clicks then belong to
widgets that no longer exist) and to a new token (which the store claims with the
save, refusing a second save of one render).
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st

from dashboard.kernel.i18n import _
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.submissions import AlreadySubmitted
from dashboard.ui import routes
from dashboard.ui.text import refuse

T = TypeVar("T")


@dataclass(frozen=True)
class Once:
    """One form of the page, by the prefix of its widgets' keys."""

    name: str

    def token(self) -> str:
        """The token of this render of the form."""
        return self._render()[0]

    def key(self, field: str) -> str:
        """The key of one of the form's widgets in this render."""
        generation = self._render()[1]
        key = f"{self.name}_{field}"
        # The first render keeps the plain key, the one the page tests address.
        key = key if generation == 0 else f"{key}-{generation}"
        st.session_state.setdefault(self._slot("keys"), set()).add(key)
        return key

    def renew(self) -> None:
        """Start a new, empty render of the form with a new token."""
        generation = self._render()[1]
        for key in st.session_state.pop(self._slot("keys"), set()):
            st.session_state.pop(key, None)
        st.session_state[self._slot("render")] = (_new_token(), generation + 1)

    def save(self, action: Callable[[str], T]) -> T:
        """Do the form's save with this render's token; once it is saved (now or
        before), the next render is new."""
        try:
            result = action(self.token())
        except AlreadySubmitted:
            self.renew()
            raise
        self.renew()
        return result

    def file(self, action: Callable[[str], str]) -> None:
        """File a ticket from the form: say why not, or rerun naming what was filed
        (a render filed before names its ticket: the same filing, not a refusal)."""
        try:
            key = self.save(action)
        except AlreadySubmitted as done:
            if done.ticket_key is None:
                refuse(done)
                return
            key = done.ticket_key
        except DomainError as refusal:
            refuse(refusal)
            return
        st.session_state[self._slot("filed")] = key
        st.rerun()

    def announce(self) -> None:
        """Name the ticket the form filed last, with a link to it."""
        key = st.session_state.pop(self._slot("filed"), None)
        if key is None:
            return
        st.success(
            _("{key} is filed and routed. You will be told of every update.").format(
                key=key
            )
        )
        st.page_link(
            routes.ticket(),
            label=_("Open {key}").format(key=key),
            query_params={"key": key},
        )

    def _render(self) -> tuple[str, int]:
        slot = self._slot("render")
        if slot not in st.session_state:
            st.session_state[slot] = (_new_token(), 0)
        token, generation = st.session_state[slot]
        return str(token), int(generation)

    def _slot(self, what: str) -> str:
        return f"once_{self.name}_{what}"


def _new_token() -> str:
    return secrets.token_urlsafe(24)

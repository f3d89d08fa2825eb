"""Problem page actions: saving (shared with incidents) and subscribing."""

import streamlit as st

from dashboard.kernel.i18n import _
from dashboard.kernel.rules.authorization import Actor
from dashboard.problems import problem_subscriptions
from dashboard.ui import session
from dashboard.ui.saves import Saves

SAVES = Saves("problem")
seen_version = SAVES.seen_version
run = SAVES.run
FLASH = f"{SAVES.prefix}_flash"


def flash() -> None:
    """Say what the last action did."""
    SAVES.flash()


def subscribe_button(
    actor: Actor, key: str, *, subscribed: bool, widget: str, status: str
) -> None:
    """Subscribe or unsubscribe, as the problem's current state allows."""
    if subscribed:
        if st.button(_("Unsubscribe"), key=widget, icon=":material/notifications_off:"):
            run(
                key,
                lambda: problem_subscriptions.unsubscribe(
                    session.engine(), actor, key=key
                ),
                done=_("You no longer follow {key}.").format(key=key),
            )
    elif status != "Closed" and st.button(
        _("Subscribe"), key=widget, icon=":material/notifications_active:"
    ):
        run(
            key,
            lambda: problem_subscriptions.subscribe(
                session.engine(), actor, key=key, now=session.now()
            ),
            done=_(
                "You follow {key}: its public updates will come to your inbox."
            ).format(key=key),
        )

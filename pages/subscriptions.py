"""The problems the signed-in user follows."""

import streamlit as st

from dashboard.kernel.i18n import _
from dashboard.problems import problem_reading
from dashboard.problems.ui import problem_actions, problem_list
from dashboard.ui import routes, session

actor = session.actor()
st.title(_("My subscriptions"))
st.caption(
    _(
        "The problems you follow. Each public update (status, summary, workaround, "
        "target release, public comment) comes to your inbox."
    )
)
problem_actions.flash()
if not problem_reading.follows_any(session.engine(), actor):
    st.info(_("You follow no problem yet."))
    st.page_link(
        routes.problems(), label=_("Browse the problems"), icon=":material/list:"
    )
    st.stop()
problem_list.problem_list(actor, prefix="subs", subscribed_only=True)

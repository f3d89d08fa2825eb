"""The problems the signed-in user follows."""

import streamlit as st

from dashboard.kernel.rules.errors import DomainError
from dashboard.problems import problem_reading
from dashboard.problems.ui import problem_actions, problem_list
from dashboard.ui import routes, session
from dashboard.ui.text import refuse

actor = session.actor()
st.title("My subscriptions")
st.caption(
    "The problems you follow. Each public update (status, summary, workaround, target "
    "release, public comment) comes to your inbox."
)
problem_actions.flash()
query = problem_list.filters("subs", subscribed_only=True)
try:
    page = problem_reading.list_problems(session.engine(), actor, query=query)
except DomainError as refusal:
    refuse(refusal)
    st.stop()
if page.total == 0 and not (query.text or query.statuses or query.categories):
    st.info("You follow no problem yet.")
    st.page_link(routes.problems(), label="Browse the problems", icon=":material/list:")
    st.stop()
problem_list.rows(actor, page, prefix="subs")
problem_list.pager(page, "subs")

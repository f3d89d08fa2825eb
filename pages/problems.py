"""The problem list: every user browses and follows; staff also log problems."""

import streamlit as st

from dashboard.kernel.i18n import _
from dashboard.problems.problem_rules import may_edit
from dashboard.problems.ui import problem_actions, problem_forms, problem_list
from dashboard.ui import session

actor = session.actor()
st.title(_("Problems"))
st.caption(
    _(
        "Known problems of the MDM/R, their workarounds and fixes. Subscribe to a "
        "problem to hear of every public update in your inbox."
    )
)
problem_actions.flash()
if may_edit(actor):
    with st.expander(_("Log a problem"), icon=":material/add:"):
        problem_forms.log_form(actor)

problem_list.problem_list(actor, prefix="problems")

"""One problem, chosen by its key: public fields for all, the record for staff."""

import streamlit as st

from dashboard.incidents.ui import outreach_panel
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.errors import DomainError
from dashboard.problems import problem_reading
from dashboard.problems.problem_rules import may_edit, sees_internals
from dashboard.problems.ui import (
    problem_actions,
    problem_forms,
    problem_link_panel,
    problem_view,
)
from dashboard.ui import chrome, routes, session
from dashboard.ui.text import refuse

actor = session.actor()
key = st.query_params.get("key", "")
st.page_link(
    routes.problems(), label=_("Back to the problems"), icon=":material/arrow_back:"
)
if not key:
    st.title(_("Open a problem"))
    st.info(_("Choose a problem from the list."))
    st.stop()
try:
    problem = problem_reading.get_problem(session.engine(), actor, key=key)
except DomainError as refusal:
    st.title(_("Problem not found"))
    refuse(refusal)
    st.stop()

chrome.document_title(problem["ticket_key"])
internal, editable = sees_internals(actor), may_edit(actor)
problem_view.header(problem)
problem_actions.flash()
problem_actions.subscribe_button(
    actor,
    problem["ticket_key"],
    subscribed=problem["subscribed"],
    widget=f"problem_sub_{problem['ticket_key']}",
    status=problem["status"],
)
problem_view.fields(problem, internal=internal)
problem_view.texts(problem, internal=internal)
if internal:
    problem_link_panel.linked(actor, problem, editable=editable)
else:
    own = problem_reading.linked_incidents(
        session.engine(), actor, problem_id=problem["id"]
    )
    problem_view.linked(own, internal=False)

if editable:
    with st.container():  # one slot, so that the tabs below keep their place
        outreach_panel.outreach(actor, problem)
    edit_tab, link_tab, comment_tab = st.tabs(
        [_("Edit"), _("Link an incident"), _("Comment")], key=f"problem_tabs_{key}"
    )
    with edit_tab:
        problem_forms.edit_form(actor, problem)
    with link_tab:
        problem_link_panel.link_box(actor, problem)
    with comment_tab:
        problem_forms.comment_form(actor, problem)
elif internal:
    st.caption(_("You read this problem; changing it is for SME agents and OSP staff."))
history = problem_reading.problem_timeline(
    session.engine(), actor, problem_id=problem["id"]
)
problem_view.timeline(history)

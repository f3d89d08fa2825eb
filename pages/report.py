"""Report an incident, with the known problems that read like it."""

import streamlit as st

from dashboard.incidents.ui import report_form
from dashboard.kernel.i18n import _
from dashboard.problems.ui import known_problems, problem_actions
from dashboard.ui import session

actor = session.actor()
st.title(_("Report an incident"))
report_form.FORM.announce()
problem_actions.flash()

# Forgotten with the form's other keys once the incident is filed.
chosen = report_form.FORM.key("known_problem")
draft, files = report_form.draft(
    actor,
    beside=lambda title, description, category: known_problems.panel(
        actor, slot=chosen, title=title, description=description, category=category
    ),
    proposed=known_problems.chosen(chosen),
)
if st.button(
    _("Submit the incident"), type="primary", key=report_form.FORM.key("submit")
):
    report_form.submit(actor, draft, files=files)

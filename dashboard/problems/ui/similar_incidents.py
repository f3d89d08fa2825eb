"""On an incident, for staff: the problem its reporter named, to confirm or decline,
and the incidents of every LDC and the open problems that read like it."""

from collections.abc import Callable
from typing import Any

import streamlit as st

from dashboard.kernel.i18n import _
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.timezones import show
from dashboard.problems import problem_links
from dashboard.problems.problem_suggestions import like_incident
from dashboard.ui import routes, session
from dashboard.ui.saves import Saves
from dashboard.ui.text import md, md_escape, plain

PROPOSAL = Saves("proposal")
# The incident page's steps: a link gives the incident a new version, theirs to see.
STEPS = Saves("act")


def _run(key: str, action: Callable[[], object], *, done: str) -> None:
    def then_steps_see_it() -> None:
        action()
        STEPS.refresh(key)

    PROPOSAL.run(key, then_steps_see_it, done=done)


def proposal(actor: Actor, ticket: dict[str, Any]) -> None:
    """The problem the reporter says this is, with the desk's two answers."""
    if ticket["kind"] != "incident" or not may(actor, Action.EDIT_PROBLEMS):
        return
    key = ticket["ticket_key"]
    PROPOSAL.flash()
    named = problem_links.proposal(session.engine(), actor, incident_id=ticket["id"])
    if named is None:
        return
    with st.container(border=True, key="ticket_proposal"):
        plain(
            st.info,
            _("The reporter says this is the known problem {key}.").format(key=named),
        )
        link, decline, open_it = st.columns(3, vertical_alignment="center")
        if link.button(
            md(_("Link to {key}"), key=named),
            key="ticket_proposal_link",
            type="primary",
        ):
            _run(
                key,
                lambda: problem_links.confirm_proposal(
                    session.engine(), actor, incident_key=key, now=session.now()
                ),
                done=_("{incident} is linked to {problem}.").format(
                    incident=key, problem=named
                ),
            )
        if decline.button(
            md(_("It is not {key}"), key=named), key="ticket_proposal_decline"
        ):
            _run(
                key,
                lambda: problem_links.decline_proposal(
                    session.engine(), actor, incident_key=key, now=session.now()
                ),
                done=_(
                    "{incident} is not linked to {problem}; the reporter's word is "
                    "kept."
                ).format(incident=key, problem=named),
            )
        open_it.page_link(
            routes.problem(),
            label=md(_("Open {key}"), key=named),
            query_params={"key": named},
        )


def panel(actor: Actor, ticket: dict[str, Any]) -> None:
    """Every LDC's incidents of the last month like this one, and the open problems
    like it: where a wave shows the problem behind it."""
    if ticket["kind"] != "incident" or not may(actor, Action.SEE_ALL_TICKETS):
        return
    found = like_incident(
        session.engine(), actor, ticket_key=ticket["ticket_key"], now=session.now()
    )
    st.header(_("Similar incidents"))
    if not found.incidents and not found.problems:
        st.caption(
            _("No incident of the last 30 days and no open problem reads like it.")
        )
        return
    if found.incidents:
        st.table(
            {
                _("Incident"): [i.key for i in found.incidents],
                _("Title"): [md_escape(i.title) for i in found.incidents],
                _("LDC"): [md_escape(i.organization) for i in found.incidents],
                _("Status"): [md_escape(_(i.status)) for i in found.incidents],
                _("Filed"): [show(i.created_at) for i in found.incidents],
                _("Problem"): [i.problem_key or "—" for i in found.incidents],
            }
        )
    if found.problems:
        st.markdown(_("**Open problems like it**"))
        for problem in found.problems:
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(
                f"{md_escape(problem.title)}  \n{md_escape(_(problem.status))}"
            )
            right.page_link(
                routes.problem(),
                label=md(_("Open {key}"), key=problem.key),
                query_params={"key": problem.key},
            )

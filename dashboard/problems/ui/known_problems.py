"""While an incident is reported: the known problems and recent incidents that look
like it, each with one click to follow or open it, or to say "this is my issue"."""

import streamlit as st

from dashboard.kernel.rules.authorization import Actor
from dashboard.problems import problem_subscriptions
from dashboard.problems.problem_suggestions import (
    IncidentSuggestion,
    ProblemSuggestion,
    Suggestions,
    for_report,
)
from dashboard.problems.ui.problem_actions import run
from dashboard.ui import routes, session
from dashboard.ui.text import md_escape, plain

HEADING = "Is this a known problem?"


def chosen(slot: str) -> str | None:
    """The problem the reporter said this incident is (kept under `slot`, which the
    report form forgets once it files), if any."""
    return st.session_state.get(slot)


def panel(
    actor: Actor, *, slot: str, title: str, description: str, category: str
) -> None:
    """The suggestions for what is typed so far, and the choice made among them."""
    found = for_report(
        session.engine(),
        actor,
        title=title,
        description=description,
        category=category,
        now=session.now(),
    )
    picked = chosen(slot)
    if picked and picked not in {p.key for p in found.problems}:
        _chosen_note(slot, picked)
    if not found.problems and not found.incidents:
        return
    with st.container(border=True, key="report_suggestions"):
        st.subheader(HEADING)
        st.caption(
            "Open problems and your LDC's open incidents that read like yours. "
            "Follow a problem to hear of its workaround and fix, or say it is yours: "
            "the incident is filed linked to it, and the desk confirms."
        )
        for problem in found.problems:
            _problem(actor, problem, slot=slot)
        if found.incidents:
            _incidents(found)


def _chosen_note(slot: str, key: str) -> None:
    plain(st.info, f"You said this is {key}; it will be filed linked to it.")
    if st.button(f"It is not {key}", key=f"{slot}_clear"):
        st.session_state.pop(slot, None)
        st.rerun()


def _problem(actor: Actor, problem: ProblemSuggestion, *, slot: str) -> None:
    with st.container(border=True):
        st.markdown(
            f"**{md_escape(problem.key)}** · {md_escape(problem.status)} · "
            f"{md_escape(problem.title)}"
        )
        if problem.summary:
            st.text(problem.summary)
        if problem.workaround:
            st.text(f"Workaround: {problem.workaround}")
        mine, follow, open_it = st.columns(3, vertical_alignment="center")
        if chosen(slot) == problem.key:
            mine.success("Yours: filed linked to it")
            if mine.button("It is not mine", key=f"{slot}_not_{problem.key}"):
                st.session_state.pop(slot, None)
                st.rerun()
        elif mine.button(
            "This is my issue",
            key=f"{slot}_mine_{problem.key}",
            icon=":material/check:",
        ):
            st.session_state[slot] = problem.key
            st.rerun()
        with follow:
            _follow(actor, problem)
        open_it.page_link(
            routes.problem(),
            label=f"Open {problem.key}",
            query_params={"key": problem.key},
            icon=":material/open_in_new:",
        )


def _follow(actor: Actor, problem: ProblemSuggestion) -> None:
    if problem.followed:
        st.caption("You follow it.")
    elif st.button(
        "Follow", key=f"report_follow_{problem.key}", icon=":material/notifications:"
    ):
        run(
            problem.key,
            lambda: problem_subscriptions.subscribe(
                session.engine(), actor, key=problem.key, now=session.now()
            ),
            done=f"You follow {problem.key}: its updates will come to your inbox.",
        )


def _incidents(found: Suggestions) -> None:
    st.markdown("**Open incidents like it**")
    for incident in found.incidents:
        _incident(incident)


def _incident(incident: IncidentSuggestion) -> None:
    left, right = st.columns([4, 1], vertical_alignment="center")
    linked = f" · linked to {incident.problem_key}" if incident.problem_key else ""
    left.markdown(
        f"{md_escape(incident.title)}  \n"
        f"{md_escape(incident.status)} · {md_escape(incident.organization)}"
        f"{md_escape(linked)}"
    )
    right.page_link(
        routes.ticket(),
        label=f"Open {incident.key}",
        query_params={"key": incident.key},
    )

"""While an incident is reported: the known problems and recent incidents that look
like it, each with one click to follow or open it, or to say "this is my issue"."""

import streamlit as st

from dashboard.kernel.i18n import N_, _
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
from dashboard.ui.text import md, md_escape, plain

HEADING = N_("Is this a known problem?")


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
        st.subheader(_(HEADING))
        st.caption(
            _(
                "Open problems and your LDC's open incidents that read like yours. "
                "Follow a problem to hear of its workaround and fix, or say it is "
                "yours: the incident is filed linked to it, and the desk confirms."
            )
        )
        for problem in found.problems:
            _problem(actor, problem, slot=slot)
        if found.incidents:
            _incidents(found)


def _chosen_note(slot: str, key: str) -> None:
    plain(
        st.info,
        _("You said this is {key}; it will be filed linked to it.").format(key=key),
    )
    if st.button(md(_("It is not {key}"), key=key), key=f"{slot}_clear"):
        st.session_state.pop(slot, None)
        st.rerun()


def _problem(actor: Actor, problem: ProblemSuggestion, *, slot: str) -> None:
    with st.container(border=True):
        st.markdown(
            f"**{md_escape(problem.key)}** · {md_escape(_(problem.status))} · "
            f"{md_escape(problem.title)}"
        )
        if problem.summary:
            st.text(problem.summary)
        if problem.workaround:
            st.text(_("Workaround: {workaround}").format(workaround=problem.workaround))
        mine, follow, open_it = st.columns(3, vertical_alignment="center")
        if chosen(slot) == problem.key:
            mine.success(_("Yours: filed linked to it"))
            if mine.button(_("It is not mine"), key=f"{slot}_not_{problem.key}"):
                st.session_state.pop(slot, None)
                st.rerun()
        elif mine.button(
            _("This is my issue"),
            key=f"{slot}_mine_{problem.key}",
            icon=":material/check:",
        ):
            st.session_state[slot] = problem.key
            st.rerun()
        with follow:
            _follow(actor, problem)
        open_it.page_link(
            routes.problem(),
            label=md(_("Open {key}"), key=problem.key),
            query_params={"key": problem.key},
            icon=":material/open_in_new:",
        )


def _follow(actor: Actor, problem: ProblemSuggestion) -> None:
    if problem.followed:
        st.caption(_("You follow it."))
    elif st.button(
        _("Follow"),
        key=f"report_follow_{problem.key}",
        icon=":material/notifications:",
    ):
        run(
            problem.key,
            lambda: problem_subscriptions.subscribe(
                session.engine(), actor, key=problem.key, now=session.now()
            ),
            done=_("You follow {key}: its updates will come to your inbox.").format(
                key=problem.key
            ),
        )


def _incidents(found: Suggestions) -> None:
    st.markdown(_("**Open incidents like it**"))
    for incident in found.incidents:
        _incident(incident)


def _incident(incident: IncidentSuggestion) -> None:
    left, right = st.columns([4, 1], vertical_alignment="center")
    status = _(incident.status)
    where = f"{md_escape(status)} · {md_escape(incident.organization)}"
    if incident.problem_key:
        where = md(
            _("{status} · {organization} · linked to {problem}"),
            status=status,
            organization=incident.organization,
            problem=incident.problem_key,
        )
    left.markdown(f"{md_escape(incident.title)}  \n{where}")
    right.page_link(
        routes.ticket(),
        label=md(_("Open {key}"), key=incident.key),
        query_params={"key": incident.key},
    )

"""The incident report form: severity shown live, contacts from the chosen LDC, and
filed once per render."""

from collections.abc import Callable

import streamlit as st

from dashboard.incidents.incident_filing import file_incident
from dashboard.incidents.incident_rules import IncidentDraft
from dashboard.kernel import directory
from dashboard.kernel.i18n import _
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.reference import ENVIRONMENTS
from dashboard.kernel.rules.severity import LEVELS, severity_of
from dashboard.kernel.rules.ticket_text import DESCRIPTION_MAX, TITLE_MAX
from dashboard.kernel.uploads import Upload
from dashboard.ui import session
from dashboard.ui.once import Once
from dashboard.ui.text import md

WIDE = 0  # the organization choice that means MDM/R-wide
FORM = Once("report")


def organization(actor: Actor) -> int | None:
    """The LDC the incident is for (staff choose; LDC users file for their own)."""
    if actor.is_ldc:
        return actor.org_id
    choices = {WIDE: _("MDM/R-wide (every LDC)")} | directory.ldc_names(
        session.engine()
    )
    if not may(actor, Action.FILE_MDMR_WIDE):
        choices.pop(WIDE)
    chosen = st.selectbox(
        _("LDC concerned"),
        list(choices),
        format_func=choices.__getitem__,
        index=None,
        placeholder=_("Choose the LDC, or MDM/R-wide"),
        key=FORM.key("org"),
    )
    return None if chosen in (None, WIDE) else int(chosen)


def classification() -> tuple[int, int]:
    """Impact and urgency pickers, with the severity they give shown live; their
    levels' names and meanings are the SME's definitions, in the reader's language."""
    left, right, result = st.columns([2, 2, 1], vertical_alignment="bottom")
    picked: list[int] = []
    for column, dimension, title in (
        (left, "impact", _("Impact")),
        (right, "urgency", _("Urgency")),
    ):
        labels = directory.severity_labels(session.engine(), dimension)
        meanings = directory.severity_meanings(session.engine(), dimension)
        chosen = column.selectbox(
            title,
            LEVELS,
            index=2,
            key=FORM.key(dimension),
            format_func=labels.__getitem__,
            help=_help(meanings),
        )
        picked.append(int(chosen))
    impact, urgency = picked
    severity = severity_of(impact, urgency)
    result.metric(
        _("Severity"), _("Sev {severity}").format(severity=severity), border=True
    )
    if severity <= 2:
        st.caption(
            _(
                "Severity 1 and 2 go straight to the SME Critical Incident Managers, "
                "who are on call around the clock."
            )
        )
    return impact, urgency


def _help(meanings: dict[int, str]) -> str:
    return "\n\n".join(
        md(_("**{level}**: {meaning}"), level=level, meaning=text)
        for level, text in meanings.items()
    )


def contacts(org_id: int | None) -> tuple[int | None, int | None]:
    """The LDC contact and back-up for updates (users of that LDC, or none)."""
    if org_id is None:
        return None, None
    people = directory.org_people(session.engine(), org_id)
    left, right = st.columns(2)
    contact = left.selectbox(
        _("LDC contact for updates"),
        list(people),
        format_func=people.__getitem__,
        index=None,
        placeholder=_("None: every LDC user is told"),
        key=FORM.key("contact"),
    )
    backup = right.selectbox(
        _("Back-up contact"),
        list(people),
        format_func=people.__getitem__,
        index=None,
        placeholder=_("None"),
        key=FORM.key("backup"),
    )
    return contact, backup


# Shown once the title, description and category are entered: given them.
Beside = Callable[[str, str, str], None]


def draft(
    actor: Actor, *, beside: Beside | None = None, proposed: str | None = None
) -> tuple[IncidentDraft, list[Upload]]:
    """Every field of the form, read into a draft and its files (with the problem
    the reporter says it is, if any)."""
    org_id = organization(actor)
    title = st.text_input(_("Title"), max_chars=TITLE_MAX, key=FORM.key("title"))
    description = st.text_area(
        _("Description"),
        max_chars=DESCRIPTION_MAX,
        key=FORM.key("description"),
        height=160,
        placeholder=_("What happened, since when, which SDPs, files or cycles"),
    )
    categories = directory.categories(session.engine())
    releases = directory.releases(session.engine())
    # Planned releases are listed too, but an incident happens in the one running.
    running = directory.release_in_production(session.engine(), now=session.now())
    left, middle, right = st.columns(3)
    category = left.selectbox(
        _("Category"),
        list(categories),
        format_func=lambda code: _(categories[code]),
        index=None,
        key=FORM.key("category"),
    )
    environment = middle.selectbox(
        _("Environment"), ENVIRONMENTS, format_func=_, key=FORM.key("environment")
    )
    release = right.selectbox(
        _("MDM/R release"),
        list(releases),
        format_func=releases.__getitem__,
        index=None if running is None else list(releases).index(running),
        key=FORM.key("release"),
    )
    if beside is not None:
        beside(title, description, category or "")
    impact, urgency = classification()
    contact, backup = contacts(org_id)
    files = st.file_uploader(
        _("Attachments (logs, screenshots, SDP lists; up to 10 MB each)"),
        accept_multiple_files=True,
        key=FORM.key("files"),
    )
    uploads = [Upload(f.name, f.type or "", f.getvalue()) for f in files or []]
    return IncidentDraft(
        title=title,
        description=description,
        category=category or "",
        environment=environment,
        impact=impact,
        urgency=urgency,
        org_id=org_id,
        release_id=release,
        ldc_contact_id=contact,
        backup_contact_id=backup,
        proposed_problem=proposed,
    ), uploads


def check_organization_chosen(actor: Actor) -> None:
    """Staff must say which LDC (or MDM/R-wide); no choice is not MDM/R-wide."""
    if not actor.is_ldc and st.session_state.get(FORM.key("org")) is None:
        raise InvalidInput(_("Choose the LDC concerned, or MDM/R-wide."))


def submit(actor: Actor, draft: IncidentDraft, *, files: list[Upload]) -> None:
    """File the incident once: say why not, or start an empty form naming its key."""

    def file(token: str) -> str:
        check_organization_chosen(actor)
        return file_incident(
            session.engine(),
            actor,
            draft=draft,
            files=files,
            now=session.now(),
            token=token,
        )

    FORM.file(file)

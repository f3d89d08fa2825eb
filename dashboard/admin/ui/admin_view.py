"""Administration tabs: organizations, categories, releases, severity, auto-close."""

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, time
from functools import partial

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.admin import reference_admin
from dashboard.kernel import directory
from dashboard.kernel.i18n import FRENCH, N_, _, using
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.timezones import TORONTO, show
from dashboard.ui import session
from dashboard.ui.text import label, plain, refuse

P = "admin"
# Each level's heading, by dimension (stored in English).
DIMENSIONS = {"impact": N_("Impact {level}"), "urgency": N_("Urgency {level}")}


def open_tab(names: Sequence[str], *, key: str) -> tuple[str, DeltaGenerator]:
    """The tab bar, each tab named in the reader's language, the open one kept in
    the address by its English name (`?tab=Releases` in French too); the open tab's
    English name and its panel to draw in."""
    shown = {_(name): name for name in names}
    widget = f"{P}_{key}"
    asked = st.query_params.get(key, "")
    if asked in names and shown.get(st.session_state.get(widget, "")) != asked:
        st.session_state[widget] = _(asked)

    def remember() -> None:
        name = shown.get(st.session_state.get(widget, ""), names[0])
        if name == names[0]:
            st.query_params.pop(key, None)
        else:
            st.query_params[key] = name

    tabs = st.tabs(list(shown), key=widget, on_change=remember)
    for name, tab in zip(names, tabs, strict=True):
        if tab.open:
            return name, tab
    return names[0], tabs[0]


def in_french(english: str) -> str:
    """What the desk shows in French when no French is stored: the catalogue's
    French of the English."""
    with using(FRENCH):
        return _(english)


def _do(action: Callable[[], object], done: str) -> None:
    try:
        action()
    except DomainError as refusal:
        refuse(refusal)
    else:
        st.session_state[f"{P}_flash"] = done
        st.rerun()


def flash() -> None:
    """Say what the last change did."""
    if message := st.session_state.pop(f"{P}_flash", None):
        plain(st.success, message)


def organizations(actor: Actor) -> None:
    """The LDCs: add one, or change one's names, status and contacts."""
    engine, now = session.engine(), session.now()
    orgs = [
        o for o in reference_admin.organizations(engine, actor) if o["kind"] == "ldc"
    ]
    sizes = [o["size_class"] for o in orgs]  # stored in English
    st.dataframe(
        {
            _("ORG ID"): [o["org_code"] for o in orgs],
            _("Name"): [o["name"] for o in orgs],
            _("Short name"): [o["short_name"] for o in orgs],
            _("Size"): [_(size) if size else "" for size in sizes],
            _("Active"): [o["active"] for o in orgs],
        },
        hide_index=True,
        width="stretch",
    )
    by_id = {o["id"]: o for o in orgs}
    chosen = st.selectbox(
        _("Change an LDC"),
        list(by_id),
        format_func=lambda i: by_id[i]["short_name"],
        index=None,
        key=f"{P}_org",
    )
    if chosen is not None:
        org, users = by_id[chosen], directory.org_people(engine, chosen)
        with st.form(f"{P}_org_form_{chosen}"):
            name = st.text_input(_("Legal name"), value=org["name"], max_chars=200)
            short = st.text_input(
                _("Short name"), value=org["short_name"], max_chars=60
            )
            active = st.checkbox(_("Active"), value=org["active"])
            ids = [None, *users]
            main = st.selectbox(
                _("Main contact"),
                ids,
                index=ids.index(org["main_contact_id"])
                if org["main_contact_id"] in ids
                else 0,
                format_func=lambda u: _("None") if u is None else users[u],
            )
            backup = st.selectbox(
                _("Back-up contact"),
                ids,
                index=ids.index(org["backup_contact_id"])
                if org["backup_contact_id"] in ids
                else 0,
                format_func=lambda u: _("None") if u is None else users[u],
            )
            if st.form_submit_button(_("Save the LDC"), type="primary"):
                _do(
                    lambda: reference_admin.update_ldc(
                        engine,
                        actor,
                        org_id=chosen,
                        name=name,
                        short_name=short,
                        active=active,
                        main_contact_id=main,
                        backup_contact_id=backup,
                        now=now,
                    ),
                    _("{name} saved.").format(name=short),
                )
    with st.form(f"{P}_org_add", clear_on_submit=False):
        st.markdown(_("**Register an LDC**"))
        left, right = st.columns(2)
        code = left.text_input(_("ORG ID"), max_chars=16)
        size = right.selectbox(
            _("Size class"), reference_admin.SIZE_CLASSES, index=2, format_func=_
        )
        # A space ends these labels: other widgets than the LDC's form above.
        legal = st.text_input(_("Legal name "), max_chars=200)
        short_new = st.text_input(_("Short name "), max_chars=60)
        if st.form_submit_button(_("Register")):
            _do(
                lambda: reference_admin.add_ldc(
                    engine,
                    actor,
                    org_code=code,
                    name=legal,
                    short_name=short_new,
                    size_class=size,
                    now=now,
                ),
                _("{code} registered.").format(code=code.strip().upper()),
            )


def categories(actor: Actor) -> None:
    """Incident categories: add, rename (in English and French), take out of use."""
    engine, now = session.engine(), session.now()
    limit = reference_admin.CATEGORY_NAME_MAX
    st.caption(
        _(
            "A French name left empty reads as the catalogue's French of the English "
            "name, shown in grey."
        )
    )
    for c in reference_admin.categories(engine, actor):
        with st.form(f"{P}_cat_{c['code']}", border=False):
            english, french, middle, right = st.columns(
                [3, 3, 1, 1], vertical_alignment="bottom"
            )
            name = english.text_input(
                label(_("Name of {code}").format(code=c["code"])),
                value=c["name"],
                max_chars=limit,
            )
            name_fr = french.text_input(
                label(_("French name of {code}").format(code=c["code"])),
                value=c["name_fr"] or "",
                max_chars=limit,
                placeholder=in_french(c["name"]),
                key=f"{P}_cat_{c['code']}_fr",
            )
            active = middle.checkbox(_("In use"), value=c["active"])
            if right.form_submit_button(_("Save")):
                save = partial(
                    reference_admin.update_category,
                    engine,
                    actor,
                    code=c["code"],
                    name=name,
                    name_fr=name_fr,
                    active=active,
                    now=now,
                )
                _do(save, _("Category saved."))
    with st.form(f"{P}_cat_add"):
        left, middle, right = st.columns(3)
        code = left.text_input(
            _("New category code"),
            max_chars=32,
            placeholder=_("e.g. sandbox_access"),
        )
        name = middle.text_input(_("New category name"), max_chars=limit)
        name_fr = right.text_input(
            _("Its French name (optional)"), max_chars=limit, key=f"{P}_cat_add_fr"
        )
        if st.form_submit_button(_("Add category")):
            _do(
                lambda: reference_admin.add_category(
                    engine, actor, code=code, name=name, name_fr=name_fr, now=now
                ),
                _("Category added."),
            )


def releases(actor: Actor) -> None:
    """MDM/R releases: the list and a form for a new one."""
    engine, now = session.engine(), session.now()
    st.text("\n".join(directory.releases(engine).values()) or _("No release yet."))
    with st.form(f"{P}_rel_add"):
        name = st.text_input(
            _("Release name"), max_chars=60, placeholder=_("MDM/R 13.1")
        )
        left, right = st.columns(2)
        day = left.date_input(
            _("Deployed on (Toronto)"), value=None, format="YYYY-MM-DD"
        )
        at = right.time_input(_("at"), value=time(2, 0))
        notes = st.text_area(_("Notes"), max_chars=reference_admin.RELEASE_NOTES_MAX)
        if st.form_submit_button(_("Add release")):
            if day is None:
                st.error(_("Choose the deployment day."))
            else:
                deployed = datetime.combine(day, at, TORONTO).astimezone(UTC)
                _do(
                    lambda: reference_admin.add_release(
                        engine,
                        actor,
                        name=name,
                        deployed_at=deployed,
                        notes=notes,
                        now=now,
                    ),
                    _("Release added."),
                )


def severity(actor: Actor) -> None:
    """Impact and urgency definitions, reworded in place, in English and French."""
    engine, now = session.engine(), session.now()
    names, meanings = (
        reference_admin.SEVERITY_NAME_MAX,
        reference_admin.SEVERITY_MEANING_MAX,
    )
    st.caption(
        _(
            "A French name or meaning left empty reads as the catalogue's French of "
            "the English, shown in grey."
        )
    )
    for d in reference_admin.severity_definitions(engine, actor):
        where = f"{P}_sev_{d['dimension']}_{d['level']}"
        with st.form(where):
            heading = _(DIMENSIONS.get(d["dimension"], "{level}")).format(
                level=d["level"]
            )
            if d["updated_at"]:
                st.markdown(
                    _("**{level}** (changed {when})").format(
                        level=heading, when=show(d["updated_at"])
                    )
                )
            else:
                st.markdown(f"**{heading}**")
            english, french = st.columns(2)
            name = english.text_input(_("Name"), value=d["name"], max_chars=names)
            name_fr = french.text_input(
                _("French name"),
                value=d["name_fr"] or "",
                max_chars=names,
                placeholder=in_french(d["name"]),
                key=f"{where}_name_fr",
            )
            meaning = english.text_area(
                _("Meaning"), value=d["meaning"], max_chars=meanings, height=68
            )
            meaning_fr = french.text_area(
                _("French meaning"),
                value=d["meaning_fr"] or "",
                max_chars=meanings,
                height=68,
                placeholder=in_french(d["meaning"]),
                key=f"{where}_meaning_fr",
            )
            if st.form_submit_button(_("Save")):
                save = partial(
                    reference_admin.update_severity_definition,
                    engine,
                    actor,
                    dimension=d["dimension"],
                    level=d["level"],
                    name=name,
                    meaning=meaning,
                    name_fr=name_fr,
                    meaning_fr=meaning_fr,
                    now=now,
                )
                _do(save, _("Definition saved."))


def auto_close(actor: Actor) -> None:
    """How long a resolved incident waits for its reporter."""
    engine, now = session.engine(), session.now()
    with st.form(f"{P}_autoclose"):
        days = st.number_input(
            _("Business days in Resolved before the desk closes an incident"),
            min_value=1,
            max_value=30,
            value=reference_admin.auto_close(engine, actor),
        )
        if st.form_submit_button(_("Save")):
            _do(
                lambda: reference_admin.set_auto_close(
                    engine, actor, days=int(days), now=now
                ),
                _("Auto-close saved."),
            )

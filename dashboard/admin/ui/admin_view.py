"""Administration tabs: organizations, categories, releases, severity, auto-close."""

from collections.abc import Callable
from datetime import UTC, datetime, time
from functools import partial

import streamlit as st

from dashboard.admin import reference_admin
from dashboard.kernel import directory
from dashboard.kernel.rules.authorization import Actor
from dashboard.kernel.rules.errors import DomainError
from dashboard.kernel.rules.timezones import TORONTO, show
from dashboard.ui import session
from dashboard.ui.text import label, plain, refuse

P = "admin"


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
    st.dataframe(
        {
            "ORG ID": [o["org_code"] for o in orgs],
            "Name": [o["name"] for o in orgs],
            "Short name": [o["short_name"] for o in orgs],
            "Size": [o["size_class"] or "" for o in orgs],
            "Active": [o["active"] for o in orgs],
        },
        hide_index=True,
        width="stretch",
    )
    by_id = {o["id"]: o for o in orgs}
    chosen = st.selectbox(
        "Change an LDC",
        list(by_id),
        format_func=lambda i: by_id[i]["short_name"],
        index=None,
        key=f"{P}_org",
    )
    if chosen is not None:
        org, users = by_id[chosen], directory.org_people(engine, chosen)
        with st.form(f"{P}_org_form_{chosen}"):
            name = st.text_input("Legal name", value=org["name"], max_chars=200)
            short = st.text_input("Short name", value=org["short_name"], max_chars=60)
            active = st.checkbox("Active", value=org["active"])
            ids = [None, *users]
            main = st.selectbox(
                "Main contact",
                ids,
                index=ids.index(org["main_contact_id"])
                if org["main_contact_id"] in ids
                else 0,
                format_func=lambda u: "None" if u is None else users[u],
            )
            backup = st.selectbox(
                "Back-up contact",
                ids,
                index=ids.index(org["backup_contact_id"])
                if org["backup_contact_id"] in ids
                else 0,
                format_func=lambda u: "None" if u is None else users[u],
            )
            if st.form_submit_button("Save the LDC", type="primary"):
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
                    f"{short} saved.",
                )
    with st.form(f"{P}_org_add", clear_on_submit=False):
        st.markdown("**Register an LDC**")
        left, right = st.columns(2)
        code = left.text_input("ORG ID", max_chars=16)
        size = right.selectbox("Size class", reference_admin.SIZE_CLASSES, index=2)
        legal = st.text_input("Legal name ", max_chars=200)
        short_new = st.text_input("Short name ", max_chars=60)
        if st.form_submit_button("Register"):
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
                f"{code.upper()} registered.",
            )


def categories(actor: Actor) -> None:
    """Incident categories: add, rename, take out of use."""
    engine, now = session.engine(), session.now()
    for c in reference_admin.categories(engine, actor):
        with st.form(f"{P}_cat_{c['code']}", border=False):
            left, middle, right = st.columns([3, 1, 1], vertical_alignment="bottom")
            name = left.text_input(
                label(f"Name of {c['code']}"), value=c["name"], max_chars=80
            )
            active = middle.checkbox("In use", value=c["active"])
            if right.form_submit_button("Save"):
                save = partial(
                    reference_admin.update_category,
                    engine,
                    actor,
                    code=c["code"],
                    name=name,
                    active=active,
                    now=now,
                )
                _do(save, "Category saved.")
    with st.form(f"{P}_cat_add"):
        left, right = st.columns(2)
        code = left.text_input(
            "New category code", max_chars=32, placeholder="e.g. sandbox_access"
        )
        name = right.text_input("New category name", max_chars=80)
        if st.form_submit_button("Add category"):
            _do(
                lambda: reference_admin.add_category(
                    engine, actor, code=code, name=name, now=now
                ),
                "Category added.",
            )


def releases(actor: Actor) -> None:
    """MDM/R releases: the list and a form for a new one."""
    engine, now = session.engine(), session.now()
    st.text("\\n".join(directory.releases(engine).values()) or "No release yet.")
    with st.form(f"{P}_rel_add"):
        name = st.text_input("Release name", max_chars=60, placeholder="MDM/R 13.1")
        left, right = st.columns(2)
        day = left.date_input("Deployed on (Toronto)", value=None, format="YYYY-MM-DD")
        at = right.time_input("at", value=time(2, 0))
        notes = st.text_area("Notes", max_chars=2000)
        if st.form_submit_button("Add release"):
            if day is None:
                st.error("Choose the deployment day.")
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
                    "Release added.",
                )


def severity(actor: Actor) -> None:
    """Impact and urgency definitions, reworded in place."""
    engine, now = session.engine(), session.now()
    for d in reference_admin.severity_definitions(engine, actor):
        with st.form(f"{P}_sev_{d['dimension']}_{d['level']}"):
            st.markdown(
                f"**{d['dimension'].capitalize()} {d['level']}**"
                + (f" (changed {show(d['updated_at'])})" if d["updated_at"] else "")
            )
            name = st.text_input("Name", value=d["name"], max_chars=40)
            meaning = st.text_area(
                "Meaning", value=d["meaning"], max_chars=500, height=68
            )
            if st.form_submit_button("Save"):
                save = partial(
                    reference_admin.update_severity_definition,
                    engine,
                    actor,
                    dimension=d["dimension"],
                    level=d["level"],
                    name=name,
                    meaning=meaning,
                    now=now,
                )
                _do(save, "Definition saved.")


def auto_close(actor: Actor) -> None:
    """How long a resolved incident waits for its reporter."""
    engine, now = session.engine(), session.now()
    with st.form(f"{P}_autoclose"):
        days = st.number_input(
            "Business days in Resolved before the desk closes an incident",
            min_value=1,
            max_value=30,
            value=reference_admin.auto_close(engine, actor),
        )
        if st.form_submit_button("Save"):
            _do(
                lambda: reference_admin.set_auto_close(
                    engine, actor, days=int(days), now=now
                ),
                "Auto-close saved.",
            )

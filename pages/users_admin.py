"""Administration of accounts for SME managers: create, deactivate, unlock, reset."""

from collections.abc import Callable
from functools import partial

import streamlit as st

from dashboard.accounts import user_admin
from dashboard.kernel import directory
from dashboard.kernel.i18n import N_, _, formats, ngettext
from dashboard.kernel.rules.authorization import ROLE_LABELS, Role
from dashboard.kernel.rules.errors import DomainError
from dashboard.ui import session
from dashboard.ui.text import md, plain, refuse

actor = session.actor()
engine = session.engine()
st.title(_("Users"))
if done := st.session_state.pop("users_flash", None):
    plain(st.success, done)
if account := st.session_state.pop("users_code", None):
    st.warning(
        md(
            _(
                "Give **{username}** this one-time code: **{code}** (valid until "
                "{expires} UTC). They enter it on “Set a password with a code” "
                "beside the sign-in. It is shown only now."
            ),
            username=account.username,
            code=account.code,
            expires=formats.stamp(account.expires_at),
        ),
        icon=":material/key:",
    )


def role_shown(role: Role) -> str:
    """A role as the page shows it, in the reader's language."""
    return _(ROLE_LABELS[role])


def run(action: Callable[[], object], done: str) -> None:
    """Do an administration action; show a refusal, or rerun saying what was done."""
    try:
        result = action()
    except DomainError as refusal:
        refuse(refusal)
        return
    if isinstance(result, user_admin.NewAccount):
        st.session_state["users_code"] = result
    st.session_state["users_flash"] = done
    st.rerun()


try:
    accounts = user_admin.list_accounts(engine, actor)
except DomainError as refusal:
    refuse(refusal)
    st.stop()
listed = st.dataframe(
    [
        {
            _("Username"): a["username"],
            _("Name"): a["display_name"],
            _("Organization"): a["organization"],
            _("Role"): _(user_admin.LDC_MANAGER)
            if a["is_ldc_manager"]
            else role_shown(Role(a["role"])),
            _("Active"): a["active"],
            _("Locked"): a["locked_until"] is not None,
            _("Awaiting a password"): a["awaiting_password"],
        }
        for a in accounts
    ],
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="users_grid",
    alt=_("Accounts: choose a row to change that account"),
)
st.caption(
    ngettext(
        "{n} account. Choose a row to change that account below.",
        "{n} accounts. Choose a row to change that account below.",
        len(accounts),
    ).format(n=formats.number(len(accounts)))
)
picked_rows = list(listed.selection.rows)
if picked_rows and picked_rows != st.session_state.get("users_grid_rows"):
    # A row newly chosen in the grid is the account the form below changes.
    st.session_state["users_pick"] = accounts[picked_rows[0]]["id"]
st.session_state["users_grid_rows"] = picked_rows
by_id = {a["id"]: a for a in accounts}
change_tab, create_tab = st.tabs([_("Change an account"), _("Create an account")])
with change_tab:
    chosen = st.selectbox(
        _("Account"),
        list(by_id),
        format_func=lambda i: _("{name} ({username})").format(
            name=by_id[i]["display_name"], username=by_id[i]["username"]
        ),
        index=None,
        placeholder=_("Choose an account"),
        key="users_pick",
    )
    if chosen is not None:
        target_id = int(chosen)
        target = by_id[target_id]
        row, name = st.container(horizontal=True), target["username"]
        active = bool(target["active"])
        # Each step by its English label (its button's key), with what is said done.
        steps: dict[str, tuple[Callable[..., object], str]] = {
            N_("Deactivate") if active else N_("Reactivate"): (
                partial(user_admin.set_account_active, active=not active),
                (
                    _("{name} is deactivated.") if active else _("{name} is active.")
                ).format(name=name),
            ),
            N_("Unlock"): (
                user_admin.unlock,
                _("{name} is unlocked.").format(name=name),
            ),
            N_("Reset the password"): (
                user_admin.reset_password,
                _("The password of {name} is reset.").format(name=name),
            ),
        }
        if not active:
            steps[N_("Hand on their open tickets")] = (
                user_admin.release_open_tickets,
                _(
                    "The open tickets of {name} are back in their groups' queues."
                ).format(name=name),
            )
        for label, (step, done) in steps.items():
            if row.button(_(label), key=f"users_{label}"):
                run(
                    partial(step, engine, actor, user_id=target_id, now=session.now()),
                    done,
                )
        with st.form("users_role_form"):
            role = Role(
                st.selectbox(
                    _("Role"),
                    list(Role),
                    index=list(Role).index(Role(target["role"])),
                    format_func=role_shown,
                )
                or target["role"]
            )
            manager = st.checkbox(
                _("LDC manager (delegated authority)"), value=target["is_ldc_manager"]
            )
            if st.form_submit_button(_("Save the role")):
                run(
                    lambda: user_admin.change_role(
                        engine,
                        actor,
                        user_id=target_id,
                        role=role,
                        ldc_manager=manager,
                        now=session.now(),
                    ),
                    _("The role of {name} is saved.").format(name=target["username"]),
                )
with create_tab, st.form("users_create_form"):
    orgs = directory.organization_names(engine)
    username = st.text_input(_("Username"), key="users_new_username")
    name = st.text_input(_("Name"), key="users_new_name")
    email = st.text_input(_("Email"), key="users_new_email")
    org = st.selectbox(_("Organization"), list(orgs), format_func=orgs.__getitem__)
    new_role = Role(
        st.selectbox(_("Role"), list(Role), format_func=role_shown) or Role.LDC_USER
    )
    new_manager = st.checkbox(_("LDC manager (delegated authority)"))
    if st.form_submit_button(_("Create the account"), type="primary"):
        run(
            lambda: user_admin.create_account(
                engine,
                actor,
                username=username,
                display_name=name,
                email=email,
                role=new_role,
                org_id=org,
                ldc_manager=new_manager,
                now=session.now(),
            ),
            _(
                "The account {username} is created, inactive until its password is set."
            ).format(username=username.strip().lower()),
        )

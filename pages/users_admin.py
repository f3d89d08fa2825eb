"""Administration of accounts for SME managers: create, deactivate, unlock, reset."""

from collections.abc import Callable
from functools import partial

import streamlit as st

from dashboard.accounts import user_admin
from dashboard.kernel import directory
from dashboard.kernel.rules.authorization import ROLE_LABELS, Role
from dashboard.kernel.rules.errors import DomainError
from dashboard.ui import session
from dashboard.ui.text import md, plain, refuse

actor = session.actor()
engine = session.engine()
st.title("Users")
if done := st.session_state.pop("users_flash", None):
    plain(st.success, done)
if account := st.session_state.pop("users_code", None):
    st.warning(
        md(
            "Give **{username}** this one-time code: **{code}** (valid until "
            "{expires} UTC). They enter it on “Set a password with a code” beside "
            "the sign-in. It is shown only now.",
            username=account.username,
            code=account.code,
            expires=f"{account.expires_at:%Y-%m-%d %H:%M}",
        ),
        icon=":material/key:",
    )


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
            "Username": a["username"],
            "Name": a["display_name"],
            "Organization": a["organization"],
            "Role": "LDC manager"
            if a["is_ldc_manager"]
            else ROLE_LABELS[Role(a["role"])],
            "Active": a["active"],
            "Locked": a["locked_until"] is not None,
            "Awaiting a password": a["awaiting_password"],
        }
        for a in accounts
    ],
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="users_grid",
    alt="Accounts: choose a row to change that account",
)
st.caption(f"{len(accounts):,} accounts. Choose a row to change that account below.")
picked_rows = list(listed.selection.rows)
if picked_rows and picked_rows != st.session_state.get("users_grid_rows"):
    # A row newly chosen in the grid is the account the form below changes.
    st.session_state["users_pick"] = accounts[picked_rows[0]]["id"]
st.session_state["users_grid_rows"] = picked_rows
by_id = {a["id"]: a for a in accounts}
change_tab, create_tab = st.tabs(["Change an account", "Create an account"])
with change_tab:
    chosen = st.selectbox(
        "Account",
        list(by_id),
        format_func=lambda i: f"{by_id[i]['display_name']} ({by_id[i]['username']})",
        index=None,
        placeholder="Choose an account",
        key="users_pick",
    )
    if chosen is not None:
        target_id = int(chosen)
        target = by_id[target_id]
        row, name = st.container(horizontal=True), target["username"]
        active = bool(target["active"])
        steps: dict[str, tuple[Callable[..., object], str]] = {
            "Deactivate" if active else "Reactivate": (
                partial(user_admin.set_account_active, active=not active),
                f"{name} is {'deactivated' if active else 'active'}.",
            ),
            "Unlock": (user_admin.unlock, f"{name} is unlocked."),
            "Reset the password": (
                user_admin.reset_password,
                f"The password of {name} is reset.",
            ),
        }
        if not active:
            steps["Hand on their open tickets"] = (
                user_admin.release_open_tickets,
                f"The open tickets of {name} are back in their groups' queues.",
            )
        for label, (step, done) in steps.items():
            if row.button(label, key=f"users_{label}"):
                run(
                    partial(step, engine, actor, user_id=target_id, now=session.now()),
                    done,
                )
        with st.form("users_role_form"):
            role = Role(
                st.selectbox(
                    "Role",
                    list(Role),
                    index=list(Role).index(Role(target["role"])),
                    format_func=ROLE_LABELS.__getitem__,
                )
                or target["role"]
            )
            manager = st.checkbox(
                "LDC manager (delegated authority)", value=target["is_ldc_manager"]
            )
            if st.form_submit_button("Save the role"):
                run(
                    lambda: user_admin.change_role(
                        engine,
                        actor,
                        user_id=target_id,
                        role=role,
                        ldc_manager=manager,
                        now=session.now(),
                    ),
                    f"The role of {target['username']} is saved.",
                )
with create_tab, st.form("users_create_form"):
    orgs = directory.organization_names(engine)
    username = st.text_input("Username", key="users_new_username")
    name = st.text_input("Name", key="users_new_name")
    email = st.text_input("Email", key="users_new_email")
    org = st.selectbox("Organization", list(orgs), format_func=orgs.__getitem__)
    new_role = Role(
        st.selectbox("Role", list(Role), format_func=ROLE_LABELS.__getitem__)
        or Role.LDC_USER
    )
    new_manager = st.checkbox("LDC manager (delegated authority)")
    if st.form_submit_button("Create the account", type="primary"):
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
            f"The account {username.strip().lower()} is created, inactive until its "
            "password is set.",
        )

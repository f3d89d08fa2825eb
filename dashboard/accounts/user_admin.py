"""Accounts: administered by SME managers, opened with a one-time code, closed."""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from dashboard.kernel import changes, notify
from dashboard.kernel.access import viewer_for
from dashboard.kernel.i18n import N_, _, later
from dashboard.kernel.passwords import hash_password
from dashboard.kernel.rules import account_rules
from dashboard.kernel.rules.authorization import (
    ROLE_LABELS,
    Action,
    Actor,
    Role,
    require,
)
from dashboard.kernel.rules.errors import DomainError, InvalidInput, NotFound
from dashboard.kernel.rules.notices import compose
from dashboard.kernel.rules.workflow import DONE_STATUSES
from dashboard.requests.request_forms import is_email
from data_access import (
    people_store,
    reference_store,
    ticket_store,
    user_admin_store,
    user_store,
)
from data_access.engine import read
from data_access.sla_admin_store import audit

CODE_LIFETIME = timedelta(days=7)
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
BAD_CODE = N_(
    "This username and one-time code do not match an account awaiting a password."
)
# The role of an LDC user who is their LDC's manager, as people read it.
LDC_MANAGER = N_("LDC manager")


@dataclass(frozen=True)
class NewAccount:
    """An account just created, and the one-time code that opens it (shown once)."""

    username: str
    code: str
    expires_at: datetime


def _code_hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def new_code() -> str:
    """A one-time code people can read out: 'ABCD-EFGH-JKLM-NPQR'."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _i in range(16))
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def open_account(
    conn: sa.Connection, values: dict[str, Any], *, by: int, now: datetime
) -> NewAccount:
    """Create an inactive account without a password, and its one-time code."""
    user_id = reference_store.add_user(
        conn,
        **values,
        password_hash=None,
        active=False,
        created_at=now,
        created_by=by,
    )
    return issue_code(conn, user_id, username=str(values["username"]), now=now)


def issue_code(
    conn: sa.Connection, user_id: int, *, username: str, now: datetime
) -> NewAccount:
    """A fresh one-time code for an account, of which only the hash is kept."""
    code = new_code()
    expires_at = now + CODE_LIFETIME
    user_admin_store.store_setup_code(
        conn, user_id, code_hash=_code_hash(code), expires_at=expires_at
    )
    return NewAccount(username=username, code=code, expires_at=expires_at)


def close_account(conn: sa.Connection, user_id: int, *, by: int, now: datetime) -> None:
    """Deactivate an account: no more sign-ins, its open sessions end."""
    user_admin_store.set_active(conn, user_id, active=False, by=by, now=now)
    user_admin_store.drop_setup_code(conn, user_id)


def set_first_password(
    engine: sa.Engine,
    *,
    username: str,
    code: str,
    new: str,
    confirm: str,
    now: datetime,
) -> None:
    """Set a new account's first password with its one-time code, and open it."""
    with changes.Save(engine) as uow:
        row = user_store.find_by_username(uow.conn, username.strip())
        stored = user_admin_store.setup_code(uow.conn, row["id"]) if row else None
        if (
            row is None
            or stored is None
            or not hmac.compare_digest(stored["hash"], _code_hash(code))
        ):
            raise DomainError(_(BAD_CODE))
        if stored["expires_at"] <= now:
            raise DomainError(
                _(
                    "This one-time code has expired. Ask the SME Service Desk for a "
                    "new one."
                )
            )
        account_rules.check_new_password(new, confirm, username=row["username"])
        user_store.set_password_hash(
            uow.conn,
            row["id"],
            password_hash=hash_password(new),
            by=row["id"],
            now=now,
        )
        user_admin_store.set_active(
            uow.conn, row["id"], active=True, by=row["id"], now=now
        )
        user_admin_store.drop_setup_code(uow.conn, row["id"])
        uow.commit()


ROLES_BY_ORG_KIND = {
    "ldc": (Role.LDC_USER,),
    "sme": (Role.SME_AGENT, Role.CRITICAL_INCIDENT_MANAGER, Role.SME_MANAGER),
    "osp": (Role.OSP_ENGINEER,),
}
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,79}")


def list_accounts(engine: sa.Engine, actor: Actor) -> list[dict[str, Any]]:
    """Every account, for SME managers."""
    require(actor, Action.ADMINISTER)
    with read(engine) as conn:
        return user_admin_store.list_users(conn)


def _check_role(org_kind: str, role: Role, *, ldc_manager: bool) -> None:
    allowed = ROLES_BY_ORG_KIND.get(org_kind, ())
    if role not in allowed:
        names = ", ".join(_(ROLE_LABELS[r]) for r in allowed)
        raise InvalidInput(
            _("People of this organization may be: {roles}.").format(roles=names)
        )
    if ldc_manager and role is not Role.LDC_USER:
        raise InvalidInput(_("Only an LDC user can be the LDC's manager."))


def create_account(
    engine: sa.Engine,
    actor: Actor,
    *,
    username: str,
    display_name: str,
    email: str,
    role: Role,
    org_id: int,
    ldc_manager: bool,
    now: datetime,
) -> NewAccount:
    """Create an account, inactive until its password is set with the code returned."""
    require(actor, Action.ADMINISTER)
    username, display_name, email = (
        username.strip().lower(),
        display_name.strip(),
        email.strip().lower(),
    )
    if not _USERNAME.fullmatch(username):
        raise InvalidInput(
            _(
                "A username has 3 to 80 lower-case letters, digits, dots, hyphens or "
                "underscores."
            )
        )
    if not 1 <= len(display_name) <= 120:
        raise InvalidInput(_("The name is required (120 characters at most)."))
    if not is_email(email):
        raise InvalidInput(_("The email must be an email address."))
    with changes.Save(engine) as uow:
        orgs = {o["id"]: o for o in reference_store.list_organizations(uow.conn)}
        if org_id not in orgs:
            raise InvalidInput(_("Choose the person's organization."))
        _check_role(orgs[org_id]["kind"], role, ldc_manager=ldc_manager)
        if user_admin_store.username_taken(uow.conn, username):
            raise InvalidInput(
                _("The username {username} is taken.").format(username=username)
            )
        values = {
            "username": username,
            "email": email,
            "display_name": display_name,
            "role": role.value,
            "org_id": org_id,
            "is_ldc_manager": ldc_manager,
        }
        account = open_account(uow.conn, values, by=actor.user_id, now=now)
        _audit(
            uow.conn,
            actor,
            action="user_created",
            username=username,
            detail=ROLE_LABELS[role],
            now=now,
        )
        uow.commit()
    return account


def _audit(
    conn: sa.Connection,
    actor: Actor,
    *,
    action: str,
    username: str,
    detail: str,
    now: datetime,
) -> None:
    audit(
        conn,
        actor_id=actor.user_id,
        action=action,
        subject=f"User {username}",
        detail=detail,
        now=now,
    )


def _target(conn: sa.Connection, actor: Actor, *, user_id: int) -> dict[str, Any]:
    require(actor, Action.ADMINISTER)
    row = user_store.get_user(conn, user_id)
    if row is None:
        raise NotFound(_("There is no such account."))
    return row


def set_account_active(
    engine: sa.Engine, actor: Actor, *, user_id: int, active: bool, now: datetime
) -> None:
    """Deactivate an account (its sessions end; its tickets stay) or reactivate it."""
    with changes.Save(engine) as uow:
        row = _target(uow.conn, actor, user_id=user_id)
        if user_id == actor.user_id:
            raise InvalidInput(_("You cannot deactivate your own account."))
        if active:
            user_admin_store.set_active(
                uow.conn, user_id, active=True, by=actor.user_id, now=now
            )
        else:
            close_account(uow.conn, user_id, by=actor.user_id, now=now)
        action = "user_reactivated" if active else "user_deactivated"
        _audit(
            uow.conn, actor, action=action, username=row["username"], detail="", now=now
        )
        uow.commit()


def unlock(engine: sa.Engine, actor: Actor, *, user_id: int, now: datetime) -> None:
    """Lift a lock after failed sign-ins."""
    with changes.Save(engine) as uow:
        row = _target(uow.conn, actor, user_id=user_id)
        user_admin_store.update_user(
            uow.conn,
            user_id,
            values={"failed_logins": 0, "locked_until": None},
            by=actor.user_id,
            now=now,
        )
        _audit(
            uow.conn,
            actor,
            action="user_unlocked",
            username=row["username"],
            detail="",
            now=now,
        )
        uow.commit()


def reset_password(
    engine: sa.Engine, actor: Actor, *, user_id: int, now: datetime
) -> NewAccount:
    """Clear the password and its sessions; the code returned sets a new one."""
    with changes.Save(engine) as uow:
        row = _target(uow.conn, actor, user_id=user_id)
        if not row["active"]:
            raise InvalidInput(
                _("Reactivate the account before resetting its password.")
            )
        user_store.set_password_hash(
            uow.conn, user_id, password_hash=None, by=actor.user_id, now=now
        )
        account = issue_code(uow.conn, user_id, username=row["username"], now=now)
        _audit(
            uow.conn,
            actor,
            action="user_password_reset",
            username=row["username"],
            detail="",
            now=now,
        )
        uow.commit()
    return account


def change_role(
    engine: sa.Engine,
    actor: Actor,
    *,
    user_id: int,
    role: Role,
    ldc_manager: bool,
    now: datetime,
) -> None:
    """Give an account another role or LDC-manager flag, fitting its organization."""
    with changes.Save(engine) as uow:
        row = _target(uow.conn, actor, user_id=user_id)
        if user_id == actor.user_id:
            raise InvalidInput(_("You cannot change your own role."))
        _check_role(row["org_kind"], role, ldc_manager=ldc_manager)
        before = _role_text(Role(row["role"]), bool(row["is_ldc_manager"]))
        after = _role_text(role, ldc_manager)
        if before == after:
            raise InvalidInput(
                _("{username} is already {role}.").format(
                    username=row["username"], role=_(after)
                )
            )
        user_admin_store.update_user(
            uow.conn,
            user_id,
            values={"role": role.value, "is_ldc_manager": ldc_manager},
            by=actor.user_id,
            now=now,
        )
        _audit(
            uow.conn,
            actor,
            action="user_role_changed",
            username=row["username"],
            detail=f"{before} → {after}",
            now=now,
        )
        uow.commit()


def _role_text(role: Role, ldc_manager: bool) -> str:
    # In English, as the audit log keeps it: translate it where it is shown.
    return LDC_MANAGER if ldc_manager else ROLE_LABELS[role]


def release_open_tickets(
    engine: sa.Engine, actor: Actor, *, user_id: int, now: datetime
) -> int:
    """Hand a deactivated person's open tickets back to their groups; how many."""
    done = tuple(sorted(set().union(*DONE_STATUSES.values())))
    with changes.Save(engine) as uow:
        row = _target(uow.conn, actor, user_id=user_id)
        if row["active"]:
            raise InvalidInput(
                _("Deactivate the account before handing on its tickets.")
            )
        change_id = changes.new_change_id()
        keys = user_admin_store.open_keys_assigned_to(uow.conn, user_id, done=done)
        for key in keys:
            ticket = ticket_store.get_ticket(uow.conn, viewer_for(actor), key=key)
            if ticket is None:
                continue
            change = changes.Change(actor=actor, now=now, change_id=change_id)
            change.set(
                ticket,
                "assignee_id",
                value=None,
                label="assignee",
                shown=(row["display_name"], None),
            )
            change.tell(
                compose(
                    event="ticket_unassigned",
                    recipients=people_store.group_member_ids(
                        uow.conn, ticket["group_code"] or ""
                    ),
                    ticket_key=key,
                    title=ticket["title"],
                    what=later(
                        "Back in your group's queue: its assignee's account is closed"
                    ),
                    link=notify.ticket_link(key),
                )
            )
            changes.apply(uow.conn, change, ticket=ticket)
        _audit(
            uow.conn,
            actor,
            action="user_tickets_released",
            username=row["username"],
            detail=f"{len(keys)} open ticket(s)",
            now=now,
        )
        uow.commit()
    return len(keys)

"""What fulfilling a request does where the desk itself owns the thing asked for."""

import json
import re
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dashboard.accounts import user_admin
from dashboard.accounts.user_admin import NewAccount
from dashboard.kernel import changes
from dashboard.kernel.i18n import N_, _
from dashboard.kernel.rules.authorization import Role
from dashboard.kernel.rules.errors import InvalidInput
from data_access import user_admin_store, user_store

# The history's name of the field (stored in English; translated where shown).
ACCOUNT_FIELD = N_("Service Desk account")


def carry_out(
    conn: sa.Connection, change: changes.Change, *, ticket: dict[str, Any]
) -> NewAccount | None:
    """Act on a request being fulfilled; a new account's one-time code, if any."""
    answers = json.loads(ticket["request_fields"] or "{}")
    if ticket["request_type"] == "sd_user_creation":
        return _create(conn, change, ticket=ticket, answers=answers)
    if ticket["request_type"] == "sd_user_deactivation":
        _deactivate(conn, change, ticket=ticket, answers=answers)
    return None


def _create(
    conn: sa.Connection,
    change: changes.Change,
    *,
    ticket: dict[str, Any],
    answers: dict[str, Any],
) -> NewAccount:
    existing = user_admin_store.active_username_with_email(conn, answers["email"])
    if existing is not None:
        raise InvalidInput(
            _(
                "{email} already has the account {account}: reject the request, "
                "naming it."
            ).format(email=answers["email"], account=existing)
        )
    account = open_ldc_account(
        conn,
        org_id=ticket["org_id"],
        first_name=answers["first_name"],
        last_name=answers["last_name"],
        email=answers["email"],
        manager=bool(answers.get("manager")),
        by=change.actor.user_id,
        now=change.now,
    )
    change.record(
        "field_changed",
        field=ACCOUNT_FIELD,
        new_value=f"{account.username} (created; awaits its first password)",
    )
    return account


def _deactivate(
    conn: sa.Connection,
    change: changes.Change,
    *,
    ticket: dict[str, Any],
    answers: dict[str, Any],
) -> None:
    row = user_store.find_by_username(conn, str(answers.get("account", "")))
    if row is None or row["org_id"] != ticket["org_id"]:
        raise InvalidInput(
            _(
                "The account named in this request is not one of the LDC's: reject "
                "the request instead."
            )
        )
    if not row["active"]:
        return
    user_admin.close_account(conn, row["id"], by=change.actor.user_id, now=change.now)
    change.record(
        "field_changed",
        field=ACCOUNT_FIELD,
        old_value=f"{row['username']} (active)",
        new_value=f"{row['username']} (deactivated)",
    )


def _username_for(conn: sa.Connection, email: str) -> str:
    base = (
        re.sub(r"[^a-z0-9._-]", "", email.split("@", maxsplit=1)[0].lower())[:70]
        or "user"
    )
    candidate, n = base, 1
    while user_admin_store.username_taken(conn, candidate):
        n += 1
        candidate = f"{base}{n}"
    return candidate


def open_ldc_account(
    conn: sa.Connection,
    *,
    org_id: int,
    first_name: str,
    last_name: str,
    email: str,
    manager: bool,
    by: int,
    now: datetime,
) -> NewAccount:
    """Create an LDC account, inactive until its first password is set with the code."""
    values = {
        "username": _username_for(conn, email),
        "email": email,
        "display_name": f"{first_name} {last_name}",
        "role": Role.LDC_USER.value,
        "org_id": org_id,
        "is_ldc_manager": manager,
    }
    return user_admin.open_account(conn, values, by=by, now=now)

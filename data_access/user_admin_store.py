"""Accounts the desk creates and closes, and their one-time set-up codes."""

import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from data_access.schema import organizations, settings, tickets, users
from data_access.user_store import end_sessions

_CODE_PREFIX = "setup_code:"
# Changing these ends the account's sessions, which only their own setters do.
_SESSION_ENDING = frozenset({"active", "password_hash"})


def org_accounts(conn: sa.Connection, org_id: int) -> dict[str, str]:
    """The active accounts of an organization: username to display name."""
    rows = conn.execute(
        sa.select(users.c.username, users.c.display_name)
        .where(users.c.org_id == org_id, users.c.active)
        .order_by(users.c.display_name)
    )
    return {r.username: r.display_name for r in rows}


def username_taken(conn: sa.Connection, username: str) -> bool:
    """Whether any account, active or not, has this username."""
    return bool(
        conn.scalar(
            sa.select(sa.func.count())
            .select_from(users)
            .where(sa.func.lower(users.c.username) == username.lower())
        )
    )


def set_active(
    conn: sa.Connection, user_id: int, *, active: bool, by: int, now: datetime
) -> None:
    """Open or close an account, recording who did it, and end its sessions."""
    conn.execute(
        users.update()
        .where(users.c.id == user_id)
        .values(active=active, updated_at=now, updated_by=by)
    )
    # Also on reactivation: a session left open by a deactivation must not revive.
    end_sessions(conn, user_id, now=now)


def store_setup_code(
    conn: sa.Connection, user_id: int, *, code_hash: str, expires_at: datetime
) -> None:
    """Keep the hash of an account's one-time code (replacing any earlier one)."""
    key = f"{_CODE_PREFIX}{user_id}"
    conn.execute(settings.delete().where(settings.c.key == key))
    value = json.dumps({"hash": code_hash, "expires_at": expires_at.isoformat()})
    conn.execute(settings.insert().values(key=key, value=value))


def setup_code(conn: sa.Connection, user_id: int) -> dict[str, Any] | None:
    """The stored hash and expiry of an account's one-time code, or None."""
    value = conn.scalar(
        sa.select(settings.c.value).where(settings.c.key == f"{_CODE_PREFIX}{user_id}")
    )
    if value is None:
        return None
    stored = json.loads(value)
    return {
        "hash": stored["hash"],
        "expires_at": datetime.fromisoformat(stored["expires_at"]),
    }


def drop_setup_code(conn: sa.Connection, user_id: int) -> None:
    """Forget an account's one-time code once used."""
    conn.execute(settings.delete().where(settings.c.key == f"{_CODE_PREFIX}{user_id}"))


def list_users(conn: sa.Connection) -> list[dict[str, Any]]:
    """Every account with its organization, by organization and name."""
    rows = conn.execute(
        sa.select(
            users.c.id,
            users.c.username,
            users.c.display_name,
            users.c.email,
            users.c.role,
            users.c.org_id,
            users.c.is_ldc_manager,
            users.c.active,
            users.c.locked_until,
            (users.c.password_hash.is_(None)).label("awaiting_password"),
            organizations.c.short_name.label("organization"),
            organizations.c.kind.label("org_kind"),
        )
        .join(organizations, organizations.c.id == users.c.org_id)
        .order_by(organizations.c.short_name, users.c.display_name)
    ).mappings()
    return [dict(r) for r in rows]


def update_user(
    conn: sa.Connection,
    user_id: int,
    *,
    values: dict[str, Any],
    by: int,
    now: datetime,
) -> None:
    """Change an account's fields, recording who did it."""
    if _SESSION_ENDING & values.keys():
        raise ValueError("set_active and set_password_hash change these fields")
    conn.execute(
        users.update()
        .where(users.c.id == user_id)
        .values(**values, updated_at=now, updated_by=by)
    )


def active_username_with_email(conn: sa.Connection, email: str) -> str | None:
    """The username of an active account with this email, if any."""
    return conn.scalar(
        sa.select(users.c.username)
        .where(sa.func.lower(users.c.email) == email.lower(), users.c.active)
        .limit(1)
    )


def open_keys_assigned_to(
    conn: sa.Connection, user_id: int, *, done: tuple[str, ...]
) -> list[str]:
    """The keys of the tickets assigned to someone and not yet done."""
    return list(
        conn.scalars(
            sa.select(tickets.c.ticket_key)
            .where(tickets.c.assignee_id == user_id, tickets.c.status.not_in(done))
            .order_by(tickets.c.id)
        )
    )

"""Users, their sign-in state, and their sessions."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from data_access.schema import organizations, user_sessions, users


def find_by_username(conn: sa.Connection, username: str) -> dict[str, Any] | None:
    """The user with this username (case-insensitive), or None."""
    row = conn.execute(
        sa.select(users).where(sa.func.lower(users.c.username) == username.lower())
    ).first()
    return dict(row._mapping) if row else None


def get_user(conn: sa.Connection, user_id: int) -> dict[str, Any] | None:
    """A user with their organization's name and kind, or None."""
    row = conn.execute(
        sa.select(
            users,
            organizations.c.name.label("org_name"),
            organizations.c.kind.label("org_kind"),
            organizations.c.org_code,
        )
        .join(organizations, organizations.c.id == users.c.org_id)
        .where(users.c.id == user_id)
    ).first()
    return dict(row._mapping) if row else None


def record_login_failure(
    conn: sa.Connection, user_id: int, *, locked_until: datetime | None, now: datetime
) -> None:
    """Count a failed sign-in, locking the account when told to."""
    conn.execute(
        users.update()
        .where(users.c.id == user_id)
        .values(
            failed_logins=users.c.failed_logins + 1,
            locked_until=locked_until,
            updated_at=now,
            updated_by=user_id,
        )
    )


def record_login_success(conn: sa.Connection, user_id: int, *, now: datetime) -> None:
    """Clear the failure count after a good sign-in."""
    conn.execute(
        users.update()
        .where(users.c.id == user_id)
        .values(failed_logins=0, locked_until=None)
    )


def set_password_hash(
    conn: sa.Connection, user_id: int, *, password_hash: str, by: int, now: datetime
) -> None:
    """Store a new password hash, recording who set it."""
    conn.execute(
        users.update()
        .where(users.c.id == user_id)
        .values(password_hash=password_hash, updated_at=now, updated_by=by)
    )


def create_session(
    conn: sa.Connection,
    *,
    token_hash: str,
    user_id: int,
    now: datetime,
    expires_at: datetime,
) -> None:
    """Open a sign-in session."""
    conn.execute(
        user_sessions.insert().values(
            token_hash=token_hash,
            user_id=user_id,
            created_at=now,
            expires_at=expires_at,
        )
    )


def live_session_user(
    conn: sa.Connection, token_hash: str, *, now: datetime
) -> int | None:
    """The user of an unexpired, unended session, or None."""
    return conn.scalar(
        sa.select(user_sessions.c.user_id).where(
            user_sessions.c.token_hash == token_hash,
            user_sessions.c.ended_at.is_(None),
            user_sessions.c.expires_at > now,
        )
    )


def end_session(conn: sa.Connection, token_hash: str, *, now: datetime) -> None:
    """End a session (sign-out)."""
    conn.execute(
        user_sessions.update()
        .where(
            user_sessions.c.token_hash == token_hash, user_sessions.c.ended_at.is_(None)
        )
        .values(ended_at=now)
    )

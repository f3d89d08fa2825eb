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


def adopt_language(conn: sa.Connection, user_id: int, *, language: str) -> int:
    """Keep this language for a user who has chosen none (the sign-in page's)."""
    return conn.execute(
        users.update()
        .where(users.c.id == user_id, users.c.language.is_(None))
        .values(language=language)
    ).rowcount


def set_language(
    conn: sa.Connection, user_id: int, *, language: str, by: int, now: datetime
) -> int:
    """Store the language a user chose, recording who set it."""
    return conn.execute(
        users.update()
        .where(users.c.id == user_id)
        .values(language=language, updated_at=now, updated_by=by)
    ).rowcount


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


def count_login_failure(conn: sa.Connection, user_id: int, *, now: datetime) -> int:
    """Count a failed sign-in; the count including it."""
    # The count is raised in SQL, not written from what was read, so no concurrent
    # failure is lost: a second writer of the row meets a conflict and tries again.
    # Read back with a SELECT of the transaction's own write, not RETURNING (see
    # tests/integration/test_change_conflicts.py).
    conn.execute(
        users.update()
        .where(users.c.id == user_id)
        .values(
            failed_logins=users.c.failed_logins + 1, updated_at=now, updated_by=user_id
        )
    )
    return int(
        conn.execute(
            sa.select(users.c.failed_logins).where(users.c.id == user_id)
        ).scalar_one()
    )


def lock(conn: sa.Connection, user_id: int, *, until: datetime) -> None:
    """Lock an account against sign-ins until an instant."""
    conn.execute(users.update().where(users.c.id == user_id).values(locked_until=until))


def record_login_success(conn: sa.Connection, user_id: int, *, now: datetime) -> bool:
    """Clear the failure count unless the account is locked now; whether it was."""
    # The lock is checked again here: failures counted since the password was
    # checked may have locked the account.
    cleared = conn.execute(
        users.update()
        .where(
            users.c.id == user_id,
            sa.or_(users.c.locked_until.is_(None), users.c.locked_until <= now),
        )
        .values(failed_logins=0, locked_until=None)
    )
    return cleared.rowcount == 1


def set_password_hash(
    conn: sa.Connection,
    user_id: int,
    *,
    password_hash: str | None,
    by: int,
    now: datetime,
    keep_session: str | None = None,
) -> None:
    """Store a new password hash (None: awaiting one) and end the sessions."""
    conn.execute(
        users.update()
        .where(users.c.id == user_id)
        .values(password_hash=password_hash, updated_at=now, updated_by=by)
    )
    end_sessions(conn, user_id, now=now, keep=keep_session)


def end_sessions(
    conn: sa.Connection, user_id: int, *, now: datetime, keep: str | None = None
) -> None:
    """End every open session of an account but the one whose token hash is kept."""
    query = user_sessions.update().where(
        user_sessions.c.user_id == user_id, user_sessions.c.ended_at.is_(None)
    )
    if keep is not None:
        query = query.where(user_sessions.c.token_hash != keep)
    conn.execute(query.values(ended_at=now))


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

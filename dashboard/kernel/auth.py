"""Signing in and out, sessions, and changing one's own password."""

import hashlib
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

import sqlalchemy as sa

from dashboard.kernel.changes import Save
from dashboard.kernel.i18n import LANGUAGES, N_, _, formats, ngettext, normalize
from dashboard.kernel.passwords import hash_password, verify_password
from dashboard.kernel.rules import account_rules
from dashboard.kernel.rules.authorization import Actor, Role
from dashboard.kernel.rules.errors import DomainError, InvalidInput
from dashboard.kernel.rules.timezones import local
from data_access import user_store
from data_access.conflicts import WriteConflict
from data_access.engine import UnitOfWork, read

T = TypeVar("T")
# Refusals in English, marked for the catalogue: raised in the reader's language.
WRONG_CREDENTIALS = N_("Wrong username or password.")
BUSY = N_("This account is busy with other sign-ins at this moment: try again.")
# Enough for every one of a burst of sign-ins to one account to get its turn.
WRITE_TRIES = 64


@dataclass(frozen=True)
class SignedIn:
    """A new session: its secret token and who it belongs to."""

    token: str
    actor: Actor


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def actor_from_row(row: dict[str, object]) -> Actor:
    """The actor a user row stands for."""
    return Actor(
        user_id=int(row["id"]),  # type: ignore[call-overload]
        role=Role(str(row["role"])),
        org_id=int(row["org_id"]),  # type: ignore[call-overload]
        is_ldc_manager=bool(row["is_ldc_manager"]),
        display_name=str(row["display_name"]),
        language=str(row["language"]) if row.get("language") else None,
    )


def _locked(locked_until: datetime) -> DomainError:
    return DomainError(
        _(
            "This account is locked after {failures} failed sign-ins. Try again after "
            "{until} (Toronto time) or ask an SME manager to unlock it."
        ).format(
            failures=formats.number(account_rules.MAX_FAILED_LOGINS),
            until=formats.clock(local(locked_until)),
        )
    )


def _locked_now() -> str:
    minutes = int(account_rules.LOCK_DURATION.total_seconds() // 60)
    return ngettext(
        "Wrong username or password. The account is now locked for {minutes} minute.",
        "Wrong username or password. The account is now locked for {minutes} minutes.",
        minutes,
    ).format(minutes=formats.number(minutes))


def _write(engine: sa.Engine, work: Callable[[sa.Connection], T]) -> T:
    """Run a short write to one account, again while others write it at once."""
    for attempt in range(WRITE_TRIES):
        try:
            with UnitOfWork(engine) as uow:
                result = work(uow.conn)
                uow.commit()
            return result
        except WriteConflict:
            # DuckDB refuses, rather than waits for, a second writer of a row.
            time.sleep(random.uniform(0, 0.002) * (attempt + 1))
    raise DomainError(_(BUSY))


def _count_failure(conn: sa.Connection, user_id: int, *, now: datetime) -> bool:
    """Count a failed sign-in; whether it is the one that locks the account."""
    failed = user_store.count_login_failure(conn, user_id, now=now)
    locked_until = account_rules.lock_after_failure(failed - 1, now=now)
    if locked_until is not None:
        user_store.lock(conn, user_id, until=locked_until)
    return locked_until is not None


def _open_session(
    conn: sa.Connection,
    user_id: int,
    *,
    token: str,
    now: datetime,
    language: str | None,
) -> bool:
    """Open a session unless failures counted meanwhile locked the account."""
    if not user_store.record_login_success(conn, user_id, now=now):
        return False
    if language:
        # A person who never chose keeps the sign-in page's language (for emails).
        user_store.adopt_language(conn, user_id, language=normalize(language))
    user_store.create_session(
        conn,
        token_hash=_token_hash(token),
        user_id=user_id,
        now=now,
        expires_at=now + account_rules.SESSION_DURATION,
    )
    return True


def sign_in(
    engine: sa.Engine,
    *,
    username: str,
    password: str,
    now: datetime,
    language: str | None = None,
) -> SignedIn:
    """Check the credentials and open a session, or refuse with a clear message."""
    if not username.strip() or not password:
        raise InvalidInput(_("Enter your username and password."))
    with read(engine) as conn:
        row = user_store.find_by_username(conn, username.strip())
    if row is None:
        verify_password(None, password)
        raise DomainError(_(WRONG_CREDENTIALS))
    if account_rules.is_locked(row["locked_until"], now=now):
        raise _locked(row["locked_until"])
    if not verify_password(row["password_hash"], password):
        if _write(engine, lambda conn: _count_failure(conn, row["id"], now=now)):
            raise DomainError(_locked_now())
        raise DomainError(_(WRONG_CREDENTIALS))
    if not row["active"]:
        raise DomainError(
            _("This account is deactivated. Ask your LDC manager or the SME.")
        )
    token = secrets.token_urlsafe(32)
    if not _write(
        engine,
        lambda conn: _open_session(
            conn, row["id"], token=token, now=now, language=language
        ),
    ):
        with read(engine) as conn:
            locked = user_store.find_by_username(conn, row["username"]) or row
        raise _locked(locked["locked_until"])
    chosen = row["language"] or (normalize(language) if language else None)
    return SignedIn(token=token, actor=actor_from_row({**row, "language": chosen}))


def actor_for_token(engine: sa.Engine, token: str, *, now: datetime) -> Actor | None:
    """The actor of a live session, or None (expired, ended, or user deactivated)."""
    with read(engine) as conn:
        user_id = user_store.live_session_user(conn, _token_hash(token), now=now)
        row = user_store.get_user(conn, user_id) if user_id is not None else None
    if row is None or not row["active"]:
        return None
    return actor_from_row(row)


def sign_out(engine: sa.Engine, token: str, *, now: datetime) -> None:
    """End the session so its token no longer works."""
    with Save(engine) as uow:
        user_store.end_session(uow.conn, _token_hash(token), now=now)
        uow.commit()


def change_password(
    engine: sa.Engine,
    actor: Actor,
    *,
    current: str,
    new: str,
    confirm: str,
    session_token: str,
    now: datetime,
) -> None:
    """Replace the actor's password, ending their sessions but this one."""
    with Save(engine) as uow:
        row = user_store.get_user(uow.conn, actor.user_id)
        if row is None or not verify_password(row["password_hash"], current):
            raise InvalidInput(_("The current password is wrong."))
        account_rules.check_new_password(new, confirm, username=row["username"])
        if verify_password(row["password_hash"], new):
            raise InvalidInput(_("The new password must differ from the current one."))
        user_store.set_password_hash(
            uow.conn,
            actor.user_id,
            password_hash=hash_password(new),
            by=actor.user_id,
            now=now,
            keep_session=_token_hash(session_token),
        )
        uow.commit()


def set_language(
    engine: sa.Engine, actor: Actor, *, choice: object, now: datetime
) -> None:
    """Choose the language of the actor's screens and emails."""
    if not isinstance(choice, str) or choice not in LANGUAGES:
        raise InvalidInput(_("Choose English or French."))
    with Save(engine) as uow:
        user_store.set_language(
            uow.conn, actor.user_id, language=choice, by=actor.user_id, now=now
        )
        uow.commit()

"""Sign-in rules: password quality, lock-out after failures, session length."""

from datetime import datetime, timedelta

from dashboard.kernel.i18n import _
from dashboard.kernel.rules.errors import InvalidInput

MAX_FAILED_LOGINS = 5
LOCK_DURATION = timedelta(minutes=15)
SESSION_DURATION = timedelta(hours=8)
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 128


def lock_after_failure(failed_logins_before: int, *, now: datetime) -> datetime | None:
    """When this failure is one too many, the instant the lock ends; else None."""
    if failed_logins_before + 1 >= MAX_FAILED_LOGINS:
        return now + LOCK_DURATION
    return None


def is_locked(locked_until: datetime | None, *, now: datetime) -> bool:
    """Whether an account is locked at this instant."""
    return locked_until is not None and locked_until > now


def check_new_password(new: str, confirm: str, *, username: str) -> None:
    """Refuse, in the current language, a new password that is too weak or
    mistyped."""
    if new != confirm:
        raise InvalidInput(_("The new password and its confirmation differ."))
    if len(new) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            _("The new password must have at least {n} characters.").format(
                n=MIN_PASSWORD_LENGTH
            )
        )
    if len(new) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(
            _("The new password must have at most {n} characters.").format(
                n=MAX_PASSWORD_LENGTH
            )
        )
    if username.lower() in new.lower():
        raise InvalidInput(_("The new password must not contain your username."))
    if new.isalpha() or new.isdigit():
        raise InvalidInput(
            _("The new password must mix letters with digits or symbols.")
        )

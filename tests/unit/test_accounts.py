from datetime import UTC, datetime, timedelta

import pytest

from dashboard.kernel.rules.account_rules import (
    LOCK_DURATION,
    MAX_FAILED_LOGINS,
    check_new_password,
    is_locked,
    lock_after_failure,
)
from dashboard.kernel.rules.errors import InvalidInput

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)


def test_failures_below_the_limit_do_not_lock() -> None:
    assert lock_after_failure(MAX_FAILED_LOGINS - 2, now=NOW) is None


def test_the_failure_that_reaches_the_limit_locks_for_the_lock_duration() -> None:
    assert lock_after_failure(MAX_FAILED_LOGINS - 1, now=NOW) == NOW + LOCK_DURATION


def test_a_lock_ends_at_its_time() -> None:
    until = NOW + timedelta(minutes=1)
    assert is_locked(until, now=NOW)
    assert not is_locked(until, now=until)
    assert not is_locked(None, now=NOW)


@pytest.mark.parametrize(
    ("new", "confirm", "message"),
    [
        ("Short-1", "Short-1", "at least 10 characters"),
        ("Long-enough-1", "Long-enough-2", "confirmation differ"),
        ("onlyletterslong", "onlyletterslong", "mix letters"),
        ("x-alice-9999", "x-alice-9999", "must not contain your username"),
        ("A1" * 70, "A1" * 70, "at most 128"),
    ],
)
def test_weak_or_mistyped_passwords_are_refused_with_the_reason(
    new: str, confirm: str, *, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        check_new_password(new, confirm, username="alice")


def test_a_good_password_is_accepted() -> None:
    check_new_password("Meter-Reads-2026", "Meter-Reads-2026", username="alice")

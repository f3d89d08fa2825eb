"""When email is tried again, when a claim lapses, when the daily digest is due."""

from datetime import datetime, time, timedelta

from dashboard.kernel.rules.timezones import TORONTO, local

MAX_ATTEMPTS = 6
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
# Far longer than one SMTP conversation (its timeout is 30 s), so that a live
# sender never loses its claim to another.
LEASE = timedelta(minutes=5)
DIGEST_HOUR = 7

PREFERENCES = {
    "immediate": "Immediate email",
    "digest": "Daily digest",
    "in_app": "In-app only",
}


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the given number of failed attempts (doubling)."""
    wait: timedelta = FIRST_RETRY * (2 ** max(attempts - 1, 0))
    return min(wait, LONGEST_WAIT)


def gives_up(attempts: int, *, permanent: bool) -> bool:
    """Whether a delivery that failed `attempts` times is failed for good."""
    return permanent or attempts >= MAX_ATTEMPTS


def is_permanent(code: int | None) -> bool:
    """An SMTP reply code that no retry will change (5xx)."""
    return code is not None and 500 <= code < 600


def digest_cutoff(now: datetime, *, hour: int = DIGEST_HOUR) -> datetime:
    """The latest digest time (the hour, Toronto time) at or before now."""
    today = local(now).date()
    at = datetime.combine(today, time(hour), tzinfo=TORONTO)
    if at > now:
        at = datetime.combine(today - timedelta(days=1), time(hour), tzinfo=TORONTO)
    return at


def preference_label(preference: str) -> str:
    """A notification preference as the settings page names it."""
    return PREFERENCES.get(preference, preference)

"""When email is tried again, when a claim lapses, when the daily digest is due; and
how the inbox reads."""

import re
from datetime import datetime, time, timedelta

from babel.dates import format_skeleton

from dashboard.kernel.i18n import N_, _, formats, is_french
from dashboard.kernel.rules.timezones import TORONTO, local

MAX_ATTEMPTS = 6
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
# Far longer than one SMTP conversation (its timeout is 30 s), so that a live
# sender never loses its claim to another.
LEASE = timedelta(minutes=5)
DIGEST_HOUR = 7

# Stored keys, and their English (translated where shown).
PREFERENCES = {
    "immediate": N_("Immediate email"),
    "digest": N_("Daily digest"),
    "in_app": N_("In-app only"),
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
    return _(PREFERENCES.get(preference, preference))


# How the inbox reads: when, which rows of how many, the keys a summary lists.
_LISTED_KEY = re.compile(r"^((?:INC|SR|PRB)-\d{6,}) ", re.MULTILINE)


def ago(at: datetime, *, now: datetime) -> str:
    """When, as people say it: 'just now', '12 min ago', '3 h ago', 'Mar 2', a date
    (in French: 'à l'instant', 'il y a 12 min', 'il y a 3 h', '2 mars')."""
    seconds = (now - at).total_seconds()
    if seconds < 60:
        return _("just now")
    if seconds < 3600:
        return _("{minutes} min ago").format(minutes=formats.number(seconds // 60))
    if seconds < 86400:
        return _("{hours} h ago").format(hours=formats.number(seconds // 3600))
    when = local(at)
    if when.year == local(now).year:
        # The month and day as the language orders them: 'Mar 2', '2 mars'.
        return format_skeleton(
            "MMMd", when.date(), locale="fr_CA" if is_french() else "en_CA"
        )
    return formats.day(when.date())


def rows_shown(*, page: int, size: int, total: int) -> str:
    """Which rows of how many a page shows: '1–50 of 1,085'."""
    if total == 0:
        return _("0 of 0")
    first = (page - 1) * size + 1
    last = min(page * size, total)
    return _("{first}–{last} of {total}").format(
        first=formats.number(first),
        last=formats.number(last),
        total=formats.number(total),
    )


def listed_keys(body: str) -> list[str]:
    """The ticket keys an SLA summary lists, one line each, in its order."""
    return list(dict.fromkeys(_LISTED_KEY.findall(body)))

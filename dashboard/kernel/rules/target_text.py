"""A service-level target as people read and type it: "4 h", "5 business days".

Targets are kept in minutes of their row's calendar; a business day is 9 business
hours, and a 24x7 row is read in hours. They read in the current language, and are
read back in English or French ("5 jours ouvrables").
"""

import re

from dashboard.kernel.i18n import N_, _, ngettext
from dashboard.kernel.rules.calendar import BUSINESS_DAY_MINUTES
from dashboard.kernel.rules.errors import InvalidInput

HOUR = 60
DAY = {"business": BUSINESS_DAY_MINUTES, "24x7": 24 * HOUR}
# Marked for the catalogue: show it as `_(EXAMPLES)`.
EXAMPLES = N_("4 h, 30 min, 1 h 30 min or 5 business days")

_PART = re.compile(
    r"\s*(?P<n>\d+(?:[.,]\d+)?)\s*(?:business\s+)?"
    r"(?P<unit>days?|d|jours?|j|hours?|hrs?|heures?|h|minutes?|mins?|m)\b"
    r"(?:\s+ouvrables?\b)?\s*",
    re.IGNORECASE,
)
# The unit a word's first letter means: day, hour or minute.
_UNITS = {"d": "d", "j": "d", "h": "h", "m": "m"}


def _days(n: int) -> str:
    return ngettext("{n} business day", "{n} business days", n).format(n=n)


def _hours(n: int) -> str:
    return ngettext("{n} business hour", "{n} business hours", n).format(n=n)


def target_text(minutes: int | None, *, calendar: str) -> str:
    """How a target reads: '4 h', '30 min' (24x7); '5 business days', '4 business
    hours', '1 business day 4 h' (business hours); '' when there is none."""
    if minutes is None:
        return ""
    if calendar == "business":
        days, rest = divmod(int(minutes), BUSINESS_DAY_MINUTES)
    else:
        days, rest = 0, int(minutes)
    hours, mins = divmod(rest, HOUR)
    parts = [_days(days)] if days else []
    if hours:
        alone = calendar == "business" and not days and not mins
        parts.append(_hours(hours) if alone else f"{hours} h")
    if mins or not parts:
        parts.append(f"{mins} min")
    return " ".join(parts)


def target_minutes(text: str, *, calendar: str, what: str) -> int | None:
    """The minutes a typed target means in its row's calendar (None when empty);
    refuses what is not a duration, naming `what` was being read."""
    typed = text.strip()
    if not typed:
        return None
    total, end = 0.0, 0
    for part in _PART.finditer(typed):
        if part.start() != end:
            break
        n = float(part["n"].replace(",", "."))
        unit = _UNITS[part["unit"][0].lower()]
        total += n * (DAY[calendar] if unit == "d" else HOUR if unit == "h" else 1)
        end = part.end()
    if end != len(typed) or total != int(total) or total < 1:
        raise InvalidInput(
            _("{what}: “{typed}” is not a duration. Write it as {examples}.").format(
                what=what, typed=typed, examples=_(EXAMPLES)
            )
        )
    return int(total)

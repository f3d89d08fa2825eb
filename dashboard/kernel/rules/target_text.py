"""A service-level target as people read and type it: "4 h", "5 business days".

Targets are kept in minutes of their row's calendar; a business day is 9 business
hours, and a 24x7 row is read in hours.
"""

import re

from dashboard.kernel.rules.calendar import BUSINESS_DAY_MINUTES
from dashboard.kernel.rules.errors import InvalidInput

HOUR = 60
DAY = {"business": BUSINESS_DAY_MINUTES, "24x7": 24 * HOUR}
EXAMPLES = "4 h, 30 min, 1 h 30 min or 5 business days"

_PART = re.compile(
    r"\s*(?P<n>\d+(?:[.,]\d+)?)\s*(?:business\s+)?"
    r"(?P<unit>days?|d|hours?|hrs?|h|minutes?|mins?|m)\b\s*",
    re.IGNORECASE,
)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


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
    parts = [_plural(days, "business day")] if days else []
    if hours:
        alone = calendar == "business" and not days and not mins
        parts.append(_plural(hours, "business hour") if alone else f"{hours} h")
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
        unit = part["unit"][0].lower()
        total += n * (DAY[calendar] if unit == "d" else HOUR if unit == "h" else 1)
        end = part.end()
    if end != len(typed) or total != int(total) or total < 1:
        raise InvalidInput(
            f"{what}: “{typed}” is not a duration. Write it as {EXAMPLES}."
        )
    return int(total)

"""Dates, numbers and durations as the current language writes them (Babel's CLDR)."""

from datetime import date, datetime

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

from dashboard.kernel.i18n.translate import DEFAULT, _, current

# English keeps the desk's ISO dates and 24-hour times; French follows fr_CA.
_CLDR = {DEFAULT: "en_CA"}
_STAMP = {DEFAULT: "yyyy-MM-dd HH:mm"}


def _locale() -> str:
    return _CLDR.get(current(), current())


def stamp(at: datetime) -> str:
    """A date and time: '2026-12-03 15:40', '2026-12-03 15 h 40'."""
    return format_datetime(at, _STAMP.get(current(), "short"), locale=_locale())


def day(on: date) -> str:
    """A date: '2026-12-03'."""
    return format_date(on, "yyyy-MM-dd", locale=_locale())


def long_day(on: date) -> str:
    """A date with its weekday: 'Thursday 3 December 2026', 'jeudi 3 décembre 2026'."""
    return format_date(on, "EEEE d MMMM yyyy", locale=_locale())


def month(on: date) -> str:
    """A month: 'December 2026', 'décembre 2026'."""
    return format_date(on, "LLLL yyyy", locale=_locale())


def clock(at: datetime) -> str:
    """A time of day: '15:40', '15 h 40'."""
    return format_datetime(
        at, "HH:mm" if current() == DEFAULT else "HH 'h' mm", locale=_locale()
    )


def number(value: float, *, digits: int = 0) -> str:
    """A number with the language's separators: '1,234', '1 234'."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, pattern, locale=_locale())


def percent(share: float, *, digits: int = 1) -> str:
    """A share as a percentage: '95.3%', '95,3 %' (rounded as Python's own format)."""
    sign = "%" if current() == DEFAULT else "\u00a0%"
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + sign
    return format_percent(round(share * 100, digits) / 100, pattern, locale=_locale())


def span(minutes: float) -> str:
    """A duration in the largest sensible units: '2 d 3 h', '3 h 5 m', '12 m'."""
    whole = int(abs(minutes))
    days, rest = divmod(whole, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return _("{days} d {hours} h").format(days=days, hours=hours)
    if hours:
        return _("{hours} h {minutes} m").format(hours=hours, minutes=mins)
    return _("{minutes} m").format(minutes=mins)

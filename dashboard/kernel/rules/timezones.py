"""Times are stored in UTC and shown in Toronto time."""

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from dashboard.kernel.i18n import FRENCH, formats, is_french

TORONTO = ZoneInfo("America/Toronto")


def local(at: datetime) -> datetime:
    """An instant in America/Toronto."""
    return at.astimezone(TORONTO)


def show(at: datetime | None, *, with_zone: bool = True) -> str:
    """An instant as people read it, in the current language: '2026-03-09 08:15 EDT',
    '2026-03-09 08 h 15 HAE'."""
    if at is None:
        return ""
    here = local(at)
    shown = formats.stamp(here)
    if not with_zone:
        return shown
    # The zone's abbreviation as each language writes it: EST/EDT, HNE/HAE.
    zone = (
        format_datetime(here, "z", locale=FRENCH)
        if is_french()
        else here.strftime("%Z")
    )
    return f"{shown} {zone}"

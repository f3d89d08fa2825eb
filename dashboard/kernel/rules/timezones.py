"""Times are stored in UTC and shown in Toronto time."""

from datetime import datetime
from zoneinfo import ZoneInfo

TORONTO = ZoneInfo("America/Toronto")


def local(at: datetime) -> datetime:
    """An instant in America/Toronto."""
    return at.astimezone(TORONTO)


def show(at: datetime | None, *, with_zone: bool = True) -> str:
    """An instant as people read it, e.g. '2026-03-09 08:15 EDT'."""
    if at is None:
        return ""
    return local(at).strftime("%Y-%m-%d %H:%M %Z" if with_zone else "%Y-%m-%d %H:%M")

"""The words of an email: one notification, one bulk change, or a daily digest."""

import re
from dataclasses import dataclass
from datetime import date

_SUBJECT = re.compile(r"^\[[^\]]+\] (?P<what>.+?): ")
SUBJECT_MAX = 250


@dataclass(frozen=True)
class Item:
    """One notification in an email."""

    subject: str
    body: str
    link: str = ""
    key: str = ""
    urgent: bool = False


@dataclass(frozen=True)
class Email:
    """A plain-text email's subject and body."""

    subject: str
    body: str
    urgent: bool = False


def _what(subject: str) -> str:
    match = _SUBJECT.match(subject)
    return match["what"] if match else subject


def _text(item: Item) -> str:
    if item.link and item.link not in item.body:
        return f"{item.body}\n\nOpen: {item.link}"
    return item.body


def _footer(settings_link: str) -> str:
    return (
        "\n\n--\nMDM/R Service Desk. Choose immediate email, a daily digest or "
        f"in-app only under My account: {settings_link}"
    )


def for_change(items: list[Item], *, name: str, settings_link: str) -> Email:
    """One email for what one change told one person (one or many tickets)."""
    urgent = any(i.urgent for i in items)
    if len(items) == 1:
        return Email(
            items[0].subject, _text(items[0]) + _footer(settings_link), urgent=urgent
        )
    whats = list(dict.fromkeys(_what(i.subject) for i in items))
    keys = list(dict.fromkeys(i.key for i in items))
    if len(keys) == 1:
        subject = f"[{keys[0]}] {len(items)} updates: {'; '.join(whats)}"
        intro = f"{len(items)} updates on {keys[0]}:"
    else:
        what = whats[0] if len(whats) == 1 else "Updates"
        subject = f"[{len(keys)} tickets] {what}"
        intro = f"One change on the service desk touched {len(keys)} tickets:"
    body = "\n\n".join([f"Hello {name},", intro, *(_listed(i) for i in items)])
    return Email(_short(subject), body + _footer(settings_link), urgent=urgent)


def _short(subject: str) -> str:
    return subject if len(subject) <= SUBJECT_MAX else subject[: SUBJECT_MAX - 1] + "…"


def digest(items: list[Item], *, name: str, day: date, settings_link: str) -> Email:
    """The daily digest: every notification since the last one, in one email."""
    count = f"{len(items)} notification{'s' if len(items) != 1 else ''}"
    subject = f"Service desk digest for {day:%A %d %B %Y}: {count}"
    intro = f"Hello {name},\n\nYour daily digest lists {count}:"
    body = "\n\n".join([intro, *(_listed(i) for i in items)])
    return Email(subject, body + _footer(settings_link))


def _listed(item: Item) -> str:
    line = f"* {item.subject}"
    return f"{line}\n  {item.link}" if item.link else line

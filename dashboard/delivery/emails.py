"""The words of an email: one notification, one bulk change, or a daily digest, in
the current language (the sender puts each email in its recipient's)."""

import re
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from dashboard.kernel.i18n import _, formats, is_french, ngettext

# '[KEY] what: title', or in French '[KEY] what : title' (a space, perhaps a
# no-break one, before the colon).
_SUBJECT = re.compile(r"^\[[^\]]+\] (?P<what>.+?)[ \u00a0\u202f]?: ")
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
        return item.body + "\n\n" + _("Open: {link}").format(link=item.link)
    return item.body


def _footer(settings_link: str) -> str:
    return "\n\n--\n" + _(
        "MDM/R Service Desk. Choose immediate email, a daily digest or in-app only "
        "under My account: {link}"
    ).format(link=settings_link)


def _hello(name: str) -> str:
    return _("Hello {name},").format(name=name)


def for_change(items: list[Item], *, name: str, settings_link: str) -> Email:
    """One email for what one change told one person (one or many tickets)."""
    urgent = any(i.urgent for i in items)
    if len(items) == 1:
        return Email(
            items[0].subject, _text(items[0]) + _footer(settings_link), urgent=urgent
        )
    whats = list(dict.fromkeys(_what(i.subject) for i in items))
    keys = list(dict.fromkeys(i.key for i in items))
    count = formats.number(len(items))
    if len(keys) == 1:
        subject = _("[{key}] {n} updates: {whats}").format(
            key=keys[0], n=count, whats="; ".join(whats)
        )
        intro = _("{n} updates on {key}:").format(n=count, key=keys[0])
    else:
        tickets = formats.number(len(keys))
        what = whats[0] if len(whats) == 1 else _("Updates")
        subject = _("[{n} tickets] {what}").format(n=tickets, what=what)
        intro = _("One change on the service desk touched {n} tickets:").format(
            n=tickets
        )
    body = "\n\n".join([_hello(name), intro, *(_listed(i) for i in items)])
    return Email(_short(subject), body + _footer(settings_link), urgent=urgent)


def _short(subject: str) -> str:
    return subject if len(subject) <= SUBJECT_MAX else subject[: SUBJECT_MAX - 1] + "…"


def digest(items: list[Item], *, name: str, day: date, settings_link: str) -> Email:
    """The daily digest: every notification since the last one, in one email."""
    count = ngettext("{n} notification", "{n} notifications", len(items)).format(
        n=formats.number(len(items))
    )
    subject = _("Service desk digest for {day}: {count}").format(
        day=_digest_day(day), count=count
    )
    intro = _("Your daily digest lists {count}:").format(count=count)
    body = "\n\n".join([_hello(name), intro, *(_listed(i) for i in items)])
    return Email(subject, body + _footer(settings_link))


def _digest_day(on: date) -> str:
    # English keeps the digest's two-digit day, 'Tuesday 03 March 2026'; French
    # writes fr_CA's long date, 'mardi 3 mars 2026'.
    if is_french():
        return formats.long_day(on)
    return format_date(on, "EEEE dd MMMM yyyy", locale="en_CA")


def _listed(item: Item) -> str:
    line = f"* {item.subject}"
    return f"{line}\n  {item.link}" if item.link else line

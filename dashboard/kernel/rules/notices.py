"""The words of a notification: a subject naming the ticket and what happened."""

from collections.abc import Callable
from dataclasses import dataclass, replace

from dashboard.kernel.i18n import Message, _, render

# What a notice says: user text, or words put in the reader's language when read (a
# Message, or a function that puts them in words).
Text = str | Message | Callable[[], str]

SUBJECT_MAX = 250
# Pages of the on-call ladder: mailed at once whatever the person's preference, and
# marked urgent, since a critical incident must reach a person.
URGENT_EVENTS = frozenset({"oncall_paged"})


def is_urgent(event: str) -> bool:
    """Whether notices of this event are urgent pages."""
    return event in URGENT_EVENTS


@dataclass(frozen=True)
class Notice:
    """One thing to tell some people, in words each reader gets in their own
    language: `words` puts the subject and body in the current language."""

    event: str
    recipients: frozenset[int]
    words: Callable[[], tuple[str, str]]

    @property
    def subject(self) -> str:
        """The subject, in the current language."""
        return _short(self.words()[0])

    @property
    def body(self) -> str:
        """The text, in the current language."""
        return self.words()[1]

    def to(self, recipients: frozenset[int]) -> "Notice":
        """The same notice for other people."""
        return replace(self, recipients=recipients)


def _short(subject: str) -> str:
    return subject if len(subject) <= SUBJECT_MAX else subject[: SUBJECT_MAX - 1] + "…"


def compose(
    *,
    event: str,
    recipients: set[int] | frozenset[int],
    ticket_key: str,
    title: str,
    what: Text,
    details: Text = "",
    link: str = "",
) -> Notice:
    """A notice about a ticket: '[INC-000123] Resolved: Billing quantities missing'."""

    def words() -> tuple[str, str]:
        said = render(what)
        subject = _("[{key}] {what}: {title}").format(
            key=ticket_key, what=said, title=title
        )
        lines = [f"{ticket_key}: {title}", "", said + "."]
        if details:
            lines += ["", render(details)]
        if link:
            lines += ["", _("Open the ticket: {link}").format(link=link)]
        return subject, "\n".join(lines)

    return Notice(event=event, recipients=frozenset(recipients), words=words)


def update_recipients(
    *,
    contact_id: int | None,
    backup_id: int | None,
    ldc_user_ids: frozenset[int],
    actor_id: int,
) -> set[int]:
    """Who hears of a public change: the named contacts, else every LDC user."""
    named = {c for c in (contact_id, backup_id) if c}
    return (named or set(ldc_user_ids)) - {actor_id}

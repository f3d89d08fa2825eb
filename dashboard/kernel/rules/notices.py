"""The words of a notification: a subject naming the ticket and what happened."""

from dataclasses import dataclass

SUBJECT_MAX = 250
# Pages of the on-call ladder: mailed at once whatever the person's preference, and
# marked urgent, since a critical incident must reach a person.
URGENT_EVENTS = frozenset({"oncall_paged"})


def is_urgent(event: str) -> bool:
    """Whether notices of this event are urgent pages."""
    return event in URGENT_EVENTS


@dataclass(frozen=True)
class Notice:
    """One thing to tell some people about one ticket."""

    event: str
    recipients: frozenset[int]
    subject: str
    body: str


def compose(
    *,
    event: str,
    recipients: set[int] | frozenset[int],
    ticket_key: str,
    title: str,
    what: str,
    details: str = "",
    link: str = "",
) -> Notice:
    """A notice about a ticket: '[INC-000123] Resolved: Billing quantities missing'."""
    subject = f"[{ticket_key}] {what}: {title}"
    if len(subject) > SUBJECT_MAX:
        subject = subject[: SUBJECT_MAX - 1] + "…"
    lines = [f"{ticket_key}: {title}", "", what + "."]
    if details:
        lines += ["", details]
    if link:
        lines += ["", f"Open the ticket: {link}"]
    return Notice(
        event=event,
        recipients=frozenset(recipients),
        subject=subject,
        body="\n".join(lines),
    )


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

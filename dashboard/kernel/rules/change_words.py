"""What others changed on a record since a user opened it, in words a person reads:
"assigned to Julia Hughes", "status changed to In progress", "severity 2 → 3"."""

from collections.abc import Mapping, Sequence
from typing import Any

from dashboard.kernel.rules.timezones import show

Event = Mapping[str, Any]
# A change of these events gave the record a new version; a comment alone does not.
VERSIONED = frozenset({"created", "status_changed", "field_changed"})
LEVELS = frozenset({"severity", "impact", "urgency"})
SHOWN_AT_MOST = 3
QUOTE_LIMIT = 60


def since_seen(
    events: Sequence[Event], *, seen: int, current: int
) -> list[list[Event]]:
    """The changes (events grouped by change, oldest first) made after version
    `seen`, up to version `current`, with the comments made since among them."""
    changes: dict[str, list[Event]] = {}
    for event in events:
        if not str(event["event_type"]).startswith("notification"):
            changes.setdefault(str(event["change_id"]), []).append(event)
    grouped = list(changes.values())
    versioned = [
        i for i, c in enumerate(grouped) if any(e["event_type"] in VERSIONED for e in c)
    ]
    newer = versioned[len(versioned) - (current - seen) :] if current > seen else []
    return grouped[newer[0] :] if newer else []


def _quoted(value: str) -> str:
    value = value if len(value) <= QUOTE_LIMIT else value[: QUOTE_LIMIT - 1] + "…"
    return f"“{value}”"


def _field(event: Event) -> str:
    field, old, new = event["field"], event["old_value"], event["new_value"]
    if field == "assignee":
        return f"assigned to {new}" if new else "unassigned"
    if field == "group":
        return f"handed to the group {new}"
    if field in LEVELS:
        return f"{field} {old or '—'} → {new or '—'}"
    if not new:
        return f"{field} cleared"
    if "\n" in str(new) or len(str(new)) > QUOTE_LIMIT:
        return f"{field} rewritten"
    return f"{field} changed to {_quoted(str(new))}"


def phrase(event: Event) -> str | None:
    """One event as a few words, or None for what says nothing (the creation)."""
    kind = event["event_type"]
    if kind == "created":
        return None
    if kind == "status_changed":
        return f"status changed to {event['new_value']}"
    if kind == "field_changed":
        return _field(event)
    if kind == "comment":
        return "added an internal work note" if event["is_internal"] else "commented"
    if kind == "attachment":
        return "attached a file"
    return str(kind).replace("_", " ")


def _one(change: Sequence[Event]) -> str:
    words = [w for w in (phrase(e) for e in change) if w]
    first = change[0]
    said = f" ({', '.join(dict.fromkeys(words))})" if words else ""
    return (
        f"by {first['actor_name'] or 'someone'} at {show(first['occurred_at'])}{said}"
    )


def what_changed(key: str, changes: Sequence[Sequence[Event]]) -> str:
    """The refusal of a save on an old version, saying who changed what since."""
    if not changes:
        told = "changed by someone else"
    else:
        shown = [_one(c) for c in changes[-SHOWN_AT_MOST:]]
        told = "changed " + (
            shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
        )
        if len(changes) > SHOWN_AT_MOST:
            told += f", after {len(changes) - SHOWN_AT_MOST} earlier changes,"
    return (
        f"{key} was {told} after you opened it. Nothing of yours was saved; your "
        "input is kept: review the ticket and save again."
    )

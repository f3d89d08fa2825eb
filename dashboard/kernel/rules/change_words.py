"""What others changed on a record since a user opened it, in words a person reads:
"assigned to Julia Hughes", "status changed to In progress", "severity 2 → 3".

The words are put in the current language when they are made."""

from collections.abc import Mapping, Sequence
from typing import Any

from dashboard.kernel.i18n import N_, _, ngettext
from dashboard.kernel.rules.timezones import show

Event = Mapping[str, Any]
# A change of these events gave the record a new version; a comment alone does not.
VERSIONED = frozenset({"created", "status_changed", "field_changed"})
LEVELS = frozenset({"severity", "impact", "urgency"})
SHOWN_AT_MOST = 3
QUOTE_LIMIT = 60

# The fields history names (stored in English), marked for the catalogue.
FIELD_NAMES = (
    N_("severity"),
    N_("impact"),
    N_("urgency"),
    N_("assignee"),
    N_("group"),
    N_("title"),
    N_("category"),
    N_("public summary"),
    N_("workaround"),
    N_("root cause"),
    N_("target release"),
    N_("resolution"),
    N_("problem"),
    N_("linked incident"),
    N_("SLA policy"),
)
# Fields whose values are the desk's own vocabulary (stored in English), put in the
# reader's language too; other values are people's text, shown as typed.
_VOCABULARY = frozenset({"category", "group", "resolution"})
# How an incident was resolved, as history stores it ("workaround" is above).
RESOLUTION_WORDS = (N_("fixed"),)


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
    return _("“{value}”").format(value=value)


def _handed(field: str, new: str | None) -> str:
    if field == "group":
        return _("handed to the group {group}").format(group=_(str(new)))
    return _("assigned to {person}").format(person=new) if new else _("unassigned")


def _field(event: Event) -> str:
    field, old, new = str(event["field"]), event["old_value"], event["new_value"]
    if field in ("assignee", "group"):
        return _handed(field, new)
    name = _(field)
    if field in LEVELS:
        return _("{field} {old} → {new}").format(
            field=name, old=old or "—", new=new or "—"
        )
    if not new:
        return _("{field} cleared").format(field=name)
    if "\n" in str(new) or len(str(new)) > QUOTE_LIMIT:
        return _("{field} rewritten").format(field=name)
    value = _(str(new)) if field in _VOCABULARY else str(new)
    return _("{field} changed to {value}").format(field=name, value=_quoted(value))


def phrase(event: Event) -> str | None:
    """One event as a few words in the current language, or None for what says
    nothing (the creation)."""
    kind = event["event_type"]
    if kind == "created":
        return None
    if kind == "status_changed":
        return _("status changed to {status}").format(status=_(str(event["new_value"])))
    if kind == "field_changed":
        return _field(event)
    if kind == "comment":
        internal = event["is_internal"]
        return _("added an internal work note") if internal else _("commented")
    if kind == "attachment":
        return _("attached a file")
    return str(kind).replace("_", " ")


def _one(change: Sequence[Event]) -> str:
    words = [w for w in (phrase(e) for e in change) if w]
    first = change[0]
    person = first["actor_name"] or _("someone")
    at = show(first["occurred_at"])
    if not words:
        return _("by {person} at {time}").format(person=person, time=at)
    return _("by {person} at {time} ({changes})").format(
        person=person, time=at, changes=", ".join(dict.fromkeys(words))
    )


def _listed(items: Sequence[str]) -> str:
    if len(items) == 1:
        return items[0]
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def what_changed(key: str, changes: Sequence[Sequence[Event]]) -> str:
    """The refusal of a save on an old version, saying who changed what since, in the
    current language."""
    if not changes:
        return _(
            "{key} was changed by someone else after you opened it. Nothing of yours "
            "was saved; your input is kept: review the ticket and save again."
        ).format(key=key)
    told = _listed([_one(c) for c in changes[-SHOWN_AT_MOST:]])
    earlier = len(changes) - SHOWN_AT_MOST
    if earlier > 0:
        return ngettext(
            "{key} was changed {changes}, after {n} earlier change, after you opened "
            "it. Nothing of yours was saved; your input is kept: review the ticket "
            "and save again.",
            "{key} was changed {changes}, after {n} earlier changes, after you opened "
            "it. Nothing of yours was saved; your input is kept: review the ticket "
            "and save again.",
            earlier,
        ).format(key=key, changes=told, n=earlier)
    return _(
        "{key} was changed {changes} after you opened it. Nothing of yours was "
        "saved; your input is kept: review the ticket and save again."
    ).format(key=key, changes=told)

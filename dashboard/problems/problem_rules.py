"""Problem rules: what an edit may change, what LDC users read, what is told."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dashboard.kernel.i18n import Message, _, formats, later, ngettext, render
from dashboard.kernel.rules.authorization import Action, Actor, may
from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.notices import Text
from dashboard.kernel.rules.reference import CATEGORY_NAMES
from dashboard.kernel.rules.ticket_text import (
    REASON_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    text_problems,
)
from dashboard.kernel.rules.workflow import PROBLEM_TRANSITIONS, Kind, check_transition

TEXT_MAX = 20_000  # description, workaround, root cause, comments

# Statuses are stored and compared in English: show them through `_()`.
# LDC users read the root cause once it is established (Known error) and after.
ROOT_CAUSE_PUBLIC = ("Known error", "Fix scheduled", "Resolved", "Closed")

# The history fields of a problem that LDC users may read (labels of field changes,
# stored in English).
PUBLIC_FIELDS = ("title", "category", "public summary", "workaround", "target release")


class LinkedElsewhere(InvalidInput):
    """The incident is linked to another problem; moving it needs a confirmation."""

    def __init__(self, message: str, *, incident_key: str, other_key: str) -> None:
        super().__init__(message)
        self.incident_key = incident_key
        self.other_key = other_key


@dataclass(frozen=True)
class ProblemDraft:
    """What an agent enters when logging a problem directly."""

    title: str
    category: str
    public_summary: str
    description: str = ""
    workaround: str = ""


@dataclass(frozen=True)
class ProblemEdit:
    """The editable fields of a problem, its next status, and why."""

    title: str
    category: str
    public_summary: str
    workaround: str
    root_cause: str
    target_release_id: int | None
    status: str
    reason: str = ""


def sees_internals(actor: Actor) -> bool:
    """Whether the actor reads a problem's internal side (description, links, notes)."""
    return may(actor, Action.SEE_INTERNAL_NOTES)


def may_edit(actor: Actor) -> bool:
    """Whether the actor may log and edit problems."""
    return may(actor, Action.EDIT_PROBLEMS)


def next_statuses(status: str) -> tuple[str, ...]:
    """The current status followed by those the workflow allows next."""
    return (status, *PROBLEM_TRANSITIONS.get(status, ()))


def check_draft(draft: ProblemDraft) -> None:
    """Refuse a new problem with every problem it has, each in a sentence."""
    found = text_problems("title", draft.title, limit=TITLE_MAX, required=True)
    found += _category(draft.category)
    found += text_problems(
        "public summary", draft.public_summary, limit=SUMMARY_MAX, required=True
    )
    found += text_problems(
        "description", draft.description, limit=TEXT_MAX, required=False
    )
    found += text_problems(
        "workaround", draft.workaround, limit=TEXT_MAX, required=False
    )
    if found:
        raise InvalidInput(" ".join(found))


def check_edit(current: str, edit: ProblemEdit, *, release_ids: frozenset[int]) -> None:
    """Refuse an edit with every problem it has, each in a sentence."""
    found = text_problems("title", edit.title, limit=TITLE_MAX, required=True)
    found += _category(edit.category)
    found += text_problems(
        "public summary", edit.public_summary, limit=SUMMARY_MAX, required=True
    )
    found += text_problems(
        "workaround", edit.workaround, limit=TEXT_MAX, required=False
    )
    found += text_problems(
        "root cause", edit.root_cause, limit=TEXT_MAX, required=False
    )
    found += text_problems("reason", edit.reason, limit=REASON_MAX, required=False)
    if edit.target_release_id is not None and edit.target_release_id not in (
        release_ids
    ):
        found.append(_("Choose a target release among the MDM/R releases."))
    if edit.status != current:
        found += _move_problems(current, edit)
    if found:
        raise InvalidInput(" ".join(found))


def _category(code: str) -> list[str]:
    return [] if code in CATEGORY_NAMES else [_("Choose a category.")]


def _move_problems(current: str, edit: ProblemEdit) -> list[str]:
    try:
        check_transition(Kind.PROBLEM, current, target=edit.status)
    except InvalidInput as refusal:
        return [refusal.message]
    if edit.status == "Known error" and not edit.root_cause.strip():
        return [_("A known error needs its root cause.")]
    if edit.status == "Fix scheduled" and edit.target_release_id is None:
        return [_("Name the target release that will carry the fix.")]
    if edit.status == "Closed" and current != "Resolved" and not edit.reason.strip():
        return [_("Say why the problem is closed without a fix deployed.")]
    return []


def told_changes(
    before: Mapping[str, Any], edit: ProblemEdit, *, release_name: str | None
) -> list[Message]:
    """What subscribers are told of an edit, one phrase per public change, to be put
    in words in each reader's language."""
    said = []
    if edit.status != before["status"]:
        said.append(
            later("Fix deployed (Resolved)")
            if edit.status == "Resolved"
            else later("Status changed to {status}", status=later(edit.status))
        )
    old = (before["workaround"] or "").strip()
    new = edit.workaround.strip()
    if new != old:
        said.append(
            later("Workaround withdrawn")
            if not new
            else (later("Workaround changed") if old else later("Workaround available"))
        )
    if edit.public_summary.strip() != (before["public_summary"] or "").strip():
        said.append(later("Summary updated"))
    if edit.target_release_id != before["target_release_id"]:
        said.append(
            later("Target release {release}", release=release_name)
            if release_name
            else later("Target release withdrawn")
        )
    return said


def public_changes(
    before: Mapping[str, Any], edit: ProblemEdit, *, release_name: str | None
) -> list[str]:
    """What subscribers are told of an edit, one phrase per public change, in the
    current language."""
    return [
        phrase.render()
        for phrase in told_changes(before, edit, release_name=release_name)
    ]


def headline(phrases: Sequence[Text]) -> str:
    """Phrases joined into one headline, each put in words in the current language:
    'Workaround changed; summary updated'."""
    said = [str(render(phrase)) for phrase in phrases]
    rest = [phrase[:1].lower() + phrase[1:] for phrase in said[1:]]
    return "; ".join(said[:1] + rest)


def public_details(
    *, status: str, summary: str, workaround: str, target_release: str | None
) -> Callable[[], str]:
    """The public fields of a problem, as a notice's body tells them: put in words
    when read, in the reader's language (the texts themselves stay as typed)."""

    def words() -> str:
        lines = [_("Status: {status}").format(status=_(status))]
        if target_release:
            lines.append(_("Target release: {release}").format(release=target_release))
        lines += ["", _("Summary: {summary}").format(summary=summary.strip() or "—")]
        lines += [
            "",
            _("Workaround: {workaround}").format(
                workaround=workaround.strip() or _("none yet")
            ),
        ]
        return "\n".join(lines)

    return words


def group_by_incidents(told: Mapping[int, set[str]]) -> dict[frozenset[str], set[int]]:
    """People to tell of a fix, grouped by the linked incidents each may hear of."""
    groups: dict[frozenset[str], set[int]] = {}
    for person, keys in told.items():
        groups.setdefault(frozenset(keys), set()).add(person)
    return groups


def affected_label(count: int, *, mdmr_wide: bool) -> str:
    """The affected LDCs as people read them: '3 LDCs', '1 LDC and MDM/R-wide'."""
    n = formats.number(count)
    if mdmr_wide:
        return ngettext(
            "{n} LDC and MDM/R-wide", "{n} LDCs and MDM/R-wide", count
        ).format(n=n)
    return ngettext("{n} LDC", "{n} LDCs", count).format(n=n)

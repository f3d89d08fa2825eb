"""How a deadline reads to people: time left, overdue, paused, met."""

from datetime import datetime

from dashboard.kernel.i18n import N_, _, formats

# Labels are English, marked for the catalogue: show them as `_(STATE_LABELS[s])`
# (or state_label, clock_label).
STATE_LABELS = {
    "breached": N_("Breached"),
    "at_risk": N_("At risk"),
    "running": N_("On track"),
    "paused": N_("Paused"),
    "met": N_("Met"),
}
CLOCK_LABELS = {
    "first_response": N_("First response"),
    "update": N_("Update"),
    "resolution": N_("Resolution"),
    "fulfilment": N_("Fulfilment"),
}


def state_label(state: str) -> str:
    """A clock's state in the current language: 'Breached'."""
    return _(STATE_LABELS.get(state, state))


def clock_label(clock: str) -> str:
    """A clock's name in the current language: 'First response'."""
    return _(CLOCK_LABELS.get(clock, clock))


def span(minutes: float) -> str:
    """A duration in the largest sensible units: '2 d 3 h', '3 h 5 m', '12 m'."""
    return formats.span(minutes)


def time_left(due_at: datetime | None, state: str | None, *, now: datetime) -> str:
    """'3 h 5 m left', 'overdue 2 d 1 h', 'paused', 'met', or '' when no clock runs;
    in the current language."""
    if state is None:
        return ""
    if state == "met" or due_at is None:
        return state_label(state)
    minutes = (due_at - now).total_seconds() / 60
    if state == "paused":
        left = _("Paused ({span} left)").format(span=span(minutes))
        return left if minutes > 0 else _("Paused (overdue)")
    if minutes < 0:
        return _("Overdue {span}").format(span=span(minutes))
    if state == "at_risk":
        return _("At risk: {span} left").format(span=span(minutes))
    return _("{span} left").format(span=span(minutes))

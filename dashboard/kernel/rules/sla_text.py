"""How a deadline reads to people: time left, overdue, paused, met."""

from datetime import datetime

STATE_LABELS = {
    "breached": "Breached",
    "at_risk": "At risk",
    "running": "On track",
    "paused": "Paused",
    "met": "Met",
}
CLOCK_LABELS = {
    "first_response": "First response",
    "update": "Update",
    "resolution": "Resolution",
    "fulfilment": "Fulfilment",
}


def span(minutes: float) -> str:
    """A duration in the largest sensible units: '2 d 3 h', '3 h 5 m', '12 m'."""
    whole = int(abs(minutes))
    days, rest = divmod(whole, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {mins} m"
    return f"{mins} m"


def time_left(due_at: datetime | None, state: str | None, *, now: datetime) -> str:
    """'3 h 5 m left', 'overdue 2 d 1 h', 'paused', 'met', or '' when no clock runs."""
    if state is None:
        return ""
    if state == "met" or due_at is None:
        return STATE_LABELS.get(state, state)
    minutes = (due_at - now).total_seconds() / 60
    if state == "paused":
        return f"Paused ({span(minutes)} left)" if minutes > 0 else "Paused (overdue)"
    if minutes < 0:
        return f"Overdue {span(minutes)}"
    prefix = "At risk: " if state == "at_risk" else ""
    return f"{prefix}{span(minutes)} left"

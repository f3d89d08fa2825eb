"""Who is on call at an instant, and which steps of the paging ladder are due.

The ladder of a severity 1 or 2 incident: the primary at once, the secondary when
the page is not acknowledged within the policy's acknowledge time, everyone (every
active Critical Incident Manager and SME manager) after twice that time. The clock
is round the clock: nights, weekends and holidays count like any hour. A step whose
role nobody holds falls through to the next at once.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from dashboard.kernel.i18n import N_, _, formats
from dashboard.kernel.rules.timezones import TORONTO, local


class Step(StrEnum):
    """The rungs of the ladder, in order."""

    PRIMARY = "primary"
    SECONDARY = "secondary"
    EVERYONE = "everyone"


ROLES = (Step.PRIMARY, Step.SECONDARY)
LADDER = (Step.PRIMARY, Step.SECONDARY, Step.EVERYONE)
# The English of each step, translated where shown (history reasons stay English).
STEP_LABELS = {
    Step.PRIMARY: N_("primary"),
    Step.SECONDARY: N_("secondary"),
    Step.EVERYONE: N_("every Critical Incident Manager and SME manager"),
}
# Each step as an urgent page names it: "you are paged (primary)".
PAGED_AS = {
    Step.PRIMARY: N_("primary"),
    Step.SECONDARY: N_("secondary"),
    Step.EVERYONE: N_("everyone"),
}
# Toronto's time zones as the desk writes them after a time.
ZONES = {"EST": N_("EST"), "EDT": N_("EDT")}
# The desk's defaults, for a policy row that has no acknowledge time.
DEFAULT_ACKNOWLEDGE_MINUTES = {1: 15, 2: 30}
PAGED = "oncall_paged"
ACKNOWLEDGED = "acknowledged"


def when(at: datetime) -> str:
    """An instant as staff read it, Toronto time, in the current language:
    '2026-03-09 08:15 EDT', '2026-03-09 08 h 15 HAE'."""
    there = local(at)
    zone = there.strftime("%Z")
    return f"{formats.stamp(there)} {_(ZONES.get(zone, zone))}"


def local_day(at: datetime) -> date:
    """The Toronto calendar date of an instant."""
    return at.astimezone(TORONTO).date()


def week_of(day: date) -> date:
    """The Monday that starts the rota week holding a day."""
    return day - timedelta(days=day.weekday())


def week_starts(at: datetime) -> datetime:
    """The instant the rota week of `at` began: Monday 00:00 in Toronto."""
    return datetime.combine(week_of(local_day(at)), time(), TORONTO)


@dataclass(frozen=True)
class Rota:
    """The rota as stored: (week's Monday, role) and (day, role) to a user id."""

    weeks: Mapping[tuple[date, str], int]
    days: Mapping[tuple[date, str], int]

    def on_call(self, at: datetime, role: Step) -> int | None:
        """Who holds the role at an instant: the day's override, else the week's."""
        day = local_day(at)
        found = self.days.get((day, role.value))
        return found if found is not None else self.weeks.get((week_of(day), role))


@dataclass(frozen=True)
class Ladder:
    """Where one incident's ladder stands, as its history tells it."""

    started_at: datetime
    done: frozenset[Step]
    acknowledged: bool


def ladder_of(events: Iterable[Mapping[str, object]]) -> Ladder | None:
    """The current ladder from an incident's paging and acknowledgement events,
    oldest first: each primary step starts a new ladder (a new raise to Sev 1–2)."""
    ladder: Ladder | None = None
    for event in events:
        kind, at = event["event_type"], event["occurred_at"]
        if kind == PAGED and event["field"] == Step.PRIMARY:
            assert isinstance(at, datetime)
            ladder = Ladder(at, frozenset({Step.PRIMARY}), acknowledged=False)
        elif kind == PAGED and ladder is not None:
            step = Step(str(event["field"]))
            ladder = Ladder(
                ladder.started_at, ladder.done | {step}, ladder.acknowledged
            )
        elif kind == ACKNOWLEDGED and ladder is not None:
            ladder = Ladder(ladder.started_at, ladder.done, acknowledged=True)
    return ladder


def due_at(step: Step, *, started_at: datetime, acknowledge_minutes: int) -> datetime:
    """When a step is due, unless acknowledged first."""
    return started_at + timedelta(minutes=acknowledge_minutes * LADDER.index(step))


@dataclass(frozen=True)
class Page:
    """One step to take now: whom to page (nobody: the step falls through)."""

    step: Step
    people: frozenset[int]


def pages_due(
    ladder: Ladder,
    *,
    now: datetime,
    acknowledge_minutes: int,
    on_call: Mapping[Step, int | None],
    everyone: frozenset[int],
) -> list[Page]:
    """The steps to take now, each once, in order; a step nobody holds falls
    through to the next at once. Nothing once acknowledged."""
    if ladder.acknowledged:
        return []
    pages: list[Page] = []
    falling = False
    for step in LADDER:
        if step in ladder.done:
            falling = False
            continue
        due = due_at(
            step, started_at=ladder.started_at, acknowledge_minutes=acknowledge_minutes
        )
        if not (falling or now >= due):
            break
        person = on_call.get(step)
        if step is Step.EVERYONE:
            people = everyone
        else:
            people = frozenset() if person is None else frozenset({person})
        pages.append(Page(step, people))
        falling = not people
    return pages


def start(now: datetime) -> Ladder:
    """A ladder starting now, nothing paged yet."""
    return Ladder(now, frozenset(), acknowledged=False)


def acknowledge_minutes(severity: int, *, policy: int | None) -> int:
    """The policy row's acknowledge time, else the desk's default for the severity."""
    return policy if policy else DEFAULT_ACKNOWLEDGE_MINUTES[severity]


def next_step(ladder: Ladder) -> Step | None:
    """The step the ladder climbs to next, if any remains."""
    return next((s for s in LADDER if s not in ladder.done), None)

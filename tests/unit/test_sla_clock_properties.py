"""Properties every SLA clock keeps, over generated ticket histories."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dashboard.kernel.rules.calendar import calendar_for
from dashboard.kernel.rules.calendar_index import CalendarIndex
from dashboard.kernel.rules.catalogue import CATALOGUE
from dashboard.kernel.rules.sla_clock import (
    Clock,
    ClockState,
    History,
    SlaCalendar,
    StatusChange,
    compute_clocks,
)
from dashboard.kernel.rules.sla_policy import DEFAULT_POLICY
from dashboard.kernel.rules.workflow import (
    DONE_STATUSES,
    INITIAL_STATUS,
    PAUSING_STATUSES,
    Kind,
    allowed_next,
)

SOURCES = {
    "24x7": calendar_for("24x7"),
    "business": calendar_for("business", closure_days=[date(2026, 3, 10)]),
}
CALENDARS: dict[str, SlaCalendar] = dict(SOURCES)
INDEXES: dict[str, SlaCalendar] = {
    code: CalendarIndex.build(calendar, first_year=2025, last_year=2030)
    for code, calendar in SOURCES.items()
}
START = datetime(2026, 1, 1, tzinfo=UTC)
DAY = 86_400
PAUSE_STATUS = {
    Kind.INCIDENT: "Awaiting LDC",
    Kind.SERVICE_REQUEST: "Awaiting requester",
}

gaps = st.one_of(
    st.just(0), st.integers(1, 3_600), st.integers(1, 5 * DAY), st.integers(1, 40 * DAY)
)


@st.composite
def histories(draw: st.DrawFn) -> tuple[History, datetime]:
    """A ticket whose statuses follow the workflow, and a `now` after its last event."""
    kind = draw(st.sampled_from([Kind.INCIDENT, Kind.SERVICE_REQUEST]))
    created = START + timedelta(seconds=draw(st.integers(0, 330 * DAY)))
    at, status = created, INITIAL_STATUS[kind]
    statuses: list[StatusChange] = []
    comments: list[datetime] = []
    for _ in range(draw(st.integers(0, 10))):
        at += timedelta(seconds=draw(gaps))
        nexts = allowed_next(kind, status)
        move: bool = draw(st.booleans())
        if nexts and move:
            status = draw(st.sampled_from(nexts))
            statuses.append(StatusChange(at, status, draw(st.booleans())))
        else:
            comments.append(at)
    severities = [(created, draw(st.integers(1, 4)))]
    for _ in range(draw(st.integers(0, 2))):
        since = created + (at - created) * draw(st.floats(0, 1))
        severities.append((max(since, severities[-1][0]), draw(st.integers(1, 4))))
    history = History(
        kind=kind,
        created_at=created,
        filed_by_staff=draw(st.booleans()),
        statuses=tuple(statuses),
        staff_public_comments=tuple(comments),
        severities=tuple(severities) if kind is Kind.INCIDENT else (),
        request_type=draw(st.sampled_from([r.code for r in CATALOGUE])),
    )
    return history, at + timedelta(seconds=draw(gaps))


def clocks_at(
    history: History, now: datetime, *, calendars: dict[str, SlaCalendar] = CALENDARS
) -> dict[str, Clock]:
    """The history's clocks at `now`, by name."""
    clocks = compute_clocks(history, DEFAULT_POLICY, calendars=calendars, now=now)
    return {clock.name: clock for clock in clocks}


@settings(max_examples=200)
@given(histories())
def test_a_met_clock_never_stopped_after_its_due_time(
    case: tuple[History, datetime],
) -> None:
    for clock in clocks_at(*case).values():
        assert clock.state is not ClockState.MET or (
            clock.stopped_at is not None and clock.stopped_at <= clock.due_at
        )


@given(histories())
def test_paused_and_elapsed_minutes_are_never_negative(
    case: tuple[History, datetime],
) -> None:
    for clock in clocks_at(*case).values():
        assert clock.paused_minutes >= 0 and clock.elapsed_minutes >= 0


@settings(max_examples=200)
@given(histories())
def test_elapsed_and_paused_add_up_to_the_calendar_time_from_start_to_stop_or_now(
    case: tuple[History, datetime],
) -> None:
    history, now = case
    for clock in clocks_at(history, now).values():
        calendar = CALENDARS[clock.calendar]
        end = clock.stopped_at or now
        spanned = calendar.business_minutes_between(clock.started_at, end)
        total = clock.elapsed_minutes + clock.paused_minutes
        assert total == pytest.approx(spanned, rel=1e-12, abs=1e-9)


@settings(max_examples=200)
@given(histories(), gaps)
def test_a_later_now_never_changes_a_met_clock(
    case: tuple[History, datetime], wait: int
) -> None:
    history, now = case
    later = clocks_at(history, now + timedelta(seconds=wait))
    for name, clock in clocks_at(history, now).items():
        if clock.state is ClockState.MET:
            assert later[name] == clock


@st.composite
def histories_with_an_added_pause(draw: st.DrawFn) -> tuple[History, History, datetime]:
    """A history, the same with one more pause in an open status, and `now`."""
    history, now = draw(histories())
    kind, changes = history.kind, history.statuses
    starts = [history.created_at] + [c.at for c in changes]
    ends = starts[1:] + [now]
    statuses = [INITIAL_STATUS[kind]] + [c.to_status for c in changes]
    resting = PAUSING_STATUSES | DONE_STATUSES[kind]
    segments = [
        (index, int((end - start).total_seconds()))
        for index, (start, end) in enumerate(zip(starts, ends, strict=True))
        if statuses[index] not in resting
    ]
    segments = [(index, length) for index, length in segments if length >= 3]
    assume(segments)
    index, length = draw(st.sampled_from(segments))
    begin = draw(st.integers(1, length - 2))
    pause = starts[index] + timedelta(seconds=begin)
    added = [StatusChange(pause, PAUSE_STATUS[kind], by_staff=False)]
    if index < len(statuses) - 1 or draw(st.booleans()):
        back = starts[index] + timedelta(
            seconds=draw(st.integers(begin + 1, length - 1))
        )
        added.append(StatusChange(back, statuses[index], by_staff=False))
    paused = sorted([*changes, *added], key=lambda change: change.at)
    return history, _replace_statuses(history, tuple(paused)), now


def _replace_statuses(history: History, statuses: tuple[StatusChange, ...]) -> History:
    return History(
        kind=history.kind,
        created_at=history.created_at,
        filed_by_staff=history.filed_by_staff,
        statuses=statuses,
        staff_public_comments=history.staff_public_comments,
        severities=history.severities,
        request_type=history.request_type,
    )


@settings(max_examples=200)
@given(histories_with_an_added_pause())
def test_adding_a_pause_never_makes_a_due_time_earlier(
    case: tuple[History, History, datetime],
) -> None:
    history, paused, now = case
    with_pause = clocks_at(paused, now)
    for name, clock in clocks_at(history, now).items():
        assert with_pause[name].due_at >= clock.due_at


@given(histories())
def test_clocks_on_a_calendar_index_equal_those_on_the_calendar(
    case: tuple[History, datetime],
) -> None:
    assert clocks_at(*case, calendars=INDEXES) == clocks_at(*case)

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.oncall.oncall_rules import (
    Ladder,
    Rota,
    Step,
    ladder_of,
    pages_due,
    start,
    week_of,
    week_starts,
)

T0 = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # Monday 09:00 in Toronto
ON_CALL = {Step.PRIMARY: 1, Step.SECONDARY: 2}
EVERYONE = frozenset({1, 2, 3, 9})


def due(ladder: Ladder, minutes: float, *, on_call=ON_CALL) -> list[Step]:
    pages = pages_due(
        ladder,
        now=ladder.started_at + timedelta(minutes=minutes),
        acknowledge_minutes=15,
        on_call=on_call,
        everyone=EVERYONE,
    )
    return [p.step for p in pages]


@pytest.mark.parametrize(
    "case",
    [
        ((), 0, [Step.PRIMARY]),
        ((Step.PRIMARY,), 14.9, []),
        ((Step.PRIMARY,), 15, [Step.SECONDARY]),
        ((Step.PRIMARY,), 31, [Step.SECONDARY, Step.EVERYONE]),
        ((Step.PRIMARY, Step.SECONDARY), 29, []),
        ((Step.PRIMARY, Step.SECONDARY), 30, [Step.EVERYONE]),
        ((Step.PRIMARY, Step.SECONDARY, Step.EVERYONE), 600, []),
    ],
)
def test_each_step_comes_at_its_time_and_once(case) -> None:
    done, minutes, expected = case
    ladder = Ladder(T0, frozenset(done), acknowledged=False)
    assert due(ladder, minutes) == expected


def test_an_acknowledged_ladder_climbs_no_further() -> None:
    assert due(Ladder(T0, frozenset({Step.PRIMARY}), acknowledged=True), 90) == []


def test_a_role_nobody_holds_falls_to_the_next_step_at_once() -> None:
    assert due(start(T0), 0, on_call={Step.PRIMARY: None, Step.SECONDARY: 2}) == [
        Step.PRIMARY,
        Step.SECONDARY,
    ]


def test_an_empty_rota_pages_everyone_at_once() -> None:
    pages = pages_due(
        start(T0),
        now=T0,
        acknowledge_minutes=15,
        on_call={Step.PRIMARY: None, Step.SECONDARY: None},
        everyone=EVERYONE,
    )
    assert [(p.step, p.people) for p in pages][-1] == (Step.EVERYONE, EVERYONE)


@given(st.floats(min_value=0, max_value=10_000))
def test_no_step_is_ever_taken_twice(minutes: float) -> None:
    ladder = start(T0)
    taken: list[Step] = []
    for at in (0, minutes / 2, minutes, minutes):
        steps = due(ladder, at)
        taken += steps
        ladder = Ladder(T0, ladder.done | set(steps), acknowledged=False)
    assert len(taken) == len(set(taken))


def test_a_day_override_beats_its_week() -> None:
    rota = Rota(
        weeks={(date(2026, 3, 2), "primary"): 1},
        days={(date(2026, 3, 4), "primary"): 7},
    )
    wednesday = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
    assert rota.on_call(wednesday, Step.PRIMARY) == 7
    assert rota.on_call(T0, Step.PRIMARY) == 1


def test_sunday_night_in_toronto_is_still_the_ending_week_though_utc_says_monday() -> (
    None
):
    sunday_late = datetime(2026, 3, 9, 3, 30, tzinfo=UTC)  # Sun 8 Mar 23:30 EDT
    assert week_of(sunday_late.astimezone(UTC).date()) == date(2026, 3, 9)
    rota = Rota(weeks={(date(2026, 3, 2), "primary"): 1}, days={})
    assert rota.on_call(sunday_late, Step.PRIMARY) == 1


def test_the_week_after_the_spring_change_starts_at_local_midnight() -> None:
    # 8 March 2026 moves Toronto to EDT: the next Monday starts at 04:00 UTC.
    assert week_starts(datetime(2026, 3, 9, 12, tzinfo=UTC)).astimezone(
        UTC
    ) == datetime(2026, 3, 9, 4, tzinfo=UTC)
    assert week_starts(T0).astimezone(UTC) == datetime(2026, 3, 2, 5, tzinfo=UTC)


def test_a_new_primary_page_starts_a_new_ladder() -> None:
    events = [
        {"event_type": "oncall_paged", "field": "primary", "occurred_at": T0},
        {"event_type": "acknowledged", "field": None, "occurred_at": T0},
        {
            "event_type": "oncall_paged",
            "field": "primary",
            "occurred_at": T0 + timedelta(hours=1),
        },
    ]
    ladder = ladder_of(events)
    assert ladder == Ladder(
        T0 + timedelta(hours=1), frozenset({Step.PRIMARY}), acknowledged=False
    )


def test_an_urgent_email_carries_the_three_priority_headers() -> None:
    from dashboard.delivery.delivery_smtp import message
    from dashboard.delivery.emails import Email
    from dashboard.kernel.mail_config import SmtpSettings

    settings = SmtpSettings(
        host="h",
        port=25,
        security="none",
        user="",
        password="",
        sender="d@x",
        timeout=5,
    )
    mail = message(
        settings, Email("s", "b", urgent=True), to="a@x", name="A", message_id="<1@x>"
    )
    assert (mail["Importance"], mail["X-Priority"], mail["Priority"]) == (
        "high",
        "1",
        "urgent",
    )

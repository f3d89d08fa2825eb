"""The SLA clocks of one ticket, computed from its history at a frozen instant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from dashboard.kernel.rules.calendar import ZONE, calendar_for
from dashboard.kernel.rules.sla_clock import (
    Clock,
    ClockName,
    ClockState,
    History,
    StatusChange,
    compute_clocks,
)
from dashboard.kernel.rules.sla_defaults import Target
from dashboard.kernel.rules.sla_policy import DEFAULT_POLICY, SlaPolicy
from dashboard.kernel.rules.workflow import Kind

CALENDARS = {"24x7": calendar_for("24x7"), "business": calendar_for("business")}
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=ZONE)


def toronto(  # noqa: PLR0917 - reads as datetime(...)
    month: int, day: int, hour: int, minute: int = 0, year: int = 2026
) -> datetime:
    """A Toronto wall-clock instant."""
    return datetime(year, month, day, hour, minute, tzinfo=ZONE)


def staff(at: datetime, status: str) -> StatusChange:
    """A status change made by SME or OSP staff."""
    return StatusChange(at, status, by_staff=True)


def ldc(at: datetime, status: str) -> StatusChange:
    """A status change made by an LDC user (or by the desk on the LDC's reply)."""
    return StatusChange(at, status, by_staff=False)


def incident(
    *,
    severity: int = 3,
    created: datetime = MONDAY,
    statuses: tuple[StatusChange, ...] = (),
    comments: tuple[datetime, ...] = (),
    raised: tuple[tuple[datetime, int], ...] = (),
    filed_by_staff: bool = False,
) -> History:
    """An incident filed by an LDC user unless told otherwise."""
    return History(
        kind=Kind.INCIDENT,
        created_at=created,
        filed_by_staff=filed_by_staff,
        statuses=statuses,
        staff_public_comments=comments,
        severities=((created, severity), *raised),
    )


def request(*statuses: StatusChange, code: str = "gui_password_reset") -> History:
    """A service request filed on Monday 09:00 (1 business day target)."""
    return History(
        kind=Kind.SERVICE_REQUEST,
        created_at=MONDAY,
        statuses=statuses,
        request_type=code,
    )


def clock(
    history: History,
    name: ClockName,
    *,
    now: datetime,
    policy: SlaPolicy = DEFAULT_POLICY,
) -> Clock:
    """The named clock of the history at `now`."""
    clocks = compute_clocks(history, policy, calendars=CALENDARS, now=now)
    (found,) = (c for c in clocks if c.name is name)
    return found


FIRST, UPDATE, RESOLUTION = (
    ClockName.FIRST_RESPONSE,
    ClockName.UPDATE,
    ClockName.RESOLUTION,
)


# --- Which clocks run -------------------------------------------------------------


def test_incident_runs_first_response_update_and_resolution_clocks() -> None:
    history = incident(statuses=(staff(toronto(3, 2, 9, 30), "In progress"),))
    clocks = compute_clocks(
        history, DEFAULT_POLICY, calendars=CALENDARS, now=toronto(3, 2, 10)
    )
    assert [c.name for c in clocks] == [FIRST, UPDATE, RESOLUTION]


def test_update_clock_is_absent_until_the_first_response_is_met() -> None:
    clocks = compute_clocks(
        incident(), DEFAULT_POLICY, calendars=CALENDARS, now=toronto(3, 2, 10)
    )
    assert [c.name for c in clocks] == [FIRST, RESOLUTION]


def test_service_request_runs_only_the_fulfilment_clock() -> None:
    clocks = compute_clocks(
        request(), DEFAULT_POLICY, calendars=CALENDARS, now=toronto(3, 2, 10)
    )
    assert [c.name for c in clocks] == [ClockName.FULFILMENT]


def test_problem_runs_no_clocks() -> None:
    problem = History(kind=Kind.PROBLEM, created_at=MONDAY)
    assert (
        compute_clocks(problem, DEFAULT_POLICY, calendars=CALENDARS, now=MONDAY) == ()
    )


# --- First response ---------------------------------------------------------------


def test_staff_public_comment_meets_the_first_response() -> None:
    history = incident(comments=(toronto(3, 2, 10),))
    first = clock(history, FIRST, now=toronto(3, 2, 12))
    assert (first.state, first.stopped_at) == (ClockState.MET, toronto(3, 2, 10))


def test_move_to_in_progress_meets_the_first_response() -> None:
    history = incident(statuses=(staff(toronto(3, 2, 9, 30), "In progress"),))
    first = clock(history, FIRST, now=toronto(3, 2, 12))
    assert (first.state, first.stopped_at) == (ClockState.MET, toronto(3, 2, 9, 30))


def test_first_response_is_met_at_creation_when_staff_filed_the_incident() -> None:
    first = clock(incident(filed_by_staff=True), FIRST, now=toronto(3, 2, 12))
    assert (first.state, first.stopped_at) == (ClockState.MET, MONDAY)


def test_ldc_comment_does_not_meet_the_first_response() -> None:
    # By the History contract an LDC comment is not a staff public comment, so the
    # caller passes nothing for it: the clock keeps running.
    first = clock(incident(comments=()), FIRST, now=toronto(3, 2, 10))
    assert (first.state, first.stopped_at) == (ClockState.RUNNING, None)


def test_assignment_does_not_meet_the_first_response() -> None:
    history = incident(statuses=(staff(toronto(3, 2, 9, 10), "Assigned"),))
    assert clock(history, FIRST, now=toronto(3, 2, 10)).stopped_at is None


def test_first_response_given_after_its_due_is_breached() -> None:
    history = incident(comments=(toronto(3, 2, 14),))
    assert clock(history, FIRST, now=toronto(3, 2, 15)).state is ClockState.BREACHED


def test_unanswered_first_response_past_its_due_is_breached() -> None:
    assert (
        clock(incident(), FIRST, now=toronto(3, 2, 13, 1)).state is ClockState.BREACHED
    )


def test_resolving_without_a_response_stops_the_first_response() -> None:
    history = incident(statuses=(staff(toronto(3, 2, 9, 20), "Cancelled"),))
    first = clock(history, FIRST, now=toronto(3, 2, 12))
    assert (first.state, first.stopped_at) == (ClockState.MET, toronto(3, 2, 9, 20))


def test_ticket_opened_after_friday_close_is_due_monday_noon() -> None:
    history = incident(created=toronto(3, 6, 18))
    first = clock(history, FIRST, now=toronto(3, 6, 18))
    assert first.due_at == toronto(3, 9, 12)


def test_first_response_met_under_sev4_stays_met_after_raise_to_sev1() -> None:
    history = incident(
        severity=4, comments=(toronto(3, 2, 11),), raised=((toronto(3, 2, 12), 1),)
    )
    first = clock(history, FIRST, now=toronto(3, 2, 13))
    assert (first.state, first.policy_key) == (ClockState.MET, "incident:4")


# --- Update ------------------------------------------------------------------------


def test_update_clock_starts_when_the_first_response_is_met() -> None:
    history = incident(comments=(toronto(3, 2, 10),))
    assert clock(history, UPDATE, now=toronto(3, 2, 12)).started_at == toronto(3, 2, 10)


def test_update_clock_restarts_at_a_staff_public_comment() -> None:
    history = incident(
        statuses=(staff(toronto(3, 2, 9, 30), "In progress"),),
        comments=(toronto(3, 3, 10),),
    )
    assert clock(history, UPDATE, now=toronto(3, 3, 11)).started_at == toronto(3, 3, 10)


def test_update_clock_restarts_at_a_status_change_by_staff() -> None:
    history = incident(
        statuses=(
            staff(toronto(3, 2, 9, 30), "In progress"),
            staff(toronto(3, 2, 11), "Awaiting vendor"),
        )
    )
    assert clock(history, UPDATE, now=toronto(3, 2, 12)).started_at == toronto(3, 2, 11)


def test_update_clock_does_not_restart_on_an_internal_note_or_ldc_comment() -> None:
    # Internal notes and LDC comments stay out of staff_public_comments by contract.
    history = incident(statuses=(staff(toronto(3, 2, 9, 30), "In progress"),))
    update = clock(history, UPDATE, now=toronto(3, 3, 11))
    assert update.started_at == toronto(3, 2, 9, 30)


def test_update_clock_does_not_restart_on_a_status_change_by_the_ldc() -> None:
    history = incident(
        statuses=(
            staff(toronto(3, 2, 9, 30), "In progress"),
            staff(toronto(3, 2, 10), "Awaiting LDC"),
            ldc(toronto(3, 2, 11), "In progress"),
        )
    )
    assert clock(history, UPDATE, now=toronto(3, 2, 12)).started_at == toronto(3, 2, 10)


def test_update_clock_is_paused_in_awaiting_ldc() -> None:
    history = incident(
        statuses=(
            staff(toronto(3, 2, 9, 30), "In progress"),
            staff(toronto(3, 2, 10), "Awaiting LDC"),
        )
    )
    update = clock(history, UPDATE, now=toronto(3, 2, 12))
    assert (update.state, update.paused_minutes) == (ClockState.PAUSED, 120)


def test_pause_that_begins_before_the_update_clock_starts_holds_it_paused() -> None:
    history = incident(
        statuses=(
            staff(toronto(3, 2, 9, 10), "Assigned"),
            staff(toronto(3, 2, 9, 20), "Awaiting LDC"),
        ),
        comments=(toronto(3, 2, 10),),
    )
    update = clock(history, UPDATE, now=toronto(3, 2, 12))
    assert (update.state, update.elapsed_minutes) == (ClockState.PAUSED, 0)


def test_resolving_stops_the_update_clock() -> None:
    history = incident(
        statuses=(
            staff(toronto(3, 2, 9, 30), "In progress"),
            staff(toronto(3, 2, 11), "Resolved"),
        )
    )
    update = clock(history, UPDATE, now=toronto(3, 2, 12))
    assert (update.state, update.stopped_at) == (ClockState.MET, toronto(3, 2, 11))


def test_staff_comment_on_a_resolved_incident_does_not_restart_the_update_clock() -> (
    None
):
    history = incident(
        statuses=(
            staff(toronto(3, 2, 9, 30), "In progress"),
            staff(toronto(3, 2, 11), "Resolved"),
        ),
        comments=(toronto(3, 2, 11, 30),),
    )
    update = clock(history, UPDATE, now=toronto(3, 2, 12))
    assert update.started_at == toronto(3, 2, 9, 30)


# --- Resolution and fulfilment ---------------------------------------------------


def test_pause_across_good_friday_weekend_counts_only_business_minutes() -> None:
    history = incident(
        created=toronto(4, 1, 9),
        statuses=(
            staff(toronto(4, 1, 9, 30), "In progress"),
            staff(toronto(4, 2, 10), "Awaiting LDC"),
            ldc(toronto(4, 7, 10), "In progress"),
        ),
    )
    resolution = clock(history, RESOLUTION, now=toronto(4, 7, 12))
    # Thursday 10-17, Easter Monday (open in Ontario), Tuesday 8-10.
    assert resolution.paused_minutes == 420 + 540 + 120


def test_sev1_resolution_is_due_four_real_hours_later_across_spring_forward() -> None:
    created = toronto(3, 8, 0, 30)
    resolution = clock(incident(severity=1, created=created), RESOLUTION, now=created)
    assert resolution.due_at == created.astimezone(UTC) + timedelta(hours=4)


def test_sev1_resolution_is_due_four_real_hours_later_across_fall_back() -> None:
    created = toronto(11, 1, 0, 30)
    resolution = clock(incident(severity=1, created=created), RESOLUTION, now=created)
    assert resolution.due_at == created.astimezone(UTC) + timedelta(hours=4)


def test_raising_sev3_to_sev1_counts_the_24x7_target_from_creation() -> None:
    history = incident(severity=3, raised=((toronto(3, 2, 11), 1),))
    resolution = clock(history, RESOLUTION, now=toronto(3, 2, 12))
    assert (resolution.calendar, resolution.due_at) == ("24x7", toronto(3, 2, 13))


def test_raising_sev3_to_sev1_late_leaves_the_clock_breached_at_once() -> None:
    history = incident(severity=3, raised=((toronto(3, 2, 14), 1),))
    resolution = clock(history, RESOLUTION, now=toronto(3, 2, 14))
    assert resolution.state is ClockState.BREACHED


def test_time_in_resolved_before_a_reopen_counts_as_paused() -> None:
    history = incident(
        statuses=(
            staff(toronto(3, 2, 9, 30), "In progress"),
            staff(toronto(3, 2, 11), "Resolved"),
            ldc(toronto(3, 3, 10), "In progress"),
        )
    )
    resolution = clock(history, RESOLUTION, now=toronto(3, 3, 11))
    assert resolution.paused_minutes == 360 + 120


def test_resolution_clock_runs_again_after_a_reopen() -> None:
    history = incident(
        statuses=(
            staff(toronto(3, 2, 9, 30), "In progress"),
            staff(toronto(3, 2, 11), "Resolved"),
            ldc(toronto(3, 3, 10), "In progress"),
        )
    )
    resolution = clock(history, RESOLUTION, now=toronto(3, 3, 11))
    assert (resolution.state, resolution.stopped_at) == (ClockState.RUNNING, None)


def test_closing_keeps_the_resolution_stopped_at_resolved() -> None:
    history = incident(
        statuses=(
            staff(toronto(3, 2, 9, 30), "In progress"),
            staff(toronto(3, 2, 11), "Resolved"),
            ldc(toronto(3, 3, 10), "Closed"),
        )
    )
    resolution = clock(history, RESOLUTION, now=toronto(3, 3, 11))
    assert resolution.stopped_at == toronto(3, 2, 11)


def test_cancelled_incident_stops_its_resolution_clock_as_met_or_breached() -> None:
    history = incident(statuses=(staff(toronto(3, 2, 9, 30), "Cancelled"),))
    resolution = clock(history, RESOLUTION, now=toronto(3, 2, 12))
    assert (resolution.state, resolution.stopped_at) == (
        ClockState.MET,
        toronto(3, 2, 9, 30),
    )


def test_awaiting_vendor_does_not_pause_the_resolution_clock() -> None:
    history = incident(
        statuses=(
            staff(toronto(3, 2, 9, 30), "In progress"),
            staff(toronto(3, 2, 10), "Awaiting vendor"),
        )
    )
    resolution = clock(history, RESOLUTION, now=toronto(3, 2, 12))
    assert (resolution.state, resolution.paused_minutes) == (ClockState.RUNNING, 0)


def test_fulfilment_is_paused_in_awaiting_requester() -> None:
    history = request(staff(toronto(3, 2, 10), "Awaiting requester"))
    fulfilment = clock(history, ClockName.FULFILMENT, now=toronto(3, 2, 12))
    assert (fulfilment.state, fulfilment.paused_minutes) == (ClockState.PAUSED, 120)


def test_rejected_request_stops_the_fulfilment_clock() -> None:
    history = request(
        staff(toronto(3, 2, 10), "Awaiting requester"),
        staff(toronto(3, 2, 11), "Rejected"),
    )
    fulfilment = clock(history, ClockName.FULFILMENT, now=toronto(3, 2, 12))
    assert (fulfilment.state, fulfilment.stopped_at) == (
        ClockState.MET,
        toronto(3, 2, 11),
    )


# --- States, due times and edge cases --------------------------------------------


def test_clock_is_at_risk_once_75_percent_of_its_target_has_elapsed() -> None:
    history = incident(severity=1)
    assert clock(history, RESOLUTION, now=MONDAY + timedelta(minutes=180)).at_risk


def test_clock_is_not_at_risk_below_75_percent_of_its_target() -> None:
    history = incident(severity=1)
    assert not clock(history, RESOLUTION, now=MONDAY + timedelta(minutes=179)).at_risk


def test_paused_clock_is_due_as_if_the_pause_ended_now() -> None:
    history = incident(
        severity=1,
        statuses=(
            staff(toronto(3, 2, 9, 10), "In progress"),
            staff(toronto(3, 2, 10), "Awaiting LDC"),
        ),
    )
    resolution = clock(history, RESOLUTION, now=toronto(3, 2, 11))
    assert resolution.due_at == toronto(3, 2, 14)


def test_very_long_pause_pushes_the_due_time_past_it() -> None:
    reopened = toronto(3, 1, 10, year=2029)
    history = incident(
        severity=4,
        statuses=(
            staff(toronto(3, 2, 9, 30), "In progress"),
            staff(toronto(3, 2, 10), "Awaiting LDC"),
            ldc(reopened, "In progress"),
        ),
    )
    resolution = clock(history, RESOLUTION, now=reopened + timedelta(hours=1))
    expected = CALENDARS["business"].add_business_minutes(reopened, 20 * 540 - 60)
    assert resolution.due_at == expected


def zero_policy(calendar: str) -> SlaPolicy:
    """A policy whose severity 3 targets are all zero minutes."""
    return SlaPolicy.of(9, [Target("incident:3", calendar, 0, 0, 0)])


def test_zero_minute_target_on_24x7_is_due_at_creation() -> None:
    resolution = clock(incident(), RESOLUTION, now=MONDAY, policy=zero_policy("24x7"))
    assert (resolution.due_at, resolution.state) == (MONDAY, ClockState.RUNNING)


def test_zero_minute_target_on_business_hours_is_due_at_the_next_opening() -> None:
    saturday = toronto(3, 7, 12)
    history = incident(created=saturday)
    resolution = clock(
        history, RESOLUTION, now=saturday, policy=zero_policy("business")
    )
    assert resolution.due_at == toronto(3, 9, 8)


def test_events_in_the_repeated_fall_back_hour_are_ordered_by_real_time() -> None:
    comment = datetime(2026, 11, 1, 1, 45, tzinfo=ZONE)  # EDT, 05:45 UTC
    moved = datetime(2026, 11, 1, 1, 15, fold=1, tzinfo=ZONE)  # EST, 06:15 UTC
    history = incident(
        severity=1,
        created=datetime(2026, 11, 1, 1, 0, tzinfo=ZONE),
        statuses=(staff(moved, "In progress"),),
        comments=(comment,),
    )
    first = clock(history, FIRST, now=moved)
    assert first.stopped_at == datetime(2026, 11, 1, 5, 45, tzinfo=UTC)


def test_naive_instants_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        clock(incident(), RESOLUTION, now=datetime(2026, 3, 2, 12))


def test_events_after_now_are_ignored() -> None:
    history = incident(statuses=(staff(toronto(3, 2, 12), "Resolved"),))
    assert clock(history, RESOLUTION, now=toronto(3, 2, 11)).stopped_at is None


def test_now_before_creation_is_refused() -> None:
    with pytest.raises(ValueError, match="before the ticket was created"):
        clock(incident(), RESOLUTION, now=toronto(3, 2, 8))


def test_missing_policy_row_is_a_configuration_error() -> None:
    with pytest.raises(LookupError, match="incident:3"):
        clock(incident(), RESOLUTION, now=MONDAY, policy=SlaPolicy.of(2, ()))

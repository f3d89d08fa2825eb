import pytest

from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.workflow import (
    PAUSING_STATUSES,
    Kind,
    allowed_next,
    check_transition,
    open_statuses,
    parse_ticket_key,
    statuses,
    ticket_key,
)


def test_an_incident_may_be_cancelled_only_while_new() -> None:
    cancellable = [
        s
        for s in statuses(Kind.INCIDENT)
        if "Cancelled" in allowed_next(Kind.INCIDENT, s)
    ]
    assert cancellable == ["New"]


def test_a_resolved_incident_can_be_reopened_or_closed() -> None:
    assert set(allowed_next(Kind.INCIDENT, "Resolved")) == {"Closed", "In progress"}


def test_a_closed_ticket_of_any_kind_goes_nowhere() -> None:
    assert all(allowed_next(kind, "Closed") == () for kind in Kind)


def test_a_move_the_workflow_forbids_is_refused_with_both_statuses_named() -> None:
    with pytest.raises(InvalidInput, match="from Closed to In progress"):
        check_transition(Kind.INCIDENT, "Closed", target="In progress")


def test_an_unknown_status_is_refused() -> None:
    with pytest.raises(InvalidInput, match="is not a status"):
        allowed_next(Kind.PROBLEM, "Submitted")


def test_awaiting_ldc_pauses_but_awaiting_vendor_does_not() -> None:
    assert "Awaiting LDC" in PAUSING_STATUSES
    assert "Awaiting vendor" not in PAUSING_STATUSES


def test_every_transition_target_is_a_status_of_the_same_kind() -> None:
    for kind in Kind:
        for status in statuses(kind):
            assert set(allowed_next(kind, status)) <= set(statuses(kind))


def test_open_request_statuses_exclude_the_ending_ones() -> None:
    assert open_statuses(Kind.SERVICE_REQUEST) == (
        "Submitted",
        "In fulfilment",
        "Awaiting requester",
    )


def test_keys_are_prefixed_and_zero_padded() -> None:
    assert ticket_key(Kind.INCIDENT, 123) == "INC-000123"
    assert ticket_key(Kind.SERVICE_REQUEST, 678) == "SR-000678"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("INC-000123", (Kind.INCIDENT, 123)),
        (" prb-45 ", (Kind.PROBLEM, 45)),
        ("sr-1", (Kind.SERVICE_REQUEST, 1)),
    ],
)
def test_typed_keys_are_understood_in_any_case(
    text: str, expected: tuple[Kind, int]
) -> None:
    assert parse_ticket_key(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "INC",
        "INC-",
        "INC-12a",
        "XYZ-1",
        "INC-1; DROP TABLE tickets",
        "INC-9999999999",
    ],
)
def test_malformed_keys_are_not_keys(text: str) -> None:
    assert parse_ticket_key(text) is None

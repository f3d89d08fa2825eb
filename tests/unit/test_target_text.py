import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.target_text import target_minutes, target_text


@pytest.mark.parametrize(
    ("minutes", "calendar", "text"),
    [
        (30, "24x7", "30 min"),
        (240, "24x7", "4 h"),
        (1440, "24x7", "24 h"),
        (90, "24x7", "1 h 30 min"),
        (240, "business", "4 business hours"),
        (540, "business", "1 business day"),
        (2700, "business", "5 business days"),
        (780, "business", "1 business day 4 h"),
        (None, "business", ""),
    ],
)
def test_a_target_reads_in_hours_and_business_days(
    minutes: int | None, *, calendar: str, text: str
) -> None:
    assert target_text(minutes, calendar=calendar) == text


@pytest.mark.parametrize(
    ("text", "calendar", "minutes"),
    [
        ("4 h", "24x7", 240),
        ("4h", "24x7", 240),
        ("1 h 30 min", "24x7", 90),
        ("1.5 hours", "24x7", 90),
        ("2 days", "24x7", 2880),
        ("5 business days", "business", 2700),
        ("1 business day", "business", 540),
        ("4 business hours", "business", 240),
        ("  ", "business", None),
    ],
)
def test_a_typed_target_means_minutes_of_its_calendar(
    text: str, *, calendar: str, minutes: int | None
) -> None:
    assert target_minutes(text, calendar=calendar, what="Sev 1") == minutes


@pytest.mark.parametrize("text", ["240", "four hours", "4 h and a bit", "0 h", "-4 h"])
def test_what_is_not_a_duration_is_refused_naming_the_row(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"Incident, severity 1, resolution: .*4 h"):
        target_minutes(text, calendar="24x7", what="Incident, severity 1, resolution")


@given(
    st.integers(min_value=1, max_value=525_600), st.sampled_from(["24x7", "business"])
)
def test_every_target_reads_back_as_the_same_minutes(
    minutes: int, calendar: str
) -> None:
    shown = target_text(minutes, calendar=calendar)
    assert target_minutes(shown, calendar=calendar, what="row") == minutes

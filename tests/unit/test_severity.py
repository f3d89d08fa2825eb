import pytest

from dashboard.kernel.rules.errors import InvalidInput
from dashboard.kernel.rules.severity import Classification, is_critical, severity_of

# The matrix of DESIGN section 3, written out cell by cell.
CELLS = {
    (1, 1): 1,
    (1, 2): 1,
    (1, 3): 2,
    (1, 4): 2,
    (2, 1): 1,
    (2, 2): 2,
    (2, 3): 2,
    (2, 4): 3,
    (3, 1): 2,
    (3, 2): 3,
    (3, 3): 3,
    (3, 4): 4,
    (4, 1): 3,
    (4, 2): 3,
    (4, 3): 4,
    (4, 4): 4,
}


@pytest.mark.parametrize(("impact", "urgency"), list(CELLS))
def test_each_impact_and_urgency_gives_the_matrix_severity(
    impact: int, urgency: int
) -> None:
    assert severity_of(impact, urgency) == CELLS[(impact, urgency)]


@pytest.mark.parametrize("bad", [0, 5, -1, "2", None])
def test_an_impact_outside_one_to_four_is_refused_with_a_message(bad: object) -> None:
    with pytest.raises(InvalidInput, match="Impact must be one of"):
        severity_of(bad, 2)  # type: ignore[arg-type]


def test_an_urgency_outside_one_to_four_is_refused_with_a_message() -> None:
    with pytest.raises(InvalidInput, match="Urgency must be one of"):
        severity_of(2, 9)


def test_a_classification_knows_its_severity() -> None:
    assert Classification(impact=2, urgency=4).severity == 3


def test_only_severity_one_and_two_are_critical() -> None:
    assert [is_critical(s) for s in (1, 2, 3, 4)] == [True, True, False, False]

"""A list's view read from its address and written back."""

from dashboard.kernel.rules.list_address import (
    ListAddress,
    ListShape,
    page_count,
    shown_range,
)

SHAPE = ListShape(
    sorts=("nearest deadline", "newest", "severity"),
    default_sort="nearest deadline",
    quick={"mine": "Mine", "breached": "Breached", "sev12": "Sev 1–2"},
)


def test_an_empty_address_is_the_default_view() -> None:
    assert SHAPE.read({}) == ListAddress(sort="nearest deadline")
    assert SHAPE.params(SHAPE.read({})) == {}


def test_a_view_survives_its_own_address() -> None:
    view = ListAddress(sort="severity", quick=("mine", "sev12"), size=100, page=3)
    params = SHAPE.params(view)
    assert params == {
        "quick": "mine,sev12",
        "sort": "severity",
        "size": "100",
        "page": "3",
    }
    assert SHAPE.read(params) == view


def test_a_hand_edited_address_reads_as_the_default_where_it_is_wrong() -> None:
    view = SHAPE.read(
        {
            "sort": "DROP TABLE",
            "quick": "sev12,<b>x</b>,mine,mine",
            "size": "7",
            "page": "-2",
        }
    )
    # Quick filters in the list's own order, once each; the rest defaults.
    assert view == ListAddress(sort="nearest deadline", quick=("mine", "sev12"))
    assert SHAPE.read({"page": "9" * 40}).page == 1
    assert SHAPE.read({"size": "25"}).size == 25


def test_the_range_shown_reads_like_a_grid_footer() -> None:
    assert shown_range(page=1, size=50, total=1234, noun="ticket") == (
        "1–50 of 1,234 tickets"
    )
    assert shown_range(page=25, size=50, total=1234, noun="ticket") == (
        "1,201–1,234 of 1,234 tickets"
    )
    assert shown_range(page=1, size=50, total=1, noun="ticket") == "1–1 of 1 ticket"
    assert shown_range(page=1, size=50, total=0, noun="incident") == "No incidents"
    assert "past the last page" in shown_range(page=9, size=50, total=10, noun="ticket")
    assert page_count(size=50, total=0) == 1
    assert page_count(size=50, total=101) == 3

"""What a list's address says: its page, page size, sort and quick filters.

A list's view lives in its address (`/queue?quick=mine,breached&sort=severity&page=2`)
so that it can be bookmarked and shared. Anything unknown in an address reads as the
default: a hand-edited address shows a list, never an error.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

PAGE_SIZES = (25, 50, 100)
DEFAULT_SIZE = 50
MAX_PAGE_DIGITS = 6


@dataclass(frozen=True)
class ListAddress:
    """A list's view as its address carries it."""

    sort: str
    quick: tuple[str, ...] = ()
    size: int = DEFAULT_SIZE
    page: int = 1

    def params(self, *, default_sort: str) -> dict[str, str]:
        """The view as query parameters, leaving out those at their default."""
        params: dict[str, str] = {}
        if self.quick:
            params["quick"] = ",".join(self.quick)
        if self.sort != default_sort:
            params["sort"] = self.sort
        if self.size != DEFAULT_SIZE:
            params["size"] = str(self.size)
        if self.page > 1:
            params["page"] = str(self.page)
        return params


@dataclass(frozen=True)
class ListShape:
    """The sorts and quick filters one list offers."""

    sorts: Sequence[str]
    default_sort: str
    quick: Mapping[str, str] = field(default_factory=dict)

    def read(self, params: Mapping[str, str]) -> ListAddress:
        """The view some query parameters ask for; anything unknown is the default."""
        sort = params.get("sort", self.default_sort)
        size = params.get("size", "")
        wanted = [q for q in params.get("quick", "").split(",") if q in self.quick]
        return ListAddress(
            sort=sort if sort in self.sorts else self.default_sort,
            # In the list's own order, once each, whatever the address's order.
            quick=tuple(q for q in self.quick if q in wanted),
            size=int(size)
            if size.isdigit() and int(size) in PAGE_SIZES
            else DEFAULT_SIZE,
            page=_page(params.get("page", "1")),
        )

    def params(self, address: ListAddress) -> dict[str, str]:
        """The address of a view, leaving out what is at its default."""
        return address.params(default_sort=self.default_sort)


def _page(text: str) -> int:
    if text.isdigit() and 0 < len(text) <= MAX_PAGE_DIGITS and int(text) > 0:
        return int(text)
    return 1


def shown_range(*, page: int, size: int, total: int, noun: str) -> str:
    """Which rows of how many a page shows: '1–50 of 1,234 tickets'."""
    plural = noun if total == 1 else f"{noun}s"
    if total == 0:
        return f"No {noun}s"
    first = (page - 1) * size + 1
    last = min(page * size, total)
    if first > total:
        return f"None of {total:,} {plural} (past the last page)"
    return f"{first:,}–{last:,} of {total:,} {plural}"


def page_count(*, size: int, total: int) -> int:
    """How many pages a list of `total` rows has (one, when empty)."""
    return max(1, -(-total // size))

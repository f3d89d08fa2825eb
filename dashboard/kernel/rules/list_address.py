"""What a list's address says: its page, page size, sort and quick filters.

A list's view lives in its address (`/queue?quick=mine,breached&sort=severity&page=2`)
so that it can be bookmarked and shared. Anything unknown in an address reads as the
default: a hand-edited address shows a list, never an error.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from dashboard.kernel.i18n import N_, _, formats, ngettext

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
    """Which rows of how many a page shows, in the current language: '1–50 of 1,234
    tickets'. `noun` is one of NOUNS (another reads in English)."""
    if noun not in NOUNS:
        return _english_range(page=page, size=size, total=total, noun=noun)
    shown, none, past = NOUNS[noun]
    if total == 0:
        return _(none)
    first = (page - 1) * size + 1
    last = min(page * size, total)
    count = formats.number(total)
    if first > total:
        return past(total).format(total=count)
    return shown(total).format(
        first=formats.number(first), last=formats.number(last), total=count
    )


Counted = Callable[[int], str]
# Each list's noun, worded whole: the range shown, an empty list, a page past the last.
NOUNS: dict[str, tuple[Counted, str, Counted]] = {
    "ticket": (
        lambda n: ngettext(
            "{first}–{last} of {total} ticket", "{first}–{last} of {total} tickets", n
        ),
        N_("No tickets"),
        lambda n: ngettext(
            "None of {total} ticket (past the last page)",
            "None of {total} tickets (past the last page)",
            n,
        ),
    ),
    "incident": (
        lambda n: ngettext(
            "{first}–{last} of {total} incident",
            "{first}–{last} of {total} incidents",
            n,
        ),
        N_("No incidents"),
        lambda n: ngettext(
            "None of {total} incident (past the last page)",
            "None of {total} incidents (past the last page)",
            n,
        ),
    ),
    "request": (
        lambda n: ngettext(
            "{first}–{last} of {total} request", "{first}–{last} of {total} requests", n
        ),
        N_("No requests"),
        lambda n: ngettext(
            "None of {total} request (past the last page)",
            "None of {total} requests (past the last page)",
            n,
        ),
    ),
    "problem": (
        lambda n: ngettext(
            "{first}–{last} of {total} problem", "{first}–{last} of {total} problems", n
        ),
        N_("No problems"),
        lambda n: ngettext(
            "None of {total} problem (past the last page)",
            "None of {total} problems (past the last page)",
            n,
        ),
    ),
}


def _english_range(*, page: int, size: int, total: int, noun: str) -> str:
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

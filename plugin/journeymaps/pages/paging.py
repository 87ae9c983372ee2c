"""Long listings in parts of a bounded number of rows, each part at a stable address (no MkDocs here).

A listing of ``n`` rows at ``url`` is published as ``ceil(n / size)`` parts:
the first at ``url`` itself (so existing addresses and bookmarks keep working),
the others at ``url + "page/<k>/"``. Every row is in exactly one part, in the
listing's order, and a listing with no rows still has its first part (for the
empty state).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from journeymaps.model import addresses

T = TypeVar("T")

#: Rows on one part of a listing: a page of this many table rows stays well under 1 MB and opens in well under a
#: second in a browser, while the first part still shows a useful share of a mid-sized portfolio.
ROWS_PER_PAGE = 200


def part_url(url: str, number: int) -> str:
    """The address of part ``number`` (from 1) of the listing at ``url``: the first part is the listing's own."""
    return url if number == 1 else f"{url}page/{number}/"


@dataclass(frozen=True)
class PagerLink:
    """A link of the pager: a part's number and its address relative to the part shown."""

    number: int
    href: str
    current: bool


@dataclass(frozen=True)
class Part(Generic[T]):
    """One part of a listing: its rows, where it lives and where it stands among the others."""

    listing: str  # the listing's address (that of its first part)
    number: int  # from 1
    count: int  # parts in all (at least 1)
    rows: Sequence[T]
    first: int  # position of the first row among all the listing's rows, from 0
    total: int  # rows in all the parts

    @property
    def url(self) -> str:
        """This part's address."""
        return part_url(self.listing, self.number)

    @property
    def last(self) -> int:
        """Position of the row after this part's last one (``first + len(rows)``)."""
        return self.first + len(self.rows)

    def href(self, number: int) -> str:
        """The link from this part to part ``number``."""
        return addresses.href(self.url, part_url(self.listing, number))

    def links(self, around: int = 2) -> list[PagerLink | None]:
        """The pager's links: the first and last parts and those ``around`` this one; ``None`` marks a gap."""
        shown = sorted({1, self.count, *range(max(1, self.number - around), min(self.count, self.number + around) + 1)})
        out: list[PagerLink | None] = []
        for i, number in enumerate(shown):
            if i and number != shown[i - 1] + 1:
                out.append(None)
            out.append(PagerLink(number, self.href(number), number == self.number))
        return out


def split(url: str, rows: Sequence[T], size: int = ROWS_PER_PAGE) -> list[Part[T]]:
    """The parts of the listing at ``url``: ``size`` rows each (the last may hold fewer), at least one."""
    if size < 1:
        raise ValueError("a part holds at least one row")
    count = max(1, -(-len(rows) // size))
    return [Part(url, k + 1, count, rows[k * size:(k + 1) * size], k * size, len(rows)) for k in range(count)]

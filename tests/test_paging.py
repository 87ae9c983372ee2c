"""The parts of a long listing: every row in exactly one part, stable addresses, a pager that links them."""

from __future__ import annotations

import pytest

from journeymaps.pages.paging import part_url, split


@pytest.mark.parametrize("n", [0, 1, 199, 200, 201, 999, 1000])
def test_the_parts_hold_exactly_the_rows_in_order(n: int) -> None:
    rows = list(range(n))
    parts = split("touchpoints/", rows, 200)
    assert [r for p in parts for r in p.rows] == rows
    assert all(0 < len(p.rows) <= 200 for p in parts) or n == 0
    assert [p.number for p in parts] == list(range(1, len(parts) + 1))
    assert all(p.count == len(parts) and p.total == n for p in parts)
    assert all(p.first == (p.number - 1) * 200 for p in parts)


def test_the_first_part_keeps_the_listing_address() -> None:
    parts = split("channels/email/", list(range(450)), 200)
    assert [p.url for p in parts] == ["channels/email/", "channels/email/page/2/", "channels/email/page/3/"]
    assert part_url("gaps/", 1) == "gaps/"


def test_an_empty_listing_still_has_its_first_part() -> None:
    (only,) = split("gaps/", [], 200)
    assert only.url == "gaps/" and only.rows == [] and only.count == 1


def test_the_pager_links_are_relative_and_mark_gaps() -> None:
    parts = split("touchpoints/", list(range(2000)), 200)
    fifth = parts[4]
    links = fifth.links()
    numbers = [link.number if link else None for link in links]
    assert numbers == [1, None, 3, 4, 5, 6, 7, None, 10]
    by_number = {link.number: link for link in links if link}
    assert by_number[1].href == "../../"
    assert by_number[6].href == "../6/"
    assert by_number[5].current and not by_number[4].current
    assert parts[0].href(2) == "page/2/"

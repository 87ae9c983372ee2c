"""The touchpoints listing in parts, in a real browser: the filters find rows of every part, the pager without JS."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from browser import open_page, serve, settle
from journeymaps.pages.paging import ROWS_PER_PAGE
from listing_data import read_rows
from sites import build, write

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
from generate import files  # the benchmark's generator: a portfolio of any size

pytestmark = pytest.mark.browser  # every test here starts Chromium

ROWS = "#jm-touchpoints tbody:not([hidden]) tr"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("paged-browser")
    write(root, files(40, 3, 11))
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def base(site: Path):
    with serve(site) as server:  # below a sub-path, as an intranet serves it
        yield server.base


def test_a_filter_on_the_first_part_finds_a_row_of_the_third(chromium, base: str, site: Path) -> None:
    rows = read_rows(site)
    assert len(rows) > 3 * ROWS_PER_PAGE
    target = rows[2 * ROWS_PER_PAGE + 7]  # on part 3
    page = open_page(chromium, base + "touchpoints/")
    assert page.locator(ROWS).count() == ROWS_PER_PAGE
    page.fill("input[name=q]", target["journey"])
    settle(page)
    same_map = [r for r in rows if target["journey"].lower() in
                " ".join([r["name"], r["journey"], r["action"]]).lower()]
    assert page.text_content(".jm-filter-count") == f"{len(same_map)} of {len(rows)} touchpoints match"
    assert not page.is_visible(".jm-pager")  # the pager is the part's; the matches come from every part
    link = page.locator(f"{ROWS} td:first-child a", has_text=target["name"]).first
    href = link.get_attribute("href")
    assert href.startswith(base) and href.endswith("#" + target["url"].split("#")[1])
    link.click()
    page.wait_for_url(base + target["url"])
    assert page.locator(f"[id='{target['url'].split('#')[1]}']").count() == 1
    assert page.errors == []


def test_show_more_and_clearing_the_filters(chromium, base: str, site: Path) -> None:
    rows = read_rows(site)
    matching = sum(r["type"] == "current" for r in rows)
    assert matching > ROWS_PER_PAGE
    page = open_page(chromium, base + "touchpoints/page/2/?type=current")
    settle(page)
    assert page.locator(ROWS).count() == ROWS_PER_PAGE
    assert page.text_content(".jm-filter-count").startswith(f"{matching} of {len(rows)} touchpoints match")
    page.click(".jm-more button")
    assert page.locator(ROWS).count() == min(matching, 2 * ROWS_PER_PAGE)
    assert page.input_value("select[name=type]") == "current"
    page.click("form.jm-filters button[type=reset]")
    page.wait_for_function(f"document.querySelectorAll('{ROWS}').length === {ROWS_PER_PAGE}")
    assert page.is_visible(".jm-pager")
    assert "?" not in page.url
    first = page.locator(f"{ROWS} td:first-child a").first.get_attribute("href")
    assert first.endswith(rows[ROWS_PER_PAGE]["url"].split("/")[-1])  # part 2's own first row again
    assert page.errors == []


def test_the_pager_reaches_every_part_without_javascript(chromium, base: str, site: Path) -> None:
    count = -(-len(read_rows(site)) // ROWS_PER_PAGE)
    page = open_page(chromium, base + "touchpoints/", javascript=False)
    assert not page.is_visible("form.jm-filters")
    page.locator('nav[aria-label="Parts of the touchpoints list (top)"] a', has_text="Next").click()
    page.wait_for_url(base + "touchpoints/page/2/")
    assert page.locator("#jm-touchpoints tbody tr").count() == ROWS_PER_PAGE
    page.locator('nav[aria-label="Parts of the touchpoints list (bottom)"] a', has_text="Last").click()
    page.wait_for_url(base + f"touchpoints/page/{count}/")
    page.locator(".jm-pager a", has_text="First").first.click()
    page.wait_for_url(base + "touchpoints/")
    assert page.title().startswith("Touchpoints")

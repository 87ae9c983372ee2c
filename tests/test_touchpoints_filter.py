"""The touchpoints page's filter and the sortable tables, in a real browser (Chromium driven by Playwright).

The filters read the listing's data file, so the site is served over HTTP (below a sub-path), as a site is."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import open_page, serve, settle
from portfolio_site import portfolio_site
from sites import build

pytestmark = pytest.mark.browser  # every test here starts Chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = portfolio_site(tmp_path_factory.mktemp("browser"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def base(site: Path):
    """The site's address, served below a sub-path."""
    with serve(site) as server:
        yield server.base


EMOTIONS = "#jm-touchpoints tbody:not([hidden]) tr td:last-child"


def visible_names(page) -> list[str]:
    settle(page)
    return page.eval_on_selector_all(
        "#jm-touchpoints tbody:not([hidden]) tr td:first-child a", "links => links.map(a => a.textContent)")


def test_filters_narrow_the_table(chromium, base: str) -> None:
    page = open_page(chromium, base + "touchpoints/")
    assert page.is_visible("form.jm-filters")
    assert page.text_content(".jm-filter-count") == ""  # no filter: the part's own rows
    page.select_option("select[name=persona]", "ben")
    assert visible_names(page) == ["Shop window", "Store greeting", "Help line"]
    page.select_option("select[name=department]", "sales")
    assert visible_names(page) == ["Store greeting"]
    assert page.text_content(".jm-filter-count") == "1 of 11 touchpoints match"
    assert page.url.endswith("?persona=ben&department=sales")  # a filtered view can be bookmarked
    page.select_option("select[name=stage]", "use")
    assert visible_names(page) == []
    assert page.is_visible(".jm-no-match")
    page.click("form.jm-filters button[type=reset]")
    page.wait_for_function(
        "document.querySelectorAll('#jm-touchpoints tbody:not([hidden]) tr').length === 11")
    assert not page.is_visible(".jm-no-match")
    page.select_option("select[name=device]", "-")  # "Not given"
    assert visible_names(page) == ["Order line", "order line", "Help line"]
    page.select_option("select[name=device]", "")
    page.select_option("select[name=type]", "future")
    assert visible_names(page) == ["Landing page", "Live chat", "order line"]
    page.select_option("select[name=type]", "")
    page.fill("input[name=q]", "EMAIL")
    assert visible_names(page) == ["Receipt email", "Care tips email"]
    assert page.errors == []


def test_filters_come_from_the_address(chromium, base: str) -> None:
    page = open_page(chromium, base + "touchpoints/" + "?department=support&channel=nonsense")
    assert page.input_value("select[name=department]") == "support"
    assert page.input_value("select[name=channel]") == ""  # an unknown value is ignored
    assert visible_names(page) == ["Chat bubble", "Live chat", "Help line"]


def test_sorting_by_a_column(chromium, base: str) -> None:
    page = open_page(chromium, base + "touchpoints/")
    emotion = page.locator("#jm-touchpoints thead th", has_text="Emotion")
    emotion.locator("button").click()
    assert emotion.get_attribute("aria-sort") == "ascending"
    keys = page.eval_on_selector_all(EMOTIONS, "cells => cells.map(c => c.dataset.sort)")
    assert keys == ["-2", "-1", "-1", "0", "1", "1", "1", "2", "2", "2", ""]  # no score stays last
    emotion.locator("button").click()
    assert emotion.get_attribute("aria-sort") == "descending"
    keys = page.eval_on_selector_all(EMOTIONS, "cells => cells.map(c => c.dataset.sort)")
    assert keys == ["2", "2", "2", "1", "1", "1", "0", "-1", "-1", "-2", ""]
    # ties keep map order: the landing page of ana-buys, then of ana-future
    assert visible_names(page)[:2] == ["Landing page", "Landing page"]
    page.locator("#jm-touchpoints thead th", has_text="Touchpoint").locator("button").click()
    assert visible_names(page)[:3] == ["Care tips email", "Chat bubble", "Help line"]
    # the filter still works on the sorted table
    page.select_option("select[name=persona]", "ben")
    assert visible_names(page) == ["Help line", "Shop window", "Store greeting"]


def test_other_tables_sort_too(chromium, base: str) -> None:
    page = open_page(chromium, base + "opportunities/")
    impact = page.locator("table.jm-sortable thead th", has_text="Impact")
    impact.locator("button").click()  # high, medium, low sort as 0, 1, 2; unrated last
    # the opportunities table numbers its rows as the plot numbers its marks: the title is the second cell
    titles = page.eval_on_selector_all("table.jm-sortable tbody tr td:nth-child(2)",
                                       "cells => cells.map(c => c.textContent.split(' ')[0])")
    assert titles == ["Call-back", "Staff", "Brighter"]
    impact.locator("button").click()
    titles = page.eval_on_selector_all("table.jm-sortable tbody tr td:nth-child(2)",
                                       "cells => cells.map(c => c.textContent.split(' ')[0])")
    assert titles == ["Staff", "Call-back", "Brighter"]


def test_without_javascript_the_whole_table_shows(chromium, base: str) -> None:
    page = open_page(chromium, base + "touchpoints/", javascript=False)
    assert not page.is_visible("form.jm-filters")
    assert page.locator("#jm-touchpoints tbody tr:visible").count() == 11
    assert page.locator(".jm-pager").count() == 0  # one part: no pager
    assert page.locator("button.jm-sort").count() == 0

"""The lean search index in Material's search box: a name typed lands on the thing's anchor or page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from browser import Server, serve
from sites import build, spec_site

pytestmark = pytest.mark.browser  # every test here starts Chromium

MAP = "journeys/retail/buy-running-shoes/"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    root = spec_site(tmp_path_factory.mktemp("search-browser"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    with serve(root / "site", "/maps/") as running:
        yield running



def type_in_search(page: Page, server: Server, query: str) -> None:
    """On the home page, as a reader does: click the search box and type ``query``, until its results show."""
    page.goto(server.base)
    box = page.locator(".md-search__input").first
    box.click()
    box.press_sequentially(query, delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)


@pytest.mark.parametrize(("query", "target"), [
    ("Friend's post on Instagram", MAP + "#awareness-1-friends-post-on-instagram"),  # a touchpoint
    ("No size guide in the post", MAP + "#jm-pain-awareness-1-1"),  # a pain point
])
def test_the_first_result_lands_on_the_anchor(page: Page, server: Server, query: str, target: str) -> None:
    type_in_search(page, server, query)
    first = page.locator(".md-search-result__item").first.locator("a").nth(1)  # its page, then the best section
    href = first.get_attribute("href") or ""
    assert re.sub(r"\?[^#]*", "", href).endswith(target), href
    first.click()
    path, anchor = target.split("#")
    page.wait_for_url(f"**/{path}*#{anchor}")
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()


@pytest.mark.parametrize(("query", "target"), [
    ("Live chat", "channels/live-chat/"),
    ("Customer Service", "departments/customer-service/"),
])
def test_the_first_result_of_a_channel_or_department_is_its_page(page: Page, server: Server, query: str,
                                                                  target: str) -> None:
    type_in_search(page, server, query)
    first = page.locator(".md-search-result__item").first.locator("a").first
    assert re.sub(r"\?.*", "", first.get_attribute("href") or "").endswith(target)
    first.click()
    page.wait_for_url(f"**/{target}*")
    expect(page.locator("h1").first).to_have_text(query)

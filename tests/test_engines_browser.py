"""The site written out by ``journeymaps generate`` and built by Zensical, in Chromium under an intranet sub-path.

A reader searches a touchpoint's name and lands on it on its map, the touchpoints filter finds a row, and the map
page draws its timeline: what the plugin's site does (test_search_browser.py, test_touchpoints_filter.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from browser import Server, serve
from sites import BIN, command_env, spec_site

pytestmark = pytest.mark.browser  # every test here starts Chromium

MAP = "journeys/retail/buy-running-shoes/"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    root = spec_site(tmp_path_factory.mktemp("zensical-browser"))
    for command in ([str(BIN / "journeymaps"), "generate", "--strict"],
                    [str(BIN / "zensical"), "build", "-f", "generated-site/mkdocs.yml"]):
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, env=command_env())
        assert done.returncode == 0, done.stdout + done.stderr
    site = root / "generated-site/site"
    assert (site / MAP / "index.html").is_file()
    with serve(site, "/maps/") as running:
        yield running
    shutil.rmtree(site, ignore_errors=True)



@pytest.mark.parametrize(("query", "target"), [
    ("Friend's post on Instagram", MAP + "#awareness-1-friends-post-on-instagram"),  # a touchpoint
    ("No size guide in the post", MAP + "#jm-pain-awareness-1-1"),  # a pain point
])
def test_a_search_lands_on_the_anchor(page: Page, server: Server, query: str, target: str) -> None:
    page.goto(server.base + "overview/")
    page.locator(".md-search__button").first.click()
    page.keyboard.type(query, delay=20)
    results = page.locator("a[role=option]")
    expect(results.first).to_be_visible(timeout=15_000)
    hrefs = [re.sub(r"\?[^#]*", "", results.nth(i).get_attribute("href") or "") for i in range(results.count())]
    assert any(h.endswith(target) for h in hrefs[:3]), hrefs  # no boosts in Zensical: among the first three
    results.nth(next(i for i, h in enumerate(hrefs) if h.endswith(target))).click()
    path, anchor = target.split("#")
    page.wait_for_url(f"**/{path}*#{anchor}")
    expect(page.locator(f"#{anchor}").first).to_be_in_viewport()


def test_the_map_page_draws_its_timeline_and_curve(page: Page, server: Server) -> None:
    page.goto(server.base + MAP)
    expect(page.locator(".jm-tp-name").first).to_be_visible()
    expect(page.locator("svg[class*=jm-]").first).to_be_visible()
    assert page.locator("#phase-awareness").count() == 1
    assert page.locator(".jm-search-view").is_hidden()  # what only the search reads is not shown


def test_the_generated_headings_are_in_the_table_of_contents(page: Page, server: Server) -> None:
    page.goto(server.base + "gaps/")
    ids = page.eval_on_selector_all("article h2[id]", "els => els.map(e => e.id)")
    assert ids
    for ident in ids:
        expect(page.locator(f".md-nav--secondary a[href='#{ident}']").first).to_be_attached()


def test_the_touchpoints_filter_reads_its_rows_below_the_sub_path(page: Page, server: Server) -> None:
    page.goto(server.base + "touchpoints/")
    box = page.locator("input[type=search], input[type=text]").first
    box.fill("Instagram")
    expect(page.get_by_text(re.compile(r"\b1 of \d+ touchpoints? match"))).to_be_visible(timeout=10_000)

"""The pages across maps of the sample site in a real browser, at 1400 px and at 390 px (a phone), and printed.

At both widths: no axe-core violation (WCAG 2.1 AA), and at 390 px nothing makes the page wider than the
screen (a wide table or figure scrolls inside its own box). Without JavaScript every figure is there. Printed,
no table row, mark or figure is cut across two pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from browser import Recorder, Server, axe_violations, build_sample_site, describe, serve

#: The pages of issue 14, by what they are.
PAGES = {
    "home (the overview)": "",
    "overview": "overview/",
    "opportunities": "opportunities/",
    "gaps": "gaps/",
    "compare": "compare/",
    "scenario": "compare/scenarios/buy-a-new-pair/",
    "channel": "channels/post/",
    "channel without touchpoints of its persona": "channels/search/",
    "department": "departments/logistics/",
    "departments": "departments/",
    "reviews": "reviews/",
    "reader's guide": "reading/",
}
#: The figure each page draws, as inline SVG from the server.
FIGURES = {"overview/": "table.jm-heatmap-small", "opportunities/": "svg.jm-plot", "gaps/": "svg.jm-flow",
           "compare/scenarios/buy-a-new-pair/": "svg.jm-overlay", "channels/post/": "svg.jm-stage-chart",
           "departments/logistics/": "svg.jm-stage-chart"}
PREFIX = "/intranet/journey-maps/"
WIDTHS = {"desktop": (1400, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_sample_site(tmp_path_factory.mktemp("across-browser"), PREFIX)


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[Server]:
    with serve(site, PREFIX) as running:
        yield running


def open_page(chromium: Browser, server: Server, address: str, width: str, script: bool = True) -> Page:
    w, h = WIDTHS[width]
    context = chromium.new_context(viewport={"width": w, "height": h}, java_script_enabled=script)
    page = context.new_page()
    recorder = Recorder()
    recorder.attach(page)
    response = page.goto(server.base + address)
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")
    assert recorder.errors == [] and recorder.bad_responses == []
    return page


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGES)
def test_no_wcag_violation_and_no_sideways_page(chromium: Browser, server: Server, kind: str, width: str) -> None:
    page = open_page(chromium, server, PAGES[kind], width)
    try:
        violations = axe_violations(page)
        assert violations == [], describe(violations)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than the window"
        if width == "phone":  # what is wider than a phone scrolls in its own box, which the keyboard reaches
            escaping = page.evaluate("""() => [...document.querySelectorAll('article *')].filter(e =>
                e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                && !e.closest('.jm-table-wrap, figure.jm-chart, .jm-map, .md-typeset__scrollwrap'))
                .map(e => e.tagName + '.' + e.className)""")
            assert escaping == []
    finally:
        page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("address", sorted(FIGURES))
def test_every_figure_is_there_without_javascript(chromium: Browser, server: Server, address: str) -> None:
    page = open_page(chromium, server, address, "desktop", script=False)
    try:
        figure = page.locator(FIGURES[address]).first
        assert figure.is_visible()
        box = figure.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 60
        if figure.evaluate("e => e.tagName.toLowerCase()") == "svg":
            assert figure.get_attribute("role") == "img" and figure.get_attribute("aria-label")
            assert figure.locator("desc").count() == 1  # its text alternative
    finally:
        page.context.close()


@pytest.mark.browser
def test_the_overview_links_every_figure_to_its_page(chromium: Browser, server: Server) -> None:
    page = open_page(chromium, server, "", "desktop")
    try:
        for section, target in (("lowest-steps", "compare/"), ("quick-wins", "opportunities/"),
                                ("hand-offs", "gaps/"), ("due-for-review", "reviews/"),
                                ("emotion-by-stage", "compare/")):
            hrefs = page.locator(f"section[aria-labelledby='{section}'] a").evaluate_all(
                "links => links.map(a => a.href)")
            assert server.base + target in hrefs, section
        stats = page.locator("a.jm-stat").evaluate_all("links => links.map(a => a.href)")
        assert stats == [server.base + a for a in ("journeys/", "personas/", "touchpoints/", "compare/")]
    finally:
        page.context.close()


PRINT_CHECK = """() => {
  const avoided = [...document.querySelectorAll(
      'article tr, article figure.jm-chart, article ol.jm-low > li, article .jm-stats')]
    .filter(e => getComputedStyle(e).breakInside !== 'avoid').map(e => e.tagName + '.' + e.className);
  return avoided;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("address", ["", "opportunities/", "gaps/", "departments/logistics/",
                                     "compare/scenarios/buy-a-new-pair/", "reviews/"])
def test_printed_no_cell_or_figure_is_cut(chromium: Browser, server: Server, address: str) -> None:
    page = open_page(chromium, server, address, "desktop")
    try:
        page.emulate_media(media="print")
        assert page.evaluate(PRINT_CHECK) == []
        assert page.pdf(format="A4", landscape=True, print_background=True)[:4] == b"%PDF"
    finally:
        page.context.close()

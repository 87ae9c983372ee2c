"""The sample site in a real browser: renders cleanly, stays on the host, searches, is accessible, prints."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from browser import ARTIFACTS, Recorder, Server, axe_violations, build_sample_site, describe, serve
from sites import FRESH_CONFIG, build, spec_site

pytestmark = pytest.mark.browser  # every test here starts Chromium

#: One page of every type the site publishes (address below the site root).
PAGES = {
    "home": "",
    "journey": "journeys/retail/buy-running-shoes/",
    "blueprint": "journeys/blueprints/return-or-exchange/",
    "future journey": "journeys/retail/buy-running-shoes-future/",
    "persona": "personas/maya/",
    "journeys index": "journeys/",
    "personas index": "personas/",
    "guide": "writing/",
    "comparison": "compare/",
    "stage comparison": "compare/delivery/",
    "scenario comparison": "compare/scenarios/buy-a-new-pair/",
    "channels": "channels/",
    "channel": "channels/live-chat/",
    "departments": "departments/",
    "department": "departments/customer-service/",
    "touchpoints": "touchpoints/",
    "opportunities": "opportunities/",
    "gaps": "gaps/",
    "reviews": "reviews/",
    "scenarios index": "compare/scenarios/",
    # every hand-written page of the docs folder (the home page is docs/index.md, the guide docs/writing.md)
    "format": "format/",
    "contributing": "contributing/",
    "reference": "reference/",
    "exports": "exports/",
    "history and reviews": "history-and-reviews/",
    "performance": "performance/",
}
PREFIX = "/intranet/journey-maps/"
REPO_URL = "https://github.com/stride/journey-maps"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The sample site, built with a site_url below a sub-path, as an intranet server would host it."""
    return build_sample_site(tmp_path_factory.mktemp("browser"), PREFIX)


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[Server]:
    with serve(site, PREFIX) as running:
        yield running



@pytest.mark.parametrize("kind", PAGES)
def test_page_renders_without_errors_and_stays_on_the_host(page: Page, server: Server, kind: str) -> None:
    recorder = Recorder()
    recorder.attach(page)
    response = page.goto(server.base + PAGES[kind])
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1").first).to_be_visible()
    assert recorder.errors == []
    outside = [url for url in recorder.requests if not url.startswith(server.origin + PREFIX)]
    assert outside == [], f"requests that leave the site: {outside}"
    assert recorder.bad_responses == [] and recorder.failed == []


def test_the_recorder_sees_a_missing_file(page: Page, server: Server) -> None:
    recorder = Recorder()
    recorder.attach(page)
    page.goto(server.base + "no-such-page/")
    assert recorder.bad_responses == [(server.base + "no-such-page/", 404)]


@pytest.mark.parametrize("kind", PAGES)
def test_page_has_no_wcag_aa_violations(page: Page, server: Server, kind: str) -> None:
    page.goto(server.base + PAGES[kind])
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def open_search(page: Page, server: Server) -> None:
    """Open the site search on the home page, once its index is loaded."""
    page.goto(server.base)
    page.locator(".md-search__input").first.click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=15_000)


def search(page: Page, server: Server, query: str) -> list[list[str]]:
    """The results of ``query`` in the open site search, as shown: for each page, its address and then the
    addresses of its sections (site-relative, without Material's ?h= highlight), best page first."""
    box = page.locator(".md-search__input")
    box.fill("")
    box.press("End")  # Material searches on keyup: once with the empty box, once with the whole query
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    box.fill(query)
    box.press("End")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    groups = page.locator(".md-search-result__item").evaluate_all(
        "items => items.map(li => [...li.querySelectorAll('a')].map(a => a.href))")
    return [[re.sub(r"\?[^#]*", "", href.removeprefix(server.base)) for href in group] for group in groups]


def first_result(groups: list[list[str]], location: str) -> str:
    """The first result as a person reads it: the first page, or its first section when ``location`` is one."""
    first = groups[0]
    return first[1] if "#" in location and len(first) > 1 else first[0]


#: What a search must give first on the sample site.
FIRST_RESULTS = [
    # a touchpoint: its own anchor, above the pages that merely mention it (contributing/, reference/) and the map
    # titles that share a word with it ("Ordering ... from the catalogue")
    ("Delay notification text", "journeys/retail/buy-running-shoes/#delivery-1-delay-notification-text"),
    ("Courier tracking page", "journeys/retail/buy-running-shoes/#delivery-1-courier-tracking-page"),
    ("Second order in the app", "journeys/blueprints/return-or-exchange/#retention-3-second-order-in-the-app"),
    ("Size chart in centimetres", "journeys/retail/buy-running-shoes/#consideration-2-size-chart-in-centimetres"),
    # a channel, a department, a persona: the page about it, above the maps that name it in their title or header
    # ("Returning a pair through live chat", "Harold's morning walk") and touchpoints such as "Refund email"
    ("Live chat", "channels/live-chat/"),
    ("Email", "channels/email/"),
    ("Customer Service", "departments/customer-service/"),
    ("Harold", "personas/harold/"),
    ("Maya", "personas/maya/"),
    # a pain point: its map, at the pain point in its step's column
    ("Half sizes are missing", "journeys/retail/buy-running-shoes/#jm-pain-consideration-2-2"),
    ("cut-off time", "journeys/retail/buy-running-shoes/#jm-pain-purchase-1-1"),
]


def test_search_gives_the_page_or_section_about_a_name_first(page: Page, server: Server) -> None:
    open_search(page, server)
    wrong = {}
    for query, location in FIRST_RESULTS:
        groups = search(page, server, query)
        if first_result(groups, location) != location:
            wrong[query] = groups[:3]
    assert wrong == {}
    # the pages that merely mention a touchpoint are found too, below it
    for query, mention in [("Delay notification text", "contributing/"), ("Courier tracking page", "reference/")]:
        pages = [group[0] for group in search(page, server, query)]
        assert mention in pages[1:], (query, pages)
    # Material's search weighs words, not their order: "Agent chat" and the blueprint's "Chat agent" score the same,
    # and the first of the two in the index comes first; the map's own anchor leads the next page
    groups = search(page, server, "Agent chat")
    assert first_result(groups, "#") == "journeys/blueprints/return-or-exchange/#retention-1-chat-agent"
    own = "journeys/retail/buy-running-shoes/"
    assert groups[1][:2] == [own, own + "#retention-2-agent-chat"]


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("Courier tracking page", "journeys/retail/buy-running-shoes/#delivery-1-courier-tracking-page"),
        ("Half sizes are missing", "journeys/retail/buy-running-shoes/#jm-pain-consideration-2-2"),
    ],
)
def test_search_lands_on_the_anchor_in_view(page: Page, server: Server, query: str, location: str) -> None:
    open_search(page, server)
    search(page, server, query)
    path, anchor = location.split("#")
    page.locator(".md-search-result__item").first.locator(f'a[href$="#{anchor}"]').first.click()
    page.wait_for_url(f"**/{path}*#{anchor}")
    target = page.locator(f"#{anchor}")
    expect(target).to_be_in_viewport()
    assert uncovered(target), "the sticky lane column covers the search's landing place"


def uncovered(locator: Locator) -> bool:
    """True when the middle of the element is its own, not under something else (such as a sticky column)."""
    return locator.evaluate("""el => {
        const box = el.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return hit !== null && (el.contains(hit) || hit.contains(el));
    }""")


@pytest.mark.parametrize("offline", [True, False])
def test_a_repository_link_asks_no_other_host_when_offline(chromium: Browser, tmp_path: Path, offline: bool) -> None:
    config = FRESH_CONFIG.replace("site_name: Fresh", f"site_name: Fresh\nrepo_url: {REPO_URL}")
    if not offline:
        config = config.replace("  - journeys", "  - journeys:\n      offline: false")
    root = spec_site(tmp_path, config)
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    with serve(root / "site", PREFIX) as running:
        context = chromium.new_context()
        page = context.new_page()
        recorder = Recorder()
        recorder.attach(page)
        page.goto(running.base + "journeys/retail/buy-running-shoes/")
        page.wait_for_load_state("networkidle")
        # the link to the repository stays
        expect(page.locator("a.md-source").first).to_have_attribute("href", REPO_URL)
        context.close()
    outside = [url for url in recorder.requests if not url.startswith(running.origin + PREFIX)]
    if offline:
        assert outside == []
    else:  # what the offline mode prevents: Material asks GitHub for the repository's stars and forks
        assert any(url.startswith("https://api.github.com/repos/stride/journey-maps") for url in outside), outside


def test_timeline_is_usable_by_keyboard(page: Page, server: Server) -> None:
    page.set_viewport_size({"width": 900, "height": 800})
    page.goto(server.base + PAGES["journey"])
    region = page.locator(".jm-map")
    region.focus()
    assert page.evaluate("document.activeElement.classList.contains('jm-map')")
    before = region.evaluate("el => el.scrollLeft")
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    assert region.evaluate("el => el.scrollLeft") > before
    # the arrow keys scroll smoothly: wait until the map stands still (the same offset twice, 150 ms apart)
    page.wait_for_function("""() => {
        const at = document.querySelector('.jm-map').scrollLeft, still = window.jmLastOffset === at;
        window.jmLastOffset = at;
        return still;
    }""", polling=150)
    # Tab through every link of the timeline and back: each one the keyboard reaches is in view, and not under the
    # sticky lane column on the left (which the map scrolls beneath)
    stops = region.locator("a[href]").count()
    assert stops > 30
    hidden = []
    for key in ["Tab"] * stops + ["Shift+Tab"] * (stops - 1):
        page.keyboard.press(key)
        focused = page.locator(":focus")
        assert focused.evaluate("el => el.closest('.jm-map') !== null"), f"{key} left the map"
        if not uncovered(focused):
            hidden.append((key, focused.evaluate("el => el.textContent")))
    assert hidden == [], f"{len(hidden)} focused links are hidden: {hidden[:5]}"


def test_journey_page_prints_landscape_with_the_whole_timeline(page: Page, server: Server) -> None:
    page.goto(server.base + PAGES["journey"])
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} is printed"
    # landscape A4 is 297 mm wide; less the 10 mm margins, 277 mm = ~1047 CSS px
    page.set_viewport_size({"width": 1047, "height": 740})
    table = page.locator(".jm-timeline").bounding_box()
    assert table is not None and table["x"] >= 0 and table["x"] + table["width"] <= 1047 + 1
    hidden = page.locator(".jm-map").evaluate("el => el.scrollWidth - el.clientWidth")
    assert hidden <= 1, "part of the timeline is cut off in print"
    # the map is the poster of the first page, with the strip above it; the facts and the narrative start on the
    # next page; headings and the key stay with what follows them, and no lane is cut across two pages, where it
    # would lose its name
    styles = page.evaluate("""() => {
        const css = (el, name) => getComputedStyle(el).getPropertyValue(name);
        const rows = [...document.querySelectorAll('.jm-timeline tr')];
        return {
            about: css(document.getElementById('jm-about'), 'break-before'),
            kept: [...document.querySelectorAll('.md-typeset h2, .jm-legend')].map(el => css(el, 'break-after')),
            rows: rows.length, whole: rows.filter(tr => css(tr, 'break-inside') === 'avoid').length,
        };
    }""")
    assert styles["about"] == "page"
    assert set(styles["kept"]) == {"avoid"}
    assert styles["rows"] > 8 and styles["whole"] == styles["rows"]
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "journey-page.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")


def test_journey_map_starts_on_the_first_screen_and_shows_it_scrolls(page: Page, server: Server) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(server.base + PAGES["journey"])
    # the header is compact: the phases, the steps and the first lane are on the first screen
    first_lane = page.locator(".jm-timeline tbody tr").first.bounding_box()
    assert first_lane is not None and first_lane["y"] + first_lane["height"] <= 900
    # the key explains the marks of the map
    legend = page.locator(".jm-legend")
    for words in ("step in its phase", "moment of truth", "direct touchpoint", "indirect touchpoint", "hand-off"):
        expect(legend).to_contain_text(words)
    # on a screen too narrow for its eight steps the map is wider than the screen: it says so in its corner while
    # there is more on the right, a shadow darkens the right edge until the map reaches its end, and one runs along
    # the lane column once columns are under it (at 1366 px it fits: see test_map_picture.py)
    page.set_viewport_size({"width": 1000, "height": 900})
    edges = """() => [
        Number(getComputedStyle(document.querySelector('.jm-map-frame'), '::after').opacity),
        getComputedStyle(document.querySelector('.jm-timeline th.jm-lane')).boxShadow !== 'none',
    ]"""
    note = page.locator(".jm-scroll-note")
    expect(note).to_be_visible()
    assert page.evaluate(edges) == [1, False]
    page.locator(".jm-map").evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    page.wait_for_function(f"JSON.stringify(({edges})()) === '[0,true]'")
    expect(note).to_be_hidden()
    # on a screen where the whole map fits, there is none of them
    page.set_viewport_size({"width": 3200, "height": 900})
    page.wait_for_function("(() => { const m = document.querySelector('.jm-map'); "
                           "return m.scrollWidth <= m.clientWidth; })()")
    expect(note).to_be_hidden()
    page.wait_for_function(f"JSON.stringify(({edges})()) === '[0,false]'")


@pytest.mark.parametrize("kind", ["journey", "future journey", "persona", "journeys index", "comparison",
                                  "department", "touchpoints"])
def test_screenshots_for_people_to_look_at(page: Page, server: Server, kind: str) -> None:
    page.goto(server.base + PAGES[kind])
    page.wait_for_load_state("networkidle")
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"{kind.replace(' ', '-')}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000

"""The sample site in a real browser: renders cleanly, stays on the host, searches, is accessible, prints."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser import ARTIFACTS, Recorder, Server, axe_violations, browser, describe, serve
from sites import FRESH_CONFIG, REPO, build, spec_site

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
    root = tmp_path_factory.mktemp("browser")
    for name in ("docs", "journeys", "theme_overrides"):
        shutil.copytree(REPO / name, root / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(f"site_url: https://intranet.example{PREFIX}\n" + config, encoding="utf-8")
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[Server]:
    with serve(site, PREFIX) as running:
        yield running


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with browser() as instance:
        yield instance


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    yield context.new_page()
    context.close()


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


def search(page: Page, server: Server, query: str) -> list[str]:
    """Type ``query`` into the site search as a person would; the result links, best first."""
    page.goto(server.base)
    page.locator(".md-search__input").first.click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=15_000)
    page.locator(".md-search__input").press_sequentially(query, delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    return page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("Size chart in centimetres", "journeys/retail/buy-running-shoes/#consideration-2-size-chart-in-centimetres"),
        ("Courier tracking page", "journeys/retail/buy-running-shoes/#delivery-1-courier-tracking-page"),
    ],
)
def test_search_finds_a_touchpoint_and_lands_on_its_anchor(page: Page, server: Server, query: str,
                                                           location: str) -> None:
    hrefs = search(page, server, query)
    path, anchor = location.split("#")
    # the touchpoint is the best section of the first journey page in the results
    sections = [h for h in hrefs if "#" in h and "/journeys/" in h]
    assert sections and sections[0].endswith("#" + anchor) and path in sections[0], hrefs[:8]
    page.locator(f'.md-search-result__item a[href$="#{anchor}"]').first.click()
    page.wait_for_url(f"**/{path}*#{anchor}")
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()


def test_search_finds_a_channel_a_pain_point_and_a_persona(page: Page, server: Server) -> None:
    for query, expected in [("Live chat", "/journeys/"), ("size guide", "/journeys/"), ("Harold", "/personas/harold/")]:
        hrefs = search(page, server, query)
        assert any(expected in href for href in hrefs[:5]), (query, hrefs[:5])


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
    page.goto(server.base + PAGES["journey"])
    page.set_viewport_size({"width": 900, "height": 800})
    region = page.locator(".jm-map")
    region.focus()
    assert page.evaluate("document.activeElement.classList.contains('jm-map')")
    before = region.evaluate("el => el.scrollLeft")
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    assert region.evaluate("el => el.scrollLeft") > before
    # every touchpoint heading is reachable by its link, which is focusable
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "A"


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
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "journey-page.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("kind", ["journey", "future journey", "persona", "journeys index", "comparison",
                                  "department", "touchpoints"])
def test_screenshots_for_people_to_look_at(page: Page, server: Server, kind: str) -> None:
    page.goto(server.base + PAGES[kind])
    page.wait_for_load_state("networkidle")
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"{kind.replace(' ', '-')}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000

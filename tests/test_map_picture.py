"""The journey page as a picture (issue 13): on the first screen, on a phone and on paper.

On the sample site and on a site made for these tests (tests/picture_site.py):
maps of 10 steps (a 1400 px window, one landscape A3 page), 8 steps (one
landscape A4 page), 14 steps (scrolls sideways), a day in the life with times
and a service blueprint. The tests that start Chromium are marked ``browser``;
the others read the built HTML.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

import picture_site
from browser import ARTIFACTS, Server, axe_violations, describe, serve
from journeymaps.model.load import load_corpus
from journeymaps.pages.icons import channel_kind
from picture_site import PAPER, lane_names, pdf_pages, smallest_print_font, step_boxes, text_of
from sites import REPO, build, write

SAMPLE = "journeys/retail/buy-running-shoes/"
#: One map of each type of the sample site.
SAMPLE_TYPES = {
    "current": SAMPLE,
    "future": "journeys/retail/buy-running-shoes-future/",
    "blueprint": "journeys/blueprints/return-or-exchange/",
    "day in the life": "journeys/day-in-the-life/harold-morning-walk/",
}
PICTURE_TYPES = {
    "current": "journeys/maps/ten-steps/",
    "future": "journeys/maps/future/",
    "blueprint": "journeys/maps/blueprint/",
    "day in the life": "journeys/maps/school-morning/",
}
WIDE, PHONE = {"width": 1400, "height": 900}, {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The repository's own site."""
    root = tmp_path_factory.mktemp("sample")
    for name in ("mkdocs.yml", "docs", "journeys", "theme_overrides"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def pictures(tmp_path_factory) -> Path:
    """The site of maps made for these tests."""
    root = picture_site.picture_site(tmp_path_factory.mktemp("pictures"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


def page_of(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


# --- the page as HTML ---------------------------------------------------------------------------------------------


def test_the_map_comes_right_after_the_strip(sample: Path) -> None:
    text = page_of(sample, SAMPLE)
    strip, table, about = (text.index(mark) for mark in ('class="jm-header jm-strip"', "<table class=\"jm-timeline",
                                                         'id="jm-about"'))
    assert strip < table < about
    # the strip: title, type, one status signal, goal; the facts come after the map
    head = text[strip:table]
    assert "<h1>Buying running shoes on the app</h1>" in head and "Goal</strong> Replace a worn-out" in head
    assert "<dt>" not in head
    assert text.index("<dt>Owner</dt>") > table and text.index('class="jm-facts jm-freshness"') > table
    # the narrative's introduction follows the facts, after the map
    assert text.index("our most common running shoe journey") > about


def test_one_review_signal_and_a_draft_is_never_overdue(pictures: Path) -> None:
    def badges(address: str) -> list[str]:
        strip = page_of(pictures, address).split('class="jm-header jm-strip"')[1].split("</div>")[0]
        found = re.search(r'<p class="jm-badges">(.*?)</p>', strip, re.S)
        return [text_of(b) for b in re.findall(r"<span class=\"jm-badge[^>]*>.*?</span>", found.group(1))]

    # approved and reviewed long ago: the status carries the review state, in one badge
    assert badges("journeys/maps/ten-steps") == ["Current state", "Approved · review overdue"]
    assert badges("journeys/maps/eight-steps") == ["Current state", "Approved"]
    # a draft reviewed long ago is a draft, not overdue; a map in review is in review
    assert badges("journeys/maps/blueprint") == ["Service blueprint", "Draft"]
    assert badges("journeys/maps/future") == ["Future state", "Review"]


def test_the_persona_card_beside_the_map(sample: Path, pictures: Path) -> None:
    card = re.search(r'<div class="jm-persona-card">.*?</div>\s*</div>', page_of(sample, SAMPLE), re.S).group(0)
    assert '<img class="jm-avatar" src="../../personas/images/maya.svg" alt=""' in card
    assert '<a href="../../../personas/maya/">Maya, the weekend runner</a>' in card
    assert '<span class="jm-persona-segment">Millennials</span>' in card
    assert "I trust runs in it" in text_of(card)
    # without a portrait: the initials of the name
    card = re.search(r'<div class="jm-persona-card">.*?</div>\s*</div>', page_of(pictures, "journeys/maps/ten-steps"),
                     re.S).group(0)
    assert '<span class="jm-initials" aria-hidden="true">R</span>' in card
    assert "Busy parents" in card and "I plan the week on Sunday evening" in text_of(card)


def test_persona_and_quote_text_is_escaped_on_the_card(tmp_path: Path) -> None:
    root = picture_site.picture_site(tmp_path)
    write(root, {"journeys/personas/robin.md": """
        ---
        name: "Ann <b>bold</b> & \\"Co\\", the <script>alert(1)</script> tester"
        segment: "<i>Segment</i> & co"
        quote: "She said \\"<img src=x onerror=alert(1)>\\" & left"
        image: "../x\\" onerror=\\"alert(1).png"
        ---
        """})
    (root / "journeys/x\" onerror=\"alert(1).png").write_bytes(b"\x89PNG")
    result = build(root)
    assert result.returncode == 0, result.stderr
    text = page_of(root / "site", "journeys/maps/eight-steps")
    card = re.search(r'<div class="jm-persona-card">.*?</div>\s*</div>', text, re.S).group(0)
    assert "<script>" not in card and "<b>" not in card and "<i>" not in card and "<img src=x" not in card
    assert "Ann &lt;b&gt;bold&lt;/b&gt; &amp; &#34;Co&#34;, the &lt;script&gt;alert(1)&lt;/script&gt; tester" in card
    assert "&lt;i&gt;Segment&lt;/i&gt; &amp; co" in card
    assert "She said &#34;&lt;img src=x onerror=alert(1)&gt;&#34; &amp; left" in card
    src = re.search(r'<img class="jm-avatar" src="([^"]*)"', card).group(1)
    assert "onerror" in src and '"' not in src and " " not in src  # the file name is escaped in the address
    assert text.count("<script>alert(1)") == 0


def test_lanes_of_a_map_and_no_score_badges_in_the_feeling_lane(sample: Path) -> None:
    text = page_of(sample, SAMPLE)
    assert lane_names(text) == ["Doing", "Thinking", "Feeling", "Emotion", "Touchpoints", "Pain points",
                                "Opportunities", "Evidence", "Metrics"]
    feeling = re.search(r'<tr class="jm-row-feeling">.*?</tr>', text, re.S).group(0)
    assert "jm-score" not in feeling  # the curve shows each score: no badge repeats it
    # the curve is at least 160 px tall on screen, server-made SVG with a text alternative and its axis beside it
    css = (REPO / "plugin/journeymaps/pages/static/journeymaps.css").read_text(encoding="utf-8")
    assert int(re.search(r"--jm-curve-height: (\d+)px", css).group(1)) >= 160
    svg = re.search(r'<svg class="jm-emotion-lane".*?</svg>', text, re.S).group(0)
    assert 'role="img"' in svg and "<desc>" in svg and "(moment of truth)" in svg
    assert svg.count('class="jm-mot-ring"') == 2 and svg.count('class="jm-point') == 8
    axis = re.search(r'<svg class="jm-emotion-axis".*?</svg>', text, re.S).group(0)
    assert [text_of(t) for t in re.findall(r"<text.*?</text>", axis)] == [
        "−2", "Very negative", "−1", "Negative", "0", "Neutral", "+1", "Positive", "+2", "Very positive"]


def test_blueprint_draws_its_lanes_and_lines_in_the_order_of_the_format(pictures: Path) -> None:
    text = page_of(pictures, "journeys/maps/blueprint")
    assert lane_names(text) == [
        "Evidence", "Customer actions", "Thinking", "Feeling", "Emotion", "Touchpoints", "Line of interaction",
        "Frontstage actions", "Line of visibility", "Backstage actions", "Line of internal interaction",
        "Support processes", "Pain points", "Opportunities", "Metrics"]
    assert 'class="jm-line-row jm-line-of-visibility"' in text
    for lane, words in (("frontstage", "Adviser 0 answers in the chat window"),
                        ("backstage", "Warehouse 4 checks stock of both sizes"),
                        ("support", "Order system 2 reserves the pair")):
        row = re.search(rf'<tr class="jm-row-{lane}">.*?</tr>', text, re.S).group(0)
        assert words in row
    # another map shows the lanes it fills, without lines
    assert "Line of" not in text_of(page_of(pictures, "journeys/maps/ten-steps").split("<tbody>")[1])


def test_blueprint_shows_its_three_lanes_even_when_empty(sample: Path) -> None:
    names = lane_names(page_of(sample, SAMPLE_TYPES["blueprint"]))
    assert names[names.index("Line of interaction"):names.index("Support processes") + 1] == [
        "Line of interaction", "Frontstage actions", "Line of visibility", "Backstage actions",
        "Line of internal interaction", "Support processes"]


def test_day_in_the_life_has_a_time_axis_above_the_phases(pictures: Path) -> None:
    text = page_of(pictures, "journeys/maps/school-morning")
    head = text[text.index("<thead>"):text.index("</thead>")]
    assert head.index('<tr class="jm-time-row">') < head.index('<tr class="jm-phase-row">')
    times = re.findall(r'<span class="jm-time-label">([^<]+)</span>', head)
    assert times == ["07:00", "08:15", "09:30", "10:45", "11:00", "12:15"]
    # the phase's name leads; the stage is a quiet note (the style sheet's rule for this kind of map)
    assert 'class="jm-timeline jm-journey jm-kind-day-in-the-life' in text
    css = (REPO / "plugin/journeymaps/pages/static/journeymaps.css").read_text(encoding="utf-8")
    assert re.search(r"\.jm-kind-day-in-the-life \.jm-phase \.jm-stage \{[^}]*text-transform: none", css)
    assert '<tr class="jm-time-row">' not in page_of(pictures, "journeys/maps/ten-steps")


def test_pain_points_and_opportunities_are_cards_with_icons(sample: Path) -> None:
    text = page_of(sample, SAMPLE)
    pains = re.findall(r'<li id="jm-pain-[^"]+" class="jm-pain"><svg class="jm-icon jm-icon-pain"', text)
    opps = re.findall(r'<li class="jm-opp"><svg class="jm-icon jm-icon-opportunity"', text)
    steps = [s for p in load_corpus(REPO / "journeys").journeys["retail/buy-running-shoes"].journey.phases
             for s in p.steps]
    assert len(pains) == sum(len(s.pain_points) for s in steps) > 5
    assert len(opps) == sum(len(s.opportunities) for s in steps) > 3
    row = re.search(r'<tr class="jm-row-opportunities">.*?</tr>', text, re.S).group(0)
    assert "impact high effort medium Product" in text_of(row)


def test_touchpoints_show_their_channel_icon(sample: Path, pictures: Path) -> None:
    text = page_of(sample, SAMPLE)
    metas = re.findall(r'<p class="jm-tp-meta"><a class="jm-channel" href="[^"]+"><svg class="jm-icon jm-icon-(\w+)"',
                       text)
    assert len(metas) == text.count('class="jm-tp-name"') == 14
    assert {"social", "app", "email", "website", "post", "print", "chat"} <= set(metas)
    other = page_of(pictures, "journeys/maps/fourteen-steps")
    assert re.search(r'jm-icon-touchpoint"[^>]*>.*?</svg>Carrier pigeon', other)  # a channel without an icon


@pytest.mark.parametrize(("channel", "kind"), [
    ("email", "email"), ("phone", "phone"), ("website", "website"), ("mobile-app", "app"), ("app", "app"),
    ("store", "store"), ("social-media", "social"), ("live-chat", "chat"), ("chat", "chat"), ("sms", "sms"),
    ("post", "post"), ("print", "print"), ("kiosk", "kiosk"), ("partner", "partner"), ("partner-network", "partner"),
    ("search", "search"), ("marketplace", "marketplace"), ("in_store_kiosk", "store"), ("carrier-pigeon", "touchpoint"),
])
def test_channel_icons_by_id(channel: str, kind: str) -> None:
    assert channel_kind(channel) == kind


def test_print_button_is_in_the_page_but_hidden_until_the_script_runs(sample: Path) -> None:
    text = page_of(sample, SAMPLE)
    assert re.search(r'<button type="button" class="jm-print" data-jm-print hidden>.*?Print or save as PDF</button>',
                     text)


# --- the page in a browser ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def servers(sample: Path, pictures: Path) -> Iterator[dict[str, Server]]:
    with serve(sample) as s, serve(pictures) as p:
        yield {"sample": s, "pictures": p}



MAPS = [("sample", SAMPLE), ("pictures", "journeys/maps/ten-steps/"), ("pictures", "journeys/maps/eight-steps/")]


@pytest.mark.browser
@pytest.mark.parametrize(("site", "address"), MAPS)
def test_the_map_is_on_the_first_screen_and_fits_1400_px(page: Page, servers: dict[str, Server], site: str,
                                                         address: str) -> None:
    page.goto(servers[site].base + address)
    boxes = step_boxes(page)
    assert boxes[0]["bottom"] <= WIDE["height"], "the first step's action is below the fold"
    assert page.evaluate("document.querySelector('.jm-map').getBoundingClientRect().top") < 260
    outside = [b["text"] for b in boxes if b["left"] < 0 or b["right"] > WIDE["width"]]
    assert outside == [], f"steps outside the window: {outside}"
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDE["width"]
    assert page.evaluate("(() => { const m = document.querySelector('.jm-map'); "
                         "return m.scrollWidth - m.clientWidth; })()") <= 1
    # the curve is at least 160 px tall
    assert page.evaluate("document.querySelector('.jm-emotion-lane').getBoundingClientRect().height") >= 160


@pytest.mark.browser
def test_a_longer_map_scrolls_with_its_lane_names_and_phases_in_view(page: Page, servers: dict[str, Server]) -> None:
    page.goto(servers["pictures"].base + "journeys/maps/fourteen-steps/")
    region = page.locator(".jm-map")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    region.evaluate("el => { el.scrollLeft = el.scrollWidth; el.scrollTop = 400; }")
    page.wait_for_timeout(100)
    frame = region.bounding_box()
    lane = page.locator(".jm-journey tbody th.jm-lane").nth(3).bounding_box()
    assert abs(lane["x"] - frame["x"]) <= 2, "the lane names scroll away"
    phases = page.locator(".jm-journey thead").bounding_box()
    assert abs(phases["y"] - frame["y"]) <= 2, "the phases scroll away"
    last_phase = page.locator(".jm-phase-label").last.bounding_box()
    assert frame["x"] <= last_phase["x"] <= frame["x"] + frame["width"]


@pytest.mark.browser
@pytest.mark.parametrize(("site", "address"), [*MAPS, ("pictures", "journeys/maps/fourteen-steps/"),
                                               *(("sample", a) for a in SAMPLE_TYPES.values()),
                                               *(("pictures", a) for a in PICTURE_TYPES.values())])
def test_on_a_phone_the_map_is_a_story_without_sideways_scrolling(chromium: Browser, servers: dict[str, Server],
                                                                   site: str, address: str) -> None:
    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(servers[site].base + address)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    boxes = step_boxes(page)
    outside = [b["text"] for b in boxes if b["left"] < 0 or b["right"] > PHONE["width"]]
    assert outside == [], f"steps outside the window: {outside}"
    assert boxes[0]["top"] < 2 * PHONE["height"], "the first step is not on the first or second screen"
    # one card per step, in order, each below the one before; the curve across the top
    assert [b["top"] for b in boxes] == sorted(b["top"] for b in boxes)
    curve = page.evaluate("document.querySelector('.jm-emotion-lane').getBoundingClientRect().bottom")
    assert curve <= boxes[0]["top"]
    context.close()


@pytest.mark.browser
def test_a_phone_card_holds_its_steps_lanes_in_order(chromium: Browser, servers: dict[str, Server]) -> None:
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(servers["sample"].base + SAMPLE)
    # the second step of "Works out the size": its phase, action, thought, feeling, touchpoint, pain points,
    # opportunity and evidence, one under the other, before the next step
    order = page.evaluate("""() => {
        const step = document.getElementById('consideration-2'), next = document.getElementById('purchase-1');
        const at = el => el.getBoundingClientRect().top;
        const cells = [...document.querySelectorAll('.jm-journey tbody td')]
            .filter(td => td.textContent.trim() && at(td) > at(step) && at(td) < at(next))
            .sort((a, b) => at(a) - at(b));
        return cells.map(td => td.parentElement.className);
    }""")
    assert order == ["jm-row-thinking", "jm-row-feeling", "jm-row-touchpoints", "jm-row-pain-points",
                     "jm-row-opportunities", "jm-row-evidence"]
    assert "Works out the size" in page.locator("#consideration-2 .jm-step-phase").inner_text()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("site", "address", "paper"), [
    ("sample", SAMPLE, "A3"), ("sample", SAMPLE, "A4"), ("pictures", "journeys/maps/ten-steps/", "A3"),
    ("pictures", "journeys/maps/eight-steps/", "A4"), ("pictures", "journeys/maps/blueprint/", "A3"),
    ("pictures", "journeys/maps/school-morning/", "A4"),
])
def test_the_map_prints_as_a_poster_on_one_page(page: Page, servers: dict[str, Server], tmp_path: Path, site: str,
                                                 address: str, paper: str) -> None:
    page.goto(servers[site].base + address)
    pdf = tmp_path / "map.pdf"
    pdf.write_bytes(page.pdf(format=paper, landscape=True, print_background=True))
    pages = pdf_pages(pdf)
    actions = page.eval_on_selector_all(".jm-journey th.jm-step", "els => els.map(e => e.id)")
    names = page.evaluate("""() => [...document.querySelectorAll('.jm-journey th.jm-step')].map(th =>
        [...th.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join(' '))""")
    tps = page.eval_on_selector_all(".jm-journey h3.jm-tp-name", "els => els.map(e => e.firstChild.textContent)")
    assert len(actions) == len(names) and tps
    first = pages[0]
    # words wrap anywhere in the narrow columns: compared without white space
    flat = "".join(first.split())
    missing = [t for t in [*names, *tps] if "".join(t.split()) not in flat]
    assert missing == [], f"not on the first {paper} page: {missing}"
    # the header and the narrative follow on the next pages
    assert len(pages) > 1 and "About this map" not in first and "About this map" in pages[1]
    assert smallest_print_font(page, *PAPER[paper]) >= 6
    if site == "sample":
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copy(pdf, ARTIFACTS / f"journey-map-{paper}.pdf")


@pytest.mark.browser
def test_print_button_prints_and_is_hidden_in_print_and_without_script(chromium: Browser,
                                                                       servers: dict[str, Server]) -> None:
    context = chromium.new_context(viewport=WIDE)
    page = context.new_page()
    page.goto(servers["sample"].base + SAMPLE)
    button = page.get_by_role("button", name="Print or save as PDF")
    assert button.is_visible()
    page.evaluate("window.print = () => { window.printed = true; }")
    button.click()
    assert page.evaluate("window.printed === true")
    page.emulate_media(media="print")
    assert not button.is_visible()
    context.close()
    context = chromium.new_context(viewport=WIDE, java_script_enabled=False)
    page = context.new_page()
    page.goto(servers["sample"].base + SAMPLE)
    assert not page.locator("button.jm-print").is_visible()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("site", "kind"), [*(("sample", k) for k in SAMPLE_TYPES), *(("pictures", k)
                                                                                        for k in PICTURE_TYPES)])
@pytest.mark.parametrize("viewport", ["wide", "phone"])
def test_journey_page_types_have_no_wcag_aa_violations(chromium: Browser, servers: dict[str, Server], site: str,
                                                       kind: str, viewport: str) -> None:
    context = chromium.new_context(viewport=WIDE if viewport == "wide" else PHONE)
    page = context.new_page()
    page.goto(servers[site].base + (SAMPLE_TYPES if site == "sample" else PICTURE_TYPES)[kind])
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page)
    context.close()
    assert violations == [], describe(violations)

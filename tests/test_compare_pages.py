"""The pages across maps on the sample site and on corpora at the edges of the spec."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path

import pytest

import browser as chromium
from journeymaps.figures import analysis
from journeymaps.model.load import load_corpus
from journeymaps.model.types import EmotionScale
from journeymaps.pages.format import heat_class
from portfolio_site import ANA_BUYS, BEN_BUYS, portfolio_site
from sites import FRESH_CONFIG, REPO, build, search_index, spec_site, write


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The repository's own site, built with --strict."""
    root = tmp_path_factory.mktemp("sample-portfolio")
    for name in ("mkdocs.yml", "docs", "journeys", "theme_overrides"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_every_page_across_maps_exists_for_the_sample(sample: Path) -> None:
    corpus = load_corpus(REPO / "journeys")
    vocabulary = corpus.vocabulary
    published = [e for e in corpus.journeys.values() if e.journey.status != "archived"]
    addresses = ["compare/", "compare/scenarios/", "channels/", "departments/", "touchpoints/", "opportunities/",
                 "gaps/"]
    addresses += [f"compare/{t.id}/" for t in vocabulary.stages]
    addresses += [f"compare/scenarios/{s}/" for s in {e.journey.scenario for e in published if e.journey.scenario}]
    addresses += [f"channels/{t.id}/" for t in vocabulary.channels]
    addresses += [f"departments/{t.id}/" for t in vocabulary.departments]
    for address in addresses:
        assert (sample / address / "index.html").exists(), address
    assert {"compare/scenarios/buy-a-new-pair/", "compare/scenarios/return-a-pair/"} <= set(addresses)
    rows = list(csv.DictReader(io.StringIO((sample / "touchpoints.csv").read_text(encoding="utf-8"))))
    touchpoints = sum(len(s.touchpoints) for e in published for p in e.journey.phases for s in p.steps)
    bare_steps = sum(not s.touchpoints for e in published for p in e.journey.phases for s in p.steps)
    assert len(rows) == touchpoints + bare_steps
    data = json.loads((sample / "journeys.json").read_text(encoding="utf-8"))
    assert sorted(j["id"] for j in data["journeys"]) == sorted(e.id for e in published)
    assert "service/catalogue-request-2024" not in json.dumps(data)  # archived


def test_sample_compare_page_numbers(sample: Path) -> None:
    doc = (sample / "compare/index.html").read_text(encoding="utf-8")
    heat = re.search(r'<table class="jm-heatmap">.*?</table>', doc, re.S).group(0)
    values = re.findall(r'<span class="jm-heat-value">(.*?)</span>', heat)
    # Harold, Kofi, Maya, Priya × awareness … advocacy, then all stages (worked out from the sample files)
    assert values == [
        "+0.5", "0.0", "0.0", "0.0", "+0.3", "+1.7", "+0.4",  # retention 1/4: halves round away from zero
        "+2.0", "0.0", "+1.0", "−1.0", "—", "—", "+0.5",
        "+1.0", "−0.5", "0.0", "−0.7", "−0.4", "−1.0", "−0.4",
        "+1.0", "−0.5", "−1.0", "0.0", "+1.0", "—", "0.0",
    ]


def test_sample_journey_pages_link_to_the_new_pages(sample: Path) -> None:
    doc = (sample / "journeys/retail/buy-running-shoes/index.html").read_text(encoding="utf-8")
    assert 'href="../../../channels/mobile-app/"' in doc
    assert 'href="../../../departments/logistics/"' in doc
    assert 'href="../../../compare/scenarios/buy-a-new-pair/"' in doc
    assert 'href="../../../gaps/#map-retail-buy-running-shoes"' in doc
    assert len(re.findall(r'<p class="jm-handoff[ "]', doc)) == 10
    future = (sample / "journeys/retail/buy-running-shoes-future/index.html").read_text(encoding="utf-8")
    assert '<h2 id="jm-against-baseline">Against the baseline</h2>' in future
    index = {e["location"] for e in search_index(sample)}
    assert "journeys/retail/buy-running-shoes-future/#jm-against-baseline" in index  # a site of few maps


def test_a_stage_called_scenarios_keeps_its_address(tmp_path: Path) -> None:
    """compare/scenarios/ is the spec's address of such a stage; the scenario pages stay below it."""
    root = portfolio_site(tmp_path)
    vocabulary = root / "journeys/vocabulary.yml"
    vocabulary.write_text(vocabulary.read_text().replace("  - discover\n", "  - discover\n  - scenarios\n"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    stage = (root / "site/compare/scenarios/index.html").read_text(encoding="utf-8")
    assert "<h1>Scenarios across personas</h1>" in stage
    assert (root / "site/compare/scenarios/buy/index.html").exists()


def test_vocabulary_without_departments_or_scenarios(tmp_path: Path) -> None:
    root = spec_site(tmp_path)
    vocabulary = root / "journeys/vocabulary.yml"
    vocabulary.write_text(vocabulary.read_text().split("departments:")[0])
    journey = root / "journeys/retail/buy-running-shoes.md"
    text = journey.read_text()
    text = re.sub(r"\n *(department|owner): \S+.*", "", text).replace("scenario: buy-running-shoes", "")
    journey.write_text(text)
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert "The vocabulary lists no departments." in (site / "departments/index.html").read_text(encoding="utf-8")
    assert "No map names a scenario yet." in (site / "compare/scenarios/index.html").read_text(encoding="utf-8")
    assert "No published future map has a published baseline." in (site / "compare/index.html").read_text(
        encoding="utf-8")
    assert "Every touchpoint names the department" not in (site / "gaps/index.html").read_text(encoding="utf-8")


def test_empty_portfolio_still_has_every_page(tmp_path: Path) -> None:
    root = portfolio_site(tmp_path)
    for path in (root / "journeys").rglob("*.md"):
        if "personas" not in path.parts:
            path.unlink()
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert "No as-is map is published yet" in (site / "compare/index.html").read_text(encoding="utf-8")
    assert "No published map has a touchpoint yet." in (site / "touchpoints/index.html").read_text(encoding="utf-8")
    assert "No map lists an opportunity yet." in (site / "opportunities/index.html").read_text(encoding="utf-8")
    assert "No published map has a touchpoint on this channel yet." in (
        site / "channels/web/index.html").read_text(encoding="utf-8")
    assert (site / "touchpoints.csv").read_text(encoding="utf-8").splitlines() == [
        "journey,persona,type,status,stage,step,action,touchpoint,channel,device,department,contact,emotion,"
        "time,frontstage,backstage,support"]


def test_front_matter_text_is_escaped_on_the_new_pages(tmp_path: Path) -> None:
    root = portfolio_site(tmp_path)
    payload = "<script>alert(1)</script> *star* [x](javascript:alert(2)) \" onmouseover=\"alert(3)"
    quoted = json.dumps(payload)
    write(root, {"journeys/shop/ana-buys.md": ANA_BUYS.replace("Landing page", quoted).replace(
        "[Long hold]", f"[{quoted}]").replace("title: Call-back", f"title: {quoted}")})
    vocabulary = root / "journeys/vocabulary.yml"
    vocabulary.write_text(vocabulary.read_text().replace("{id: sales, name: Sales}", f"{{id: sales, name: {quoted}}}"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    for address in ("compare", "compare/discover", "compare/buy", "compare/scenarios/buy", "channels/web",
                    "departments", "departments/sales", "touchpoints", "opportunities", "gaps",
                    "journeys/shop/ana-future", "journeys/shop/ana-buys"):
        doc = (site / address / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in doc, address
        assert 'onmouseover="alert' not in doc, address
        assert 'href="javascript:' not in doc, address
        assert "<em>star</em>" not in doc, address
    nav = (site / "departments/sales/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in nav
    data = json.loads((site / "journeys.json").read_text(encoding="utf-8"))
    assert data["figures"]["opportunities"][0]["title"] == payload
    assert not any("<script>" in e["title"] + e["text"] for e in search_index(site))


# --- statuses on the pages across maps -------------------------------------------------


def _badges_after_links(doc: str, journey: str, title: str) -> list[str]:
    """The badges right after each link to a map that shows its title (below it, when the link is a heading)."""
    return re.findall(rf'<a href="[^"#]*journeys/{journey}/">{re.escape(title)}</a>(?:</h3>\s*<p class="jm-badges">)?'
                      r'((?:\s*<span class="jm-badge [^"]*">[^<]*</span>)*)', doc)


DRAFT = '<span class="jm-badge jm-status jm-status-draft">Draft</span>'


@pytest.fixture(scope="module")
def ben_draft(tmp_path_factory) -> Path:
    """The portfolio with Ben's only map a draft."""
    root = portfolio_site(tmp_path_factory.mktemp("ben-draft"))
    write(root, {"journeys/shop/ben-buys.md": BEN_BUYS.replace("status: approved", "status: draft")})
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.parametrize("address", [
    "departments/support",  # Maps owned
    "departments/sales",  # touchpoints, opportunities
    "compare/discover",  # the maps of each persona in the stage
    "channels/store", "channels/phone",
    "touchpoints", "opportunities", "gaps",
])
def test_a_draft_map_shows_its_status_wherever_it_is_listed(ben_draft: Path, address: str) -> None:
    doc = (ben_draft / address / "index.html").read_text(encoding="utf-8")
    ben = _badges_after_links(doc, "shop/ben-buys", "Ben buys a kettle in town")
    assert ben and all(DRAFT in badges for badges in ben), (address, ben)
    ana = _badges_after_links(doc, "shop/ana-buys", "Ana buys a kettle")
    assert all('jm-status-approved">Approved</span>' in badges for badges in ana), (address, ana)


def test_heatmap_rows_from_maps_not_approved_say_so(ben_draft: Path) -> None:
    doc = (ben_draft / "compare/index.html").read_text(encoding="utf-8")
    heat = re.search(r'<table class="jm-heatmap">.*?</table>', doc, re.S).group(0)
    heads = dict(re.findall(r'<th scope="row"><a href="../personas/(\w+)/">\w+</a>(.*?)</th>', heat))
    assert heads == {"ana": "", "ben": " " + DRAFT, "cleo": ""}
    note = re.search(r'<p id="not-approved">(.*?)</p>\s*<ul class="jm-not-approved">(.*?)</ul>', doc, re.S)
    assert note.group(1).startswith("A status badge next to a persona means that some of the maps behind the row "
                                    "are not approved yet")
    assert note.group(2) == "<li>Ben: 1 draft of 1 map</li>"
    # Ana's future map is in review, but future maps are not in the heatmap: her row is all approved
    assert "Ana:" not in note.group(2)


# --- an emotion scale of 1 to 5 ------------------------------------------------------------

SCALE_1_TO_5 = """
emotion_scale:
  min: 1
  max: 5
  labels: {1: Awful, 5: Great}
stages: [discover, buy]
channels: [web, store]
"""

DORA = """
---
title: Dora buys a lamp
persona: dora
status: approved
phases:
  - stage: discover
    steps:
      - {action: Sees the lamp, emotion: 1, touchpoints: [{name: Shop window, channel: store}]}
      - {action: Reads reviews, emotion: 3, touchpoints: [{name: Review page, channel: web}]}
  - stage: buy
    steps:
      - {action: Pays, emotion: 5}
      - {action: Gets a receipt, emotion: 4}
---
"""


def _visible(doc: str) -> str:
    body = re.search(r'<article class="md-content__inner.*?</article>', doc, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def test_a_scale_from_1_to_5_is_drawn_around_its_middle(tmp_path: Path) -> None:
    write(tmp_path, {"mkdocs.yml": FRESH_CONFIG, "journeys/vocabulary.yml": SCALE_1_TO_5,
                     "journeys/personas/dora.md": "---\nname: Dora\n---\n", "journeys/shop/dora.md": DORA})
    (tmp_path / "docs").mkdir()
    result = build(tmp_path, "--strict")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    journey = (site / "journeys/shop/dora/index.html").read_text(encoding="utf-8")
    # 3 is neutral: the worst score is negative, an unlabelled score shows its number once, and no "+" anywhere
    # each step's score (shown on a phone, in its card's head), then the lowest step's in the facts below the map
    assert re.findall(r'<span class="jm-score ([a-z-]+)">([^<]*)</span>', journey) == [
        ("jm-neg", "1 Awful"), ("jm-neutral", "3"), ("jm-pos", "5 Great"), ("jm-pos", "4"), ("jm-neg", "1 Awful")]
    assert "average 3.3 over 4 of 4 steps" in _visible(journey)  # 13 / 4 = 3.25
    lane = re.search(r'<svg class="jm-emotion-lane".*?</svg>', journey, re.S).group(0)
    assert 'aria-label="Emotion curve, scale 1 to 5"' in lane
    assert re.findall(r'<circle class="jm-point ([a-z-]+)"', lane) == ["jm-neg", "jm-neutral", "jm-pos", "jm-pos"]
    zero = re.findall(r'<line class="jm-grid jm-grid-zero"[^>]* y1="([\d.]+%?)"', lane)
    assert zero == [re.search(r'<circle class="jm-point jm-neutral" cx="[^"]*" cy="([\d.]+%?)"', lane).group(1)]
    assert html.unescape(re.search(r"<desc>(.*?)</desc>", lane).group(1)) == (
        "Discover, step 1: Sees the lamp: 1 Awful; Discover, step 2: Reads reviews: 3; "
        "Buy, step 1: Pays: 5 Great; Buy, step 2: Gets a receipt: 4")
    compare = (site / "compare/index.html").read_text(encoding="utf-8")
    assert ("on the scale from 1 (Awful) to 5 (Great). Blue cells are above neutral (3.0), orange and striped "
            "cells below it") in _visible(compare)
    heat = re.search(r'<table class="jm-heatmap">.*?</table>', compare, re.S).group(0)
    cell = r'<td class="jm-heat (?:jm-heat-all )?(jm-heat-[a-z0-9-]+)[^>]*>.*?"jm-heat-value">([^<]*)</span>'
    assert re.findall(cell, heat) == [("jm-heat-neg-2", "2.0"), ("jm-heat-pos-3", "4.5"), ("jm-heat-pos-1", "3.3")]
    listing = (site / "journeys/index.html").read_text(encoding="utf-8")
    spark = re.search(r'<svg class="jm-sparkline".*?</svg>', listing, re.S).group(0)
    assert 'aria-label="Average emotion by stage: Discover 2.0, Buy 4.5"' in spark
    assert 'y1="18.0"' in spark  # the middle of 5..31, the plot's height: neutral 3 of 1..5
    for doc in (journey, compare, listing):
        assert not re.search(r"[+−]\d", _visible(doc))  # no signs on a scale without negative values
    entries = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(e["title"] + " " + e["text"] for e in entries if e["location"].startswith("journeys/shop/dora/"))
    assert "Dora" in text and not re.search(r"[+−]\d", text)


@pytest.mark.parametrize(("low", "high", "neutral", "signed"), [
    (-2, 2, 0, True), (-1, 3, 0, True), (1, 5, 3, False), (1, 4, 2.5, False), (0, 4, 2, False), (-4, -1, -2.5, True),
])
def test_neutral_score_of_a_scale(low: int, high: int, neutral: float, signed: bool) -> None:
    scale = EmotionScale(min=low, max=high)
    assert analysis.neutral(scale) == neutral
    assert analysis.signed(scale) is signed
    assert analysis.tone(neutral, scale) == "jm-neutral"
    assert analysis.tone(high, scale) == "jm-pos" and analysis.tone(low, scale) == "jm-neg"
    assert heat_class(float(neutral), scale) == "jm-heat-0"


# --- changes agree with the numbers shown ----------------------------------------------------


def _kettle(title: str, extra: str, emotions: list[int]) -> str:
    steps = "\n".join(f"      - {{action: Step {i}, emotion: {e}, touchpoints: [{{name: Page {i}, channel: web}}]}}"
                      for i, e in enumerate(emotions, start=1))
    return (f"---\ntitle: {title}\npersona: ana\nstatus: approved\n{extra}"
            f"phases:\n  - stage: discover\n    steps:\n{steps}\n---\n")


def _first_row(doc: str, table_class: str) -> list[str]:
    """The texts of the cells of the first row of the table of ``table_class``."""
    table = re.search(rf'<table class="{table_class}">.*?</table>', doc, re.S).group(0)
    row = re.search(r"<tbody>\s*<tr[^>]*>(.*?)</tr>", table, re.S).group(1)
    return [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]


def test_the_change_to_the_future_is_worked_out_from_the_averages_shown(tmp_path: Path) -> None:
    root = portfolio_site(tmp_path)
    write(root, {
        "journeys/shop/ana-buys.md": _kettle("Ana today", "", [1, 0, 0]),  # 1/3 shows as +0.3
        "journeys/shop/ana-future.md": _kettle("Ana tomorrow", "type: future\nbaseline: shop/ana-buys\n", [1, 1, 0]),
    })
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    doc = (site / "journeys/shop/ana-future/index.html").read_text(encoding="utf-8")
    assert _first_row(doc, "jm-list jm-future")[:4] == ["Discover", "+0.3", "+0.7", "▲ +0.4"]  # not 1/3's +0.3
    assert "Average emotion +0.3 today, +0.7 in the future map: a change of +0.4." in _visible(doc)
    # compare/ has a row per future map; the stage by stage comparison is on the map's page
    cells = _first_row((site / "compare/index.html").read_text(encoding="utf-8"), "jm-list jm-futures")
    assert cells == ["Ana tomorrow", "Ana", "Ana today Approved", "+0.3", "+0.7", "▲ +0.4", "0", "0"]
    data = json.loads((site / "journeys.json").read_text(encoding="utf-8"))
    future = data["figures"]["futures"][0]
    assert future["average_emotion"] == {"baseline": 0.33, "future": 0.67, "change": 0.34}  # two decimals agree too
    assert future["stages"][0]["change"] == 0.34


# --- counts in words ------------------------------------------------------------------------

ONE_HANDOFF = """
---
title: Ana buys a kettle, future
persona: ana
type: future
status: review
baseline: shop/ana-buys
phases:
  - stage: discover
    steps:
      - action: Finds the kettle and chats at once
        emotion: 2
        touchpoints:
          - {name: Landing page, channel: web, device: mobile, department: sales}
          - {name: Live chat, channel: web, device: mobile, department: support}
---
"""


def test_a_count_of_one_is_written_in_the_singular(tmp_path: Path) -> None:
    config = FRESH_CONFIG.replace("  - journeys", "  - journeys:\n      review_interval: 1\n      review_due_soon: 1")
    root = portfolio_site(tmp_path, config)
    write(root, {"journeys/shop/ana-future.md": ONE_HANDOFF})
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"

    def visible(address: str) -> str:
        return _visible((site / address / "index.html").read_text(encoding="utf-8"))

    assert "the 1 hand-off of future maps is listed with its map at the end, not counted" in visible("gaps")
    future = (site / "journeys/shop/ana-future/index.html").read_text(encoding="utf-8")
    assert "Ana buys a kettle, future: 1 phase and 1 step, read from left to right" in future  # the table's caption
    assert "average +2.0 over 1 of 1 step;" in visible("journeys/shop/ana-future")
    reviews = visible("reviews")
    assert "The department that owns a map checks it every 1 day;" in reviews
    assert "due in the next 1 day," in reviews
    for address in ("gaps", "journeys/shop/ana-future", "reviews", "compare"):
        assert not re.search(r"\b1 (phases|steps|hand-offs|days|maps|personas)\b", visible(address)), address


# --- zero counts in the matrices, in a real browser -----------------------------------------

#: The WCAG contrast of the text of every cell that shows 0 in a count matrix, as the browser paints it.
ZERO_CONTRAST = """() => {
  const rgba = s => { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = el => { for (; el; el = el.parentElement) { const c = rgba(getComputedStyle(el).backgroundColor);
    if (c[3] > 0) return c; } return [255, 255, 255, 1]; };
  return [...document.querySelectorAll('.jm-matrix td')].filter(td => td.textContent.trim() === '0').map(td => {
    const el = td.querySelector('*') || td, bg = background(el), fg = rgba(getComputedStyle(el).color);
    const paint = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
    const [a, b] = [lum(paint), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  });
}"""


@pytest.mark.browser
def test_zero_counts_are_readable(tmp_path: Path) -> None:
    root = portfolio_site(tmp_path)
    assert build(root, "--strict").returncode == 0
    with chromium.browser() as instance:
        page = instance.new_page()
        for address in ("compare",):  # gaps/ draws its hand-offs as a flow, with no matrix of counts
            page.goto((root / "site" / address / "index.html").as_uri())
            ratios = page.evaluate(ZERO_CONTRAST)
            assert len(ratios) >= 5, address  # Cleo's row; the channels a persona never uses
            assert min(ratios) >= 4.5, (address, min(ratios))

"""Real MkDocs builds: the sample site, a fresh site of the spec's examples, navigation, escaping."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from journeymaps.model.load import load_corpus
from sites import FRESH_CONFIG, REPO, build, search_index, spec_site, write


def _snapshot(folder: Path) -> dict[str, float]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The repository's own site built with --strict, as CI and the README do."""
    root = tmp_path_factory.mktemp("sample")
    for name in ("mkdocs.yml", "docs", "journeys", "theme_overrides"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    before = {name: _snapshot(root / name) for name in ("docs", "journeys")}
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    after = {name: _snapshot(root / name) for name in ("docs", "journeys")}
    assert before == after, "the build wrote into docs/ or journeys/"
    return root / "site"


def page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def test_every_published_journey_and_persona_has_its_page(sample: Path) -> None:
    corpus = load_corpus(REPO / "journeys")
    assert corpus.ok
    for jid, entry in corpus.journeys.items():
        target = sample / "journeys" / jid / "index.html"
        assert target.exists() == (entry.journey.status != "archived"), jid
    for pid in corpus.personas:
        assert (sample / "personas" / pid / "index.html").exists()
    assert (sample / "journeys/index.html").exists()
    assert (sample / "personas/index.html").exists()


def test_archived_map_is_left_out_everywhere(sample: Path) -> None:
    archived = [jid for jid, e in load_corpus(REPO / "journeys").journeys.items() if e.journey.status == "archived"]
    assert archived, "the sample keeps one archived map to prove this"
    index = page(sample, "journeys")
    for jid in archived:
        assert f"journeys/{jid}/" not in index
        assert not any(e["location"].startswith(f"journeys/{jid}/") for e in search_index(sample))


def test_journey_page_header_timeline_and_anchors(sample: Path) -> None:
    text = page(sample, "journeys/retail/buy-running-shoes")
    assert "<title>Buying running shoes on the app - Stride & Co. journey maps</title>" in text
    assert '<a href="../../../personas/maya/">Maya, the weekend runner</a>' in text
    # one signal: the status, and an approved map's review state in the same badge when a review is due
    assert re.search(r'jm-status-approved[^"]*">Approved( · review (overdue|due soon))?</span>', text)
    assert 'jm-type-current">Current state</span>' in text
    assert '<dt>Owner</dt><dd><a href="../../../departments/ecommerce/">E-commerce</a></dd>' in text
    # phases as columns, in vocabulary order, with lanes as rows
    phases = re.findall(r'<th scope="colgroup" colspan="(\d)" class="jm-phase[^"]*"><span class="jm-phase-label">'
                        r'<a href="#phase-([a-z]+)">', text)
    assert [stage for _, stage in phases] == ["awareness", "consideration", "purchase", "delivery", "retention"]
    lanes = re.findall(r'<th scope="row" class="jm-lane[^"]*">(?:<span class="jm-axis-title">)?([A-Za-z ]+)', text)
    assert lanes == ["Doing", "Thinking", "Feeling", "Emotion", "Touchpoints", "Pain points", "Opportunities",
                     "Evidence", "Metrics"]
    # every touchpoint has its own heading at the spec's address
    assert '<h3 id="purchase-1-app-checkout" class="jm-tp-name">App checkout' in text
    assert '<h3 id="awareness-1-club-mates-instagram-story"' in text
    # the emotion curve is server-made SVG with a text alternative
    svg = re.search(r'<svg class="jm-emotion-lane".*?</svg>', text, re.S).group(0)
    assert 'role="img"' in svg and "<desc>" in svg and "<script" not in svg
    assert svg.count('<circle class="jm-point') == 8


def test_metric_units_are_spaced_from_their_number_except_percent(sample: Path) -> None:
    text = page(sample, "journeys/retail/buy-running-shoes")
    assert 'Chat time to agent: <strong>6.5\u00a0min</strong> <span class="jm-muted">(target 2\u00a0min)</span>' in text
    assert "<strong>3.4\u00a0out of 5</strong>" in text and "(target 4.2\u00a0out of 5)" in text
    assert "<strong>17%</strong>" in text and "(target 8%)" in text


def test_future_map_links_its_baseline_and_back(sample: Path) -> None:
    future = page(sample, "journeys/retail/buy-running-shoes-future")
    assert '<dt>Baseline</dt><dd><a href="../buy-running-shoes/">' in future
    assert 'jm-banner-review' in future  # maps in review carry a visible banner
    current = page(sample, "journeys/retail/buy-running-shoes")
    assert '<dt>Future state</dt><dd><a href="../buy-running-shoes-future/">' in current


def test_narrative_is_attached_to_its_phase(sample: Path) -> None:
    text = page(sample, "journeys/retail/buy-running-shoes")
    phase = text.index('<h2 id="phase-consideration">Works out the size</h2>')
    nxt = text.index('<h2 id="phase-purchase">')
    assert "Size is where the journey is won or lost" in text[phase:nxt]
    # the heading that attached it is not repeated as a Markdown heading
    assert text.count(">Works out the size</h2>") == 1
    # a relative link to another journey's source file becomes a link to its page
    assert 'href="../buy-running-shoes-future/"' in text


def test_persona_page_lists_its_journeys(sample: Path) -> None:
    text = page(sample, "personas/maya")
    assert '<img class="jm-avatar" src="../../journeys/personas/images/maya.svg"' in text
    assert (sample / "journeys/personas/images/maya.svg").exists()
    for title in ("Buying running shoes on the app", "Returning a pair through live chat"):
        assert title in text
    assert text.count('class="jm-sparkline"') == 3
    assert '<h2 id="jm-goals">Goals</h2>' in text


def test_persona_page_shows_the_numbers_of_its_sparklines(sample: Path) -> None:
    text = page(sample, "personas/maya")
    table = re.search(r'<table class="jm-list jm-stage-averages">.*?</table>', text, re.S).group(0)
    heads = re.findall(r'<th scope="col" class="jm-num">([^<]+)</th>', table)
    assert heads == ["Awareness", "Consideration", "Purchase", "Delivery", "Retention", "Advocacy"]
    rows = {html.unescape(title): [re.sub(r'<span class="jm-visually-hidden">.*?</span>', "", cell)
                                   for cell in re.findall(r'<td class="jm-num">(.*?)</td>', cells)]
            for title, cells in re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', table)}
    assert rows["Buying running shoes on the app"] == ["+1.0", "−0.5", "0.0", "−0.5", "0.0", ""]
    # the same numbers as the sparkline's text alternative, which was their only place before
    sparklines = re.findall(r'class="jm-sparkline"[^>]*aria-label="Average emotion by stage: ([^"]+)"', text)
    assert len(sparklines) == len(rows) == 3
    for label in sparklines:
        numbers = re.findall(r"[+−]?\d\.\d", html.unescape(label))
        assert any([v for v in values if v] == numbers for values in rows.values()), label
    assert "the values of the curves above" in text  # figures only: kept out of the search index
    assert not any("the values of the curves above" in e["text"] for e in search_index(sample))


def test_navigation_has_journeys_by_folder_and_personas(sample: Path) -> None:
    text = page(sample, "personas/maya")  # a page that keeps the navigation sidebar
    labels = [" ".join(label.split()) for label in re.findall(r'class="md-ellipsis">(.*?)</span>', text, re.S)]
    for label in ("Journeys", "Personas", "Retail", "Blueprints", "Day in the life", "Maya, the weekend runner",
                  "Buying running shoes on the app"):
        assert label in labels
    assert labels.index("Journeys") < labels.index("Retail") < labels.index("Personas")
    assert 'href="../../journeys/retail/buy-running-shoes/"' in text


def test_search_index_lands_on_touchpoints(sample: Path) -> None:
    entries = {e["location"]: e for e in search_index(sample)}
    entry = entries["journeys/retail/buy-running-shoes/#purchase-1-app-checkout"]
    assert entry["title"] == "App checkout"
    assert "Mobile app" in entry["text"]  # a site of few maps: its facts (a large one keeps only its name)
    assert any(loc.startswith("personas/harold/") for loc in entries)


def test_search_indexes_the_time_and_the_blueprint_lanes_of_a_step(sample: Path) -> None:
    # a site of few maps indexes each step with what its lanes say (test_search_index.py: a large one does not)
    entries = {e["location"]: e for e in search_index(sample)}
    walk = entries["journeys/day-in-the-life/harold-morning-walk/#retention-1"]
    assert walk["title"].startswith("Walks 5 km along the river path")
    assert "The walk, step 1, 08:05" in walk["text"]
    chat = entries["journeys/blueprints/return-or-exchange/#retention-1"]["text"]
    assert "A chat agent joins after four minutes" in chat  # frontstage
    assert "The agent looks up the order in the order management system" in chat  # backstage
    assert "Carrier returns portal, not connected to the order management system" in chat  # support


def test_search_text_keeps_the_words_of_neighbouring_blocks_apart(sample: Path) -> None:
    entries = {e["location"]: e for e in search_index(sample)}

    def words(location: str) -> list[str]:  # as the search splits them (the site's separator is [\\s\\-]+)
        return re.split(r"[\s\-]+", html.unescape(re.sub(r"<[^>]+>", " ", entries[location]["text"])))

    # the goal in the header, the facts in the section "About this map"
    header = words("journeys/retail/buy-running-shoes/") + words("journeys/retail/buy-running-shoes/#jm-about")
    for word in ("Goal", "Replace", "worn", "out", "daily", "trainer", "Owner", "E", "commerce", "Scope", "From",
                 "Scenario", "Reviewed", "Tags", "running"):
        assert word in header, word
    assert {"maps", "5", "current", "4", "personas", "74", "touchpoints"} <= set(words("overview/"))


def test_fresh_site_with_only_the_spec_examples(tmp_path: Path) -> None:
    root = spec_site(tmp_path)
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    text = page(site, "journeys/retail/buy-running-shoes")
    assert '<h3 id="awareness-1-friends-post-on-instagram" class="jm-tp-name">Friend&#39;s post on Instagram' in text
    assert "Hears about the shoe" in text and "Free Markdown. A level-2 heading" in text
    assert "Marketing schedules the influencer campaign" in text  # the backstage lane
    assert (site / "assets/journeymaps/journeymaps.css").exists()
    assert (site / "index.html").exists(), "a site without a home page gets one"
    assert (site / "journeys/personas/images/maya.png").exists()
    assert 'href="../../../assets/journeymaps/journeymaps.css"' in text


def test_theme_overrides_replace_packaged_templates(tmp_path: Path) -> None:
    root = spec_site(tmp_path, FRESH_CONFIG.replace("  name: material", "  name: material\n  custom_dir: overrides"))
    write(root, {"overrides/journeymaps/journey/phase.html": '<h2 id="{{ p.anchor }}">Custom {{ p.name }}</h2>'})
    assert build(root, "--strict").returncode == 0
    text = page(root / "site", "journeys/retail/buy-running-shoes")
    assert '<h2 id="phase-awareness">Custom Hears about the shoe</h2>' in text


@pytest.mark.parametrize("nav", ["[index.md]", "[index.md, {Maps: [journeys/retail/buy-running-shoes.md]}]"])
def test_written_out_nav_gets_the_sections_unless_it_places_them(tmp_path: Path, nav: str) -> None:
    root = spec_site(tmp_path, FRESH_CONFIG + f"nav: {nav}\n")
    write(root, {"docs/index.md": "# Home\n"})
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    home = page(root / "site", "")
    placed_by_user = "Maps" in nav
    assert bool(re.search(r">\s*Maps\s*<", home)) == placed_by_user
    assert home.count('href="journeys/retail/buy-running-shoes/"') >= 1
    assert ("Personas" in home) is True


def test_front_matter_text_is_escaped_everywhere(tmp_path: Path) -> None:
    root = spec_site(tmp_path)
    journey = root / "journeys/retail/buy-running-shoes.md"
    payload = '<script>alert(1)</script> *star* [link](javascript:alert(2))'
    text = journey.read_text().replace("title: Buying running shoes online", f"title: '{payload}'")
    text = text.replace("name: Friend's post on Instagram", f"name: '{payload}'")
    journey.write_text(text)
    assert build(root, "--strict").returncode == 0
    out = page(root / "site", "journeys/retail/buy-running-shoes")
    assert "<script>alert(1)" not in out
    assert html.escape(payload, quote=True) in out or html.escape(payload, quote=False) in out
    assert 'href="javascript:' not in out and "<em>star</em>" not in out
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in out
    index = search_index(root / "site")
    assert not any("<script>" in e["title"] + e["text"] for e in index)


def test_narrative_headings_named_like_generated_sections_keep_every_id_unique(tmp_path: Path) -> None:
    root = spec_site(tmp_path)
    sections = "\n\n## Goals\n\nMore.\n\n## Frustrations\n\n## Preferred channels\n\n## Journeys\n\nOld ones.\n"
    persona = root / "journeys/personas/maya.md"
    persona.write_text(persona.read_text() + sections)
    journey = root / "journeys/retail/buy-running-shoes.md"
    journey.write_text(journey.read_text().replace("---\n## Hears", "---\n## Journey map\n\nHow to read it.\n\n"
                                                   "## Change history\n\nBy hand.\n\n## Hears"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    for address, headings in [("personas/maya", ("goals", "frustrations", "preferred-channels", "journeys")),
                              ("journeys/retail/buy-running-shoes", ("journey-map", "change-history"))]:
        text = page(site, address)
        ids = re.findall(r'\sid="([^"]*)"', text)
        assert [i for i in set(ids) if ids.count(i) > 1] == [], address
        for slug in headings:  # the narrative's heading and the generated section both keep their own anchor
            assert f'id="{slug}"' in text and f'id="jm-{slug}"' in text, (address, slug)
        # the page's table of contents links each of them once
        toc = re.findall(r'class="md-nav__link" href="#([^"]+)"', text)
        assert len(toc) == len(set(toc)), toc


def test_persona_image_with_url_characters_in_its_name_is_linked_escaped(tmp_path: Path) -> None:
    root = spec_site(tmp_path)
    name = "maya #2 100%.png"
    (root / "journeys/personas/images/maya.png").rename(root / "journeys/personas/images" / name)
    persona = root / "journeys/personas/maya.md"
    persona.write_text(persona.read_text().replace("images/maya.png", f"'images/{name}'"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    text = page(root / "site", "personas/maya")
    src = re.search(r'<img class="jm-avatar" src="([^"]+)"', text).group(1)
    assert src == "../../journeys/personas/images/maya%20%232%20100%25.png"
    # the browser asks for the unescaped path, which is the published file
    assert (root / "site/personas/maya" / unquote(src)).resolve() == (root / "site/journeys/personas/images" / name)
    assert (root / "site/journeys/personas/images" / name).exists()


EXTERNAL = re.compile(r'<(?:link|script|img|iframe|source)\b[^>]*?(?:href|src)="(?:https?:)?//', re.I)


def test_fresh_site_loads_nothing_from_other_hosts(tmp_path: Path) -> None:
    root = spec_site(tmp_path)  # only `theme: material`, whose defaults would load Google Fonts
    assert build(root, "--strict").returncode == 0
    for html_file in (root / "site").rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text), (html_file, EXTERNAL.search(text).group(0))
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text


def test_offline_can_be_switched_off_for_sites_with_internet(tmp_path: Path) -> None:
    root = spec_site(tmp_path, FRESH_CONFIG.replace("  - journeys", "  - journeys:\n      offline: false"))
    assert build(root, "--strict").returncode == 0
    assert "fonts.googleapis.com" in page(root / "site", "journeys/retail/buy-running-shoes")

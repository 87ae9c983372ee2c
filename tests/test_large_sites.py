"""Large sites: the compact navigation with folder pages, the search view of generated pages, the caches of serve.

Every page renders the whole navigation, so above 100 published maps (or with
``navigation: folders``) the plugin lists folders rather than maps; small sites
keep the navigation of every map (tests/test_site.py). Real builds throughout.
"""

from __future__ import annotations

import re
import socket
import subprocess
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from journeymaps.model.load import load_corpus
from journeymaps.pages.generated import GeneratedPage, Html
from journeymaps.pages.navigation import NAV_LIMIT
from journeymaps.pages.plan import build_plan
from portfolio_site import portfolio_site
from sites import BIN, FRESH_CONFIG, SPEC_JOURNEY, build, command_env, search_index, spec_site, write


def page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def nav_labels(doc: str) -> list[str]:
    """The labels of the primary navigation of a page, in order."""
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', doc, re.S)
    assert nav, "no primary navigation"
    return [" ".join(label.split()) for label in re.findall(r'class="md-ellipsis">(.*?)</span>', nav.group(0), re.S)]


def small_map(title: str, persona: str = "maya") -> str:
    return textwrap.dedent(f"""\
        ---
        title: {title}
        persona: {persona}
        status: approved
        phases:
          - stage: awareness
            steps:
              - action: Sees a post
                emotion: 1
                touchpoints:
                  - {{name: Post, channel: social-media}}
        ---
        """)


def many_maps(root: Path, count: int, config: str = FRESH_CONFIG) -> Path:
    """The spec's site with ``count`` more small maps in three folders, one of them nested."""
    spec_site(root, config)
    folders = ["retail", "service", "service/phone"]
    for n in range(count):
        path = root / "journeys" / folders[n % 3] / f"map-{n:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(small_map(f"Map {n:03d}"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def compact(tmp_path_factory) -> Path:
    """A site just over the limit: the navigation lists folders."""
    root = many_maps(tmp_path_factory.mktemp("compact"), NAV_LIMIT)  # + the spec's map: NAV_LIMIT + 1 maps
    result = build(root, "--strict", "--verbose")
    assert result.returncode == 0, result.stderr
    assert "not included in the \"nav\"" not in result.stderr, "pages left out on purpose are not reported"
    return root / "site"


def test_above_the_limit_the_navigation_lists_folders_not_maps(compact: Path) -> None:
    labels = nav_labels(page(compact, "personas/maya"))
    assert labels[:8] == ["Overview", "Journeys", "Journeys", "Retail", "Service", "Service", "Phone", "Personas"]
    assert not [label for label in labels if label.startswith("Map ") or label == "Buying running shoes online"]
    assert "Maya, the weekend runner" not in labels  # personas: the list page only
    assert labels[labels.index("Personas"):] == ["Personas", "Compare", "Channels", "Departments", "Touchpoints",
                                                 "Opportunities", "Hand-offs", "Reviews"]


def test_folder_pages_list_their_maps_and_sub_folders(compact: Path) -> None:
    service = page(compact, "journeys/service")
    assert "<h1>Service</h1>" in service
    assert 'href="phone/">Phone</a> <span class="jm-muted">(33 maps)</span>' in service
    rows = re.findall(r'<td><a href="(map-\d+/)">', service)
    assert len(rows) == 33 and rows == sorted(rows)
    phone = page(compact, "journeys/service/phone")
    assert re.search(r'<nav class="jm-crumbs" aria-label="Breadcrumb"><a href="\.\./\.\./">Journeys</a> › '
                     r'<a href="\.\./">Service</a></nav>', phone)
    # every map is still published, searchable, and its breadcrumb leads to its folder's page
    journey = page(compact, "journeys/service/phone/map-002")
    assert '<a href="../../../">Journeys</a> › <a href="../../">Service</a> › <a href="../">Phone</a></nav>' in journey
    located = {e["location"] for e in search_index(compact)}
    assert "journeys/service/phone/map-002/" in located
    assert sum(1 for loc in located if re.fullmatch(r"journeys/.*map-\d+/", loc)) == NAV_LIMIT
    # the list of all journeys links each folder's page
    assert '<h2 id="folder-service-phone"><a href="service/phone/">Phone</a></h2>' in page(compact, "journeys")


@pytest.mark.slow
def test_navigation_full_keeps_every_map_of_a_large_site(tmp_path: Path) -> None:
    root = many_maps(tmp_path, NAV_LIMIT, FRESH_CONFIG.replace("  - journeys", "  - journeys:\n      navigation: full"))
    assert build(root, "--strict").returncode == 0
    labels = nav_labels(page(root / "site", "personas/maya"))
    assert "Map 000" in labels and "Map 099" in labels and "Maya, the weekend runner" in labels


def test_navigation_folders_on_a_small_site(tmp_path: Path) -> None:
    root = portfolio_site(tmp_path, FRESH_CONFIG.replace("  - journeys", "  - journeys:\n      navigation: folders"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    labels = nav_labels(page(root / "site", "personas/ana"))
    assert labels[:4] == ["Overview", "Journeys", "Journeys", "Shop"]
    assert "Ana buys a kettle" not in labels
    # in the full shape (the default for small sites) the folder pages exist too, out of the navigation
    default = portfolio_site(tmp_path / "default")
    assert build(default, "--strict").returncode == 0
    assert "Ana buys a kettle" in nav_labels(page(default / "site", "personas/ana"))
    assert (default / "site/journeys/shop/index.html").exists()


def test_a_wrong_navigation_option_is_a_config_error(tmp_path: Path) -> None:
    root = spec_site(tmp_path, FRESH_CONFIG.replace("  - journeys", "  - journeys:\n      navigation: tree"))
    result = build(root)
    assert result.returncode != 0
    assert "navigation" in result.stderr and "full" in result.stderr


def test_a_map_named_like_its_folder_is_left_out_and_the_folder_keeps_its_page(tmp_path: Path) -> None:
    """journeys/retail.md would take journeys/retail/, the folder's page: it is reported and left out, not hidden."""
    root = spec_site(tmp_path, FRESH_CONFIG.replace("  - journeys", "  - journeys:\n      navigation: folders"))
    write(root, {"journeys/retail.md": small_map("The retail map")})
    assert build(root, "--strict").returncode != 0
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert ("WARNING -  journeymaps: journeys/retail.md:1: this map would take the address of the page of the folder "
            "journeys/retail/, which lists the maps in it; rename the map or the folder (this file is left out of "
            "the site)") in result.stderr.splitlines()
    folder = page(root / "site", "journeys/retail")
    assert "The retail map" not in folder and "Buying running shoes online" in folder
    assert "Retail" in nav_labels(page(root / "site", "personas/maya"))  # the folder, as in any compact navigation
    journey = page(root / "site", "journeys/retail/buy-running-shoes")
    assert '› <a href="../">Retail</a></nav>' in journey


# --- what Markdown and the search see ---------------------------------------------------------


def test_generated_page_fragments_bypass_markdown() -> None:
    made = GeneratedPage.of("x.md", "x/", "X", ["---\ntitle: X\n---\n", Html("<div>a</div>"), "Some *text*.",
                                                 Html("<p>b</p>")], "test")
    assert "<div>" not in made.markdown and "*text*" in made.markdown
    assert made.text == "---\ntitle: X\n---\n\n\n<div>a</div>\n\nSome *text*.\n\n<p>b</p>\n"
    converted = made.markdown.split("---\n", 2)[2].replace("Some *text*.", "<p>Some <em>text</em>.</p>")
    assert made.fill(converted).split() == ["<div>a</div>", "<p>Some", "<em>text</em>.</p>", "<p>b</p>"]


def test_a_placeholder_swallowed_by_the_narrative_keeps_its_fragment() -> None:
    made = GeneratedPage.of("x.md", "x/", "X", ["```\nunclosed fence", Html('<h2 id="map">Map</h2>')], "test")
    slot = made.markdown.split("\n\n")[1]
    escaped = slot.replace("<", "&lt;").replace(">", "&gt;")
    html = made.fill(f"<pre><code>unclosed fence\n\n{escaped}\n</code></pre>")
    assert "journeymaps:" not in html and html.endswith('<h2 id="map">Map</h2>')
    assert made.anchor_ids() == {"map"}


def test_a_narrative_cannot_forge_a_placeholder(tmp_path: Path) -> None:
    root = spec_site(tmp_path)
    journey = root / "journeys/retail/buy-running-shoes.md"
    journey.write_text(journey.read_text() + "\n<!-- journeymaps:0000000000000000:0 -->\n")
    assert build(root, "--strict").returncode == 0
    assert "<!-- journeymaps:0000000000000000:0 -->" in page(root / "site", "journeys/retail/buy-running-shoes")


def test_links_from_a_narrative_to_anchors_of_generated_html_are_checked(tmp_path: Path) -> None:
    """MkDocs validates anchors in links; ours come from HTML that Markdown never saw."""
    root = spec_site(tmp_path, FRESH_CONFIG + "validation:\n  anchors: warn\n")
    journey = root / "journeys/retail/buy-running-shoes.md"
    journey.write_text(journey.read_text() + "\nSee [the post](#awareness-1-friends-post-on-instagram).\n")
    good = build(root, "--strict")
    assert good.returncode == 0, good.stderr
    journey.write_text(journey.read_text() + "\nSee [nothing](#no-such-anchor).\n")
    bad = build(root, "--strict")
    assert bad.returncode != 0 and "no-such-anchor" in bad.stderr


def test_the_search_indexes_a_plain_view_of_the_map(compact: Path) -> None:
    entries = {e["location"]: e for e in search_index(compact)}
    spec = "journeys/retail/buy-running-shoes/"
    # each touchpoint and each pain point is a section at its anchor, titled with its words, without text
    assert entries[spec + "#jm-pain-awareness-1-1"]["title"] == "No size guide in the post"
    touchpoint = entries[spec + "#awareness-1-friends-post-on-instagram"]
    assert touchpoint["title"] in ("Friend&#39;s post on Instagram", "Friend's post on Instagram")
    assert touchpoint["text"] == ""
    text = " ".join(e["title"] + e["text"] for loc, e in entries.items() if loc.startswith(spec))
    assert "<svg" not in text and "<table" not in text
    assert spec + "#awareness-1" not in entries  # a step's words are not indexed
    # the page itself still shows the timeline: the plain view is for the index only
    doc = page(compact, "journeys/retail/buy-running-shoes")
    assert '<table class="jm-timeline ' in doc and "search:" not in doc
    # rows that repeat the maps are not indexed a second time on the pages across maps (a persona lists its own)
    assert not [loc for loc, e in entries.items()
                if "Map 042" in e["text"] and not loc.startswith(("journeys/retail/map-042/", "personas/maya/"))]


def test_every_search_section_of_a_map_is_an_anchor_of_its_page(compact: Path) -> None:
    for entry in search_index(compact):
        address, _, anchor = entry["location"].partition("#")
        if anchor and address.startswith("journeys/") and address.count("/") > 2:
            assert f'id="{anchor}"' in page(compact, address.rstrip("/")), entry["location"]


# --- mkdocs serve: what is kept from one build to the next --------------------------------------


def test_the_read_cache_keeps_what_did_not_change(tmp_path: Path) -> None:
    root = spec_site(tmp_path)
    cache: dict = {}
    first = load_corpus(root / "journeys", cache=cache)
    assert len(cache) == 2 and first.ok  # the persona and the journey (the vocabulary is read every time)
    again = load_corpus(root / "journeys", cache=cache)
    assert again.journeys["retail/buy-running-shoes"].journey is first.journeys["retail/buy-running-shoes"].journey
    journey = root / "journeys/retail/buy-running-shoes.md"
    journey.write_text(journey.read_text().replace("emotion: 1", "emotion: 7"))
    broken = load_corpus(root / "journeys", cache=cache)
    assert not broken.ok and "outside the emotion scale" in broken.problems[0].message
    persona = root / "journeys/personas/maya.md"
    persona.unlink()
    gone = load_corpus(root / "journeys", cache=cache)
    assert len(cache) == 1  # only the files of the last read are kept
    assert [p.message for p in gone.problems] == [p.message for p in load_corpus(root / "journeys").problems]
    assert "unknown persona 'maya'" in gone.problems[0].message  # checks across files run every time


def test_plans_are_the_same_with_and_without_the_caches(tmp_path: Path) -> None:
    root = many_maps(tmp_path, 6)
    cache: dict = {}
    load_corpus(root / "journeys", cache=cache)
    cached = build_plan(load_corpus(root / "journeys", cache=cache), trend_cache={})
    fresh = build_plan(load_corpus(root / "journeys"))
    assert [(p.url, p.text) for p in cached.pages] == [(p.url, p.text) for p in fresh.pages]
    assert cached.nav == fresh.nav and cached.files == fresh.files


@pytest.mark.slow
def test_serve_rebuilds_pages_that_depend_on_a_changed_persona(tmp_path: Path) -> None:
    """A cached journey is not a stale journey page: its persona's new name shows after the rebuild."""
    root = spec_site(tmp_path)
    write(root, {"journeys/retail/second.md": SPEC_JOURNEY.replace("Buying running shoes online", "Second map")})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=command_env())
    url = f"http://127.0.0.1:{port}/journeys/retail/second/"

    def wait_for(text: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if text in response.read().decode("utf-8"):
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"{text!r} did not appear at {url}")

    try:
        wait_for("Maya, the weekend runner")
        persona = root / "journeys/personas/maya.md"
        persona.write_text(persona.read_text().replace("Maya, the weekend runner", "Maya, the marathon runner"))
        wait_for("Maya, the marathon runner")
    finally:
        server.terminate()
        server.wait(timeout=30)

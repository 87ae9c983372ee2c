"""The site search's index, built by MkDocs: each thing once, where it lives, with short texts.

On a large site a map is indexed with its own entry and one entry per touchpoint and per pain point at its anchor
(the sample site is built as one, with the limit set to 0); on a site of at most DETAIL_LIMIT maps its steps, facts
and narrative too. A page across maps is indexed with its title and introduction; the later parts of a listing and
the home page the plugin makes not at all.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from journeymaps.pages import searchview
from journeymaps.pages.generated import GeneratedPage, Html
from sites import FRESH_CONFIG, REPO, build, search_index, spec_site

TOUCHPOINT = re.compile(r'<h3 id="([^"]+)" class="jm-tp-name">(.*?)<a class="headerlink"')
PAIN = re.compile(r'<li id="(jm-pain-[^"]+)" class="jm-pain">.*?</svg>(.*?)</li>', re.S)


def sample_site(root: Path, detail_limit: int) -> Path:
    """The repository's own site, built as if it had more maps than ``detail_limit``."""
    for name in ("mkdocs.yml", "docs", "journeys", "theme_overrides"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(searchview, "DETAIL_LIMIT", detail_limit)
        result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The repository's own site, indexed as a large site is."""
    return sample_site(tmp_path_factory.mktemp("sample"), 0)


def test_a_site_of_few_maps_indexes_each_map_in_detail(tmp_path: Path) -> None:
    site = sample_site(tmp_path, searchview.DETAIL_LIMIT)
    entries = {e["location"]: e for e in search_index(site)}
    address = "journeys/retail/buy-running-shoes/"
    locations = [loc for loc in entries if loc.startswith(address + "#")]
    # a step at its anchor with what its lanes say, its touchpoints and pain points, the map's facts and narrative
    step = entries[f"{address}#purchase-1"]
    assert step["title"].startswith("Orders") and step["boost"] == searchview.STEP_BOOST
    assert any(loc.endswith("#purchase-1-app-checkout") for loc in locations)
    assert len(locations) > len({loc for loc in locations if loc.split("#")[1].startswith(("jm-pain", "purchase-1-",
                                                                                               "awareness-1-"))})
    assert "nine interviews with club runners" in " ".join(e["text"] for e in entries.values()
                                                            if e["location"].startswith(address))


def maps(site: Path) -> dict[str, str]:
    """The HTML of every journey page, by its address."""
    return {p.parent.relative_to(site).as_posix() + "/": p.read_text(encoding="utf-8")
            for p in (site / "journeys").rglob("index.html") if 'class="jm-timeline' in p.read_text(encoding="utf-8")}


def test_every_journey_persona_touchpoint_and_pain_point_is_indexed_once_at_its_address(sample: Path) -> None:
    entries = search_index(sample)
    locations = Counter(e["location"] for e in entries)
    assert [loc for loc, n in locations.items() if n > 1] == []
    pages = maps(sample)
    assert len(pages) == 8
    personas = {p.parent.name for p in (sample / "personas").glob("*/index.html")}
    assert personas and {f"personas/{p}/" for p in personas} <= set(locations)
    indexed = {e["location"]: e for e in entries}
    for address, doc in pages.items():
        assert address in indexed, address
        shown = {f"{address}#{anchor}": name for anchor, name in TOUCHPOINT.findall(doc)}
        shown |= {f"{address}#{anchor}": text for anchor, text in PAIN.findall(doc)}
        ours = {loc for loc in indexed if loc.startswith(address + "#")}
        assert ours == set(shown), address  # the things on the map, and nothing else of it
        for location, name in shown.items():
            assert html.unescape(indexed[location]["title"]) == html.unescape(name).strip(), location
            assert indexed[location]["text"] == ""  # its name says it; the labels around it are not repeated


def test_a_touchpoint_is_found_on_its_map_only(sample: Path) -> None:
    entries = search_index(sample)
    name = "Courier tracking page"
    found = [e["location"] for e in entries if name.lower() in (e["title"] + " " + e["text"]).lower()]
    on_maps = [loc for loc in found if loc.startswith(("journeys/", "personas/"))]
    assert on_maps == ["journeys/retail/buy-running-shoes/#delivery-1-courier-tracking-page"]
    listings = ("touchpoints/", "channels/", "departments/", "gaps/", "compare/", "opportunities/", "overview/",
                "reviews/", "journeys/retail/#", "journeys/#")
    assert not [loc for loc in found if loc.startswith(listings)], found  # (the docs pages that mention it stay)
    # the listings that show every touchpoint are indexed by their title and introduction only
    for listing in ("touchpoints/", "gaps/", "opportunities/", "channels/", "departments/", "compare/"):
        assert [e["location"] for e in entries if e["location"].split("#")[0] == listing] == [listing], listing


def test_a_channel_and_a_department_are_found_by_their_name_on_their_page(sample: Path) -> None:
    entries = {e["location"]: e for e in search_index(sample)}
    for address, name in (("channels/live-chat/", "Live chat"), ("departments/customer-service/", "Customer Service")):
        assert entries[address]["title"] == name
        assert "boost" not in entries[address]  # as a touchpoint's, above the other pages' 1/8
        assert not [loc for loc in entries if loc.startswith(address + "#")], address  # no rows, no sections
    assert "In today's maps customers meet Live chat" in entries["channels/live-chat/"]["text"]  # its introduction
    assert "<table" not in entries["channels/live-chat/"]["text"]


def test_the_boosts_of_the_things_searched_for_by_name_need_little_room_in_the_index(sample: Path) -> None:
    entries = {e["location"]: e for e in search_index(sample)}
    for location in ("journeys/retail/buy-running-shoes/#delivery-1-courier-tracking-page",  # a touchpoint
                     "personas/maya/", "channels/email/", "departments/logistics/"):  # the page about a thing
        assert "boost" not in entries[location], location
    assert entries["journeys/retail/buy-running-shoes/#jm-pain-consideration-2-2"]["boost"] == 0.7  # a pain point
    # every other entry has 1/10: a map's own entry, a page of the docs folder, a persona's sections
    for location in ("journeys/retail/buy-running-shoes/", "writing/", "writing/#the-vocabulary", "compare/",
                     "personas/maya/#jm-goals"):
        assert entries[location]["boost"] == searchview.OTHER_BOOST == 0.1, location
    assert {e.get("boost", 1) for e in entries.values()} == {1, 0.7, 0.1}


def test_the_map_keeps_its_goal_in_its_own_entry(sample: Path) -> None:
    entry = {e["location"]: e for e in search_index(sample)}["journeys/retail/buy-running-shoes/"]
    assert entry["title"] == "Buying running shoes on the app"
    assert "Replace a worn-out daily trainer" in entry["text"]
    # no badges, no title twice, no persona (found on its own page, which lists its maps)
    assert "Approved" not in entry["text"] and entry["title"] not in entry["text"] and "Maya" not in entry["text"]


def test_a_page_indexed_by_none_is_left_out_and_the_overview_stays(tmp_path: Path) -> None:
    root = spec_site(tmp_path)  # no home page of its own: the plugin makes one, the overview again
    assert build(root, "--strict").returncode == 0
    locations = {e["location"] for e in search_index(root / "site")}
    assert "" not in locations and "overview/" in locations


def test_every_page_of_a_kind_indexed_by_none_is_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # as the later parts of a listing are: their rows live elsewhere, and their first part has the title
    monkeypatch.setitem(searchview.BY_KIND, "channel", searchview.NONE)
    root = spec_site(tmp_path)
    assert build(root, "--strict").returncode == 0
    entries = search_index(root / "site")
    assert not [e for e in entries if e["location"].startswith("channels/") and e["location"] != "channels/"]
    assert (root / "site/channels/live-chat/index.html").exists()
    assert "journeys/retail/buy-running-shoes/#awareness-1-friends-post-on-instagram" in {
        e["location"] for e in entries}
    assert not [e for e in entries if "/page/" in e["location"]]  # no later part of a listing


def test_mkdocs_own_search_gets_the_same_pages_without_boosts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # MkDocs' own search makes sections of the headings of a page's table of contents only: a map of a large site
    # has its own entry there, and the pages across maps are left out or indexed by their title as with Material's
    monkeypatch.setattr(searchview, "DETAIL_LIMIT", 0)
    root = spec_site(tmp_path, FRESH_CONFIG.replace("  name: material", "  name: mkdocs"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    entries = json.loads((root / "site/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = [e["location"] for e in entries]
    assert [loc for loc in locations if loc.startswith("journeys/retail/buy-running-shoes/")] == [
        "journeys/retail/buy-running-shoes/"]
    assert [loc for loc in locations if loc.startswith("channels/live-chat/")] == ["channels/live-chat/"]
    assert "" not in locations and "overview/" in locations  # the home page the plugin makes is left out
    assert not [e for e in entries if "boost" in e]


def test_a_page_maker_s_choice_wins_over_its_kind() -> None:
    first = GeneratedPage.virtual("channels/web/", "Web", Html("<p>Intro.</p>"), "channel")
    later = GeneratedPage.virtual("touchpoints/page/2/", "Touchpoints", Html("<p>Rows.</p>"), "touchpoints",
                                  search=searchview.NONE)
    journey = GeneratedPage.virtual("journeys/a/", "A", Html("<p>A map.</p>"), "journey")
    assert (first.indexed, later.indexed, journey.indexed) == (searchview.TITLE, searchview.NONE, searchview.FULL)


def test_a_title_view_keeps_the_introduction_without_rows_or_sections() -> None:
    page = ('<nav class="jm-crumbs"><a href="../">Channels</a></nav><h1>Web</h1><p class="jm-summary">The site.</p>'
            '<p class="jm-empty" hidden>No row matches.</p><table><tr><td><p>a row</p></td></tr></table>'
            '<p>Figures &amp; more.</p><h2 id="pains">Pain points</h2><p>A pain point</p>')
    assert searchview.title_view(page) == '<p class="jm-summary">The site.</p>\n<p>Figures &amp; more.</p>'
    assert searchview.title_view("<h1>Only a title</h1><table></table>") == "<p></p>"

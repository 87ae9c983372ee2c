"""Lists of maps and stage comparisons in parts: every row once, first parts where they were, links that land.

A site of a few hundred generated maps (``bench/generate.py``) is built once,
strictly; smaller sites are planned without MkDocs.
"""

from __future__ import annotations

import importlib.util
import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from journeymaps.figures.analysis import steps
from journeymaps.model.corpus import JourneyEntry
from journeymaps.model.load import load_corpus
from journeymaps.model.types import AS_IS_TYPES
from journeymaps.pages.generated import GeneratedPage
from journeymaps.pages.paging import ROWS_PER_PAGE
from journeymaps.pages.plan import SitePlan, build_plan
from journeymaps.pages.stage_parts import pack
from sites import REPO, build, write

MAPS = 210  # more than one part of the list of maps, and several parts of each stage
_spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("paged")
    write(out, generate.files(MAPS, 6, seed=3))
    return out


@pytest.fixture(scope="module")
def site(root: Path) -> Site:
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return Site(root / "site", {jid: e for jid, e in load_corpus(root / "journeys").journeys.items()})


@dataclass
class Site:
    """A built site, and its maps (all published: the generator writes no archived map)."""

    path: Path
    journeys: dict[str, JourneyEntry]

    def page(self, url: str) -> Page:
        return Page(url, (self.path / url / "index.html").read_text(encoding="utf-8"))

    def parts(self, url: str) -> list[Page]:
        """The parts of the listing at ``url``, in order."""
        found = [self.page(url)]
        while (self.path / f"{url}page/{len(found) + 1}/index.html").is_file():
            found.append(self.page(f"{url}page/{len(found) + 1}/"))
        return found


@dataclass
class Page:
    """A built page: its address and its HTML."""

    url: str
    html: str

    @property
    def title(self) -> str:
        return re.search(r"<title>(.*?)</title>", self.html).group(1)

    def ids(self) -> set[str]:
        return set(re.findall(r' id="([^"]+)"', self.html))


def pages_of(plan: SitePlan, kind: str, prefix: str = "") -> list[GeneratedPage]:
    return [p for p in plan.pages if p.kind == kind and p.url.startswith(prefix)]


def html(page: GeneratedPage | Page) -> str:
    return page.html if isinstance(page, Page) else "".join(page.fragments)


def resolve(url: str, href: str) -> str:
    """The site address a relative link on the page at ``url`` leads to (fragment kept)."""
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(url, path)) + "/" if path else url
    target = "" if target in ("./", "./") else target.removeprefix("./")
    return target + (f"#{fragment}" if fragment else "")


def map_rows(page: GeneratedPage | Page) -> list[str]:
    """The maps listed on a page of a journey list, by address: the first cell of every row links its map."""
    return [resolve(page.url, h) for h in re.findall(r'<tr>\s*<td><a href="([^"]+)">', html(page))]


# --- journeys/ and the folder pages ---------------------------------------------------------------------


def test_the_parts_of_journeys_list_every_published_map_once(site: Site) -> None:
    parts = site.parts("journeys/")
    assert [p.url for p in parts] == ["journeys/", "journeys/page/2/"]  # the first part at the list's address
    listed = Counter(address for part in parts for address in map_rows(part))
    assert listed == Counter(f"journeys/{jid}/" for jid in site.journeys)
    assert [len(map_rows(p)) for p in parts] == [ROWS_PER_PAGE, MAPS - ROWS_PER_PAGE]
    assert [p.title.split(" - ")[0] for p in parts] == ["Journeys", "Journeys (part 2 of 2)"]
    second = html(parts[1])
    assert f"Maps 201–{MAPS} of {MAPS} · part 2 of 2" in second
    assert 'href="../../" rel="prev">Previous</a>' in second and 'aria-current="page"' in second


def test_a_folder_split_across_parts_has_its_heading_on_both(site: Site) -> None:
    first, second = (html(p) for p in site.parts("journeys/"))
    # the maps are listed folder after folder: the folder at the cut is on both parts, "continued" on the second
    cut = re.findall(r'<h2 id="(folder-[^"]+)"', first)[-1]
    assert re.search(rf'<h2 id="{cut}">.*?</h2>\s*<p class="jm-muted">Continued from <a href="../../">part 1</a>',
                     second)
    assert f'<h2 id="{cut}">' in first and f'<h2 id="{cut}">' in second


def test_a_folder_of_more_maps_than_a_part_has_parts_of_its_own(tmp_path: Path) -> None:
    tree = {"journeys/vocabulary.yml": "stages: [look]\nchannels: [web]\n",
            "journeys/personas/ana.md": "---\nname: Ana\n---\n"}
    for n in range(ROWS_PER_PAGE + 5):
        tree[f"journeys/shop/m{n:03d}.md"] = (
            f"---\ntitle: Map {n:03d}\npersona: ana\nstatus: approved\n"
            "phases:\n  - stage: look\n    steps:\n      - {action: Looks, emotion: 1}\n---\n")
    write(tmp_path, tree)
    plan = build_plan(load_corpus(tmp_path / "journeys"))
    folder = pages_of(plan, "folder")
    assert [p.url for p in folder] == ["journeys/shop/", "journeys/shop/page/2/"]
    assert Counter(a for p in folder for a in map_rows(p)) == Counter(f"journeys/{j}/" for j in plan.journeys)
    assert [p.search for p in folder] == ["title", "none"]
    # what the site search indexes: the rows are on the journey pages, the later parts add nothing
    assert [p.search for p in pages_of(plan, "journeys-index")] == ["title", "none"]
    assert [p.search for p in pages_of(plan, "compare-stage")] == ["full", "none"]
    assert "Maps 201–205 of 205" in html(folder[1]) and "205 journey maps in the folder" in html(folder[1])


def test_an_empty_site_has_one_part_of_each_list_and_no_pager(tmp_path: Path) -> None:
    write(tmp_path, {"journeys/vocabulary.yml": "stages: [look]\nchannels: [web]\n"})
    plan = build_plan(load_corpus(tmp_path / "journeys"))
    (index,) = pages_of(plan, "journeys-index")
    assert index.url == "journeys/" and "No journey is published yet." in html(index)
    assert "jm-pager" not in html(index)
    stage = pages_of(plan, "compare-stage")
    assert [p.url for p in stage] == ["compare/look/"]
    assert "No as-is map has a phase in this stage yet." in html(stage[0]) and "jm-pager" not in html(stage[0])


# --- compare/<stage>/ ----------------------------------------------------------------------------------------


def stage_steps(page: GeneratedPage) -> list[str]:
    """The steps of the "Steps" lane of a part of a stage's page, by address."""
    lane = re.search(r'<th scope="row" class="jm-lane">Steps</th>(.*?)</tr>', html(page), re.S)
    return [resolve(page.url, h) for h in re.findall(r'<li><a href="([^"]+)">', lane.group(1))] if lane else []


def test_the_parts_of_a_stage_show_every_step_of_the_stage_once(site: Site) -> None:
    stages: Counter = Counter()
    for jid, entry in site.journeys.items():
        if entry.journey.type in AS_IS_TYPES:
            for view in steps(entry.journey):
                stages[(view.phase.stage, f"journeys/{jid}/#{view.anchor}")] += 1
    for stage in generate.STAGES:
        parts = site.parts(f"compare/{stage}/")
        assert len(parts) > 1, stage
        assert parts[0].url == f"compare/{stage}/"
        assert [p.url for p in parts[1:]] == [f"compare/{stage}/page/{k}/" for k in range(2, len(parts) + 1)]
        shown = Counter(address for part in parts for address in stage_steps(part))
        assert shown == Counter({address: n for (s, address), n in stages.items() if s == stage}), stage
        assert all(len(stage_steps(p)) <= ROWS_PER_PAGE for p in parts)  # no generated map has 200 steps in a stage
        assert 'id="summary"' in html(parts[0]) and all('id="summary"' not in html(p) for p in parts[1:])


def test_heatmap_cells_and_the_summary_link_to_the_part_with_the_personas_column(site: Site) -> None:
    checked = 0
    for page in (site.page("compare/"), site.page("overview/"), site.page("compare/usage/")):
        for href in re.findall(r'href="([^"]*#persona-[^"]+)"', html(page)):
            address, _, anchor = resolve(page.url, href).partition("#")
            if address.startswith("compare/") and address != "compare/":
                assert anchor in site.page(address).ids(), (page.url, href)
                checked += 1
    assert checked > 3 * 6 * 2  # the two heatmaps and one summary, six personas


def test_pack_keeps_maps_whole_and_bounds_the_steps_of_a_part() -> None:
    class Map:
        def __init__(self, n: int) -> None:
            self.places = [object()] * n

    maps = [Map(n) for n in (3, 0, 150, 60, 250, 1)]
    parts = pack("compare/x/", maps, size=200)  # type: ignore[arg-type]
    assert [[len(m.places) for m in p.rows] for p in parts] == [[3, 0, 150], [60], [250], [1]]
    assert [(p.first, p.total, p.url) for p in parts][1] == (3, 6, "compare/x/page/2/")
    assert [p.rows for p in pack("compare/x/", [])] == [[]]


# --- compare/ --------------------------------------------------------------------------------------------


def test_compare_lists_each_future_map_in_one_row_linking_its_comparison(site: Site) -> None:
    compare = html(site.page("compare/"))
    futures = [jid for jid, e in site.journeys.items()
               if e.journey.type == "future" and e.journey.baseline in site.journeys]
    assert futures
    links = re.findall(r'<tr id="future-[^"]+"><td><a href="([^"]+)">', compare)
    assert sorted(resolve("compare/", h) for h in links) == sorted(
        f"journeys/{jid}/#jm-against-baseline" for jid in futures)
    assert "<figure" not in compare.split('id="future-against-baseline"')[1]  # the curves are on the maps' pages
    for jid in futures[:3]:
        assert 'id="jm-against-baseline"' in html(site.page(f"journeys/{jid}/"))


# --- the built site -------------------------------------------------------------------------------------------


def test_every_pager_link_lands(site: Site) -> None:
    pagers = 0
    out = site.path
    for doc in [*out.glob("journeys/page/*/index.html"), out / "journeys/index.html",
                *out.glob("compare/*/index.html"), *out.glob("compare/*/page/*/index.html")]:
        address = str(doc.parent.relative_to(out)) + "/"
        for nav in re.findall(r'<nav class="jm-pager".*?</nav>', doc.read_text(encoding="utf-8"), re.S):
            pagers += 1
            for href in re.findall(r'href="([^"]+)"', nav):
                assert (out / resolve(address, href) / "index.html").is_file(), (address, href)
    assert pagers >= 2 * (2 + len(generate.STAGES) * 2)

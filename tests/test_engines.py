"""The repository's own site published four ways (issue 17): MkDocs and ProperDocs with the plugin,
``journeymaps generate`` then Zensical or MkDocs. Same pages, same addresses, no broken link, same exports.

Each way runs the real commands as a user would (tests/engine_sites.py); the sample site is built once for the module.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gitrepo
from engine_sites import WAYS, EngineBuild, broken_links, build_all, build_way, ids, page_addresses
from journeymaps.model.addresses import touchpoint_anchor
from sites import REPO, command_env

pytestmark = pytest.mark.slow  # each build is a new process; four of the sample site, and more

EPOCH = "1767225600"  # one SOURCE_DATE_EPOCH for every build: the review states and the sitemap's dates agree
PLUGIN = "mkdocs"  # way 1, what the other ways are compared with
GENERATED = ("generate+zensical", "generate+mkdocs")


def _env(home: Path) -> dict[str, str]:
    return {"SOURCE_DATE_EPOCH": EPOCH, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, EngineBuild]:
    """The sample site, copied out of the repository into a git repository of one commit (the pages show its
    history), built each of the four ways."""
    work = tmp_path_factory.mktemp("engines")
    root = work / "sample"
    root.mkdir()
    for name in ("mkdocs.yml", "docs", "journeys", "theme_overrides"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    gitrepo.init(root)
    gitrepo.commit(root, "The sample maps")
    return build_all(root, work / "out", env=_env(work / "home"))


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_four_builds_succeed(builds: dict[str, EngineBuild]) -> None:
    for way in WAYS:
        built = builds[way]
        assert built.returncode == 0, f"{way}:\n{built.describe()}"
        assert (built.site / "index.html").is_file(), f"{way}: no home page\n{built.describe()}"


def test_every_way_publishes_the_same_addresses(builds: dict[str, EngineBuild]) -> None:
    expected = page_addresses(builds[PLUGIN].site)
    assert len(expected) > 50 and "touchpoints/" in expected and "journeys/retail/buy-running-shoes/" in expected
    differences = []
    for way in WAYS[1:]:
        found = page_addresses(builds[way].site)
        if found != expected:
            differences.append(f"{way}: missing {sorted(expected - found)}, extra {sorted(found - expected)}")
    assert not differences, "\n".join(differences)


@pytest.mark.parametrize("way", WAYS)
def test_no_internal_link_is_broken(builds: dict[str, EngineBuild], way: str) -> None:
    site = builds[way].site
    assert (site / "index.html").is_file(), f"{way} did not build"
    broken = broken_links(site)
    assert not broken, f"{len(broken)} broken link(s) in {way}, e.g.:\n" + "\n".join(broken[:30])


def test_touchpoint_anchors_are_on_their_pages_in_every_way(builds: dict[str, EngineBuild]) -> None:
    """Touchpoints of the plugin's touchpoints.csv, the first, the last and some between, each at its address
    ``journeys/<journey>/#<stage>-<step>-<slug>`` in every way."""
    text = (builds[PLUGIN].site / "touchpoints.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) > 20
    chosen = [rows[i] for i in sorted({0, len(rows) - 1, *range(0, len(rows), max(1, len(rows) // 6))})]
    missing = []
    for row in chosen:
        address = f"journeys/{row['journey']}/"
        anchor = touchpoint_anchor(row["stage"], int(row["step"]), row["touchpoint"])
        for way in WAYS:
            if not (builds[way].site / address / "index.html").is_file():
                missing.append(f"{way}: no page {address}")
            elif anchor not in ids(builds[way].site, address):
                missing.append(f"{way}: no id {anchor!r} on {address}")
    assert not missing, "\n".join(missing)


def test_properdocs_builds_the_sample_byte_for_byte_as_mkdocs(builds: dict[str, EngineBuild]) -> None:
    """Only the generator meta tag of the HTML pages names the engine. The gzipped sitemap carries the date of
    SOURCE_DATE_EPOCH in both (the plugin's doing), so it is the same too."""
    mkdocs, properdocs = _files(builds["mkdocs"].site), _files(builds["properdocs"].site)
    assert sorted(mkdocs) == sorted(properdocs)
    assert "sitemap.xml.gz" in mkdocs and "journeys.json" in mkdocs
    differ = []
    for name, data in mkdocs.items():
        if data == properdocs[name]:
            continue
        if name.endswith(".html"):
            old, new = (
                [line for line in d.decode("utf-8").splitlines() if '<meta name="generator"' not in line]
                for d in (data, properdocs[name]))
            if old == new:
                continue
        differ.append(name)
    assert not differ, f"besides the generator tag, these differ: {differ[:20]}"


@pytest.mark.parametrize("way", GENERATED)
@pytest.mark.parametrize("export", ["journeys.json", "touchpoints.csv"])
def test_generated_sites_have_the_plugins_exports(builds: dict[str, EngineBuild], way: str, export: str) -> None:
    expected = (builds[PLUGIN].site / export).read_bytes()
    found = builds[way].site / export
    assert found.is_file(), f"{way}: no {export}"
    assert found.read_bytes() == expected, f"{way}: {export} differs from the plugin's"


def test_zensical_publishes_300_generated_maps(tmp_path: Path) -> None:
    """A large site through ``journeymaps generate`` and Zensical: no page over Zensical's search limit (it says
    "exceeds the search index limit"), the touchpoints page and every journey's page."""
    root = tmp_path / "repo"
    done = subprocess.run([sys.executable, str(REPO / "bench/generate.py"), str(root), "--journeys", "300",
                           "--seed", "1", "--git"], capture_output=True, text=True,
                          env=command_env(PYTHONDONTWRITEBYTECODE="1"))
    assert done.returncode == 0, done.stderr
    built = build_way("generate+zensical", root, tmp_path / "site", env=_env(tmp_path / "home"))
    assert built.returncode == 0, built.describe()
    said = built.stdout + built.stderr
    assert "exceeds the search index limit" not in said, built.describe()
    assert (built.site / "touchpoints/index.html").is_file()
    journeys = [p.relative_to(root / "journeys").with_suffix("").as_posix()
                for p in (root / "journeys").rglob("*.md") if "personas" not in p.parts]
    assert len(journeys) == 300
    missing = [j for j in journeys if not (built.site / "journeys" / j / "index.html").is_file()]
    assert not missing, f"{len(missing)} journey page(s) missing, e.g. {missing[:10]}"


def test_the_engines_benchmark_compares_the_four_ways(tmp_path: Path) -> None:
    """bench/engines.py with a tiny N: a smoke test of the harness (speed is measured by the benchmark only)."""
    result = tmp_path / "engines.json"
    done = subprocess.run([sys.executable, str(REPO / "bench/engines.py"), "--journeys", "5", "--runs", "1",
                           "--work", str(tmp_path / "work"), "--json", str(result)],
                          cwd=REPO, capture_output=True, text=True, timeout=900,
                          env=command_env(PYTHONDONTWRITEBYTECODE="1", HOME=str(tmp_path / "home")))
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line.split("|")[1:-1] for line in done.stdout.splitlines() if line.startswith("| 5 |")]
    assert [row[1].strip() for row in rows] == list(WAYS), done.stdout
    data = json.loads(result.read_text(encoding="utf-8"))
    ways = data["sizes"][0]["ways"]
    assert list(ways) == list(WAYS)
    for way, figures in ways.items():
        assert len(figures["wall"]) == 1 and figures["wall"][0] > 0, way
        assert (len(figures["generate"]) == 1) == (way in GENERATED), way
    assert len({figures["pages"] for figures in ways.values()}) == 1  # each way published as many pages


def test_the_link_checker_finds_what_is_broken(tmp_path: Path) -> None:
    """engine_sites.broken_links, page_addresses and ids on a hand-made site: what the tests above rely on."""
    pages = {
        "index.html": '<a href="a/b/">ok</a><a href="a/b/#top">ok</a><a href="a/missing/">no page</a>'
                      '<a href="https://example.org/x">external</a><a href="mailto:x@example.org">mail</a>'
                      '<img src="data:image/png;base64,AA"><a href="//cdn.example.org/x.js">host</a>',
        "a/b/index.html": '<h2 id="top">Top</h2><a name="old"></a><a href="../../#nowhere">bad fragment</a>'
                          '<a href="#old">ok</a><a href="../../caf%C3%A9.html#top">ok</a>'
                          '<link href="../../style.css" rel="stylesheet"><script src="../../app.js"></script>'
                          '<a href="../../../outside/">outside</a>',
        "café.html": '<p id="top">x</p><a href="a/b/index.html?q=1#old">ok</a><a href="a/b">ok</a>',
        "style.css": "",
        "404.html": '<a href="/nowhere/">the server root: not checked</a>',
        "assets/x.html": "", "search/y.html": "",
    }
    for rel, text in pages.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    assert sorted(broken_links(tmp_path)) == [
        ": a/missing/ (no such file)",
        "a/b/: ../../#nowhere (no id 'nowhere' in index.html)",
        "a/b/: ../../../outside/ (no such file)",
        "a/b/: ../../app.js (no such file)",
    ]
    assert page_addresses(tmp_path) == {"", "a/b/", "café.html"}
    assert ids(tmp_path, "a/b/") == {"top", "old"}

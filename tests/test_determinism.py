"""Deterministic output: the same sources and SOURCE_DATE_EPOCH give byte-identical sites and exports.

The two builds differ in everything that should not matter: the folder the
sources are checked out in, the folder the site is written to, the hash seed
(so that any output that follows set or dict-of-set order changes) and the
time zone. A third build with another SOURCE_DATE_EPOCH shows where the date
is used: MkDocs writes the build date into ``sitemap.xml`` (``<lastmod>``) and
into the gzip header of ``sitemap.xml.gz`` (its mtime), and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gzip
import json
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

import gitrepo
from sites import BIN, REPO, command_env

pytestmark = pytest.mark.slow  # the sample site built five times, as commands in fresh processes

EPOCH = 1_790_000_000  # 2026-09-21 in UTC
OTHER_EPOCH = EPOCH + 3 * 86_400
DATE_FILES = {"sitemap.xml", "sitemap.xml.gz"}


def checkout(root: Path) -> Path:
    """A copy of the repository's site sources, as a fresh clone would have them.

    A ``site_url`` is added, as a deployed intranet site has one: without it
    MkDocs lists no page in ``sitemap.xml`` and so writes no ``<lastmod>``.
    """
    root.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "journeys", "theme_overrides"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("site_url: https://journeys.intranet.example/\n")
    return root


def build(sources: Path, out: Path, *, epoch: int, seed: str, tz: str) -> Path:
    env = command_env(SOURCE_DATE_EPOCH=str(epoch), PYTHONHASHSEED=seed, TZ=tz)
    done = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(out)], cwd=sources, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes], dict[str, bytes]]:
    first = checkout(tmp_path_factory.mktemp("clone-a"))
    second = checkout(tmp_path_factory.mktemp("clone-b"))
    a = build(first, tmp_path_factory.mktemp("out-a") / "site", epoch=EPOCH, seed="1", tz="UTC")
    b = build(second, tmp_path_factory.mktemp("out-b") / "public", epoch=EPOCH, seed="4242",
              tz="Pacific/Auckland")
    c = build(first, tmp_path_factory.mktemp("out-c") / "site", epoch=OTHER_EPOCH, seed="1", tz="UTC")
    return files(a), files(b), files(c)


def test_two_builds_are_byte_identical(builds) -> None:
    a, b, _ = builds
    assert sorted(a) == sorted(b)
    assert any(name.startswith("journeys/retail/") for name in a)
    different = [name for name in a if a[name] != b[name]]
    assert different == []


#: Pages that are about dates: the review list and the overview (the sample's home page) state "as of" the build date.
DATED_PAGES = {"reviews/index.html", "overview/index.html", "index.html"}


def _changed_lines(old: bytes, new: bytes) -> list[str]:
    diff = difflib.unified_diff(old.decode().splitlines(), new.decode().splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_two_clones_with_history_are_byte_identical(tmp_path: Path) -> None:
    """The history sections (dates, authors, the trend) come out the same in two clones of one commit."""
    origin = checkout(tmp_path / "origin")
    gitrepo.init(origin)
    gitrepo.commit(origin, "First maps", date="2026-02-02T09:00:00+00:00")
    page = origin / "journeys" / "retail" / "marketplace-trainers.md"
    page.write_text(page.read_text(encoding="utf-8").replace("emotion: 0", "emotion: -1", 1), encoding="utf-8")
    gitrepo.commit(origin, "Marketplace: a worse price check", author=gitrepo.BEN, date="2026-03-03T10:30:00+01:00")
    clones = []
    for name in ("clone-a", "clone-b"):
        subprocess.run([gitrepo.GIT, "clone", "-q", str(origin), str(tmp_path / name)], check=True)
        clones.append(tmp_path / name)
    a = files(build(clones[0], tmp_path / "out-a", epoch=EPOCH, seed="3", tz="UTC"))
    b = files(build(clones[1], tmp_path / "out-b", epoch=EPOCH, seed="9001", tz="America/Lima"))
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    html = a["journeys/retail/marketplace-trainers/index.html"].decode("utf-8")
    assert "Marketplace: a worse price check" in html and "Ben Ode" in html  # the history is really there


def test_only_the_sitemap_and_the_review_state_carry_the_date(builds) -> None:
    """Another SOURCE_DATE_EPOCH changes the sitemap and, as it should, whether a map is due for review."""
    a, _, c = builds
    assert sorted(a) == sorted(c)
    differ = {name for name in a if a[name] != c[name]}
    assert differ >= DATE_FILES
    for name in sorted(differ - DATE_FILES - DATED_PAGES):
        if name == "search/search_index.json":
            old, new = (json.loads(site[name])["docs"] for site in (a, c))
            assert [e["location"] for e in old] == [e["location"] for e in new]
            changed = [(x, y) for x, y in zip(old, new, strict=True) if x != y]
            assert all("review" in (x["text"] + y["text"]).lower() for x, y in changed), changed[:2]
        else:
            assert name.endswith(".html"), f"{name} depends on the build date"
            lines = _changed_lines(a[name], c[name])
            assert lines and all("jm-review" in line for line in lines), (name, lines[:4])


@pytest.mark.parametrize("epoch", [EPOCH, OTHER_EPOCH])
def test_the_date_is_the_source_date_epoch(builds, epoch: int) -> None:
    site = builds[0] if epoch == EPOCH else builds[2]
    day = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    sitemap = site["sitemap.xml"].decode("utf-8")
    pages = [name for name in site if name.endswith("index.html") and not name.startswith("assets/")]
    assert sitemap.count("<lastmod>") == len(pages) > 10  # every page, generated ones included
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {day.isoformat()}
    packed = site["sitemap.xml.gz"]
    midnight = int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())
    assert struct.unpack("<I", packed[4:8])[0] == midnight  # the gzip header's mtime: the day, not the clock
    assert gzip.decompress(packed).decode("utf-8") == sitemap


EXPORTS = """
import json, sys
from journeymaps.pages import exports
from journeymaps.model.load import load_corpus
corpus = load_corpus(sys.argv[1])
sys.stdout.write(exports.touchpoints_csv(corpus.journeys.values()))
for jid in sorted(corpus.journeys):
    sys.stdout.write(json.dumps(exports.journey_data(corpus.journeys[jid]), ensure_ascii=False, allow_nan=False))
"""


def test_exports_are_identical_under_any_hash_seed(tmp_path: Path) -> None:
    outputs = []
    for seed, clone in (("1", "a"), ("977", "b")):
        sources = checkout(tmp_path / clone)
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([str(BIN / "python"), "-c", EXPORTS, str(sources / "journeys")], env=env,
                              capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b'"id": "retail/buy-running-shoes"') == 1

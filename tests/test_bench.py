"""bench/ with a tiny N: smoke tests of the harness only (speed is measured by the benchmark, not here)."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sites import REPO, build_command, command_env

sys.path.insert(0, str(REPO / "bench"))

import generate  # bench/, on the path above
import timed_build


def _repository_state() -> str:
    """Every file git sees as changed, new or ignored in the repository (the benchmark must write none).

    Python's bytecode caches are left out: a first run on a fresh clone makes them, and so do other tests.
    """
    status = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout
    return "\n".join(line for line in status.splitlines() if "__pycache__/" not in line)


def _env() -> dict[str, str]:
    """The commands' environment; Chromium wants a home folder."""
    return command_env(PYTHONDONTWRITEBYTECODE="1", HOME=os.environ.get("HOME", "/tmp"))


def test_every_step_the_profile_times_is_in_the_code() -> None:
    """bench/timed_build.py names the plugin's steps by module and attribute: a step renamed or moved in the plugin
    is left out of the profile, so this says which line of PLUGIN_STEPS to update."""
    for module, attribute, label in timed_build.PLUGIN_STEPS + timed_build.MKDOCS_STEPS:
        owner: object = importlib.import_module(module)
        for part in attribute.split("."):
            owner = getattr(owner, part, None)
            assert owner is not None, f"{module}.{attribute} ({label!r}) is gone: update PLUGIN_STEPS"
        assert callable(owner), f"{module}.{attribute}"


@pytest.mark.slow  # the benchmark builds a dozen sites as commands and runs mkdocs serve
def test_the_benchmark_prints_its_tables_and_verdicts_and_writes_nothing_into_the_repository() -> None:
    before = _repository_state()
    done = subprocess.run(
        [sys.executable, str(REPO / "bench/run.py"), "--sizes", "4", "6", "--repeat", "1", "--serve-repeat", "1"],
        cwd=REPO, capture_output=True, text=True, timeout=1200, env=_env(),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    headings = ("### Builds", "### Ratios, the plugin's share, validate and the largest page",
                "### `mkdocs serve`: a change until the served site shows it", "### Profile of our build, N = 6",
                "### Targets")
    for heading in headings:
        assert heading in out, heading
    rows = [line for line in out.splitlines() if line.startswith("| 6 |")]
    assert [row.split("|")[2].strip() for row in rows[:4]] == ["ours", "ours, no git", "b1", "b2"]
    pages = {row.split("|")[2].strip(): int(row.split("|")[3]) for row in rows[:4]}
    assert pages["ours"] == pages["b1"] == pages["b2"] > 6  # the baselines have as many pages as our site
    for kind in ("edit", "add", "remove"):  # each change was seen by the served site, and the search index
        row = next(line for line in rows if line.startswith(f"| 6 | {kind} |"))
        assert row.split("|")[-2].strip() in ("–" if kind == "edit" else "yes"), row
    assert "| `index.html` |" not in out and "index.html` |" in out  # the largest page, by its path
    assert "| search: indexing the pages |" in out and "| mkdocs: theme templates and writing |" in out
    assert "| **all plugin: rows (the plugin's own work)** |" in out
    assert "not found in this code" not in out  # every step of the profile was timed
    targets = [line for line in out.split("### Targets")[1].splitlines() if line.startswith("- ")]
    assert all(line.startswith(("- met: ", "- NOT MET: ")) for line in targets), targets
    for words in ("times b2", "times b1", "peak memory of the build", "journeymaps validate", "linear",
                  "no HTML page over 1 MB", "the search index", "an edit of one map's file", "a new map file",
                  "a removed map file"):
        assert any(words in line for line in targets), words
    assert _repository_state() == before


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built site of four generated maps."""
    root = tmp_path_factory.mktemp("tiny")
    generate.generate(root, 4)
    done = build_command(root, "-q")
    assert done.returncode == 0, done.stderr
    return root / "site"


@pytest.mark.browser
@pytest.mark.slow
def test_browser_load_measures_two_sites_side_by_side(tiny_site: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(tiny_site, other)
    result = tmp_path / "browser.json"
    before = _repository_state()
    done = subprocess.run(
        [sys.executable, str(REPO / "bench/browser_load.py"), "--site", str(tiny_site), "--site", f"copy={other}",
         "--loads", "1", "--largest", "2", "--json", str(result)],
        cwd=REPO, capture_output=True, text=True, timeout=600, env=_env(),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(result.read_text(encoding="utf-8"))
    assert data["markdown"] in done.stdout
    rows = [line.split("|")[1:-1] for line in data["markdown"].splitlines() if line.startswith("| `")]
    pages = [row[0].strip() for row in rows]
    for page in ("`/`", "`journeys/`", "`touchpoints/`", "`gaps/`", "`opportunities/`", "`compare/`"):
        assert pages.count(page) == 2, page  # one row per site
    assert [row[1].strip() for row in rows[:2]] == [str(tiny_site), "copy"]  # by folder or by label, in turn
    assert any(p.startswith("`departments/") for p in pages) and any(p.startswith("`channels/") for p in pages)
    assert any(p.startswith("`journeys/") and p.count("/") >= 3 for p in pages)  # a journey page
    for row in rows:  # every page was loaded: its size, its elements, its time
        kilobytes, elements, seconds = (cell.strip().replace(",", "") for cell in row[2:5])
        assert float(kilobytes) > 0 and int(elements) > 50 and float(seconds) > 0, row
    search = [line for line in data["markdown"].splitlines() if line.startswith(f"| {tiny_site} |")]
    assert search and search[-1].split("|")[4].strip() != "``", search  # a first result was shown
    assert len(data["verdicts"]) == 6  # three per site
    assert all(v.startswith(("met: ", "NOT MET: ")) for v in data["verdicts"])
    assert _repository_state() == before

"""The in-process build of tests/sites.py gives what the ``mkdocs build`` command gives: files, log and exit code.

Most tests build their sites in the test's own process (``sites.build``); this is what makes that a fair stand-in
for the command a user types.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sites import FRESH_CONFIG, build, build_command, spec_site, write

pytestmark = pytest.mark.slow  # every case is built twice, once as a command

EPOCH = {"SOURCE_DATE_EPOCH": "1790000000"}  # the same date in the sitemap of both builds


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def said(text: str, root: Path) -> list[str]:
    """The lines of a log, with the folder and the durations left out."""
    text = re.sub(r"\bin [0-9.]+ s(econds)?\b", "in N s", text.replace(str(root), "ROOT"))
    return text.splitlines()


CASES = {
    "healthy": ("", {}, ("--strict",)),
    "broken, strict": ("", {"journeys/retail/broken.md": "---\ntitle: [unclosed\n---\n"}, ("--strict",)),
    "broken, strict and quiet": ("", {"journeys/retail/broken.md": "---\ntitle: 2\n---\n"}, ("--strict", "-q")),
    "config error": ("      review:\n        interval: 0\n", {}, ()),
    "old option names, verbose": ("      review_interval: 90\n", {"docs/index.md": "# Home\n[x](nowhere.md)\n"},
                                  ("--verbose",)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_in_process_and_command_builds_agree(tmp_path: Path, case: str) -> None:
    options, extra_files, args = CASES[case]
    config = FRESH_CONFIG.replace("  - journeys", "  - journeys:\n" + options) if options else FRESH_CONFIG
    here = spec_site(tmp_path / "here", config)
    write(here, extra_files)
    there = tmp_path / "there"
    shutil.copytree(here, there)
    ours = build(here, *args, env=EPOCH)
    theirs = build_command(there, *args, env=EPOCH)
    assert ours.returncode == theirs.returncode, (ours.stderr, theirs.stderr)
    assert said(ours.stdout, here) == said(theirs.stdout, there)
    mine, real = said(ours.stderr, here), said(theirs.stderr, there)
    if "--verbose" in args:  # MkDocs' own debug lines name timings and objects' addresses; ours are compared
        mine, real = ([line for line in log if not line.startswith("DEBUG") or "-  journeymaps: " in line]
                      for log in (mine, real))
        assert any(line.startswith("DEBUG   -  journeymaps: ") for line in mine)
    assert mine == real
    assert files(here / "site") == files(there / "site") if (there / "site").exists() else not (here / "site").exists()

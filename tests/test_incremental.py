"""``mkdocs serve`` rebuilds keep what did not change, and the site is the same as a fresh build after every edit.

A serve-like session builds the site again and again in one process with the same plugin instances (as
``mkdocs serve`` does: MkDocs keeps a plugin that has ``on_startup``). After each kind of edit, the rebuilt site is
compared file by file with a fresh build of the same tree by new plugin instances: a cache key that missed an input
would leave a stale page, and the two sites would differ.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from gitrepo import commit, git_env, init
from sites import PNG, REPO, SPEC_JOURNEY, SPEC_PERSONA, SPEC_VOCABULARY, write

_spec = importlib.util.spec_from_file_location("compare_sites", REPO / "bench" / "compare_sites.py")
assert _spec is not None and _spec.loader is not None
compare_sites = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare_sites)

SERVE_URL = "http://127.0.0.1:8000/"

CONFIG = """
site_name: Incremental
theme:
  name: material
  custom_dir: overrides
plugins:
  - search
  - journeys
nav:
  - Guide: guide.md
  - notes.md
"""

FUTURE = """
---
title: Buying running shoes in one visit
persona: maya
type: future
status: approved
baseline: retail/buy-running-shoes
phases:
  - stage: awareness
    steps:
      - action: Sees the shoe in a club newsletter
        emotion: 2
        touchpoints:
          - {name: Club newsletter, channel: email, department: marketing}
---
Compare it with [today's map](../retail/buy-running-shoes.md).
"""

RETURN = """
---
title: Returning shoes that do not fit
persona: sam
status: approved
phases:
  - stage: retention
    steps:
      - action: Asks for a return label
        emotion: -1
        touchpoints:
          - {name: Returns chat, channel: live-chat, department: customer-service}
---
Often after [buying them](buy-running-shoes.md).
"""

SAM = """
---
name: Sam, the commuter
summary: Walks to work, buys in the shop.
---
Sam's notes.
"""

EXTRA = """
---
title: Joining the running club
persona: sam
status: approved
phases:
  - stage: advocacy
    steps:
      - action: Signs up at the till
        emotion: 1
        touchpoints:
          - {name: Club form, channel: store}
---
"""


def tree() -> dict[str, str]:
    """A small site with what a page can show of other files: personas, a baseline, links, a folder, history."""
    about = (REPO / "plugin/journeymaps/pages/templates/journey/about.html").read_text(encoding="utf-8")
    return {
        "mkdocs.yml": CONFIG,
        "docs/guide.md": "# The guide\n\nSee [the notes](notes.md).\n",
        "docs/notes.md": "# Notes\n\nNothing yet.\n",
        "overrides/journeymaps/journey/about.html": "<p class=\"marker\">About v1</p>\n" + about,
        "journeys/vocabulary.yml": SPEC_VOCABULARY,
        "journeys/personas/maya.md": SPEC_PERSONA,
        "journeys/personas/sam.md": SAM,
        "journeys/retail/buy-running-shoes.md": SPEC_JOURNEY,
        "journeys/retail/return-shoes.md": RETURN,
        "journeys/future/one-visit.md": FUTURE,
    }


class Session:
    """Builds of one site in one process, as ``mkdocs serve`` makes them: the same plugins from build to build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.plugins: dict = {}  # MkDocs' plugin cache of this session
        self.builds = 0

    @contextlib.contextmanager
    def _plugins(self, kept: dict) -> Iterator[None]:
        cache = MkDocsConfig.plugins.plugin_cache
        saved = dict(cache)
        cache.clear()
        cache.update(kept)
        try:
            yield
        finally:
            kept.clear()
            kept.update(cache)
            cache.clear()
            cache.update(saved)

    def _build(self, site: Path, kept: dict, first: bool) -> MkDocsConfig:
        with self._plugins(kept), contextlib.chdir(self.root):
            config = load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(site))
            config.site_url = SERVE_URL
            if first:
                config.plugins.on_startup(command="serve", dirty=False)
            mkdocs_build.build(config, serve_url=SERVE_URL)
            return config

    def rebuild(self) -> MkDocsConfig:
        """Build again with this session's plugins, into ``served``."""
        self.builds += 1
        return self._build(self.root / "served", self.plugins, self.builds == 1)

    def fresh(self) -> None:
        """A first build by new plugins, into ``fresh``."""
        shutil.rmtree(self.root / "fresh", ignore_errors=True)
        self._build(self.root / "fresh", {}, True)

    def check(self) -> dict[str, int]:
        """Rebuild, build afresh, and check that the two sites are the same; returns what MkDocs' work reused."""
        config = self.rebuild()
        self.fresh()
        differences = compare_sites.compare(self.root / "fresh", self.root / "served")
        assert not differences, "\n".join(differences[:20])
        return config.plugins["journeys"].reuse.counts

    def page(self, address: str) -> str:
        """The served page at ``address``."""
        return (self.root / "served" / address / "index.html").read_text(encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace ``old`` (which must be there) by ``new`` in a file of the site."""
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    root = tmp_path / "site"
    write(root, tree())
    (root / "journeys/personas/images").mkdir(parents=True, exist_ok=True)
    (root / "journeys/personas/images/maya.png").write_bytes(PNG)
    init(root)
    commit(root, "First maps")
    saved = dict(os.environ)
    os.environ.update(git_env(tmp_path / "home"))
    os.environ["SOURCE_DATE_EPOCH"] = "1767600000"  # the reference date of reviews, the same for both builds
    level = logging.getLogger("mkdocs").level
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        yield Session(root)
    finally:
        logging.getLogger("mkdocs").setLevel(level)
        os.environ.clear()
        os.environ.update(saved)


MAP = "journeys/retail/buy-running-shoes"


def test_a_rebuild_without_changes_reuses_every_page(session: Session) -> None:
    session.rebuild()
    counts = session.check()
    assert counts["pages"] > 10
    assert counts["converted"] == counts["written"] == counts["pages"], counts
    assert counts["searched"] == counts["pages"], counts


def test_every_edit_shows_everywhere_and_nothing_stale_remains(session: Session) -> None:
    session.rebuild()

    session.edit("journeys/retail/buy-running-shoes.md", "No size guide in the post", "No size chart in the post")
    counts = session.check()
    assert "No size chart in the post" in session.page(MAP)
    assert 0 < counts["written"] < counts["pages"], counts  # the other maps' pages are written as before

    session.edit("journeys/retail/buy-running-shoes.md", "Buying running shoes online", "Buying trail shoes online")
    session.check()  # its title is in the navigation of every page
    assert "Buying trail shoes online" in session.page(MAP)
    assert "Buying trail shoes online" in session.page("journeys/future/one-visit")  # its baseline

    session.edit("journeys/personas/maya.md", "Maya, the weekend runner", "Maya, the trail runner")
    session.check()
    assert "Maya, the trail runner" in session.page(MAP)

    session.edit("journeys/vocabulary.yml", "name: Awareness", "name: Discovery")
    session.check()
    assert "Discovery" in session.page(MAP)

    session.edit("overrides/journeymaps/journey/about.html", "About v1", "About v2")
    session.check()
    assert "About v2" in session.page(MAP)

    commit(session.root, "A second look", date="2026-01-09T09:00:00+00:00")
    session.check()

    write(session.root, {"journeys/retail/join-club.md": EXTRA})
    session.check()
    assert "Joining the running club" in session.page("journeys/retail/join-club")

    (session.root / "journeys/retail/return-shoes.md").unlink()
    session.check()
    assert not (session.root / "served/journeys/retail/return-shoes").exists()

    session.edit("docs/guide.md", "# The guide", "# The handbook")
    session.check()  # the navigation of every page changes with a title in it


def test_a_change_of_status_or_a_broken_link_is_rebuilt(session: Session) -> None:
    session.rebuild()
    session.edit("journeys/retail/return-shoes.md", "status: approved", "status: draft")
    session.check()
    session.edit("journeys/future/one-visit.md", "../retail/buy-running-shoes.md", "../retail/gone.md")
    session.check()
    session.check()  # a page whose conversion warned is converted again, and warns again


def test_with_the_navigation_of_a_large_site_adding_a_map_rewrites_only_what_shows_it(session: Session) -> None:
    session.edit("mkdocs.yml", "  - journeys\n", "  - journeys:\n      navigation: folders\n")
    session.rebuild()
    write(session.root, {"journeys/retail/join-club.md": EXTRA})
    counts = session.check()
    assert "Joining the running club" in session.page("journeys/retail")  # its folder's page
    assert 0 < counts["written"] < counts["pages"], counts
    (session.root / "journeys/retail/join-club.md").unlink()
    counts = session.check()
    assert "Joining the running club" not in session.page("journeys/retail")
    assert 0 < counts["written"] < counts["pages"], counts

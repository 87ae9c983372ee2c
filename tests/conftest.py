"""Shared fixtures: sites written from a readable tree and built in this process; the markers.

``pytest -m "not browser"`` leaves out every test that starts Chromium, and a test that starts it without the
``browser`` marker fails. Tests marked ``slow`` run only with ``--slow`` (``make test`` passes it); see
pyproject.toml for the markers and docs/contributing.md for the commands.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # before Material is imported, as the commands' environment

import browser
import sites

SLOW_LEFT_OUT = pytest.StashKey[int]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--slow``: also run the tests marked ``slow`` (``make test`` does)."""
    parser.addoption("--slow", action="store_true", help="also run the tests marked slow (make test does)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without ``--slow``, the tests marked ``slow`` are left out (deselected; the summary says how many)."""
    if config.getoption("--slow"):
        return
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item.get_closest_marker("slow") is None]
        config.stash[SLOW_LEFT_OUT] = len(slow)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """Say that slow tests were left out, and how to run them."""
    left_out = config.stash.get(SLOW_LEFT_OUT, 0)
    if left_out:
        terminalreporter.write_line(f"{left_out} slow test(s) left out: `pytest --slow` or `make test` runs them")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture of the test starts: Chromium may start only in a test marked ``browser``."""
    browser.ALLOWED = item.get_closest_marker("browser") is not None


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """One headless Chromium for the browser tests of a module."""
    with browser.browser() as instance:
        yield instance


#: The window of the ``page`` fixture; a module sets its own with ``VIEWPORT = {"width": ..., "height": ...}``.
VIEWPORT = {"width": 1400, "height": 900}


@pytest.fixture
def page(request: pytest.FixtureRequest, chromium: Browser) -> Iterator[Page]:
    """A new page in a fresh context of the module's Chromium, at the module's ``VIEWPORT`` (1400×900 by default)."""
    context = chromium.new_context(viewport=getattr(request.module, "VIEWPORT", VIEWPORT))
    yield context.new_page()
    context.close()


@pytest.fixture
def site_from(tmp_path: Path) -> Callable[..., sites.Built]:
    """``site_from({"mkdocs.yml": ..., "journeys/vocabulary.yml": ...}, "--strict")``: the tree written below a new
    folder (texts dedented; an empty ``docs/`` is made when the tree has none) and built in this process."""
    count = 0

    def make(tree: dict[str, str], *extra: str, env: dict[str, str] | None = None) -> sites.Built:
        nonlocal count
        count += 1
        return sites.build_tree(tmp_path / f"site-{count}", tree, *extra, env=env)

    return make

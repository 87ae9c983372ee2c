"""The parts of a long list in a real browser: the pager leads from part to part and passes axe (WCAG 2.1 AA)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from browser import Server, axe_violations, describe, serve
from sites import build, write

VIEWPORT = {"width": 390, "height": 844}  # the page fixture's window (conftest.py): a phone

pytestmark = pytest.mark.browser  # every test here starts Chromium

MAPS = 205  # one step each, in one folder and one stage: two parts of each list
PARTS = ["journeys/page/2/", "journeys/shop/page/2/", "compare/look/", "compare/look/page/2/"]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("paged-browser")
    tree = {"mkdocs.yml": "site_name: Parts\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
                          "  - journeys\n",
            "docs/index.md": "# Parts\n",
            "journeys/vocabulary.yml": "stages: [look]\nchannels: [web]\n",
            "journeys/personas/ana.md": "---\nname: Ana\n---\n"}
    for n in range(MAPS):
        tree[f"journeys/shop/m{n:03d}.md"] = (
            f"---\ntitle: Map {n:03d}\npersona: ana\nstatus: approved\n"
            "phases:\n  - stage: look\n    steps:\n      - {action: Looks, emotion: 1}\n---\n")
    write(root, tree)
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    with serve(root / "site", "/") as running:
        yield running



@pytest.mark.parametrize("address", PARTS)
def test_a_part_has_no_wcag_aa_violations(page: Page, server: Server, address: str) -> None:
    page.goto(server.base + address)
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_the_pager_leads_to_the_next_part_and_back(page: Page, server: Server) -> None:
    page.goto(server.base + "journeys/")
    top = page.get_by_role("navigation", name="Parts of the list of journeys", exact=True)
    expect(top).to_contain_text("Maps 1–200 of 205 · part 1 of 2")
    top.get_by_role("link", name="Next").click()
    expect(page).to_have_url(server.base + "journeys/page/2/")
    expect(page.locator("h1")).to_have_text("Journeys part 2 of 2")
    expect(page.locator("tbody tr")).to_have_count(MAPS - 200)
    page.get_by_role("navigation", name="Parts of the list of journeys, bottom of the page").get_by_role(
        "link", name="Part 1").click()
    expect(page).to_have_url(server.base + "journeys/")

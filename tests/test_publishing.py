"""Which maps are published: an approved-only build leaves drafts out everywhere; a preview build flags them.

Also "Edit this page" on generated pages, which opens the map's own source file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cli import invoke
from gitrepo import build_with
from journeymaps.model.load import load_corpus
from journeymaps.pages.plan import build_plan
from sites import FRESH_CONFIG, REPO, SPEC_JOURNEY, search_index, spec_site, write

APPROVED_ONLY = FRESH_CONFIG.replace("  - journeys", "  - journeys:\n      statuses: [approved]")
LINKS = """
See also [the secret draft](draft-map.md) and [the one in review](review-map.md#awareness-1-friends-post-on-instagram).
"""


def page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def portfolio(root: Path, config: str) -> Path:
    """The spec's approved map linking to a draft and a map in review; a home page linking to the draft too."""
    spec_site(root, config)
    approved = SPEC_JOURNEY.lstrip("\n") + LINKS
    draft = approved.replace("Buying running shoes online", "Secret draft map").replace(
        "status: approved", "status: draft").replace(LINKS, "")
    review = approved.replace("Buying running shoes online", "Map in review").replace(
        "status: approved", "status: review").replace(LINKS, "")
    write(root, {
        "journeys/retail/buy-running-shoes.md": approved,
        "journeys/retail/draft-map.md": draft,
        "journeys/retail/review-map.md": review,
        "docs/index.md": "# Home\n\nThe [draft map](journeys/retail/draft-map.md) is coming.\n",
    })
    return root


@pytest.fixture(scope="module")
def approved_only(tmp_path_factory) -> Path:
    root = portfolio(tmp_path_factory.mktemp("approved"), APPROVED_ONLY)
    result = build_with(root, "--strict")  # --strict: no warning about the links to unpublished maps
    assert result.returncode == 0, result.stderr
    assert "links to 'journeys/retail/draft-map.md', which is not published" in result.stderr
    return root / "site"


def test_approved_only_build_leaves_drafts_out_of_every_file(approved_only: Path) -> None:
    assert not (approved_only / "journeys/retail/draft-map").exists()
    assert not (approved_only / "journeys/retail/review-map").exists()
    for path in approved_only.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".csv", ".txt"):
            text = path.read_text(encoding="utf-8")
            for hidden in ("Secret draft map", "Map in review", "draft-map", "review-map"):
                assert hidden not in text, (path, hidden)
    assert not any("draft" in e["location"] or "Secret" in e["title"] for e in search_index(approved_only))


def test_links_to_unpublished_maps_become_text(approved_only: Path) -> None:
    span = '<span class="jm-unpublished" title="This map is not published on this site">{}</span>'
    text = page(approved_only, "journeys/retail/buy-running-shoes")
    assert span.format("the secret draft") in text
    assert span.format("the one in review") in text
    assert span.format("draft map") in page(approved_only, "")


def test_approved_only_listings_and_counts(approved_only: Path) -> None:
    journeys = page(approved_only, "journeys")
    assert "1 journey map, grouped by folder" in journeys
    assert "of 1 published map:" in page(approved_only, "reviews")
    persona = page(approved_only, "personas/maya")
    assert persona.count('class="jm-sparkline"') == 1


FUTURE = SPEC_JOURNEY.lstrip("\n").replace("Buying running shoes online", "Approved future map").replace(
    "type: current", "type: future\nbaseline: retail/draft-map")


@pytest.fixture(scope="module")
def draft_baseline(tmp_path_factory) -> Path:
    """An approved-only site whose approved future map improves on a draft: the draft is its baseline."""
    root = portfolio(tmp_path_factory.mktemp("baseline"), APPROVED_ONLY)
    write(root, {"journeys/retail/future-map.md": FUTURE})
    result = build_with(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root


def test_a_draft_baseline_leaves_no_trace_in_an_approved_only_build(draft_baseline: Path) -> None:
    site = draft_baseline / "site"
    future = page(site, "journeys/retail/future-map")
    baseline = re.search(r"<dt>Baseline</dt><dd>(.*?)</dd>", future).group(1)
    assert baseline == '<span class="jm-muted">not published on this site</span>'
    files = [path for path in site.rglob("*") if path.suffix in (".html", ".xml", ".json", ".csv", ".txt")]
    assert {"journeys.json", "touchpoints.csv", "search_index.json", "sitemap.xml"} <= {p.name for p in files}
    for path in files:
        text = path.read_text(encoding="utf-8")
        for hidden in ("draft-map", "Secret draft map", "review-map", "Map in review"):
            assert hidden not in text, (path.relative_to(site), hidden)
    data = json.loads((site / "journeys.json").read_text(encoding="utf-8"))
    journeys = {j["id"]: j for j in data["journeys"]}
    assert sorted(journeys) == ["retail/buy-running-shoes", "retail/future-map"]
    assert journeys["retail/future-map"]["baseline"] is None  # it has one, but this site does not publish it
    assert "baseline" not in journeys["retail/buy-running-shoes"]  # no baseline at all: the key is left out
    assert data["figures"]["futures"] == []
    compare = page(site, "compare")
    assert "Future maps without a published baseline, so not compared:" in compare
    assert '<a href="../journeys/retail/future-map/">Approved future map</a>' in compare


def test_the_export_command_names_no_unpublished_baseline_either(draft_baseline: Path) -> None:
    result = invoke(draft_baseline, "export", "--status", "approved")
    assert result.exit_code == 0, result.output
    assert "draft-map" not in result.stdout
    data = json.loads(result.stdout)
    assert [j.get("baseline", "left out") for j in data["journeys"]] == ["left out", None]
    everything = json.loads(invoke(draft_baseline, "export").stdout)  # every status: the draft is exported too
    assert {j["id"]: j["baseline"] for j in everything["journeys"] if "baseline" in j} == {
        "retail/future-map": "retail/draft-map"}


def test_a_published_baseline_is_linked_with_its_status(tmp_path: Path) -> None:
    root = portfolio(tmp_path, FRESH_CONFIG)
    write(root, {"journeys/retail/future-map.md": FUTURE})
    result = build_with(root, "--strict")
    assert result.returncode == 0, result.stderr
    future = page(root / "site", "journeys/retail/future-map")
    baseline = re.search(r"<dt>Baseline</dt><dd>(.*?)</dd>", future).group(1)
    assert baseline.startswith('<a href="../draft-map/">Secret draft map</a> '
                               '<span class="jm-badge jm-status jm-status-draft">Draft</span>')


def test_preview_build_shows_drafts_with_a_banner(tmp_path: Path) -> None:
    root = portfolio(tmp_path, FRESH_CONFIG)
    result = build_with(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    draft = page(site, "journeys/retail/draft-map")
    assert re.search(r'<p class="jm-banner jm-banner-draft" role="note"><strong>Draft:</strong>', draft)
    assert 'jm-status-draft">Draft</span>' in draft
    assert 'jm-banner-review' in page(site, "journeys/retail/review-map")
    approved = page(site, "journeys/retail/buy-running-shoes")
    assert "jm-banner" not in approved
    assert '<a href="../draft-map/">the secret draft</a>' in approved
    assert '<a href="../review-map/#awareness-1-friends-post-on-instagram">the one in review</a>' in approved
    assert "jm-unpublished" not in approved


def test_the_plan_is_filtered_once_for_every_consumer(tmp_path: Path) -> None:
    root = portfolio(tmp_path, FRESH_CONFIG)
    corpus = load_corpus(root / "journeys")
    plan = build_plan(corpus, statuses=["approved"])
    assert list(plan.journeys) == ["retail/buy-running-shoes"]
    assert plan.unpublished == {"journeys/retail/draft-map.md", "journeys/retail/review-map.md"}
    assert not any("draft" in p.src_uri or "Secret draft" in p.text for p in plan.pages)
    assert "retail/draft-map" in corpus.journeys  # the corpus itself is untouched: `validate` checks every file


def test_sample_archived_map_is_left_out_of_the_sample_plan() -> None:
    corpus = load_corpus(REPO / "journeys")
    plan = build_plan(corpus)
    archived = {jid for jid, e in corpus.journeys.items() if e.journey.status == "archived"}
    assert archived and not archived & set(plan.journeys)
    assert {f"journeys/{corpus.journeys[jid].rel}" for jid in archived} == plan.unpublished


# --- "Edit this page" ------------------------------------------------------------------


EDIT = FRESH_CONFIG.replace("  name: material", "  name: material\n  features: [content.action.edit]")


@pytest.mark.parametrize(("settings", "journey", "persona"), [
    ("repo_url: https://github.com/acme/maps\n",
     "https://github.com/acme/maps/edit/master/journeys/retail/buy-running-shoes.md",
     "https://github.com/acme/maps/edit/master/journeys/personas/maya.md"),
    ("repo_url: https://gitlab.example/acme/maps\nedit_uri_template: 'blob/main/docs/{path}'\n",
     "https://gitlab.example/acme/maps/blob/main/journeys/retail/buy-running-shoes.md",
     "https://gitlab.example/acme/maps/blob/main/journeys/personas/maya.md"),
    ("repo_url: https://git.example/acme/maps\nedit_uri: src/main/site/docs/\n",
     "https://git.example/acme/maps/src/main/site/journeys/retail/buy-running-shoes.md",
     "https://git.example/acme/maps/src/main/site/journeys/personas/maya.md"),
    ("repo_url: https://dev.azure.com/acme/maps/_git/maps\nedit_uri: '?path=/docs/'\n",
     "https://dev.azure.com/acme/maps/_git/maps?path=/journeys/retail/buy-running-shoes.md",
     "https://dev.azure.com/acme/maps/_git/maps?path=/journeys/personas/maya.md"),
])
def test_edit_link_opens_the_source_file(tmp_path: Path, settings: str, journey: str, persona: str) -> None:
    root = spec_site(tmp_path, EDIT + settings)
    write(root, {"docs/index.md": "# Home\n"})
    result = build_with(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"

    def edit_link(address: str) -> str | None:
        found = re.search(r'<a href="([^"]*)" title="Edit this page" class="md-content__button md-icon" rel="edit">',
                          page(site, address))
        return found.group(1) if found else None

    assert edit_link("journeys/retail/buy-running-shoes") == journey
    assert edit_link("personas/maya") == persona
    for listing in ("journeys", "personas", "reviews"):
        assert edit_link(listing) is None, listing
    assert edit_link("") is not None and edit_link("").endswith("index.md")  # a docs page keeps MkDocs' own link


def test_no_edit_link_without_a_repository(tmp_path: Path) -> None:
    root = spec_site(tmp_path, EDIT)
    assert build_with(root, "--strict").returncode == 0
    assert 'rel="edit"' not in page(root / "site", "journeys/retail/buy-running-shoes")

"""The pages across maps on the sample site and on corpora at the edges of the spec."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from journeymaps.load import load_corpus
from portfolio_site import ANA_BUYS, portfolio_site
from sites import REPO, build, search_index, spec_site, write


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The repository's own site, built with --strict."""
    root = tmp_path_factory.mktemp("sample-portfolio")
    for name in ("mkdocs.yml", "docs", "journeys", "theme_overrides"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_every_page_across_maps_exists_for_the_sample(sample: Path) -> None:
    corpus = load_corpus(REPO / "journeys")
    vocabulary = corpus.vocabulary
    published = [e for e in corpus.journeys.values() if e.journey.status != "archived"]
    addresses = ["compare/", "compare/scenarios/", "channels/", "departments/", "touchpoints/", "opportunities/",
                 "gaps/"]
    addresses += [f"compare/{t.id}/" for t in vocabulary.stages]
    addresses += [f"compare/scenarios/{s}/" for s in {e.journey.scenario for e in published if e.journey.scenario}]
    addresses += [f"channels/{t.id}/" for t in vocabulary.channels]
    addresses += [f"departments/{t.id}/" for t in vocabulary.departments]
    for address in addresses:
        assert (sample / address / "index.html").exists(), address
    assert {"compare/scenarios/buy-a-new-pair/", "compare/scenarios/return-a-pair/"} <= set(addresses)
    rows = list(csv.DictReader(io.StringIO((sample / "touchpoints.csv").read_text(encoding="utf-8"))))
    touchpoints = sum(len(s.touchpoints) for e in published for p in e.journey.phases for s in p.steps)
    bare_steps = sum(not s.touchpoints for e in published for p in e.journey.phases for s in p.steps)
    assert len(rows) == touchpoints + bare_steps
    data = json.loads((sample / "journeys.json").read_text(encoding="utf-8"))
    assert sorted(j["id"] for j in data["journeys"]) == sorted(e.id for e in published)
    assert "service/catalogue-request-2024" not in json.dumps(data)  # archived


def test_sample_compare_page_numbers(sample: Path) -> None:
    doc = (sample / "compare/index.html").read_text(encoding="utf-8")
    heat = re.search(r'<table class="jm-heatmap">.*?</table>', doc, re.S).group(0)
    values = re.findall(r'<span class="jm-heat-value">(.*?)</span>', heat)
    # Harold, Kofi, Maya, Priya × awareness … advocacy, then all stages (worked out from the sample files)
    assert values == [
        "+0.5", "−0.3", "0.0", "0.0", "+0.3", "+1.7", "+0.4",  # retention 1/4: halves round away from zero
        "+2.0", "−1.0", "+1.0", "−1.0", "—", "—", "+0.3",
        "+1.0", "−0.5", "0.0", "−0.7", "−0.4", "−1.0", "−0.4",
        "+1.0", "−0.5", "−1.0", "0.0", "+1.0", "—", "0.0",
    ]


def test_sample_journey_pages_link_to_the_new_pages(sample: Path) -> None:
    doc = (sample / "journeys/retail/buy-running-shoes/index.html").read_text(encoding="utf-8")
    assert 'href="../../../channels/mobile-app/"' in doc
    assert 'href="../../../departments/logistics/"' in doc
    assert 'href="../../../compare/scenarios/buy-a-new-pair/"' in doc
    assert 'href="../../../gaps/#map-retail-buy-running-shoes"' in doc
    assert len(re.findall(r'<p class="jm-handoff[ "]', doc)) == 10
    future = (sample / "journeys/retail/buy-running-shoes-future/index.html").read_text(encoding="utf-8")
    assert '<h2 id="against-baseline">Against the baseline</h2>' in future
    index = {e["location"] for e in search_index(sample)}
    assert "journeys/retail/buy-running-shoes-future/#against-baseline" in index


def test_a_stage_called_scenarios_keeps_its_address(tmp_path: Path) -> None:
    """compare/scenarios/ is the spec's address of such a stage; the scenario pages stay below it."""
    root = portfolio_site(tmp_path)
    vocabulary = root / "journeys/vocabulary.yml"
    vocabulary.write_text(vocabulary.read_text().replace("  - discover\n", "  - discover\n  - scenarios\n"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    stage = (root / "site/compare/scenarios/index.html").read_text(encoding="utf-8")
    assert "<h1>Scenarios across personas</h1>" in stage
    assert (root / "site/compare/scenarios/buy/index.html").exists()


def test_vocabulary_without_departments_or_scenarios(tmp_path: Path) -> None:
    root = spec_site(tmp_path)
    vocabulary = root / "journeys/vocabulary.yml"
    vocabulary.write_text(vocabulary.read_text().split("departments:")[0])
    journey = root / "journeys/retail/buy-running-shoes.md"
    text = journey.read_text()
    text = re.sub(r"\n *(department|owner): \S+.*", "", text).replace("scenario: buy-running-shoes", "")
    journey.write_text(text)
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert "The vocabulary lists no departments." in (site / "departments/index.html").read_text(encoding="utf-8")
    assert "No map names a scenario yet." in (site / "compare/scenarios/index.html").read_text(encoding="utf-8")
    assert "No published future map has a published baseline." in (site / "compare/index.html").read_text(
        encoding="utf-8")
    assert "Every touchpoint names the department" not in (site / "gaps/index.html").read_text(encoding="utf-8")


def test_empty_portfolio_still_has_every_page(tmp_path: Path) -> None:
    root = portfolio_site(tmp_path)
    for path in (root / "journeys").rglob("*.md"):
        if "personas" not in path.parts:
            path.unlink()
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert "No as-is map is published yet" in (site / "compare/index.html").read_text(encoding="utf-8")
    assert "No published map has a touchpoint yet." in (site / "touchpoints/index.html").read_text(encoding="utf-8")
    assert "No map lists an opportunity yet." in (site / "opportunities/index.html").read_text(encoding="utf-8")
    assert "No published map has a touchpoint on this channel yet." in (
        site / "channels/web/index.html").read_text(encoding="utf-8")
    assert (site / "touchpoints.csv").read_text(encoding="utf-8").splitlines() == [
        "journey,persona,type,status,stage,step,action,touchpoint,channel,device,department,contact,emotion"]


def test_front_matter_text_is_escaped_on_the_new_pages(tmp_path: Path) -> None:
    root = portfolio_site(tmp_path)
    payload = "<script>alert(1)</script> *star* [x](javascript:alert(2)) \" onmouseover=\"alert(3)"
    quoted = json.dumps(payload)
    write(root, {"journeys/shop/ana-buys.md": ANA_BUYS.replace("Landing page", quoted).replace(
        "[Long hold]", f"[{quoted}]").replace("title: Call-back", f"title: {quoted}")})
    vocabulary = root / "journeys/vocabulary.yml"
    vocabulary.write_text(vocabulary.read_text().replace("{id: sales, name: Sales}", f"{{id: sales, name: {quoted}}}"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    for address in ("compare", "compare/discover", "compare/buy", "compare/scenarios/buy", "channels/web",
                    "departments", "departments/sales", "touchpoints", "opportunities", "gaps",
                    "journeys/shop/ana-future", "journeys/shop/ana-buys"):
        doc = (site / address / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in doc, address
        assert 'onmouseover="alert' not in doc, address
        assert 'href="javascript:' not in doc, address
        assert "<em>star</em>" not in doc, address
    nav = (site / "departments/sales/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in nav
    data = json.loads((site / "journeys.json").read_text(encoding="utf-8"))
    assert data["figures"]["opportunities"][0]["title"] == payload
    assert not any("<script>" in e["title"] + e["text"] for e in search_index(site))

"""Long listings in parts: every row on exactly one part, the first part at the listing's address, pagers that
resolve, and the data file of the touchpoints' filters holding every row (issue 15)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from journeymaps.model.load import load_corpus
from journeymaps.pages.paging import ROWS_PER_PAGE
from journeymaps.pages.plan import build_plan
from listing_data import read_rows
from sites import build, write

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
from generate import files  # the benchmark's generator: a portfolio of any size

#: A map whose texts need escaping everywhere (names, titles, actions, pain points, opportunities).
HOSTILE = """---
title: "Tom & Jerry's <b>\\"shop\\"</b>"
persona: p0
type: current
status: approved
phases:
  - stage: awareness
    steps:
      - action: "Reads <script>alert(1)</script> & more"
        emotion: -2
        touchpoints:
          - name: "<img src=x onerror=alert(1)> \\"quoted\\" & 'single'"
            channel: email
          - name: "Ünïcode näme — ok"
            channel: email
        pain_points:
          - "Pain <i>with</i> & tags"
        opportunities:
          - {title: "Idea <u>bold</u> & \\"quoted\\"", impact: high, effort: low}
---
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("paged")
    tree = files(120, 6, 7)
    tree["journeys/app/hostile.md"] = HOSTILE
    write(root, tree)
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


def page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def parts(site: Path, address: str) -> list[str]:
    """The addresses of every part of the listing at ``address``, in order (part 1 first)."""
    found = [address]
    k = 2
    while (site / f"{address}page/{k}/index.html").exists():
        found.append(f"{address}page/{k}/")
        k += 1
    assert not (site / f"{address}page/1").exists()  # part 1 lives at the listing's own address only
    return found


def table_bodies(doc: str, table_class: str) -> str:
    """The bodies of the tables of ``table_class`` in a page."""
    return "".join(re.findall(rf'<table class="[^"]*\b{table_class}\b[^"]*"[^>]*>.*?<tbody>(.*?)</tbody>', doc, re.S))


def first_links(body: str) -> list[str]:
    """The first link of each row of a table body."""
    return re.findall(r'<tr[^>]*><td[^>]*>(?:<[^a][^>]*>)*?<a href="([^"]+)"', body)


def site_address(part_address: str, href: str) -> str:
    """A link on the page at ``part_address`` as a site address (``../journeys/x/#a`` -> ``journeys/x/#a``)."""
    path, _, fragment = html.unescape(href).partition("#")
    base = part_address.rstrip("/").split("/")
    for piece in path.split("/"):
        if piece == "..":
            base.pop()
        elif piece not in ("", "."):
            base.append(piece)
    return "/".join(base) + ("/" if path.endswith("/") or not path else "") + (f"#{fragment}" if fragment else "")


def csv_touchpoints(site: Path) -> list[tuple[str, str]]:
    """(journey id, touchpoint name) of every touchpoint in touchpoints.csv."""
    rows = csv.DictReader(io.StringIO((site / "touchpoints.csv").read_text(encoding="utf-8")))
    return [(r["journey"], r["touchpoint"]) for r in rows if r["touchpoint"]]


def test_touchpoints_parts_hold_exactly_every_touchpoint(site: Path) -> None:
    listed = []
    addresses = parts(site, "touchpoints/")
    assert len(addresses) > 3
    for k, address in enumerate(addresses, start=1):
        links = first_links(table_bodies(page(site, address), "jm-touchpoints"))
        assert 0 < len(links) <= ROWS_PER_PAGE
        if k < len(addresses):
            assert len(links) == ROWS_PER_PAGE
        listed += [site_address(address, href) for href in links]
    expected = csv_touchpoints(site)
    assert len(listed) == len(expected) == len(set(listed))
    assert Counter(a.split("#")[0] for a in listed) == Counter(f"journeys/{jid}/" for jid, _ in expected)
    # ...and the data file of the filters holds the same rows, in the same order
    assert [r["url"] for r in read_rows(site)] == listed


def test_opportunities_parts_hold_every_idea_numbered_across_parts(site: Path) -> None:
    numbers = []
    for address in parts(site, "opportunities/"):
        numbers += [int(n) for n in re.findall(r'<tr><td class="jm-num" data-sort="(\d+)">',
                                               table_bodies(page(site, address), "jm-ideas"))]
    data = json.loads((site / "journeys.json").read_text(encoding="utf-8"))
    written = sum(len(o) for j in data["journeys"] for ph in j["phases"] for s in ph["steps"]
                  for o in [s.get("opportunities", [])])
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) > ROWS_PER_PAGE
    assert len(numbers) <= written  # an idea a future map repeats from its baseline is one row


def test_gaps_parts_hold_every_handoff_once(site: Path) -> None:
    rows, anchors = 0, []
    for address in parts(site, "gaps/"):
        doc = page(site, address)
        rows += len(re.findall(r"<tr(?: class=\"jm-drop\")?><td><a", table_bodies(doc, "jm-handoffs")))
        anchors += re.findall(r'<h3 id="(map-[^"]+)"', doc)
    data = json.loads((site / "journeys.json").read_text(encoding="utf-8"))
    assert rows == sum(j["figures"]["handoffs"] for j in data["journeys"]) > ROWS_PER_PAGE
    assert len(anchors) == len(set(anchors)) == len(data["journeys"])  # each map's section starts once


def test_a_journey_page_links_its_handoffs_on_their_part(site: Path) -> None:
    data = json.loads((site / "journeys.json").read_text(encoding="utf-8"))
    late = [j for j in data["journeys"] if j["figures"]["handoffs"]][-1]
    doc = page(site, f"journeys/{late['id']}/")
    href = re.search(r'<dt>Hand-offs</dt><dd><a href="([^"]+)"', doc).group(1)
    target = site_address(f"journeys/{late['id']}/", href)
    path, anchor = target.split("#")
    assert path.startswith("gaps/page/")
    assert f'<h3 id="{anchor}"' in page(site, path)


def test_channel_and_department_pages_page_their_touchpoints(site: Path) -> None:
    expected = csv_touchpoints(site)
    rows = read_rows(site)
    for kind in ("channels", "departments"):
        key = kind[:-1]
        for ident in sorted({r[key] for r in rows if r[key] != "-"}):
            listed = []
            addresses = parts(site, f"{kind}/{ident}/")
            for k, address in enumerate(addresses, start=1):
                doc = page(site, address)
                listed += [site_address(address, h) for h in first_links(table_bodies(doc, "jm-touchpoints"))]
                # the summary on the first part only
                assert ('id="emotion-by-stage"' in doc) == (k == 1)
                if len(addresses) > 1:
                    assert doc.count('class="jm-pager"') == 2
            assert sorted(listed) == sorted(r["url"] for r in rows if r[key] == ident)
    assert len(rows) == len(expected)


def test_first_parts_keep_their_addresses_and_later_parts_say_which(site: Path) -> None:
    for address in ("touchpoints/", "opportunities/", "gaps/", "channels/email/", "departments/marketing/"):
        assert (site / address / "index.html").exists()
    second = page(site, "touchpoints/page/2/")
    assert "<title>Touchpoints, part 2 of " in second
    assert f"Touchpoints {ROWS_PER_PAGE + 1:,}–{2 * ROWS_PER_PAGE:,} of" in second
    assert '<nav class="jm-pager" aria-label="Parts of the touchpoints list (top)">' in second
    # parts 2+ are not in the navigation; part 1 is
    first = page(site, "touchpoints/")
    assert "touchpoints/page/2/" not in re.sub(r'<nav class="jm-pager".*?</nav>', "", first, flags=re.S)


def test_pager_links_resolve(site: Path) -> None:
    for listing in ("touchpoints/", "gaps/", "opportunities/", "channels/email/"):
        for address in parts(site, listing):
            doc = page(site, address)
            for nav in re.findall(r'<nav class="jm-pager".*?</nav>', doc, re.S):
                hrefs = re.findall(r'href="([^"]+)"', nav)
                assert hrefs
                for href in hrefs:
                    target = site_address(address, href)
                    assert (site / target / "index.html").exists(), (address, href)
                    assert target == listing or target.startswith(f"{listing}page/")


def test_the_data_file_is_small_relative_and_complete(site: Path) -> None:
    raw = (site / "touchpoints/rows.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    assert data["version"] == 1
    links = [j[1] for j in data["journeys"]] + [p[2] for p in data["personas"]] + [c[2] for c in data["channels"]]
    assert all(link.startswith("../") and "://" not in link for link in links if link)
    rows = read_rows(site)
    # every anchor the data file gives is an anchor of its journey page
    pages: dict[str, str] = {}
    for row in rows[:: max(1, len(rows) // 300)] + [r for r in rows if "hostile" in r["url"]]:
        path, anchor = row["url"].split("#")
        doc = pages.setdefault(path, page(site, path))
        assert f'id="{anchor}"' in doc, row["url"]


def test_front_matter_text_is_escaped_in_rows_and_data(site: Path) -> None:
    for address in parts(site, "touchpoints/") + parts(site, "channels/email/"):
        doc = page(site, address)
        assert "<img src=x" not in doc and "<script>alert" not in doc and "<b>\"shop" not in doc
    hostile = [r for r in read_rows(site) if "hostile" in r["url"]]
    assert [r["name"] for r in hostile] == ["<img src=x onerror=alert(1)> \"quoted\" & 'single'",
                                            "Ünïcode näme — ok"]
    assert hostile[0]["journey"] == "Tom & Jerry's <b>\"shop\"</b>"
    assert hostile[0]["action"] == "Reads <script>alert(1)</script> & more"
    # the rows on the pages hold the same texts, escaped
    docs = "".join(page(site, a) for a in parts(site, "touchpoints/"))
    assert "&lt;img src=x onerror=alert(1)&gt; &#34;quoted&#34; &amp; &#39;single&#39;" in docs
    ideas = "".join(page(site, a) for a in parts(site, "opportunities/"))
    assert "Idea &lt;u&gt;bold&lt;/u&gt; &amp; &#34;quoted&#34;" in ideas
    assert "<u>bold</u>" not in ideas


def test_later_parts_are_not_searched_and_first_parts_by_title(site: Path) -> None:
    plan = build_plan(load_corpus(site.parent / "journeys"))
    by_url = {p.url: p for p in plan.pages}
    for listing in ("touchpoints/", "opportunities/", "gaps/"):
        assert by_url[listing].indexed == "title"
        assert by_url[f"{listing}page/2/"].indexed == "none"
        assert by_url[f"{listing}page/2/"].kind.endswith("-part")
    assert by_url["channels/email/"].indexed == "title"  # found by the channel's name; its rows on their maps
    assert by_url["channels/email/page/2/"].indexed == "none"
    nav = json.dumps(plan.nav)
    assert "touchpoints/index.md" in nav and "/page/" not in nav

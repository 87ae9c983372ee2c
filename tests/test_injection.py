"""No markup injection: front-matter text is shown, never interpreted, wherever it lands.

One site carries the same payload in every text field of the vocabulary, the
persona and the journeys: a ``<script>``, attribute break-outs with both
quotes, ``javascript:`` as link-like text and as a Markdown link target,
Markdown emphasis and code, a Jinja expression, ``</title>``, ``]]>``,
``</svg>``, an entity and an opening HTML comment. Each copy ends in a marker
naming its field, so that the test can say which field leaked and prove that
every copy arrives whole: a payload that was interpreted anywhere (a tag made
from it, an attribute it broke out of, ``*star*`` turned into emphasis,
``{{ 7*7 }}`` evaluated to 49) no longer reads as the whole payload.

Checked: every HTML page of the build (its body, ``<title>``, meta tags, the
navigation, the inline SVG), Material's search index, the sitemap, and the
exports of :mod:`journeymaps.exports` (CSV and JSON). Each check runs on the
site three ways: built by the plugin, and written out by ``journeymaps
generate`` (where the text also passes through YAML, Markdown headings and
the engine's own Markdown) then built by MkDocs and by Zensical.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from journeymaps.model.load import load_corpus
from journeymaps.pages import exports
from sites import BIN, FRESH_CONFIG, build, command_env, mkdocs, search_index, write


def payload(field: str) -> str:
    """The hostile text put into ``field``; it ends in the field's marker."""
    return (
        "javascript:alert(1) <script>alert(1)</script> \" onmouseover=\"alert(1) ' onmouseover='alert(1) "
        "*star* _under_ `tick` [x](javascript:alert(1)) ~{{ 7*7 }}~ {% raw %} </title> ]]> </svg> "
        f"&amp; <!-- «{field}»"
    )


def q(field: str) -> str:
    """The payload as a YAML scalar (JSON strings are YAML)."""
    return json.dumps(payload(field))


VOCABULARY_FIELDS = ["label-2", "label-1", "label0", "label1", "label2", "stage-name", "stage-description",
                     "stage2-name", "channel-name", "channel-description", "device-name", "device-description",
                     "department-name", "department-description"]
PERSONA_FIELDS = ["persona-name", "segment", "summary", "quote", "goal1", "goal2", "frustration"]
JOURNEY_FIELDS = ["title", "journey-goal", "scope-start", "scope-end", "tag", "phase-name", "action", "thinking",
                  "feeling", "touchpoint", "pain", "opportunity-bare", "opportunity-title", "evidence-quote",
                  "evidence-source", "evidence-text", "metric-name", "metric-unit", "backstage", "action2"]
FUTURE_FIELDS = ["future-title", "future-action"]
ALL_FIELDS = VOCABULARY_FIELDS + PERSONA_FIELDS + JOURNEY_FIELDS + FUTURE_FIELDS

VOCABULARY = f"""
emotion_scale:
  min: -2
  max: 2
  labels: {{-2: {q('label-2')}, -1: {q('label-1')}, 0: {q('label0')}, 1: {q('label1')}, 2: {q('label2')}}}
stages:
  - {{id: awareness, name: {q('stage-name')}, description: {q('stage-description')}}}
  - {{id: purchase, name: {q('stage2-name')}}}
channels:
  - {{id: social-media, name: {q('channel-name')}, description: {q('channel-description')}}}
devices:
  - {{id: mobile, name: {q('device-name')}, description: {q('device-description')}}}
departments:
  - {{id: marketing, name: {q('department-name')}, description: {q('department-description')}}}
"""

BODY = "Narrative: ~{{ 7*7 }}~ <mark>trusted</mark>\n"

PERSONA = f"""
---
name: {q('persona-name')}
segment: {q('segment')}
summary: {q('summary')}
quote: {q('quote')}
goals: [{q('goal1')}, {q('goal2')}]
frustrations: [{q('frustration')}]
channels: [social-media]
---
{BODY}"""

JOURNEY = f"""
---
title: {q('title')}
persona: maya
owner: marketing
goal: {q('journey-goal')}
scope: {{start: {q('scope-start')}, end: {q('scope-end')}}}
tags: [{q('tag')}]
phases:
  - stage: awareness
    name: {q('phase-name')}
    steps:
      - action: {q('action')}
        thinking: {q('thinking')}
        feeling: {q('feeling')}
        emotion: -2
        moment_of_truth: true
        touchpoints:
          - {{name: {q('touchpoint')}, channel: social-media, device: mobile, department: marketing}}
        pain_points: [{q('pain')}]
        opportunities:
          - {q('opportunity-bare')}
          - {{title: {q('opportunity-title')}, impact: high, effort: low, owner: marketing}}
        evidence:
          - {{kind: quote, text: {q('evidence-quote')}, source: {q('evidence-source')}}}
          - {{kind: statistic, text: {q('evidence-text')}}}
        metrics:
          - {{name: {q('metric-name')}, value: 2.5, unit: {q('metric-unit')}, target: 3}}
        backstage: [{q('backstage')}]
  - stage: purchase
    steps:
      - action: {q('action2')}
        emotion: 1
---
{BODY}"""

FUTURE = f"""
---
title: {q('future-title')}
persona: maya
type: future
baseline: retail/buy
phases:
  - stage: purchase
    steps:
      - action: {q('future-action')}
        emotion: 2
---
"""


@pytest.fixture(scope="module", params=["plugin", "generate+mkdocs", "generate+zensical"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile site built one way; ``site/`` holds the build, beside ``journeys/``."""
    root = tmp_path_factory.mktemp("injection")
    write(root, {"mkdocs.yml": FRESH_CONFIG, "journeys/vocabulary.yml": VOCABULARY,
                 "journeys/personas/maya.md": PERSONA, "journeys/retail/buy.md": JOURNEY,
                 "journeys/retail/buy-future.md": FUTURE})
    (root / "docs").mkdir()
    assert load_corpus(root / "journeys").ok
    if request.param == "plugin":
        done = build(root, "--strict")
    else:
        run = subprocess.run([str(BIN / "journeymaps"), "generate", "--strict", "--out", "gen"], cwd=root,
                             capture_output=True, text=True, env=command_env())
        assert run.returncode == 0, run.stderr
        if request.param == "generate+mkdocs":
            done = mkdocs("build", "--strict", "-f", "gen/mkdocs.yml", "-d", str(root / "site"), cwd=root)
        else:
            done = subprocess.run([str(BIN / "zensical"), "build", "-f", "gen/mkdocs.yml"], cwd=root,
                                  capture_output=True, text=True, env=command_env())
            shutil.move(root / "gen/site", root / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    return root


# --- reading HTML the way a browser does --------------------------------------------


class Audit(HTMLParser):
    """Reads HTML; collects the decoded text, every attribute value, and what would run or link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []  # (tag, name, decoded value)
        self.tags: list[str] = []
        self.violations: list[str] = []
        self.in_script = False
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            value = value or ""
            self.attributes.append((tag, name, value))
            if name.startswith("on"):
                self.violations.append(f"<{tag} {name}=...> an event handler")
            if name in ("href", "src", "action", "formaction", "xlink:href") and \
                    re.sub(r"\s", "", value).lower().startswith("javascript:"):
                self.violations.append(f"<{tag} {name}={value!r}> a javascript: link")
        self.in_script = tag == "script"
        self.in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.violations.append(f"a script that runs {data.strip()[:60]!r}")
        if self.in_title:
            self.title.append(data)
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        if "«" in data:
            self.violations.append(f"a comment made of front-matter text: {data[:60]!r}")


def audit(html: str) -> Audit:
    parser = Audit()
    parser.feed(html)
    parser.close()
    return parser


def broken_payloads(texts: list[str]) -> list[str]:
    """Fields whose marker appears in ``texts`` without its whole payload before it."""
    broken = []
    for field in ALL_FIELDS:
        marker, whole = f"«{field}»", payload(field)
        for text in texts:
            if text.count(marker) != text.count(whole):
                broken.append(f"{field}: {text[max(0, text.find(marker) - 120):text.find(marker) + 20]!r}")
    return broken


def shown_fields(found: Audit) -> set[str]:
    text = "".join(found.text)
    return {field for field in ALL_FIELDS if payload(field) in text}


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in (site / "site").rglob("*.html") if "assets" not in p.parts)


# --- the pages ----------------------------------------------------------------------


def test_no_page_interprets_front_matter_text(site: Path) -> None:
    pages = html_files(site)
    assert len(pages) >= 7  # home, 404, two listings, two journeys, one persona
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = audit(html)
        assert found.violations == [], page
        # every copy of every payload arrives whole, in the text and in every attribute
        texts = ["".join(found.text)] + [value for _, _, value in found.attributes]
        assert broken_payloads(texts) == [], page
        assert "~49~" not in html and "~49~" not in "".join(found.text), f"{page}: Jinja ran on front-matter text"
        # no Markdown emphasis, code or link made of '*star*', '_under_', '`tick`', '[x](...)'
        made = re.findall(r"<(?:em|strong|code)>(star|under|tick)</|<a [^>]*>x</a>", html)
        assert made == [], page


def test_every_field_is_shown_as_text_where_it_belongs(site: Path) -> None:
    out = site / "site"

    def shown(address: str) -> set[str]:
        return shown_fields(audit((out / address / "index.html").read_text(encoding="utf-8")))

    journey = shown("journeys/retail/buy")
    displayed_vocabulary = {"stage-name", "channel-name", "device-name", "department-name", "label-2", "label1"}
    assert set(JOURNEY_FIELDS) | {"persona-name", "segment"} | displayed_vocabulary | {"future-title"} <= journey
    assert {"future-title", "future-action", "title", "stage2-name"} <= shown("journeys/retail/buy-future")
    assert set(PERSONA_FIELDS) | {"channel-name", "title", "future-title"} <= shown("personas/maya")
    assert {"title", "future-title", "persona-name"} <= shown("journeys")
    assert {"persona-name", "segment", "summary"} <= shown("personas")


def test_page_title_and_meta_tags(site: Path) -> None:
    for address, field in [("journeys/retail/buy", "title"), ("personas/maya", "persona-name")]:
        html = (site / "site" / address / "index.html").read_text(encoding="utf-8")
        raw_title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert "<" not in raw_title and '"' not in raw_title
        found = audit(html)
        assert "".join(found.title) == f"{payload(field)} - Fresh"
        metas = [(name, value) for tag, name, value in found.attributes if tag == "meta"]
        assert metas and not [value for _, value in metas if "«" in value or "<" in value]
        assert html.count("<meta ") == len({value for tag, name, value in found.attributes
                                             if tag == "meta" and name in ("charset", "name")})


def test_navigation_labels_are_text(site: Path) -> None:
    html = (site / "site/personas/maya/index.html").read_text(encoding="utf-8")
    labels = re.findall(r'<span class="md-ellipsis">(.*?)</span>', html, re.S)
    # Zensical's theme wraps the label of a table-of-contents entry in a span of its own
    labels = [label.replace('<span class="md-typeset">', "", 1) for label in labels]
    decoded = ["".join(audit(label).text).strip() for label in labels]
    assert payload("title") in decoded and payload("persona-name") in decoded
    assert all("<" not in label for label in labels)


# What charts.py draws: curves and points, and for overlaid charts a legend (g, rect, path markers, title); and the
# icons of a journey page (use, and the symbols of its sprite)
SVG_ELEMENTS = {"svg", "desc", "line", "text", "circle", "polyline", "g", "rect", "path", "title", "use", "symbol"}


def test_svg_holds_text_only_in_text_nodes(site: Path) -> None:
    charts = 0
    for page in html_files(site):
        for svg in re.findall(r"<svg class=\"jm-.*?</svg>", page.read_text(encoding="utf-8"), re.S):
            charts += 1
            found = audit(svg)
            assert set(found.tags) <= SVG_ELEMENTS, (page, set(found.tags) - SVG_ELEMENTS)
            assert found.violations == []
            assert broken_payloads(["".join(found.text)] + [v for _, _, v in found.attributes]) == []
    assert charts >= 4  # the emotion lane of each journey and the sparklines of the listings
    lane = (site / "site/journeys/retail/buy/index.html").read_text(encoding="utf-8")
    desc = audit(re.search(r"<desc>.*?</desc>", lane, re.S).group(0))
    assert payload("action") in "".join(desc.text) and payload("label-2") in "".join(desc.text)


# --- the search index and the sitemap ------------------------------------------------


def test_search_index_holds_escaped_html(site: Path) -> None:
    # Material shows titles and texts of the index as HTML in its results: they must be escaped HTML
    zensical = (site / "site/search.json").is_file()
    entries = json.loads((site / "site/search.json").read_text())["items"] if zensical else search_index(site / "site")
    shown: set[str] = set()
    for entry in entries:
        for key in ("title", "text"):
            found = audit(entry[key])
            assert found.violations == [], entry["location"]
            assert "script" not in found.tags and not [t for t in found.tags if t in ("img", "svg", "a", "iframe")]
            assert broken_payloads(["".join(found.text)]) == [], entry["location"]
            assert "~49~" not in entry[key]
            shown |= shown_fields(found)
    assert {"title", "touchpoint", "pain", "persona-name", "quote"} <= shown  # a map's steps are not indexed
    touchpoint = [e for e in entries if e["location"].startswith("journeys/retail/buy/#awareness-1-")]
    if zensical:  # Zensical also makes an empty entry, titled with the map's, for the heading in the timeline
        touchpoint = [e for e in touchpoint if e["title"] != entries[0]["title"] or not zensical]
        touchpoint = [e for e in touchpoint if payload("touchpoint") in "".join(audit(e["title"]).text)]
    assert len(touchpoint) == 1 and "".join(audit(touchpoint[0]["title"]).text) == payload("touchpoint")


def test_sitemap_has_addresses_only(site: Path) -> None:
    sitemap = (site / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "«" not in sitemap and "alert" not in sitemap


# --- the exports ----------------------------------------------------------------------


def test_touchpoints_csv_keeps_the_text_exactly(site: Path) -> None:
    corpus = load_corpus(site / "journeys")
    text = exports.touchpoints_csv(corpus.journeys.values())
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["journey"] for r in rows] == ["retail/buy", "retail/buy", "retail/buy-future"]
    assert rows[0]["touchpoint"] == payload("touchpoint")
    assert [r["action"] for r in rows] == [payload("action"), payload("action2"), payload("future-action")]
    assert len(text.splitlines()) == 4  # a quote or comma in a value never starts a new row


def test_journey_json_keeps_the_text_exactly(site: Path) -> None:
    corpus = load_corpus(site / "journeys")
    data = json.loads(json.dumps(exports.journey_data(corpus.journeys["retail/buy"]), allow_nan=False))
    assert data["title"] == payload("title")
    step = data["phases"][0]["steps"][0]
    assert step["touchpoints"][0]["name"] == payload("touchpoint")
    assert step["evidence"][0]["source"] == payload("evidence-source")
    assert step["metrics"][0] == {"name": payload("metric-name"), "value": 2.5, "unit": payload("metric-unit"),
                                  "target": 3}
    for name in ("touchpoints.csv", "journeys.json"):  # if the site publishes them, they hold no interpreted text
        published = site / "site" / name
        if published.exists():
            assert "~49~" not in published.read_text(encoding="utf-8")


# --- the narrative: trusted Markdown, as in any MkDocs page ---------------------------


def test_narrative_is_published_as_markdown_without_templating(site: Path) -> None:
    for address in ("journeys/retail/buy", "personas/maya"):
        html = (site / "site" / address / "index.html").read_text(encoding="utf-8")
        assert "Narrative: ~{{ 7*7 }}~ <mark>trusted</mark>" in html  # raw HTML kept, no template ran

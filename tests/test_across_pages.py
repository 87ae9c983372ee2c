"""The pages across maps of issue 14 (overview, opportunity plot, hand-off flow, channels and departments,
scenarios, reviews), on the sample site and on a corpus written for these tests.

Every figure a page shows is checked against a number worked out here, from the files, without the
figures modules the site uses.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

import portfolio_site as portfolio_site_module
from gitrepo import BEN, build_with, commit, init
from journeymaps.model.addresses import slugify
from journeymaps.model.load import load_corpus
from journeymaps.model.types import EmotionScale
from journeymaps.pages import overlay_chart
from portfolio_site import portfolio_site
from sites import REPO, build, write
from test_large_sites import nav_labels

#: 1 June 2026, 00:00 UTC: the day the test corpus is judged on.
JUNE_1 = str(int(dt.datetime(2026, 6, 1, tzinfo=dt.UTC).timestamp()))
AS_IS = ("current", "blueprint", "day-in-the-life")

# A future map that repeats the baseline's "Call-back" under a name before a colon.
_ORDER_LINE = "          - {name: order line, channel: phone, department: sales}\n"
ANA_FUTURE = portfolio_site_module.ANA_FUTURE.replace(_ORDER_LINE, _ORDER_LINE + """\
        opportunities:
          - {title: "Call-back: ring back within the hour", impact: high, effort: medium, owner: support}
          - {title: Gift wrap, impact: medium, effort: low, owner: sales}
""")

# A draft reviewed long ago, with seven quick wins in one cell, a hand-off within one department and the
# lowest step of all; its persona prefers email and store, which none of its touchpoints uses.
DEE_DRAFT = """
---
title: Dee returns a kettle
persona: dee
status: draft
owner: ops
reviewed: 2020-01-01
phases:
  - stage: use
    steps:
      - action: Finds the lid cracked
        emotion: 1
        touchpoints:
          - {name: Returns page, channel: web, device: mobile, department: ops}
        opportunities:
""" + "".join(f"          - {{title: Quick fix {n}, impact: high, effort: low, owner: ops}}\n"
              for n in range(1, 8)) + """
      - action: Waits for the courier all day
        emotion: -2
        touchpoints:
          - {name: Returns form, channel: web, device: desktop, department: ops}
        pain_points: [No time slot, Nobody calls]
---
"""

DEE = "---\nname: Dee\nchannels: [email, store]\n---\n"


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory) -> Path:
    """The portfolio of portfolio_site.py and the two maps above, in git: two commits on known days."""
    root = portfolio_site(tmp_path_factory.mktemp("across") / "repo")
    write(root, {"journeys/shop/ana-future.md": ANA_FUTURE, "journeys/shop/dee-draft.md": DEE_DRAFT,
                 "journeys/personas/dee.md": DEE, "docs/.gitkeep": ""})
    init(root)
    commit(root, "The kettle maps", date="2026-01-05T09:00:00+00:00")
    ben = root / "journeys/shop/ben-buys.md"
    ben.write_text(ben.read_text(encoding="utf-8").replace("Goes in", "Goes into the shop"), encoding="utf-8")
    commit(root, "Ben goes into the shop", author=BEN, date="2026-03-03T10:00:00+00:00")
    result = build_with(root, "--strict", env={"SOURCE_DATE_EPOCH": JUNE_1})
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The repository's own site (its docs folder has no index.md), built with --strict."""
    root = tmp_path_factory.mktemp("sample-across")
    for name in ("mkdocs.yml", "docs", "journeys", "theme_overrides"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root


def page(root: Path, address: str) -> str:
    return (root / "site" / address / "index.html").read_text(encoding="utf-8")


def content(root: Path, address: str) -> str:
    return re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page(root, address),
                     re.S).group(1)


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def section(doc: str, anchor: str) -> str:
    start = re.search(rf'<(h[23]) id="{anchor}"', doc)
    assert start, anchor
    level = int(start.group(1)[1])
    end = re.compile(rf"<h[2-{level}][ >]").search(doc, start.end())
    return doc[start.start(): end.start() if end else len(doc)]


def rows(fragment: str) -> list[str]:
    body = re.search(r"<tbody>(.*?)</tbody>", fragment, re.S).group(1)
    return [text(row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


# --- what the files say, worked out here ---------------------------------------------------------------


def published(root: Path) -> dict:
    corpus = load_corpus(root / "journeys")
    return {jid: e for jid, e in corpus.journeys.items() if e.journey.status != "archived"}


def steps_of(entry) -> list[tuple[str, int, object]]:
    """(stage, number within the phase, step) of every step of a map, in order."""
    return [(phase.stage, n, step) for phase in entry.journey.phases for n, step in enumerate(phase.steps, 1)]


def handoffs(entry) -> list[tuple[object, object, bool]]:
    """(from touchpoint, to touchpoint, emotion drops) of every hand-off of a map, as the spec's reference says."""
    seq = [(tp, step.emotion) for _, _, step in steps_of(entry) for tp in step.touchpoints]
    found = []
    for (a, ea), (b, eb) in pairwise(seq):
        changed = a.channel != b.channel or any(
            getattr(a, k) is not None and getattr(b, k) is not None and getattr(a, k) != getattr(b, k)
            for k in ("device", "department"))
        if changed:
            found.append((a, b, ea is not None and eb is not None and eb < ea))
    return found


def department_pairs(maps: dict) -> Counter:
    """(from, to) department -> [hand-offs, drops] over today's maps."""
    pairs: Counter = Counter()
    drops: Counter = Counter()
    for e in maps.values():
        if e.journey.type in AS_IS:
            for a, b, drop in handoffs(e):
                pairs[(a.department, b.department)] += 1
                drops[(a.department, b.department)] += drop
    return {pair: (n, drops[pair]) for pair, n in pairs.items()}


# --- the overview -----------------------------------------------------------------------------------------


def overview_numbers(doc: str) -> dict[str, str]:
    return {label: value for value, label in re.findall(
        r'<span class="jm-stat-value">(.*?)</span> <span class="jm-stat-label">(.*?)</span>', doc, re.S)}


@pytest.mark.parametrize("which", ["corpus", "sample"])
def test_the_overview_figures_equal_the_files(which: str, corpus_site: Path, sample: Path) -> None:
    root = corpus_site if which == "corpus" else sample
    maps = published(root)
    corpus = load_corpus(root / "journeys")
    doc = content(root, "overview")
    stats = overview_numbers(doc)
    today = [e for e in maps.values() if e.journey.type in AS_IS]
    scores = [s.emotion for e in today for _, _, s in steps_of(e) if s.emotion is not None]
    touchpoints = sum(len(s.touchpoints) for e in maps.values() for _, _, s in steps_of(e))
    assert stats["journey maps"] == str(len(maps))
    assert stats["personas"] == str(len(corpus.personas))
    assert stats[("touchpoint" if touchpoints == 1 else "touchpoints")] == str(touchpoints)
    average = sum(scores) / len(scores)
    shown = text(stats["average emotion"])
    assert abs(float(shown.replace("−", "-")) - average) <= 0.05 + 1e-9, (shown, average)
    details = text(re.search(r'<ul class="jm-stats">.*?</ul>', doc, re.S).group(0))
    for status, n in Counter(e.journey.status for e in maps.values()).items():
        word = {"review": "in review"}.get(status, status)
        assert f"{n} {word}" in details
    assert f"over {len(scores)} scored step" in details

    # the lowest steps of today's maps, below neutral only, lowest first, each with its pain points
    below = sorted(((s.emotion, e.id, stage, n, s) for e in today for stage, n, s in steps_of(e)
                    if s.emotion is not None and s.emotion < 0), key=lambda t: t[:2])
    found = re.findall(r'<ol class="jm-low">.*?</ol>', doc, re.S)[0]
    links = re.findall(r'</span> <a href="\.\./journeys/([^"]+)/#([a-z0-9-]+)">', found)
    expected = [(jid, f"{stage}-{n}") for _, jid, stage, n, _ in below[:10]]
    assert sorted(links) == sorted(expected) and len(links) == min(10, len(below))
    assert [int(v.replace("−", "-")) for v in re.findall(r'class="jm-score jm-[a-z]+">([−+]?\d)', found)] == [
        v for v, *_ in below[:10]]
    for _, _, _, _, step in below[:10]:
        for pain in step.pain_points:
            assert pain in text(found)

    # quick wins: the opportunities rated high impact and low effort
    wins = {title for title, impact, effort in ideas_of(maps) if (impact, effort) == ("high", "low")}
    listed = set(re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section(doc, "quick-wins")))
    assert {html.unescape(t) for t in listed} == wins

    # the departments with the most hand-offs where emotion drops
    involved: Counter = Counter()
    dropped: Counter = Counter()
    for (a, b), (n, d) in department_pairs(maps).items():
        for dep in {a, b}:
            involved[dep] += n
            dropped[dep] += d
    names = {t.id: t.label for t in corpus.vocabulary.departments}
    rank = {d: i for i, d in enumerate([*names, None])}
    expected_rows = sorted((-dropped[d], -involved[d], rank[d], d) for d in involved if dropped[d])[:5]
    shown_rows = rows(re.search(r'<table class="jm-list jm-ov-drops">.*?</table>', doc, re.S).group(0))
    assert [r.split(" ")[0] for r in shown_rows] == [names.get(d, "No").split(" ")[0] for *_, d in expected_rows]
    for (neg_drops, neg_all, *_), row in zip(expected_rows, shown_rows, strict=True):
        assert f"{-neg_drops} of {-neg_all} hand-off" in row


def test_the_overview_of_the_corpus_in_words(corpus_site: Path) -> None:
    doc = content(corpus_site, "overview")
    assert overview_numbers(doc)["journey maps"] == "4"
    assert "2 current state, 1 future state, 1 service blueprint; 1 draft, 1 in review, 2 approved" in text(doc)
    assert "as of 1 June 2026" in text(doc)
    # the draft's lowest step comes first; only steps below neutral are listed
    assert text(section(doc, "lowest-steps")).startswith(
        "Where customers feel worst The 4 steps of today's maps that score below neutral, lowest first")
    low = re.findall(r'<ol class="jm-low">.*?</ol>', doc, re.S)[0]
    assert re.findall(r'/(shop/[a-z-]+)/#([a-z]+-\d)">', low) == [
        ("shop/ben-buys", "discover-1"), ("shop/dee-draft", "use-2"), ("shop/ana-buys", "buy-1"),
        ("shop/ben-buys", "discover-2")]
    assert "No time slot" in low and "Nobody calls" in low
    # drafts are never due; the maps without a review date are
    due = text(section(doc, "due-for-review"))
    assert "3 maps need a review" in due and "Dee returns a kettle" not in due
    # the newest commit first, with its author and the day in words
    recent = text(section(doc, "changed-recently"))
    assert recent.startswith("Changed most recently Ben buys a kettle in town 3 March 2026 by Ben Ode")
    assert recent.count("5 January 2026 by Ana Lima") == 3


def test_a_site_without_a_home_page_gets_the_overview(corpus_site: Path, sample: Path) -> None:
    for root in (corpus_site, sample):
        home = content(root, "")
        assert "<h1>Overview</h1>" in home and 'id="lowest-steps"' in home
        assert (root / "site/overview/index.html").exists()  # the address stays, for links
        nav = nav_labels(page(root, "personas"))
        assert nav[0] == "Overview" and nav.count("Overview") == 1
    # every figure links to the page that explains it
    doc = content(corpus_site, "overview")
    for anchor, target in (("lowest-steps", "../compare/"), ("quick-wins", "../opportunities/"),
                           ("hand-offs", "../gaps/"), ("due-for-review", "../reviews/"),
                           ("emotion-by-stage", "../compare/")):
        assert f'href="{target}"' in section(doc, anchor), anchor
    for target in ("../journeys/", "../personas/", "../touchpoints/", "../compare/"):
        assert f'<a class="jm-stat" href="{target}"' in doc


def test_the_sample_home_is_short_and_the_guide_is_in_the_docs(sample: Path) -> None:
    assert not (REPO / "docs/index.md").exists()
    home = text(content(sample, ""))
    assert "pull request" not in home and "front matter" not in home
    guide = text(content(sample, "reading"))
    assert "How to read the pages" in guide and "The overview" in guide


# --- opportunities/ -------------------------------------------------------------------------------------


def ideas_of(maps: dict) -> list[tuple[str, str | None, str | None]]:
    """(title, impact, effort) of each opportunity, a future map's repeat of its baseline's counted once."""
    def repeats(a: str, b: str) -> bool:
        if slugify(a) == slugify(b):
            return True
        for one, other in ((a, b), (b, a)):
            if ":" in one:
                name = slugify(one.split(":")[0])
                if name and (slugify(other) == name or slugify(other).startswith(name + "-")):
                    return True
        return False

    items = [(e.id, o) for e in maps.values() for _, _, s in steps_of(e) for o in s.opportunities]
    merged, rating = set(), {}
    for jid, o in items:
        base = maps[jid].journey.baseline
        if maps[jid].journey.type == "future" and base in maps:
            twin = next((b for bid, b in items if bid == base and id(b) not in merged and repeats(b.title, o.title)),
                        None)
            if twin is not None:
                merged.add(id(twin))
                if not (o.impact and o.effort) and twin.impact and twin.effort:
                    rating[id(o)] = (twin.title, twin.impact, twin.effort)  # the idea goes by the rated one
    return [rating.get(id(o), (o.title, o.impact, o.effort)) for _, o in items if id(o) not in merged]


@pytest.mark.parametrize("which", ["corpus", "sample"])
def test_the_plot_has_one_mark_per_opportunity_and_none_hides_another(which: str, corpus_site: Path,
                                                                       sample: Path) -> None:
    root = corpus_site if which == "corpus" else sample
    doc = content(root, "opportunities")
    svg = re.search(r'<svg class="jm-plot".*?</svg>', doc, re.S).group(0)
    marks = re.findall(r'data-idea="(\d+)"><title>([^<]*)</title><circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"',
                       svg)
    rated = [i for i in ideas_of(published(root)) if i[1] and i[2]]
    assert len(marks) == len(rated)
    titles = Counter(html.unescape(t).split(" (")[0].split(". ", 1)[1] for _, t, *_ in marks)
    assert titles == Counter(t for t, *_ in rated)
    centres = [(float(x), float(y), float(r)) for *_, x, y, r in marks]
    for i, (x1, y1, r) in enumerate(centres):
        for x2, y2, _ in centres[i + 1:]:
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= 2 * r, "two marks overlap"
    # each mark's number is its row in the table, whose rows are every opportunity, quick wins first
    table = rows(section(doc, "all-opportunities"))
    assert len(table) == len(ideas_of(published(root)))
    for number, title, *_ in marks:
        name = html.unescape(title).split(" (")[0].split(". ", 1)[1]
        assert table[int(number) - 1].startswith(f"{number} {name}")
    assert 'role="img"' in svg and "<desc>" in svg  # a text alternative


def test_a_repeated_opportunity_is_one_idea_with_both_maps(corpus_site: Path, sample: Path) -> None:
    doc = content(corpus_site, "opportunities")
    row = next(r for r in rows(section(doc, "all-opportunities")) if "Call-back" in r)
    assert row.startswith("8 Call-back: ring back within the hour")  # the future map's title and rating
    assert row.endswith("Ana Support high medium")
    assert "Today: Ana buys a kettle Approved as “Call-back” · Buy, step 1" in row
    assert "Future: Ana buys a kettle, future Future state Review · Buy, step 1" in row
    assert "12 opportunities are written in the maps. 1 of them appears both" in text(doc)
    sample_rows = rows(section(content(sample, "opportunities"), "all-opportunities"))
    fit = [r for r in sample_rows if "Fit finder" in r]
    assert len(fit) == 1 and "Today: Buying running shoes on the app" in fit[0] and "Future: Buying running" in fit[0]


# --- gaps/ ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["corpus", "sample"])
def test_the_flow_counts_equal_the_gaps_table_and_the_files(which: str, corpus_site: Path, sample: Path) -> None:
    root = corpus_site if which == "corpus" else sample
    doc = content(root, "gaps")
    part = section(doc, "department-pairs")
    bands = re.findall(r'data-from="([^"]*)" data-to="([^"]*)" data-count="(\d+)" data-drops="(\d+)"', part)
    table = re.search(r'<table class="jm-list jm-sortable jm-links">.*?</table>', part, re.S).group(0)
    links = re.findall(r'<tr><td>(?:<a href="[^"]*departments/([a-z-]+)/">|<span class="jm-muted">)[^<]*<.*?<td>'
                       r'(?:<a href="[^"]*departments/([a-z-]+)/">|<span class="jm-muted">)[^<]*<.*?'
                       r'<td class="jm-num">(\d+)</td><td class="jm-num">(\d+)</td></tr>', table, re.S)
    assert sorted(bands) == sorted(links)  # the figure and its table hold the same numbers
    expected = {((a or ""), (b or ""), str(n), str(d)) for (a, b), (n, d) in department_pairs(published(root)).items()
                if a != b}
    assert set(bands) == expected
    assert "jm-matrix" not in doc  # no table repeats a matrix
    within = {(a or ""): (n, d) for (a, b), (n, d) in department_pairs(published(root)).items() if a == b}
    if within:
        listed = text(section(doc, "within-department"))
        for dep, (n, _) in within.items():
            assert f": {n} hand-off" in listed, dep


def test_hand_offs_within_one_department_are_explained_apart(corpus_site: Path) -> None:
    listed = text(section(content(corpus_site, "gaps"), "within-department"))
    assert "stays with the same department but changes channel or device" in listed
    # Sales: a change of channel only; Operations: the draft (a current-state map, so today's) changes device
    assert "Sales : 1 hand-off" in listed and "Operations : 1 hand-off, 1 ▼ where emotion drops" in listed
    ops = content(corpus_site, "departments/ops")
    assert "the same department" in section(ops, "hand-offs")


# --- channels/ and departments/ --------------------------------------------------------------------------


def test_a_channel_page_says_why_a_list_is_empty(corpus_site: Path, sample: Path) -> None:
    email = text(content(corpus_site, "channels/email"))
    assert ("Preferred channel of Dee , but no map of today that follows this persona has a touchpoint on it "
            "yet.") in email
    store = text(content(corpus_site, "channels/store"))
    assert "No pain point is recorded" not in store and "Window is dark" in store
    post = text(content(sample, "channels/post"))
    assert "Preferred channel of Harold, the retired walker , whose maps of today have" in post
    empty = text(content(corpus_site, "channels/email"))
    assert "None: no future map plans a touchpoint on this channel." in empty
    # a small figure of the emotion by stage, with its text alternative
    chart = re.search(r'<svg class="jm-stage-chart".*?</svg>', content(corpus_site, "channels/phone"), re.S).group(0)
    assert "Buy: −1.0 over 1 step (future maps +1.0)" in html.unescape(chart)


def test_a_department_page_shows_no_pain_point_beside_a_positive_badge(sample: Path) -> None:
    for department in ("logistics", "customer-service", "ecommerce", "marketing", "product", "stores"):
        doc = content(sample, f"departments/{department}")
        if 'id="pain-points"' in doc:
            pains = section(doc, "pain-points")
            assert "jm-score" not in pains and "Positive" not in pains, department
    doc = content(sample, "departments/logistics")
    scores = [r.rsplit(" ", 1)[1] for r in rows(section(doc, "pain-points"))]
    assert scores == sorted(scores, key=lambda s: int(s.replace("−", "-").replace("+", "")))  # worst first
    assert "Pain points foreseen in future maps" in text(doc)  # today's maps apart from future ones
    assert 'id="touchpoints-today"' in doc and 'id="touchpoints-future"' in doc


# --- compare/ and scenarios ------------------------------------------------------------------------------


def test_compare_cells_show_how_much_they_rest_on(sample: Path) -> None:
    heat = re.search(r'<table class="jm-heatmap">.*?</table>', content(sample, "compare"), re.S).group(0)
    for cls, steps in re.findall(r'<td class="jm-heat ([^"]+)" title="(\d+) of', heat):
        assert ("jm-heat-few" in cls) == (0 < int(steps) < 3), (cls, steps)


def test_scenario_pages_read_left_to_right(sample: Path) -> None:
    doc = content(sample, "compare/scenarios/buy-a-new-pair")
    side = re.search(r'<table class="jm-timeline jm-side jm-scenario">.*?</table>', doc, re.S).group(0)
    head = re.search(r"<thead>(.*?)</thead>", side, re.S).group(1)
    corpus = load_corpus(REPO / "journeys")
    order = [t.id for t in corpus.vocabulary.stages]
    columns = re.findall(r'id="stage-([a-z-]+)"', head)
    assert columns == sorted(columns, key=order.index) and len(columns) >= 5
    assert len(re.findall(r'<th scope="row" class="jm-lane">', side)) == 4  # one row per map


def test_overlaid_points_and_labels_never_overlap_or_float() -> None:
    scale = EmotionScale()
    series = [("A", [1.0, 0.0, None, 2.0, None]), ("B", [1.0, 0.0, -1.0, None, None]),
              ("C", [1.0, -0.5, -1.0, 1.0, None]), ("D", [None, None, None, None, -2.0])]
    svg = str(overlay_chart.overlay(["s1", "s2", "s3", "s4", "s5"], series, scale, "test"))
    markers = [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="4.5"', svg)]
    markers += [(float(x) + 4.5, float(y) + 4.5) for x, y in re.findall(r'<rect x="([\d.]+)" y="([\d.]+)"', svg)]
    markers += [(float(x), float(y) + 6) for x, y in re.findall(r'<path d="M([\d.]+) ([\d.]+) ', svg)]
    plotted = [m for m in markers if m[1] < 200]  # not the legend's
    for i, (x1, y1) in enumerate(plotted):
        for x2, y2 in plotted[i + 1:]:
            assert abs(x1 - x2) >= 12 or abs(y1 - y2) >= 12, "two markers overlap"
    values = re.findall(r'<text class="jm-value" x="([\d.]+)" y="([\d.]+)">([^<]+)</text>', svg)
    shown = [(v, x) for x, _, v in values]
    # every distinct value of every stage is written once, the lonely −2.0 of D included
    assert sorted(v for v, _ in shown) == sorted(["+1.0", "0.0", "−0.5", "−1.0", "+2.0", "+1.0", "−2.0"])
    boxes = [(float(x), float(y) - 9, float(x) + 6.6 * len(v), float(y) + 2) for x, y, v in values]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), "two labels overlap"
    # no curve is drawn in a warm colour; a future map's never
    for colour, _, _ in (*overlay_chart.SERIES_STYLES, overlay_chart.TODAY_STYLE, overlay_chart.FUTURE_STYLE):
        r, g, b = (int(colour[k:k + 2], 16) for k in (1, 3, 5))
        assert not (r > b + 40 and r > g), colour


# --- reviews/ --------------------------------------------------------------------------------------------


def test_reviews_never_flag_a_draft(corpus_site: Path) -> None:
    reviews = content(corpus_site, "reviews")
    overdue = section(reviews, "overdue")
    assert "Dee returns a kettle" not in overdue and "Dee returns a kettle" in section(reviews, "drafts")
    assert "not due: a draft is reviewed once it is finished" in text(section(reviews, "drafts"))
    listing = content(corpus_site, "journeys")
    row = re.search(r"<tr>\s*<td><a [^>]*>Dee returns a kettle</a>.*?</tr>", listing, re.S).group(0)
    assert "jm-review" not in row and "jm-status-draft" in row
    facts = text(re.search(r'<dl class="jm-facts jm-freshness">.*?</dl>', page(corpus_site, "journeys/shop/dee-draft"),
                           re.S).group(0))
    assert facts.startswith("Next review Not due: draft it is reviewed once it is finished")
    assert "Dee returns a kettle" not in text(section(content(corpus_site, "overview"), "due-for-review"))


def test_no_iso_date_is_shown_to_readers(corpus_site: Path) -> None:
    for file in (corpus_site / "site").rglob("index.html"):
        doc = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>',
                        file.read_text(encoding="utf-8"), re.S)
        if doc is None:
            continue
        shown = re.sub(r"<[^>]+>", " ", doc.group(1))  # the descriptions of the charts too
        assert not re.search(r"\b\d{4}-\d\d-\d\d\b", shown), file.relative_to(corpus_site)
        assert "reviewed:" not in shown  # the how-to is in the docs, not on the pages readers open

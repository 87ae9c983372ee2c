"""The pages across maps over a portfolio with known numbers (see portfolio_site.py), built by MkDocs."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest

from journeymaps.figures.analysis import format_score
from journeymaps.figures.handoffs import handoff_changes
from journeymaps.model.types import EmotionScale, Touchpoint
from journeymaps.pages.format import heat_class
from listing_data import read_rows
from portfolio_site import portfolio_site
from sites import build, search_index


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = portfolio_site(tmp_path_factory.mktemp("portfolio"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


def page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def table(doc: str, css_class: str) -> str:
    found = re.search(rf'<table class="{css_class}"[^>]*>.*?</table>', doc, re.S)
    assert found, css_class
    return found.group(0)


def body_rows(fragment: str) -> list[str]:
    body = re.search(r"<tbody>(.*?)</tbody>", fragment, re.S).group(1)
    return re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)


def section(doc: str, anchor: str) -> str:
    """From the heading with id ``anchor`` to the next heading of the same or a higher level."""
    start = re.search(rf'<h([23]) id="{anchor}"', doc)
    assert start, anchor
    level = int(start.group(1))
    end = re.compile(rf"<h[2-{level}][ >]").search(doc, start.end())
    return doc[start.start(): end.start() if end else len(doc)]


# --- compare/ -------------------------------------------------------------------------


def test_heatmap_cells_are_exact_with_one_decimal(site: Path) -> None:
    doc = page(site, "compare")
    rows = body_rows(table(doc, "jm-heatmap"))
    cells = {
        text(re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1)):
            re.findall(r'<span class="jm-heat-value">(.*?)</span>', row)
        for row in rows
    }
    assert cells == {
        "Ana": ["+1.0", "−1.0", "+1.0", "+0.5"],
        "Ben": ["−1.5", "—", "+1.5", "0.0"],
        "Cleo": ["—", "—", "—", "—"],  # only an archived map: nothing published
    }
    header = re.findall(r'<th scope="col"><a href="([^"]+)">([^<]+)</a></th>', table(doc, "jm-heatmap"))
    assert header == [("discover/", "Discover"), ("buy/", "Buy"), ("use/", "Use")]
    # colour says what the number says: blue above neutral, orange below, none for no score
    ana = rows[0]
    classes = r'<td class="jm-heat (jm-heat-[a-z0-9-]+)( jm-heat-few)?"'
    assert re.findall(classes, ana) == [
        ("jm-heat-pos-2", " jm-heat-few"), ("jm-heat-neg-2", " jm-heat-few"), ("jm-heat-pos-2", " jm-heat-few")]
    assert re.findall(classes, rows[1]) == [
        ("jm-heat-neg-3", " jm-heat-few"), ("jm-heat-none", ""), ("jm-heat-pos-3", " jm-heat-few")]
    # each scored cell links to the persona's column on the stage page, with the number of steps
    assert ('<a href="discover/#persona-ana"><span class="jm-heat-value">+1.0</span>'
            '<span class="jm-heat-n">2 steps') in ana
    assert 'title="1 of 2 steps scored"' in ana  # buy: the receipt step has no score


def test_worst_stage_of_each_persona(site: Path) -> None:
    rows = body_rows(section(page(site, "compare"), "worst-stage"))
    worst = [text(row) for row in rows]
    assert worst[0].startswith("Ana Buy −1.0 1 Phones to order")
    assert worst[1].startswith("Ben Discover −1.5 2 Walks past the shop")
    assert worst[2] == "Cleo No as-is map of this persona has an emotion score."


def test_persona_channel_matrix_places_every_touchpoint(site: Path) -> None:
    matrix = table(page(site, "compare"), "jm-matrix")
    assert re.findall(r'<th scope="col"><a href="../channels/([a-z]+)/">', matrix) == ["web", "phone", "store", "email"]
    counts = {
        text(re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1)):
            [int(text(n)) for n in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in body_rows(matrix)
    }
    # web, phone, store, email, all channels (as-is maps only: the future map's touchpoints are not counted)
    assert counts == {"Ana": [2, 1, 0, 2, 5], "Ben": [0, 1, 2, 0, 3], "Cleo": [0, 0, 0, 0, 0]}
    totals = re.search(r"<tfoot>(.*?)</tfoot>", matrix, re.S).group(1)
    assert [int(n) for n in re.findall(r">(\d+)</td>", totals)] == [2, 2, 2, 2, 8]


def test_scenarios_and_future_on_the_compare_page(site: Path) -> None:
    doc = page(site, "compare")
    assert text(section(doc, "scenarios")).startswith("Scenarios Maps that share a scenario")
    assert 'href="scenarios/buy/">Buy</a>' in doc
    # one row per future map, linking its comparison on its own page (the curves are there, not here)
    row = re.search(r'<tr id="future-map-shop-ana-future">.*?</tr>', doc, re.S).group(0)
    assert text(row).startswith("Ana buys a kettle, future")
    assert 'href="../journeys/shop/ana-future/#jm-against-baseline"' in row
    assert 'class="jm-overlay"' not in section(doc, "future-against-baseline")


# --- current against future ---------------------------------------------------------------


def test_future_map_page_overlays_baseline_and_lists_changes(site: Path) -> None:
    doc = page(site, "journeys/shop/ana-future")
    part = section(doc, "jm-against-baseline")
    svg = re.search(r'<svg class="jm-overlay".*?</svg>', part, re.S).group(0)
    assert svg.count('<g class="jm-series">') == 2
    assert "Today: Ana buys a kettle" in svg and "Future: Ana buys a kettle, future" in svg  # the legend
    assert "<desc>" in svg and 'role="img"' in svg
    rows = [text(row) for row in body_rows(part)]
    assert rows == [
        "Discover +1.0 +2.0 ▲ +1.0 Live chat (Web) Chat bubble (Web)",  # columns: added, removed
        "Buy −1.0 +1.0 ▲ +2.0 none Receipt email (Email)",  # "order line" matches "Order line"
        "Use +1.0 — — none Care tips email (Email)",
    ]
    assert 'href="../ana-buys/#discover-2-chat-bubble"' in part  # a removed touchpoint links to the baseline
    assert 'href="#discover-1-live-chat"' in part  # an added one to this page
    assert "Average emotion +0.5 today, +1.5 in the future map: a change of +1.0." in text(part)
    # the current map's page has no such section
    assert 'id="jm-against-baseline"' not in page(site, "journeys/shop/ana-buys")


# --- gaps/ -----------------------------------------------------------------------------


def _handoffs(doc: str, anchor: str) -> list[tuple[str, str, str, bool]]:
    rows = body_rows(section(doc, anchor))
    found = []
    for row in rows:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        names = [re.search(r"<a [^>]*>(.*?)</a>", c).group(1) for c in cells[:2]]
        found.append((names[0], names[1], text(cells[2]), "▼ emotion drops" in row))
    return found


def test_handoff_list_per_map(site: Path) -> None:
    doc = page(site, "gaps")
    assert _handoffs(doc, "map-shop-ana-buys") == [
        ("Landing page", "Chat bubble", "department", True),
        ("Chat bubble", "Order line", "channel, department", True),
        ("Order line", "Receipt email", "channel", False),  # no score on the receipt step: no drop
    ]
    assert _handoffs(doc, "map-shop-ben-buys") == [
        ("Shop window", "Store greeting", "department", False),
        ("Store greeting", "Help line", "channel, department", False),
    ]
    assert _handoffs(doc, "map-shop-ana-future") == [
        ("Landing page", "Live chat", "department", False),
        ("Live chat", "order line", "channel, department", True),
    ]
    assert "7 hand-offs in 3 maps, 3 of them where emotion drops." in text(doc)
    assert 'href="../journeys/shop/ana-buys/#discover-2-chat-bubble"' in doc
    assert "map-other-cleo-old" not in doc


def test_handoffs_counted_per_department_pair(site: Path) -> None:
    doc = page(site, "gaps")
    assert ("The figures below count the maps of journeys as customers live them today (current state, service "
            "blueprint and day in the life maps): the 2 hand-offs of future maps are listed with their map at the "
            "end, not counted, since a future map describes a journey that does not exist yet; each future map is "
            "compared with the map it improves on under future against baseline.") in text(doc).replace(" .", ".")
    part = section(doc, "department-pairs")
    pairs = [text(row) for row in body_rows(table(part, "jm-list jm-sortable jm-links"))]
    assert pairs == ["Sales Support 2 1", "Support Sales 1 1", "Operations Sales 1 0"]
    # the figure draws the same pairs; the pair within one department is listed apart
    bands = re.findall(r'data-from="([^"]*)" data-to="([^"]*)" data-count="(\d+)" data-drops="(\d+)"', part)
    assert bands == [("sales", "support", "2", "1"), ("support", "sales", "1", "1"), ("ops", "sales", "1", "0")]
    assert "jm-matrix" not in doc
    assert text(section(doc, "within-department")).endswith("Sales : 1 hand-off")


def test_journey_page_marks_handoffs_and_links_out(site: Path) -> None:
    doc = page(site, "journeys/shop/ana-buys")
    markers = re.findall(
        r'<p class="jm-handoff( jm-handoff-drop)?"[^>]*>(.*?)</p><div class="jm-tp[^"]*"><h3 id="([^"]+)"', doc)
    assert [(anchor, bool(drop), text(body)) for drop, body, anchor in markers] == [
        ("discover-2-chat-bubble", True, "⇄ Hand-off from Landing page : department ▼ emotion drops"),
        ("buy-1-order-line", True, "⇄ Hand-off from Chat bubble : channel, department ▼ emotion drops"),
        ("buy-2-receipt-email", False, "⇄ Hand-off from Order line : channel"),
    ]
    assert '<dt>Hand-offs</dt><dd><a href="../../../gaps/#map-shop-ana-buys">3</a> between touchpoints, 2 where' in doc
    assert re.search(r'<a class="jm-channel" href="../../../channels/web/"><svg [^>]*>.*?</svg>Web</a>', doc)
    assert '<a class="jm-department" href="../../../departments/support/">Support</a>' in doc
    assert '<a href="../../../compare/scenarios/buy/">Buy</a>' in doc
    assert '<a href="../../../compare/discover/">Discover across personas</a>' in doc
    assert '<dt>Owner</dt><dd><a href="../../../departments/sales/">Sales</a></dd>' in doc


# --- channels/, departments/ ----------------------------------------------------------------


def _touchpoint_names(fragment: str) -> list[str]:
    return [re.search(r"<a [^>]*>(.*?)</a>", row).group(1) for row in body_rows(fragment)]


def test_channel_page_lists_its_touchpoints(site: Path) -> None:
    doc = page(site, "channels/phone")
    assert _touchpoint_names(section(doc, "touchpoints-today")) == ["Order line", "Help line"]
    assert _touchpoint_names(section(doc, "touchpoints-future")) == ["order line"]
    assert ("In today's maps customers meet Phone at 2 touchpoints in 2 maps of 2 personas, and feel 0.0 on average "
            "there (over 2 scored steps, each counted once). Future maps plan 1 touchpoint on this channel.") in (
        text(doc).replace(" .", "."))
    assert 'href="../../journeys/shop/ben-buys/#use-1-help-line"' in doc
    empty = page(site, "channels/store")
    assert _touchpoint_names(table(empty, "jm-list jm-sortable jm-touchpoints")) == ["Shop window", "Store greeting"]
    index = page(site, "channels")
    assert [text(r).split(" ")[0] for r in body_rows(table(index, "jm-list jm-sortable"))] == [
        "Web", "Phone", "Store", "Email"]


def test_department_page_touchpoints_pains_opportunities(site: Path) -> None:
    doc = page(site, "departments/sales")
    assert _touchpoint_names(section(doc, "touchpoints-today")) == [
        "Landing page", "Order line", "Receipt email", "Care tips email",  # shop/ana-buys
        "Store greeting"]  # shop/ben-buys
    assert _touchpoint_names(section(doc, "touchpoints-future")) == ["Landing page", "order line"]  # shop/ana-future
    pains = [text(row) for row in body_rows(section(doc, "pain-points"))]
    assert pains == ["Long hold Ana buys a kettle Approved Ana Buy · step 1 Phones to order −1"]  # the step's score
    assert "jm-score" not in section(doc, "pain-points")  # no coloured badge beside a pain point
    opportunities = [text(row) for row in body_rows(section(doc, "opportunities"))]
    assert len(opportunities) == 1 and opportunities[0].startswith("Staff training Thankless tasks Ben buys a kettle")
    assert ("In today's maps customers meet Sales at 5 touchpoints in 2 maps of 2 personas, and feel +0.3 on average "
            "there (over 4 scored steps, each counted once)") in text(doc)  # 2, −1, 1, −1 → 0.25
    facts = text(re.search(r'<dl class="jm-facts">.*?</dl>', doc, re.S).group(0))
    assert facts == ("Maps owned Ana buys a kettle Approved Hand-offs 2 in, 2 out, 1 within (today's maps) "
                     "Opportunities 1 it would own")
    links = [text(row) for row in body_rows(section(doc, "hand-offs"))]
    assert links == ["Sales Support 2 1", "Support Sales 1 1", "Operations Sales 1 0", "Sales the same department 1 0"]
    ops = page(site, "departments/ops")
    assert [text(r).split(" Ben")[0] for r in body_rows(section(ops, "pain-points"))] == ["Window is dark"]
    assert "No opportunity names Operations as its owner ." in text(ops)
    support = page(site, "departments/support")
    assert text(body_rows(section(support, "opportunities"))[0]).startswith("Call-back Quick wins Ana buys a kettle")


# --- opportunities/ and touchpoints/ ------------------------------------------------------------


def test_opportunities_plot_and_order(site: Path) -> None:
    doc = page(site, "opportunities")
    plot = re.search(r'<svg class="jm-plot".*?</svg>', doc, re.S).group(0)
    marks = re.findall(r'<g class="jm-plot-mark[^"]*" data-idea="(\d+)"><title>([^<]*)</title>', plot)
    assert [(n, html.unescape(t)) for n, t in marks] == [
        ("1", "1. Call-back (Ana buys a kettle; High impact, low effort (Quick wins))"),
        ("2", "2. Staff training (Ben buys a kettle in town; Low impact, high effort (Thankless tasks))"),
    ]
    assert re.findall(r'<text class="jm-plot-count"[^>]*>(\d+)</text>', plot) == [
        "1", "0", "0", "0", "0", "0", "0", "0", "1"]
    listed = [text(row).split(" ")[:2] for row in body_rows(section(doc, "all-opportunities"))]
    assert listed == [["1", "Call-back"], ["2", "Staff"], ["3", "Brighter"]]  # quick wins first, unrated last
    assert "1 opportunity is not rated for both impact and effort yet" in text(doc)


def test_touchpoints_table_has_every_touchpoint_and_its_data_the_facets(site: Path) -> None:
    doc = page(site, "touchpoints")
    links = re.findall(r'<tr><td><a href="([^"]+)"', doc)
    assert len(links) == 11
    assert links[0] == "../journeys/shop/ana-buys/#discover-1-landing-page"
    # the filters read every row from the listing's data file, beside it
    assert 'data-rows="rows.json"' in doc
    rows = read_rows(site)
    assert len(rows) == 11
    first = rows[0]
    assert (first["persona"], first["stage"], first["channel"], first["device"], first["department"], first["type"],
            first["url"]) == ("ana", "discover", "web", "mobile", "sales", "current",
                              "journeys/shop/ana-buys/#discover-1-landing-page")
    assert any((r["persona"], r["stage"], r["channel"], r["device"], r["department"], r["type"], r["url"]) ==
               ("ben", "use", "phone", "-", "support", "blueprint", "journeys/shop/ben-buys/#use-1-help-line")
               for r in rows)
    # the filter form is in the page but hidden until the script runs; the table is whole without it
    assert re.search(r'<form class="jm-filters" data-table="jm-touchpoints" hidden', doc)
    options = re.findall(r'<select name="department">(.*?)</select>', doc, re.S)[0]
    assert re.findall(r'<option value="([^"]*)">', options) == ["", "sales", "support", "ops"]
    assert '<script src="../assets/journeymaps/journeymaps.js"></script>' in doc
    assert (site / "assets/journeymaps/journeymaps.js").exists()


# --- exports ---------------------------------------------------------------------------------------


def test_touchpoints_csv_rows(site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((site / "touchpoints.csv").read_text(encoding="utf-8"))))
    # 11 touchpoints of the 3 published maps, and one row for Ben's last step, which has none
    assert len(rows) == 12
    assert list(rows[0]) == ["journey", "persona", "type", "status", "stage", "step", "action", "touchpoint",
                             "channel", "device", "department", "contact", "emotion", "time", "frontstage",
                             "backstage", "support"]
    assert rows[0] == {"journey": "shop/ana-buys", "persona": "ana", "type": "current", "status": "approved",
                       "stage": "discover", "step": "1", "action": "Finds the kettle online",
                       "touchpoint": "Landing page", "channel": "web", "device": "mobile", "department": "sales",
                       "contact": "direct", "emotion": "2",
                       "time": "", "frontstage": "", "backstage": "", "support": ""}
    assert [r["touchpoint"] for r in rows if r["journey"] == "shop/ben-buys"] == [
        "Shop window", "Store greeting", "Help line", ""]
    assert not any(r["journey"] == "other/cleo-old" for r in rows)


def test_journeys_json_shape(site: Path) -> None:
    data = json.loads((site / "journeys.json").read_text(encoding="utf-8"))
    assert list(data) == ["format", "vocabulary", "personas", "journeys", "figures"]
    assert data["format"] == 1
    assert [p["id"] for p in data["personas"]] == ["ana", "ben", "cleo"]
    assert [j["id"] for j in data["journeys"]] == ["shop/ana-buys", "shop/ana-future", "shop/ben-buys"]
    ana = data["journeys"][0]
    assert ana["figures"] == {"average_emotion": 0.5, "stage_averages": {"discover": 1.0, "buy": -1.0, "use": 1.0},
                              "steps": 5, "touchpoints": 5, "handoffs": 3, "handoffs_where_emotion_drops": 2}
    assert ana["phases"][1]["steps"][0]["opportunities"][0] == {
        "title": "Call-back", "impact": "high", "effort": "low", "owner": "support"}
    figures = data["figures"]
    assert list(figures) == [
        "compared_types", "emotion_by_persona_and_stage", "worst_stage", "touchpoints_by_persona_and_channel",
        "scenarios", "futures", "handoffs", "department_pairs", "channels", "departments", "opportunities",
        "unowned_touchpoints"]
    assert figures["emotion_by_persona_and_stage"] == [
        {"persona": "ana", "stage": "discover", "average_emotion": 1.0, "steps": 2, "scored_steps": 2},
        {"persona": "ana", "stage": "buy", "average_emotion": -1.0, "steps": 2, "scored_steps": 1},
        {"persona": "ana", "stage": "use", "average_emotion": 1.0, "steps": 1, "scored_steps": 1},
        {"persona": "ben", "stage": "discover", "average_emotion": -1.5, "steps": 2, "scored_steps": 2},
        {"persona": "ben", "stage": "use", "average_emotion": 1.5, "steps": 2, "scored_steps": 2},
    ]
    assert figures["worst_stage"] == [{"persona": "ana", "stage": "buy", "average_emotion": -1.0},
                                      {"persona": "ben", "stage": "discover", "average_emotion": -1.5}]
    assert figures["scenarios"] == {"buy": ["shop/ana-buys", "shop/ben-buys"]}
    assert figures["department_pairs"] == [
        {"from": "sales", "to": "support", "handoffs": 2, "emotion_drops": 1},
        {"from": "sales", "to": "sales", "handoffs": 1, "emotion_drops": 0},
        {"from": "support", "to": "sales", "handoffs": 1, "emotion_drops": 1},
        {"from": "ops", "to": "sales", "handoffs": 1, "emotion_drops": 0},
    ]
    assert len(figures["handoffs"]) == 7
    assert figures["handoffs"][0] == {
        "journey": "shop/ana-buys",
        "from": {"journey": "shop/ana-buys", "stage": "discover", "step": 1, "touchpoint": "Landing page",
                 "anchor": "discover-1-landing-page", "channel": "web", "device": "mobile", "department": "sales",
                 "emotion": 2},
        "to": {"journey": "shop/ana-buys", "stage": "discover", "step": 2, "touchpoint": "Chat bubble",
               "anchor": "discover-2-chat-bubble", "channel": "web", "device": "mobile", "department": "support",
               "emotion": 0},
        "changes": ["department"], "emotion_drops": True,
    }
    future = figures["futures"][0]
    assert future["journey"] == "shop/ana-future" and future["baseline"] == "shop/ana-buys"
    assert future["average_emotion"] == {"baseline": 0.5, "future": 1.5, "change": 1.0}
    assert [(s["stage"], s["change"], [t["touchpoint"] for t in s["added"]], [t["touchpoint"] for t in s["removed"]],
             s["kept"]) for s in future["stages"]] == [
        ("discover", 1.0, ["Live chat"], ["Chat bubble"], 1),
        ("buy", 2.0, [], ["Receipt email"], 1),
        ("use", None, [], ["Care tips email"], 0),
    ]
    assert [o["title"] for o in figures["opportunities"]] == ["Call-back", "Staff training", "Brighter window"]
    assert figures["opportunities"][0]["quadrant"] == "Quick wins"
    sales = next(d for d in figures["departments"] if d["department"] == "sales")
    assert sales == {"department": "sales", "touchpoints": 7, "journeys": 3, "personas": 2, "average_emotion": 0.25,
                     "scored_steps": 4, "pain_points": 1, "opportunities": 1, "maps_owned": ["shop/ana-buys"]}
    assert figures["unowned_touchpoints"] == []


# --- navigation, search, links ----------------------------------------------------------------


def test_navigation_and_search_cover_the_new_pages(site: Path) -> None:
    doc = page(site, "departments/sales")
    labels = [" ".join(label.split()) for label in re.findall(r'class="md-ellipsis">(.*?)</span>', doc, re.S)]
    for label in ("Compare", "Discover", "Scenarios", "Channels", "Web", "Departments", "Operations", "Touchpoints",
                  "Opportunities", "Hand-offs"):
        assert label in labels, label
    assert labels.index("Personas") < labels.index("Compare") < labels.index("Channels") < labels.index("Hand-offs")
    locations = {e["location"] for e in search_index(site)}
    for address in ("compare/", "compare/buy/", "compare/scenarios/buy/", "channels/web/", "departments/sales/",
                    "touchpoints/", "opportunities/", "gaps/"):
        assert any(loc == address or loc.startswith(address + "#") for loc in locations), address
    entries = {e["location"]: e for e in search_index(site)}
    # the rows that repeat a map's content are left out of the index: a search lands on the map itself
    assert [loc for loc in entries if loc.startswith("departments/sales/")] == ["departments/sales/"]
    assert not [loc for loc, e in entries.items() if "Long hold" in e["text"] and not loc.startswith("journeys/")]
    assert [e["title"] for loc, e in entries.items() if loc.startswith("journeys/shop/ana-buys/#jm-pain-")] == [
        "Long hold"]


def test_every_link_of_the_new_pages_resolves(site: Path) -> None:
    """Relative links in the content of every page lead to a page (and an anchor) that exists."""
    checked = 0
    for file in site.rglob("index.html"):
        doc = file.read_text(encoding="utf-8")
        content = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', doc, re.S)
        if not content:
            continue
        for href in re.findall(r'href="([^"]+)"', content.group(1)):
            href = html.unescape(href)
            if re.match(r"[a-z]+:", href) or href.startswith("?"):
                continue
            path, _, anchor = href.partition("#")
            path = path.partition("?")[0]
            target = (file.parent / path).resolve() if path else file
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{file.relative_to(site)}: {href}"
            if anchor and target.suffix == ".html":
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), f"{file.relative_to(site)}: {href}"
            checked += 1
    assert checked > 300


# --- the rules, without a build -------------------------------------------------------------------


def test_handoff_changes_ignore_unknown_device_and_department() -> None:
    web = Touchpoint(name="a", channel="web", device="mobile", department="sales")
    assert handoff_changes(web, Touchpoint(name="b", channel="web", device="mobile", department="sales")) == ()
    assert handoff_changes(web, Touchpoint(name="b", channel="web")) == ()
    assert handoff_changes(web, Touchpoint(name="b", channel="phone", device="desktop", department="ops")) == (
        "channel", "device", "department")


@pytest.mark.parametrize(("value", "expected"), [
    (None, "jm-heat-none"), (0.04, "jm-heat-0"), (-0.04, "jm-heat-0"), (0.3, "jm-heat-pos-1"),
    (0.5, "jm-heat-pos-1"), (0.54, "jm-heat-pos-1"), (0.55, "jm-heat-pos-2"), (1.5, "jm-heat-pos-3"),
    (2.0, "jm-heat-pos-4"),
    (-1.0, "jm-heat-neg-2"), (-1.6, "jm-heat-neg-4"), (-2.0, "jm-heat-neg-4"),
])
def test_heat_class_follows_the_printed_number(value: float | None, expected: str) -> None:
    assert heat_class(value, EmotionScale()) == expected


def test_scores_round_half_away_from_zero() -> None:
    assert [format_score(v) for v in (0.25, -0.25, 0.05, -0.05, -0.04, 1 / 3, 2 / 3, None)] == [
        "+0.3", "−0.3", "+0.1", "−0.1", "0.0", "+0.3", "+0.7", "—"]


def test_heat_class_on_a_scale_without_zero() -> None:
    scale = EmotionScale(min=1, max=5)  # the middle, 3, is neutral
    assert [heat_class(v, scale) for v in (1.0, 3.0, 4.0, 5.0)] == [
        "jm-heat-neg-4", "jm-heat-0", "jm-heat-pos-2", "jm-heat-pos-4"]

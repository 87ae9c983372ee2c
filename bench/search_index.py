"""The site search of built sites: what its index holds, and how long a reader waits in Chromium.

    python bench/search_index.py breakdown SITE_DIR...
        the search index of each site by part: entries and bytes (a map's touchpoints, pain points, own entry and
        other sections; the pages across maps by section of the site)
    python bench/search_index.py time QUERY NAME=SITE_DIR... [--runs N]
        each site served on 127.0.0.1, its home page opened in a fresh Chromium context, runs alternating between
        the sites, side by side: from the last key of QUERY typed as soon as the search box takes input (60 ms a
        key) to its results; from the start of navigation until the search has built its index ("Type to start
        searching"); then, with the index ready, from the last key of QUERY to its results. Medians (min-max).

Needs Playwright and Chromium (/usr/bin/chromium, or $CHROMIUM), as the browser tests do.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import statistics
import threading
import time
from collections import defaultdict
from pathlib import Path

RESULTS = ("q => { const m = document.querySelector('.md-search-result__meta');"
           " return document.querySelector('.md-search__input').value === q && m !== null"
           " && /match/.test(m.textContent) && document.querySelector('.md-search-result__item') !== null }")
READY = "() => /Type to start/.test(document.querySelector('.md-search-result__meta')?.textContent || '')"


def part(entry: dict) -> str:
    """Which part of the site an index entry belongs to."""
    page, _, anchor = entry["location"].partition("#")
    parts = page.strip("/").split("/")
    if parts[0] == "journeys" and len(parts) >= 3 and "class=" not in entry["title"]:
        if not anchor:
            return "map: own entry"
        if anchor.startswith("jm-pain-"):
            return "map: pain point"
        pieces = anchor.split("-")
        if len(pieces) > 2 and pieces[1].isdigit() and not anchor.startswith("jm-"):
            return "map: touchpoint"
        if len(pieces) == 2 and pieces[1].isdigit():
            return "map: step"
        return "map: other section"
    if parts[0] == "journeys":
        return "journeys/ and folders"
    return (parts[0] + "/" if parts[0] else "home") + (" (sections)" if anchor else "")


def breakdown(site: Path) -> None:
    """Print the index of ``site`` by part, as a Markdown table."""
    path = site / "search" / "search_index.json"
    docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
    total = path.stat().st_size
    parts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for entry in docs:
        found = parts[part(entry)]
        found[0] += 1
        found[1] += len(json.dumps(entry, separators=(",", ":")))  # as Material writes it
    print(f"\n{path}: {total:,} bytes ({total / 2**20:.2f} MB), {len(docs):,} entries\n")
    print("| part | entries | bytes | share |\n| --- | ---: | ---: | ---: |")
    for name, (count, size) in sorted(parts.items(), key=lambda item: -item[1][1]):
        print(f"| {name} | {count:,} | {size:,} | {size / total:.1%} |")


def serve(site: str) -> http.server.ThreadingHTTPServer:
    """Serve ``site`` on a free port of 127.0.0.1 until the process ends."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=site)
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _until_results(page, query: str, timeout_ms: int) -> float:
    """Type ``query`` in the search box; the seconds from the last key until its results show."""
    box = page.locator(".md-search__input").first
    box.click()
    box.press_sequentially(query, delay=60)
    started = time.perf_counter()
    page.wait_for_function(RESULTS, arg=query, timeout=timeout_ms, polling=20)
    return time.perf_counter() - started


def timings(query: str, sites: list[tuple[str, str]], runs: int) -> None:
    """Print the three waits of the module's docstring for each site, side by side."""
    from playwright.sync_api import sync_playwright

    servers = [(name, serve(site), Path(site)) for name, site in sites]
    waits: dict[str, tuple[list[float], list[float], list[float]]] = {name: ([], [], []) for name, _ in sites}
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                      args=["--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            for name, server, _ in servers:
                url = f"http://127.0.0.1:{server.server_address[1]}/"
                typed, ready, then = waits[name]
                context = chromium.new_context(viewport={"width": 1400, "height": 900})
                page = context.new_page()
                page.goto(url, wait_until="domcontentloaded")
                typed.append(_until_results(page, query, 180_000))  # typed as soon as the page is there
                context.close()
                context = chromium.new_context(viewport={"width": 1400, "height": 900})
                page = context.new_page()
                started = time.perf_counter()
                page.goto(url, wait_until="domcontentloaded")
                page.wait_for_function(READY, timeout=180_000, polling=20)
                ready.append(time.perf_counter() - started)
                then.append(_until_results(page, query, 60_000))  # typed once the index is ready
                context.close()
        chromium.close()

    def shown(values: list[float]) -> str:
        return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"

    print(f"\nQuery {query!r}, {runs} runs each, seconds: median (min-max)\n")
    print("| site | index (MB) | typed at once: last key to results | page opened to index ready "
          "| index ready: last key to results |\n| --- | ---: | ---: | ---: | ---: |")
    for name, _, site in servers:
        size = (site / "search" / "search_index.json").stat().st_size / 2**20
        print(f"| {name} | {size:.2f} | " + " | ".join(shown(w) for w in waits[name]) + " |")


def main() -> None:
    """Parse the command line and run."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("breakdown")
    show.add_argument("sites", nargs="+", type=Path)
    timed = commands.add_parser("time")
    timed.add_argument("query")
    timed.add_argument("sites", nargs="+", help="NAME=SITE_DIR")
    timed.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.command == "breakdown":
        for site in args.sites:
            breakdown(site)
    else:
        timings(args.query, [tuple(s.split("=", 1)) for s in args.sites], args.runs)


if __name__ == "__main__":
    main()

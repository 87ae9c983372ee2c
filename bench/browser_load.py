"""The heaviest pages of a built site opened in Chromium: what a reader waits for (issue 15).

    .venv/bin/python bench/browser_load.py                          # generate and build N = 1,000, measure it
    .venv/bin/python bench/browser_load.py --site /tmp/before-1000  # measure a site already built
    .venv/bin/python bench/browser_load.py --site before=/tmp/before-1000 --site after=/tmp/after-1000 --loads 5

Each site is served from 127.0.0.1 by Python's ``http.server`` (in a thread) and opened in
headless Chromium (``/usr/bin/chromium``, driven by Playwright). The pages measured are the
``--largest`` largest HTML files of each site and fixed ones (the home page, ``journeys/``,
``touchpoints/``, ``gaps/``, ``opportunities/``, ``compare/``, the largest department, channel
and journey page), and any ``--path``. For each page and site: the size of its HTML, the number
of DOM elements once loaded, and the time from the start of the navigation to the load event,
the median of ``--loads`` loads, each in a new browser context (a cold cache). The sites' loads
are interleaved (page 1 of site A, of site B, page 2...) so that a busy machine weighs on both alike.

The search: on the home page, right after its load event, a touchpoint's name (``--query``;
by default the first one of the site's ``touchpoints.csv``) is typed into Material's search
box, and the time from the first key to the first result shown (``.md-search-result__item``;
Material searches in a web worker, which first fetches the index) is measured the same way.

The output is a Markdown table and the verdict on the issue's targets for readers (every page
loads in under 1 s, no page over 1 MB, the first search result in under 1 s); ``--json FILE``
also writes them for ``run.py --browser``.
"""

from __future__ import annotations

import argparse
import csv
import functools
import http.server
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.dont_write_bytecode = True  # run from a checkout: leave no __pycache__ behind in bench/
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402 (needs the path above)

CHROMIUM = "/usr/bin/chromium"
# Without these Chromium calls Google's hosts at start-up, which a closed network refuses.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions"]
FIXED = ["", "journeys/", "touchpoints/", "gaps/", "opportunities/", "compare/"]
LOAD_S = 1.0
SEARCH_S = 1.0
PAGE_BYTES = 2**20
# Run in the page after its load event: the time to it (ms from the start of the navigation) and the elements.
MEASURE = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return {load: nav.loadEventStart, elements: document.getElementsByTagName("*").length};
}"""
# Run in the home page before typing: note the first key and the first search result shown.
WATCH_SEARCH = """() => {
  window.__typed = null; window.__shown = null;
  document.addEventListener("keydown", () => { if (window.__typed === null) window.__typed = performance.now(); },
                            true);
  const seen = () => {
    if (window.__shown === null && document.querySelector(".md-search-result__item")) {
      window.__shown = performance.now();
    }
  };
  new MutationObserver(seen).observe(document.body, {childList: true, subtree: true});
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the table readable
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A page closed while a file was still on its way (the search index after the load event): not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """``site`` served at the root of a local address (yielded) until the block ends."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _page_file(site: Path, path: str) -> Path:
    return site / path / "index.html"


def _address(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def _largest(site: Path, files: list[Path]) -> str | None:
    existing = [f for f in files if f.is_file()]
    return _address(site, max(existing, key=lambda f: f.stat().st_size)) if existing else None


def pages_of(site: Path, largest: int) -> list[str]:
    """The addresses to open on ``site``: the fixed ones, the largest department, channel and journey page, then the
    ``largest`` largest HTML files."""
    chosen = [p for p in FIXED if _page_file(site, p).is_file()]
    for kind in ("departments", "channels"):
        page = _largest(site, list((site / kind).glob("*/index.html")))
        chosen += [page] if page else []
    try:  # a journey's page is at journeys/<its id>/ (a published address)
        ids = [j["id"] for j in json.loads((site / "journeys.json").read_text(encoding="utf-8"))["journeys"]]
    except (OSError, ValueError, KeyError):
        ids = []
    page = _largest(site, [_page_file(site, f"journeys/{i}/") for i in ids])
    chosen += [page] if page else []
    html = sorted((p for p in site.rglob("*.html") if p.name != "404.html"), key=lambda p: -p.stat().st_size)
    chosen += [_address(site, p) for p in html[:largest]]
    return list(dict.fromkeys(chosen))


def default_query(site: Path) -> str:
    """The first touchpoint's name in the site's ``touchpoints.csv`` (a name a reader would look for)."""
    try:
        with (site / "touchpoints.csv").open(encoding="utf-8", newline="") as f:
            return next(csv.DictReader(f))["touchpoint"]
    except (OSError, StopIteration, KeyError):
        return "touchpoint"


@dataclass
class Site:
    """One site measured: its label, folder, and the figures gathered."""

    label: str
    root: Path
    base: str = ""
    loads: dict[str, list[float]] = field(default_factory=dict)  # seconds to the load event, by address
    elements: dict[str, int] = field(default_factory=dict)
    search: list[float] = field(default_factory=list)
    first_result: str = ""

    def size(self, path: str) -> int | None:
        """The bytes of the page's HTML file, None when the site has no such page."""
        file = _page_file(self.root, path) if not path.endswith(".html") else self.root / path
        return file.stat().st_size if file.is_file() else None


def load_once(browser, site: Site, path: str, timeout: float) -> None:
    """Open one page in a new context (a cold cache) and note its time to the load event and its elements."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(site.base + path, wait_until="load", timeout=timeout * 1000)
        figures = page.evaluate(MEASURE)
        site.loads.setdefault(path, []).append(figures["load"] / 1000)
        site.elements[path] = figures["elements"]
    finally:
        context.close()


def search_once(browser, site: Site, query: str, timeout: float) -> None:
    """Type ``query`` into the search box of the home page right after its load event; time the first result."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(site.base, wait_until="load", timeout=timeout * 1000)
        page.evaluate(WATCH_SEARCH)
        page.click(".md-search__input")
        page.keyboard.type(query)
        page.wait_for_selector(".md-search-result__item", timeout=timeout * 1000)
        page.wait_for_function("() => window.__shown !== null", timeout=timeout * 1000)
        site.search.append(page.evaluate("() => window.__shown - window.__typed") / 1000)
        first = page.query_selector(".md-search-result__item a")
        href = (first.get_attribute("href") or "") if first else ""
        site.first_result = href.removeprefix(site.base)
    finally:
        context.close()


def measure(sites: list[Site], paths: list[str], loads: int, query: str, timeout: float) -> None:
    """Every page of every site, ``loads`` times, interleaved; then the search."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium is not installed at {CHROMIUM}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for run in range(loads):
                for path in paths:
                    for site in sites:
                        if site.size(path) is not None:
                            load_once(browser, site, path, timeout)
                            print(f"  browser: {site.label} {path or '/'}: {site.loads[path][-1]:.2f} s",
                                  file=sys.stderr, flush=True)
                for site in sites:
                    search_once(browser, site, query, timeout)
                print(f"  browser: round {run + 1} of {loads} done (search: "
                      + ", ".join(f"{s.search[-1]:.2f} s" for s in sites) + ")", file=sys.stderr, flush=True)
        finally:
            browser.close()


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def report(sites: list[Site], paths: list[str], loads: int, query: str) -> tuple[str, list[str]]:
    """The Markdown tables, and the verdicts for readers."""
    out = [f"Medians of {loads} load(s) of each page in headless Chromium, a cold cache each, from 127.0.0.1.", "",
           "| page | site | HTML (KB) | DOM elements | load event (s) |", "| --- | --- | ---: | ---: | ---: |"]
    for path in paths:
        for site in sites:
            size = site.size(path)
            if size is None:
                out.append(f"| `{path or '/'}` | {site.label} | – | – | – |")
            else:
                out.append(f"| `{path or '/'}` | {site.label} | {size / 1024:,.0f} | {site.elements[path]:,} | "
                           f"{_median(site.loads[path]):.2f} |")
    out += ["", f"Search on the home page: `{query}` typed right after the load event.", "",
            "| site | search index (MB) | first result shown (s) | first result |", "| --- | ---: | ---: | --- |"]
    for site in sites:
        index = site.root / "search" / "search_index.json"
        megabytes = f"{index.stat().st_size / 2**20:.1f}" if index.is_file() else "–"
        out.append(f"| {site.label} | {megabytes} | {_median(site.search):.2f} | `{site.first_result}` |")
    found = []
    for site in sites:
        name = f" ({site.label})" if len(sites) > 1 else ""
        slowest = max(site.loads, key=lambda p: _median(site.loads[p]))
        seconds = _median(site.loads[slowest])
        found.append(f"{'met' if seconds < LOAD_S else 'NOT MET'}: every page measured loads in Chromium in under "
                     f"{LOAD_S:.0f} s{name} (the slowest: `{slowest or '/'}`, {seconds:.2f} s)")
        heaviest = max(site.loads, key=lambda p: site.size(p) or 0)
        size = site.size(heaviest) or 0
        found.append(f"{'met' if size <= PAGE_BYTES else 'NOT MET'}: no page measured is over 1 MB{name} "
                     f"(the largest: `{heaviest or '/'}`, {size / 1024:,.0f} KB)")
        seconds = _median(site.search)
        found.append(f"{'met' if seconds < SEARCH_S else 'NOT MET'}: the first search result shows in under "
                     f"{SEARCH_S:.0f} s after typing{name} ({seconds:.2f} s)")
    return "\n".join(out) + "\n", found


def build_site(work: Path, journeys: int) -> Path:
    """A repository of ``journeys`` maps made by ``generate.py`` (with its git history), built; its site folder."""
    root = work / f"ours-{journeys}"
    generate.git_repository(root, journeys)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run([str(mkdocs), "build", "-q", "-d", str(root / "site")], cwd=root, check=True)
    return root / "site"


def main() -> None:
    """Measure the sites given (or one built now), print the tables and the verdicts."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", action="append", default=[], metavar="[LABEL=]DIR",
                        help="a built site to measure, named by LABEL or its folder (repeatable: the sites are "
                             "measured side by side)")
    parser.add_argument("--journeys", type=int,
                        help="also generate and build a site of this many maps (default: 1,000 when no --site)")
    parser.add_argument("--largest", type=int, default=5, help="how many of each site's largest pages to open")
    parser.add_argument("--path", action="append", default=[], help="another address to open (repeatable)")
    parser.add_argument("--loads", type=int, default=3, help="loads of each page (the median is shown)")
    parser.add_argument("--query", help="what to type into the search (default: the site's first touchpoint)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed to one page or search")
    parser.add_argument("--json", type=Path, help="also write the tables and verdicts to this file")
    parser.add_argument("--work", type=Path, help="folder for a built site (default: a temporary folder, removed)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="journeymaps-browser-"))
    try:
        sites = [Site(label or folder, Path(folder).resolve())
                 for label, _, folder in (s.rpartition("=") for s in args.site)]
        if args.journeys or not sites:
            n = args.journeys or 1000
            print(f"  building a site of {n:,} maps", file=sys.stderr, flush=True)
            sites.append(Site(f"built now, N={n:,}", build_site(work, n)))
        for site in sites:
            if not (site.root / "index.html").is_file():
                raise SystemExit(f"{site.root} is not a built site (no index.html)")
        paths = list(dict.fromkeys([p for s in sites for p in pages_of(s.root, args.largest)] + args.path))
        query = args.query or default_query(sites[0].root)
        with ExitStack() as stack:
            for site in sites:  # each on its own port
                site.base = stack.enter_context(serve(site.root))
            measure(sites, paths, args.loads, query, args.timeout)
        markdown, found = report(sites, paths, args.loads, query)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(markdown)
    print("\n".join(f"- {line}" for line in found))
    if args.json:
        args.json.write_text(json.dumps({"markdown": markdown, "verdicts": found}), encoding="utf-8")


if __name__ == "__main__":
    main()

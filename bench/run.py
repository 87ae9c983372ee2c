"""The benchmark of issue 15: our site against plain Material sites of the same size, and its targets.

    .venv/bin/python bench/run.py                       # N = 100, 300 and 1,000, three runs each
    .venv/bin/python bench/run.py --browser             # the same, and the heaviest pages opened in Chromium
    .venv/bin/python bench/run.py --sizes 5 --repeat 1  # the smoke test of the test suite

For each N it writes, in a temporary folder (nothing is written into this repository):

* ``ours``: a repository made by ``generate.py`` (N journeys, N/20 personas), as a git
  repository with a history (the usual case: git history is on by default), and
  ``ours, no git``: the same files in a plain folder (history unavailable);
* ``b1`` and ``b2``: plain Material sites with as many pages of about 2 KB as ours, every page
  in the navigation (b1) or a one-entry navigation (b2) (``baselines.py``).

Every build is a fresh ``mkdocs build`` process (``timed_build.py``), so wall time includes
starting Python, as a user or a CI job sees it; its peak resident memory is read from the
kernel when it ends. Runs are interleaved (ours, b1, b2, ours...) and the median of
``--repeat`` runs is reported, because the machine may be busy with other work. Of our built
site it notes the largest HTML page and the size of the search index.

It also measures ``journeymaps validate`` of the journeys folder, and a real ``mkdocs serve``
(``serve_times.py``): one map edited, a map added and removed, each timed until the served
site shows it. With ``--browser``, ``browser_load.py`` opens the heaviest pages of our site at
the largest N in Chromium. Last comes the verdict on each target of the issue (``targets.py``).

The output is Markdown: the tables go into docs/performance.md as they are.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.dont_write_bytecode = True  # run from a checkout: leave no __pycache__ behind in bench/
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

# These need the path above.
import generate  # noqa: E402
import targets  # noqa: E402
from baselines import baseline_site  # noqa: E402
from serve_times import KINDS, Change, serve_changes  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
SITES = ("ours", "ours, no git", "b1", "b2")
MB = 2**20

# --- measuring ----------------------------------------------------------------------------


@dataclass
class Build:
    """One timed build."""

    wall: float
    peak_mb: float
    timers: dict[str, float]
    command: float
    pages: int = 0
    site_mb: float = 0.0
    index_mb: float = 0.0
    largest: tuple[int, str] = (0, "")  # the largest HTML page: bytes and path in the site
    over_1mb: int = 0  # HTML pages over 1 MB
    missing: list[str] = field(default_factory=list)  # steps timed_build.py did not find


def timed_build(root: Path, work: Path) -> Build:
    """A fresh ``mkdocs build`` process of the site at ``root``, timed, with its peak memory."""
    shutil.rmtree(root / "site", ignore_errors=True)
    result = work / "result.json"
    log = work / "build.log"
    command = [sys.executable, str(HERE / "timed_build.py"), str(result), "mkdocs", "build", "-q",
               "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]
    with log.open("w") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=root, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"the build of {root} failed:\n{log.read_text()}")
    data = json.loads(result.read_text())
    site = root / "site"
    index = site / "search" / "search_index.json"
    html = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html") if p.name != "404.html"]
    return Build(
        wall=wall, peak_mb=usage.ru_maxrss / 1024, timers=data["seconds"], command=data["command"],
        pages=len(html), site_mb=sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / MB,
        index_mb=index.stat().st_size / MB if index.exists() else 0.0,
        largest=max(html, default=(0, "")), over_1mb=sum(1 for size, _ in html if size > MB),
        missing=data.get("missing", []),
    )


def validate_time(root: Path) -> float:
    """Wall time of ``journeymaps validate`` of the journeys folder (which must be valid)."""
    started = time.perf_counter()
    result = subprocess.run([str(BIN / "journeymaps"), "validate", "journeys"], cwd=root, env=ENV,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"journeymaps validate found problems in {root}:\n{result.stdout[:2000]}")
    return elapsed


def browser_load(site: Path, work: Path, loads: int) -> dict:
    """``browser_load.py`` on a built site: its Markdown table and verdicts."""
    out = work / "browser.json"
    done = subprocess.run([sys.executable, str(HERE / "browser_load.py"), "--site", f"ours={site}",
                           "--loads", str(loads), "--json", str(out)], env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"browser_load.py failed:\n{done.stderr[-3000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


# --- the run ------------------------------------------------------------------------------


@dataclass
class Size:
    """Everything measured for one N."""

    n: int
    builds: dict[str, list[Build]] = field(default_factory=dict)
    validate: list[float] = field(default_factory=list)
    serve: list[Change] = field(default_factory=list)
    browser: dict | None = None  # browser_load.py's result, at the largest N with --browser

    def median(self, site: str, what: str) -> float:
        """The median of one figure of a site's builds."""
        return statistics.median(getattr(b, what) for b in self.builds[site])

    def plugin(self, site: str = "ours") -> float:
        """The median of the plugin's own time (every "plugin:" step) in a site's builds."""
        return statistics.median(sum(v for k, v in b.timers.items() if k.startswith("plugin:"))
                                 for b in self.builds[site])

    def largest(self) -> tuple[int, str]:
        """Our largest HTML page (the same in every build): bytes and path."""
        return self.builds["ours"][-1].largest

    def changes(self, kind: str) -> list[Change]:
        """The serve measurements of one kind of change."""
        return [c for c in self.serve if c.kind == kind]


def measure(n: int, work: Path, repeat: int, serve_repeat: int, browser: bool) -> Size:
    """Generate the sites for ``n`` journeys and measure them."""
    size = Size(n)
    folder = work / f"n{n}"
    roots = {"ours": folder / "ours", "ours, no git": folder / "ours-no-git", "b1": folder / "b1", "b2": folder / "b2"}
    generate.git_repository(roots["ours"], n)
    generate.generate(roots["ours, no git"], n)
    first = timed_build(roots["ours"], folder)  # a warm-up; it also counts our pages for the baselines
    baseline_site(roots["b1"], first.pages, full_nav=True)
    baseline_site(roots["b2"], first.pages, full_nav=False)
    for site in SITES:
        size.builds[site] = []
    for _ in range(repeat):
        for site in SITES:
            size.builds[site].append(timed_build(roots[site], folder))
            print(f"  N={n} {site}: {size.builds[site][-1].wall:.2f} s", file=sys.stderr, flush=True)
        size.validate.append(validate_time(roots["ours"]))
    journey = sorted(p.relative_to(roots["ours"] / "journeys").with_suffix("").as_posix()
                     for p in (roots["ours"] / "journeys" / "retail").glob("journey-*.md"))[0]
    if serve_repeat:
        size.serve = serve_changes(roots["ours"], journey, serve_repeat, [str(BIN / "mkdocs")], ENV)
        print(f"  N={n} serve: " + ", ".join(f"{c.kind} {c.shown:.2f} s" for c in size.serve),
              file=sys.stderr, flush=True)
    if browser:  # the site of the last build of ours is still there
        size.browser = browser_load(roots["ours"] / "site", folder, max(1, repeat))
    for root in roots.values():
        shutil.rmtree(root / "site", ignore_errors=True)
    return size


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _reported(changes: list[Change]) -> str:
    """The median of MkDocs' own rebuild figures, or a dash when it logged none (a repeated figure is not logged)."""
    figures = [c.reported for c in changes if c.reported is not None]
    return f"{statistics.median(figures):.2f}" if figures else "–"


def _search(changes: list[Change]) -> str:
    checked = [c.search for c in changes if c.search is not None]
    return "–" if not checked else "yes" if all(checked) else f"no ({checked.count(False)} of {len(checked)})"


def profile(last: Size) -> list[str]:
    """The profile table of the largest N: each step's own time, ours (git, no git) and b2."""
    out = [f"### Profile of our build, N = {last.n:,} (git repository; seconds of its own, median)", "",
           "| step | ours (s) | share | ours, no git (s) | b2 (s) |", "| --- | ---: | ---: | ---: | ---: |"]
    rows: dict[str, dict[str, float]] = {}
    for site in ("ours", "ours, no git", "b2"):
        builds = last.builds[site]
        for label in {k for b in builds for k in b.timers}:
            rows.setdefault(label, {})[site] = statistics.median(b.timers.get(label, 0.0) for b in builds)
        rows.setdefault("python: start, imports, exit", {})[site] = statistics.median(
            b.wall - b.command for b in builds)
        rows.setdefault("mkdocs: configuration", {})[site] = statistics.median(
            b.command - sum(b.timers.values()) for b in builds)
    wall = last.median("ours", "wall")

    def row(label: str, r: dict[str, float]) -> str:
        return (f"| {label} | {r.get('ours', 0.0):.2f} | {r.get('ours', 0.0) / wall:.1%} | "
                f"{r.get('ours, no git', 0.0):.2f} | {r.get('b2', 0.0):.2f} |")

    for label in sorted(rows, key=lambda k: (not k.startswith("plugin"), -rows[k].get("ours", 0.0))):
        out.append(row(label, rows[label]))
    for title, prefixes in (("all plugin: rows (the plugin's own work)", ("plugin:",)),
                            ("all mkdocs: and search: rows (MkDocs' work on the pages)", ("mkdocs:", "search:"))):
        chosen = [r for k, r in rows.items() if k.startswith(prefixes)]
        out.append(row(f"**{title}**", {s: sum(r.get(s, 0.0) for r in chosen) for s in ("ours", "ours, no git", "b2")}))
    missing = sorted({m for b in last.builds["ours"] for m in b.missing})
    if missing:
        out += ["", "Steps of `bench/timed_build.py` not found in this code (left out: their time counts in the "
                "step or hook that calls them): " + ", ".join(f"`{m}`" for m in missing) + "."]
    return out


def report(sizes: list[Size], repeat: int, serve_repeat: int, command: str) -> str:
    """The Markdown tables and the verdict on each target."""
    out = [f"Command: `{command}`", "",
           f"Medians of {repeat} run(s) of each build and of `journeymaps validate`, and of {serve_repeat} "
           "change(s) of each kind under `mkdocs serve`; wall time of a fresh `mkdocs build` process each.", "",
           "### Builds", "",
           "| N | site | pages | build (s) | pages/s | peak memory (MB) | site (MB) | search index (MB) |",
           "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for s in sizes:
        for site in SITES:
            wall = s.median(site, "wall")
            pages = s.builds[site][0].pages
            out.append(f"| {s.n:,} | {site} | {pages:,} | {wall:.2f} | {pages / wall:.0f} | "
                       f"{s.median(site, 'peak_mb'):.0f} | {s.median(site, 'site_mb'):.0f} | "
                       f"{s.median(site, 'index_mb'):.1f} |")
    out += ["", "### Ratios, the plugin's share, validate and the largest page", "",
            "| N | ours / b1 | ours / b2 | ours, no git / b2 | plugin (s) | plugin per map (ms) | plugin share "
            "| validate (s) | largest page (KB) | its path | pages over 1 MB |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |"]
    for s in sizes:
        ours, b1, b2 = s.median("ours", "wall"), s.median("b1", "wall"), s.median("b2", "wall")
        plain = s.median("ours, no git", "wall")
        largest, path = s.largest()
        out.append(
            f"| {s.n:,} | {ours / b1:.2f} | {ours / b2:.2f} | {plain / b2:.2f} | {s.plugin():.2f} | "
            f"{s.plugin() / s.n * 1000:.1f} | {s.plugin() / ours:.1%} | {_median(s.validate):.2f} | "
            f"{largest / 1024:,.0f} | `{path}` | {s.builds['ours'][-1].over_1mb} |")
    if any(s.serve for s in sizes):
        out += ["", "### `mkdocs serve`: a change until the served site shows it", "",
                "| N | change | rebuilt (s) | MkDocs' figure (s) | shown (s) | search index up to date |",
                "| ---: | --- | ---: | ---: | ---: | --- |"]
        for s in sizes:
            for kind in KINDS:
                changes = s.changes(kind)
                if changes:
                    out.append(f"| {s.n:,} | {kind} | {_median([c.built for c in changes]):.2f} | "
                               f"{_reported(changes)} | {_median([c.shown for c in changes]):.2f} | "
                               f"{_search(changes)} |")
    last = sizes[-1]
    out += ["", *profile(last)]
    if last.browser:
        out += ["", f"### In the browser, N = {last.n:,}", "", last.browser["markdown"].rstrip()]
    out += ["", "### Targets", ""] + [f"- {line}" for line in targets.verdicts(sizes)]
    return "\n".join(out) + "\n"


def main() -> None:
    """Measure every size, then print the tables and the verdicts."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000], help="numbers of journeys")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build (the median is shown)")
    parser.add_argument("--serve-repeat", type=int, default=3,
                        help="changes of each kind under mkdocs serve (0: none)")
    parser.add_argument("--browser", action="store_true",
                        help="also open the heaviest pages of our site at the largest N in Chromium (browser_load.py)")
    parser.add_argument("--work", type=Path, help="folder for the sites (default: a temporary folder, removed)")
    args = parser.parse_args()
    command = "python bench/run.py " + " ".join(sys.argv[1:])
    work = args.work or Path(tempfile.mkdtemp(prefix="journeymaps-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    ordered = sorted(args.sizes)
    try:
        sizes = [measure(n, work, args.repeat, args.serve_repeat, args.browser and n == ordered[-1])
                 for n in ordered]
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(report(sizes, args.repeat, args.serve_repeat, command.strip()))
    print(f"(the whole run took {time.perf_counter() - started:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()

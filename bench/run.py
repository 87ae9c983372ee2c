"""The build benchmark of issue 8: our site against plain Material sites of the same size.

    .venv/bin/python bench/run.py                       # N = 100, 300 and 1,000, three runs each
    .venv/bin/python bench/run.py --sizes 5 --repeat 1  # the smoke test of the test suite

For each N it writes, in a temporary folder (nothing is written into this repository):

* ``ours``: a repository made by ``generate.py`` (N journeys, N/20 personas), as a git
  repository with a history (the usual case: git history is on by default), and
  ``ours, no git``: the same files in a plain folder (history unavailable);
* ``b1``: a plain Material site with as many hand-written pages of about 2 KB as our site
  has pages, every page in the navigation (what a team writing maps by hand would get);
* ``b2``: the same pages with a one-entry navigation (the floor MkDocs sets).

Every build is a fresh ``mkdocs build`` process (``timed_build.py``), so wall time includes
starting Python, as a user or a CI job sees it; its peak resident memory is read from the
kernel when it ends. Runs are interleaved (ours, b1, b2, ours...) and the median of
``--repeat`` runs is reported, because the machine may be busy with other work.

It also measures ``journeymaps validate`` of the journeys folder, and ``mkdocs serve``:
a real server on 127.0.0.1 whose journey file is edited; the time from the edit until the
server says the rebuild is done ("Reloading browsers"; MkDocs' own "Documentation built in" figure is printed
too) and until the served page shows the change.

The output is Markdown: the tables go into docs/performance.md as they are.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import queue
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.dont_write_bytecode = True  # run from a checkout: leave no __pycache__ behind in bench/
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402 (needs the path above)

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
SITES = ("ours", "ours, no git", "b1", "b2")

# --- the baselines ------------------------------------------------------------------------

WORDS = str.split("a customer looks for shoes that fit compares prices in the shop and online asks the staff about "
                  "sizes orders a pair waits for the parcel tries them on and sends back the ones that do not fit")


def _words(rng: random.Random, count: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(count))
    return text[0].upper() + text[1:] + "."


def baseline_page(rng: random.Random, number: int, link: str) -> str:
    """A hand-written page of about 2 KB: headings, paragraphs, a list, a table and a link."""
    rows = "\n".join(f"| Step {i} | {rng.choice(WORDS)} | {rng.randint(-2, 2)} |" for i in range(1, 6))
    return (
        f"# Journey {number}: {rng.choice(WORDS)} {rng.choice(WORDS)}\n\n{_words(rng, 60)}\n\n"
        f"## Steps\n\n{_words(rng, 40)}\n\n- {_words(rng, 8)}\n- {_words(rng, 8)}\n- {_words(rng, 8)}\n\n"
        f"| Step | Touchpoint | Emotion |\n| --- | --- | --- |\n{rows}\n\n"
        f"## Pain points\n\n{_words(rng, 50)}\n\n## Notes\n\n{_words(rng, 30)} See [a related page]({link}).\n"
    )


def baseline_site(root: Path, pages: int, full_nav: bool, seed: int = 1) -> None:
    """``pages`` pages (the home page included) in ten folders; every page in the nav, or only the home page."""
    rng = random.Random(seed)
    docs = root / "docs"
    folders = [f.replace("/", "-") for f in generate.FOLDERS]
    paths = [f"{folders[n % len(folders)]}/page-{n:05d}.md" for n in range(pages - 1)]
    for n, rel in enumerate(paths):
        target = paths[rng.randrange(len(paths))]
        link = os.path.relpath(target, os.path.dirname(rel))
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(baseline_page(rng, n, link), encoding="utf-8")
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(f"# Baseline\n\n{_words(rng, 40)}\n", encoding="utf-8")
    config = "site_name: Baseline\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
    (root / "mkdocs.yml").write_text(config + ("" if full_nav else "nav:\n  - Home: index.md\n"), encoding="utf-8")


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
    return Build(
        wall=wall, peak_mb=usage.ru_maxrss / 1024, timers=data["seconds"], command=data["command"],
        pages=sum(1 for p in site.rglob("*.html") if p.name != "404.html"),
        site_mb=sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
        index_mb=index.stat().st_size / 2**20 if index.exists() else 0.0,
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # only ever 127.0.0.1
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


@dataclass
class Serve:
    """One edit of a journey file under ``mkdocs serve``."""

    built: float  # from the edit until the server logs that the rebuild is done ("Reloading browsers")
    reported: float | None  # MkDocs' own "Documentation built in" figure, when it logs one (see below)
    page: float  # from the edit until the served page shows the change


BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
# MkDocs logs a message only the first time it sees that text (its DuplicateFilter): a rebuild as long as an earlier
# build to the hundredth of a second says nothing about its time. The end of a rebuild is "Reloading browsers",
# which carries the clock time and so is always new.
RELOADED = "Reloading browsers"


def serve_rebuilds(root: Path, journey: str, repeats: int, timeout: float = 600) -> list[Serve]:
    """Edit ``journeys/<journey>.md`` under a real ``mkdocs serve`` ``repeats`` times."""
    port = _free_port()
    process = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}", "-f", "mkdocs.yml"],
                               cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()
    path = root / "journeys" / f"{journey}.md"
    original = path.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}/journeys/{journey}/"
    results = []
    log: list[str] = []
    try:
        deadline = time.perf_counter() + timeout
        while not any("Serving on" in line for line in log):
            if time.perf_counter() > deadline or process.poll() is not None:
                raise SystemExit("mkdocs serve did not start:\n" + "".join(log[-30:]))
            with contextlib.suppress(queue.Empty):
                log.append(lines.get(timeout=1)[1])
        while "Journey" not in _get(url):
            time.sleep(0.1)
        for run in range(repeats):
            time.sleep(1.0)  # the watcher polls every 0.5 s: let it see the previous state
            while not lines.empty():
                lines.get()
            marker = f"Edited {run} {random.randrange(10**6)}"
            edited = original.replace('title: "', f'title: "{marker} ', 1)
            started = time.perf_counter()
            path.write_text(edited, encoding="utf-8")
            built = reported = page = None
            while built is None or page is None:
                if time.perf_counter() - started > timeout:
                    raise SystemExit("mkdocs serve did not rebuild in time:\n" + "".join(log[-30:]))
                if page is None and marker in _get(url):
                    page = time.perf_counter() - started
                while not lines.empty():
                    at, line = lines.get()
                    log.append(line)
                    found = BUILT.search(line)
                    if found and reported is None:
                        reported = float(found.group(1))
                    if RELOADED in line and built is None:
                        built = at - started
                time.sleep(0.1)
            results.append(Serve(built, reported, page))
    finally:
        path.write_text(original, encoding="utf-8")
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    return results


# --- the run ------------------------------------------------------------------------------


@dataclass
class Size:
    """Everything measured for one N."""

    n: int
    builds: dict[str, list[Build]] = field(default_factory=dict)
    validate: list[float] = field(default_factory=list)
    serve: list[Serve] = field(default_factory=list)

    def median(self, site: str, what: str) -> float:
        return statistics.median(getattr(b, what) for b in self.builds[site])

    def plugin(self, site: str = "ours") -> float:
        return statistics.median(sum(v for k, v in b.timers.items() if k.startswith("plugin:"))
                                 for b in self.builds[site])


def measure(n: int, work: Path, repeat: int, serve_repeat: int) -> Size:
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
        size.serve = serve_rebuilds(roots["ours"], journey, serve_repeat)
    for root in roots.values():
        shutil.rmtree(root / "site", ignore_errors=True)
    return size


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _reported(serves: list[Serve]) -> str:
    """The median of MkDocs' own rebuild figures, or a dash when it logged none (a repeated figure is not logged)."""
    figures = [r.reported for r in serves if r.reported is not None]
    return f"{statistics.median(figures):.2f}" if figures else "–"


def report(sizes: list[Size], repeat: int, serve_repeat: int, command: str) -> str:
    """The Markdown tables and the verdict on each target."""
    out = [f"Command: `{command}`", "",
           f"Medians of {repeat} run(s) of each build and of `journeymaps validate`, and of {serve_repeat} "
           "edit(s) under `mkdocs serve`; wall time of a fresh `mkdocs build` process each.", "",
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
    out += ["", "### Ratios and the plugin's share", "",
            "| N | ours / b1 | ours / b2 | ours, no git / b2 | plugin (s) | plugin share | validate (s) "
            "| serve: rebuilt (s) | serve: MkDocs' figure (s) | serve: page shows the change (s) |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for s in sizes:
        ours, b1, b2 = s.median("ours", "wall"), s.median("b1", "wall"), s.median("b2", "wall")
        plain = s.median("ours, no git", "wall")
        out.append(
            f"| {s.n:,} | {ours / b1:.2f} | {ours / b2:.2f} | {plain / b2:.2f} | {s.plugin():.2f} | "
            f"{s.plugin() / ours:.1%} | {_median(s.validate):.2f} | {_median([r.built for r in s.serve]):.2f} | "
            f"{_reported(s.serve)} | {_median([r.page for r in s.serve]):.2f} |")
    last = sizes[-1]
    out += ["", f"### Profile of our build, N = {last.n:,} (git repository; seconds of its own, median)", "",
            "| step | ours (s) | share | ours, no git (s) | b2 (s) |", "| --- | ---: | ---: | ---: | ---: |"]
    rows: dict[str, dict[str, float]] = {}
    for site in ("ours", "ours, no git", "b2"):
        builds = last.builds[site]
        labels = {k for b in builds for k in b.timers}
        for label in labels:
            rows.setdefault(label, {})[site] = statistics.median(b.timers.get(label, 0.0) for b in builds)
        rows.setdefault("python: start, imports, exit", {})[site] = statistics.median(
            b.wall - b.command for b in builds)
        rows.setdefault("mkdocs: configuration", {})[site] = statistics.median(
            b.command - sum(b.timers.values()) for b in builds)
    wall = last.median("ours", "wall")
    for label in sorted(rows, key=lambda k: (not k.startswith("plugin"), -rows[k].get("ours", 0.0))):
        r = rows[label]
        out.append(f"| {label} | {r.get('ours', 0.0):.2f} | {r.get('ours', 0.0) / wall:.1%} | "
                   f"{r.get('ours, no git', 0.0):.2f} | {r.get('b2', 0.0):.2f} |")
    out += ["", "### Targets", ""] + [f"- {line}" for line in verdicts(sizes)]
    return "\n".join(out) + "\n"


def verdicts(sizes: list[Size]) -> list[str]:
    """Each target of issue 8, met or not, with its figures."""
    last = sizes[-1]
    ours = last.median("ours", "wall")
    b1, b2 = last.median("b1", "wall"), last.median("b2", "wall")
    found = []

    def say(ok: bool, text: str) -> None:
        found.append(f"{'met' if ok else 'NOT MET'}: {text}")

    shares = [s.plugin() / s.median("ours", "wall") for s in sizes]
    say(all(x < 0.10 for x in shares),
        "the plugin's own work is under 10% of the build (" + ", ".join(
            f"N={s.n:,}: {x:.1%}" for s, x in zip(sizes, shares, strict=True)) + ")")
    say(ours <= 0.5 * b1, f"N={last.n:,} builds in at most half the time of b1 ({ours:.2f} s vs {b1:.2f} s: "
                          f"{ours / b1:.2f})")
    say(ours <= 1.5 * b2, f"N={last.n:,} builds in at most 1.5 times b2 ({ours:.2f} s vs {b2:.2f} s: {ours / b2:.2f})")
    for a, b in itertools.pairwise(sizes):
        growth, allowed = b.plugin() / a.plugin(), b.n / a.n
        say(growth <= allowed, f"plugin time from N={a.n:,} to N={b.n:,} grows {growth:.2f} times "
                               f"for {allowed:.2f} times the journeys (at most linear)")
    if len(sizes) >= 3:
        slopes = [(b.median("ours", "peak_mb") - a.median("ours", "peak_mb")) / (b.n - a.n)
                  for a, b in itertools.pairwise(sizes)]
        say(max(slopes[1:]) <= 1.5 * max(slopes[0], 1e-9) + 0.05,
            "peak memory grows linearly: " + ", ".join(f"{x * 1024:.0f} KB" for x in slopes)
            + " per added journey between the sizes")
    validate = _median(last.validate)
    say(validate < 2.0, f"journeymaps validate of N={last.n:,} journeys takes {validate:.2f} s (under 2 s)")
    if last.serve:
        built = _median([r.built for r in last.serve])
        say(built <= 0.5 * ours, f"a serve rebuild after one change at N={last.n:,} takes {built:.2f} s, "
                                 f"{built / ours:.0%} of the full build's {ours:.2f} s (at most half)")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000], help="numbers of journeys")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build (the median is shown)")
    parser.add_argument("--serve-repeat", type=int, default=3, help="edits under mkdocs serve (0: none)")
    parser.add_argument("--work", type=Path, help="folder for the sites (default: a temporary folder, removed)")
    args = parser.parse_args()
    command = "python bench/run.py " + " ".join(sys.argv[1:])
    work = args.work or Path(tempfile.mkdtemp(prefix="journeymaps-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        sizes = [measure(n, work, args.repeat, args.serve_repeat) for n in sorted(args.sizes)]
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(report(sizes, args.repeat, args.serve_repeat, command.strip()))
    print(f"(the whole run took {time.perf_counter() - started:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()

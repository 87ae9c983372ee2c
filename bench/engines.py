"""The four ways of publishing a site (issue 17), timed side by side on generated repositories.

    .venv/bin/python bench/engines.py                                 # N = 100 and 300, three runs each
    .venv/bin/python bench/engines.py --journeys 300 --runs 5 --work /tmp/engines --json engines.json
    .venv/bin/python bench/engines.py --journeys 5 --runs 1           # the smoke test of the test suite

The ways (tests/engine_sites.py runs them, as a user would, each command a fresh process):

1. ``mkdocs build`` with the ``journeys`` plugin;
2. ``properdocs build`` with the plugin;
3. ``journeymaps generate`` into a new folder, then ``zensical build`` of it (a cold build: the folder, Zensical's
   cache with it, is removed first);
4. ``journeymaps generate``, then ``mkdocs build`` of the generated folder.

For each N, ``generate.py`` writes a git repository of N maps (reused when ``--work`` already holds it). One
warm-up round is not counted. Each round then builds every way once, in an order that turns by one way each round,
so that the ways share the moments the machine is busy with other work. Reported per N and way: the median and
the minimum wall time of the whole way, for ways 3 and 4 the median time of ``generate`` and of the engine's build
apart, the peak memory of the largest step and the number of pages published (``page_addresses``: the same in
every way, if all is well). The output is a Markdown table; ``--json FILE`` also writes every figure.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True  # run from a checkout: leave no __pycache__ behind in bench/ or tests/
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

# These need the path above.
import generate  # noqa: E402

from engine_sites import LABELS, WAYS, EngineBuild, build_way, generated_folder, page_addresses  # noqa: E402

ENV = {"PYTHONDONTWRITEBYTECODE": "1"}  # added to the tests' small command environment (engine_sites)


def repository(work: Path, n: int) -> Path:
    """The git repository of ``n`` generated maps below ``work``: written unless it is already there."""
    root = work / f"n{n}" / "repo"
    if not (root / "mkdocs.yml").is_file() or not (root / ".git").is_dir():
        shutil.rmtree(root, ignore_errors=True)
        generate.git_repository(root, n)
    return root


def once(way: str, root: Path, out: Path) -> EngineBuild:
    """One build of ``way``; a failed one stops the benchmark with what the commands said."""
    built = build_way(way, root, out, ENV)
    if built.returncode != 0:
        raise SystemExit(f"{way} failed on {root}:\n{built.describe()}")
    return built


def measure(n: int, work: Path, runs: int) -> dict:
    """Every way's builds for ``n`` maps: ``{way: {"wall": [...], "generate": [...], "build": [...], ...}}``."""
    root = repository(work, n)
    outs = {way: work / f"n{n}" / way.replace("+", "-") for way in WAYS}
    figures: dict[str, dict] = {way: {"wall": [], "generate": [], "build": [], "peak_mb": []} for way in WAYS}
    for way in WAYS:  # the warm-up (files in the page cache, the commands' code compiled); it counts the pages
        figures[way]["pages"] = len(page_addresses(once(way, root, outs[way]).site))
    for round_ in range(runs):
        for way in WAYS[round_ % len(WAYS):] + WAYS[:round_ % len(WAYS)]:
            built = once(way, root, outs[way])
            figures[way]["wall"].append(built.seconds)
            figures[way]["build"].append(built.steps["build"].seconds)
            if "generate" in built.steps:
                figures[way]["generate"].append(built.steps["generate"].seconds)
            figures[way]["peak_mb"].append(max(s.peak_mb for s in built.steps.values()))
            print(f"  N={n} {way}: {built.seconds:.2f} s", file=sys.stderr, flush=True)
    for out in outs.values():
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(generated_folder(out), ignore_errors=True)
    return figures


def _median(values: list[float], digits: int = 2) -> str:
    return f"{statistics.median(values):.{digits}f}" if values else "–"


def report(sizes: dict[int, dict], runs: int, command: str) -> str:
    """The Markdown table: one row per N and way."""
    out = [f"Command: `{command}`", "",
           f"Wall time of each way, {runs} run(s) after a warm-up, the ways interleaved; every command a fresh "
           "process. For ways 3 and 4, `generate` and the engine's `build` apart (medians).", "",
           "| N | way | what runs | pages | median (s) | min (s) | generate (s) | build (s) | peak memory (MB) |",
           "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n, ways in sizes.items():
        for way, f in ways.items():
            out.append(f"| {n:,} | {way} | {LABELS[way]} | {f['pages']:,} | {_median(f['wall'])} | "
                       f"{min(f['wall']):.2f} | {_median(f['generate'])} | {_median(f['build'])} | "
                       f"{_median(f['peak_mb'], 0)} |")
    return "\n".join(out) + "\n"


def main() -> None:
    """Measure every size, then print the table (and write the JSON)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--journeys", type=int, nargs="+", default=[100, 300], help="numbers of maps")
    parser.add_argument("--runs", type=int, default=3, help="timed builds of each way (median and min shown)")
    parser.add_argument("--work", type=Path, help="folder for the repositories and sites, kept and reused "
                                                  "(default: a temporary folder, removed)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    command = "python bench/engines.py " + " ".join(sys.argv[1:])
    work = args.work or Path(tempfile.mkdtemp(prefix="journeymaps-engines-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        sizes = {n: measure(n, work, args.runs) for n in sorted(set(args.journeys))}
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(report(sizes, args.runs, command.strip()))
    if args.json:
        args.json.write_text(json.dumps({"command": command.strip(), "runs": args.runs,
                                         "sizes": [{"n": n, "ways": ways} for n, ways in sizes.items()]},
                                        indent=2) + "\n", encoding="utf-8")
    print(f"(the whole run took {time.perf_counter() - started:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()

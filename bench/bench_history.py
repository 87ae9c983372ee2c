"""Measure what git history costs on a repository made by make_git_repo.py.

    python bench/make_git_repo.py /tmp/big-repo --journeys 1000 --commits 3000 --seed 5
    python bench/bench_history.py /tmp/big-repo [--sample 100] [--build]

Prints, each the best of three runs:

* dates: ``read_history`` (git rev-parse + one git log + one git status, parsed),
  which gives every page its last change and contributors;
* trend: reading every old revision of every published map (one git cat-file --batch)
  and parsing it with the loader;
* sections: rendering the "last changed" facts and the change history of every map;
* for comparison, one ``git log -1`` per file on a sample, checked against the batched
  answer and scaled up to every file;
* with ``--build``, whole ``mkdocs build`` runs with ``history: true`` and ``history: false``.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

from journeymaps.figures.trend import emotion_trends
from journeymaps.git.history import read_history
from journeymaps.model.addresses import journey_url
from journeymaps.model.load import load_corpus
from journeymaps.pages.context import RenderContext
from journeymaps.pages.history_sections import HistorySections


def best(runs: int, work):
    """(shortest time in seconds, last result) of ``runs`` calls."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--sample", type=int, default=100, help="files asked one by one with git log -1")
    parser.add_argument("--build", action="store_true", help="also time whole mkdocs builds")
    args = parser.parse_args()
    folder = args.repo / "journeys"
    corpus = load_corpus(folder)
    commits = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=args.repo, capture_output=True, text=True,
                             check=True).stdout.strip()
    print(f"{args.repo}: {len(corpus.journeys)} journeys, {len(corpus.personas)} personas, {commits} commits")

    t_dates, history = best(3, lambda: read_history(folder))
    revisions = sum(len(f.revisions) for f in history.files.values())
    print(f"dates:    {t_dates:6.3f} s  {history.calls} git processes, {len(history.files)} files, "
          f"{revisions} file revisions")

    ctx = RenderContext(corpus, history=history)
    sections = HistorySections(ctx)
    t_trend, trends = best(3, lambda: emotion_trends(history, ctx.journeys.values()))
    points = sum(len(t.points) for t in trends.values())
    skipped = sum(len(t.skipped) for t in trends.values())
    print(f"trend:    {t_trend:6.3f} s  1 git process, {points} revisions of {len(trends)} published maps "
          f"({skipped} did not validate)")

    sections.__dict__["trends"] = trends

    def render() -> None:
        for entry in ctx.journeys.values():
            url = journey_url(entry.id)
            sections.freshness(entry, url, ctx.review(entry))
            sections.change_history(entry, url)

    t_sections, _ = best(3, render)
    print(f"sections: {t_sections:6.3f} s  facts and change history of {len(ctx.journeys)} pages rendered")

    files = sorted(e.path for e in [*corpus.journeys.values(), *corpus.personas.values()])
    sample = random.Random(1).sample(files, min(args.sample, len(files)))
    started = time.perf_counter()
    same = 0
    for path in sample:
        answer = subprocess.run(["git", "log", "-1", "--format=%H", "--", str(path)], cwd=args.repo,
                                capture_output=True, text=True, check=True).stdout.strip()
        same += answer == history.of(path).last.hash
    per_file = (time.perf_counter() - started) / len(sample)
    print(f"per file: {per_file * len(files):6.3f} s  estimated for one git log -1 per file "
          f"({per_file * 1000:.1f} ms each on {len(sample)} files; {same} of {len(sample)} same last commit)")

    if args.build:
        config = (args.repo / "mkdocs.yml").read_text()
        off = args.repo / "mkdocs-no-history.yml"
        off.write_text(config.replace("  - journeys", "  - journeys:\n      history: false"))
        mkdocs = str(Path(sys.executable).parent / "mkdocs")
        for name, path in (("history: true", args.repo / "mkdocs.yml"), ("history: false", off)):
            t_build, _ = best(1, lambda p=path: subprocess.run(
                [mkdocs, "build", "-q", "-f", str(p), "-d", str(args.repo / "site")], cwd=args.repo, check=True))
            print(f"build:    {t_build:6.3f} s  mkdocs build, {name}")
        off.unlink()


if __name__ == "__main__":
    main()

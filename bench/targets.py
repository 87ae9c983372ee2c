"""The targets of issue 15 ("A thousand maps"), each judged met or NOT MET on the figures ``run.py`` measured.

The targets are set at 1,000 maps: each is judged at the largest N of the run (the other sizes are
given for comparison); "every cost linear in N" is judged between every two sizes of the run.
"""

from __future__ import annotations

import itertools
import statistics
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from run import Size

MB = 2**20
# The figures of the issue.
B2_RATIO = 1.5  # at most this times b2 (one-entry navigation)
B1_RATIO = 0.4  # at most this times b1 (full navigation)
PEAK_MB = 400
VALIDATE_S = 1.5
PAGE_BYTES = MB
INDEX_MB = 5.0
SHOWN_S = {"edit": 3.0, "add": 5.0, "remove": 5.0}
WHAT = {"edit": "an edit of one map's file shows on its page",
        "add": "a new map file shows (its page served, listed by the journeys index)",
        "remove": "a removed map file shows (its page not found, no longer listed)"}


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def verdicts(sizes: list[Size]) -> list[str]:
    """Each target, met or not, with its figures."""
    last = sizes[-1]
    at = f"N={last.n:,}"
    found: list[str] = []

    def say(ok: bool, text: str) -> None:
        found.append(f"{'met' if ok else 'NOT MET'}: {text}")

    ours, b1, b2 = last.median("ours", "wall"), last.median("b1", "wall"), last.median("b2", "wall")
    say(ours <= B2_RATIO * b2, f"{at} builds in at most {B2_RATIO} times b2, the one-entry navigation "
                               f"({ours:.2f} s vs {b2:.2f} s: {ours / b2:.2f})")
    say(ours <= B1_RATIO * b1, f"{at} builds in at most {B1_RATIO} times b1, the full navigation "
                               f"({ours:.2f} s vs {b1:.2f} s: {ours / b1:.2f})")
    peak = last.median("ours", "peak_mb")
    say(peak < PEAK_MB, f"peak memory of the build at {at} is under {PEAK_MB} MB ({peak:.0f} MB)")
    validate = _median(last.validate)
    say(validate < VALIDATE_S, f"journeymaps validate of {at} journeys takes under {VALIDATE_S} s ({validate:.2f} s)")
    found += linear(sizes)
    largest, path = last.largest()
    others = "; ".join(f"N={s.n:,}: {s.largest()[0] / 1024:,.0f} KB" for s in sizes[:-1])
    say(largest <= PAGE_BYTES, f"no HTML page over 1 MB at {at} (the largest: {largest / 1024:,.0f} KB, `{path}`, "
                               f"{last.builds['ours'][-1].over_1mb} page(s) over 1 MB" + (f"; {others})" if others
                                                                                         else ")"))
    index = last.median("ours", "index_mb")
    say(index < INDEX_MB, f"the search index at {at} is under {INDEX_MB:.0f} MB ({index:.1f} MB)")
    for kind, limit in SHOWN_S.items():
        changes = last.changes(kind)
        if not changes:
            continue
        shown = _median([c.shown for c in changes])
        stale = [c for c in changes if c.search is False]
        search = "" if kind == "edit" else (" and the search index up to date" if not stale else
                                            f", but the search index was stale after {len(stale)} of {len(changes)}")
        say(shown < limit and not stale, f"under mkdocs serve at {at}, {WHAT[kind]} in under {limit:.0f} s "
                                         f"({shown:.2f} s{search})")
    if last.browser:
        found += last.browser["verdicts"]
    return found


def linear(sizes: list[Size]) -> list[str]:
    """Every cost grows at most linearly with N: plugin time and the build's time between every two sizes, and
    (with three sizes or more) the peak memory added per map."""
    found: list[str] = []

    def say(ok: bool, text: str) -> None:
        found.append(f"{'met' if ok else 'NOT MET'}: {text}")

    for a, b in itertools.pairwise(sizes):
        allowed = b.n / a.n
        growth = b.plugin() / max(a.plugin(), 1e-9)
        say(growth <= allowed, f"plugin time from N={a.n:,} to N={b.n:,} grows {growth:.2f} times "
                               f"for {allowed:.2f} times the journeys (at most linear)")
        growth = b.median("ours", "wall") / a.median("ours", "wall")
        say(growth <= allowed, f"our build's time from N={a.n:,} to N={b.n:,} grows {growth:.2f} times "
                               f"for {allowed:.2f} times the journeys (at most linear)")
    if len(sizes) >= 3:
        slopes = [(b.median("ours", "peak_mb") - a.median("ours", "peak_mb")) / (b.n - a.n)
                  for a, b in itertools.pairwise(sizes)]
        say(max(slopes[1:]) <= 1.5 * max(slopes[0], 1e-9) + 0.05,
            "peak memory grows linearly: " + ", ".join(f"{x * 1024:.0f} KB" for x in slopes)
            + " per added journey between the sizes")
    return found

"""The impact × effort plot of the opportunities page, as inline SVG drawn on the server.

One numbered mark per rated idea, in the cell of its impact (rows, high at the top) and effort
(columns, low on the left). Marks that share a cell are laid out side by side in rows, never on
top of each other; a cell grows (with the other cells of its row) to hold them all. The number in
a mark is the idea's number in the table below the plot, which is the plot's full text; the
``<desc>`` lists every cell's ideas for screen readers. A mark is filled for an idea of today's
maps and hollow for an idea only a future map has (planned, not yet lived); no mark is warm,
the site's colour for emotion below neutral.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from journeymaps.figures.ideas import Idea
from journeymaps.figures.places import QUADRANTS

#: Rows (top to bottom) and columns (left to right) of the grid.
IMPACTS, EFFORTS = ("high", "medium", "low"), ("low", "medium", "high")
_LEFT, _TOP, _CELL_W, _GAP = 64, 26, 124, 4
_R, _PITCH, _HEAD, _PAD, _MIN_H = 11, 26, 24, 8, 74
PER_ROW = int((_CELL_W - 2 * _PAD) // _PITCH)


@dataclass(frozen=True)
class Mark:
    """One idea on the plot: its number (as in the table) and where it is drawn."""

    number: int
    idea: Idea
    x: float
    y: float


def layout(numbered: Sequence[tuple[int, Idea]]) -> tuple[list[Mark], list[float], float]:
    """(the marks, the top of each impact row, the plot's height) for the rated ideas among ``numbered``."""
    cells: dict[tuple[str, str], list[tuple[int, Idea]]] = {(i, e): [] for i in IMPACTS for e in EFFORTS}
    for number, idea in numbered:
        if idea.rated:
            cells[(idea.impact, idea.effort)].append((number, idea))  # type: ignore[index]
    heights = [max(_MIN_H, _HEAD + math.ceil(max(len(cells[(i, e)]) for e in EFFORTS) / PER_ROW) * _PITCH + _PAD)
               for i in IMPACTS]
    tops = [_TOP + sum(heights[:k]) + k * _GAP for k in range(len(IMPACTS))]
    marks = []
    for row, impact in enumerate(IMPACTS):
        for col, effort in enumerate(EFFORTS):
            left = _LEFT + col * (_CELL_W + _GAP)
            for k, (number, idea) in enumerate(cells[(impact, effort)]):
                x = left + _PAD + _R + 2 + (k % PER_ROW) * _PITCH
                y = tops[row] + _HEAD + _R + (k // PER_ROW) * _PITCH
                marks.append(Mark(number, idea, x, y))
    return marks, [*tops, tops[-1] + heights[-1]], tops[-1] + heights[-1] + 4


def _cell_name(impact: str, effort: str) -> str:
    corner = QUADRANTS.get((impact, effort))
    return f"{impact.capitalize()} impact, {effort} effort" + (f" ({corner})" if corner else "")


def _grid(edges: Sequence[float], inside: Callable[[str, str, float, float, float], str]) -> list[str]:
    """The axes and the cells of the plot; ``inside(impact, effort, left, top, bottom)`` is what a cell shows."""
    parts = [f'<text class="jm-plot-axis" x="{_LEFT + col * (_CELL_W + _GAP) + _CELL_W / 2}" y="{_TOP - 9}" '
             f'text-anchor="middle">{effort.capitalize()} effort</text>' for col, effort in enumerate(EFFORTS)]
    for row, impact in enumerate(IMPACTS):
        top, bottom = edges[row], edges[row + 1] - (_GAP if row < len(IMPACTS) - 1 else 0)
        parts.append(f'<text class="jm-plot-axis" x="{_LEFT - 8}" y="{top + 16}" text-anchor="end">'
                     f"{impact.capitalize()}</text>"
                     f'<text class="jm-plot-axis jm-plot-axis-sub" x="{_LEFT - 8}" y="{top + 30}" '
                     'text-anchor="end">impact</text>')
        for col, effort in enumerate(EFFORTS):
            left = _LEFT + col * (_CELL_W + _GAP)
            corner = QUADRANTS.get((impact, effort))
            cls = "jm-plot-cell jm-plot-quick" if (impact, effort) == ("high", "low") else "jm-plot-cell"
            parts.append(f'<rect class="{cls}" x="{left}" y="{top}" width="{_CELL_W}" height="{bottom - top}" rx="3"/>')
            if corner:
                parts.append(f'<text class="jm-plot-corner" x="{left + _PAD}" y="{top + 16}">{escape(corner)}</text>')
            parts.append(inside(impact, effort, left, top, bottom))
    return parts


def plot(numbered: Sequence[tuple[int, Idea]], map_name: dict[str, str],
         with_marks: bool = True) -> Markup:
    """The plot of the rated ideas among ``numbered`` ((number in the table, idea)); ``map_name`` titles maps.

    Without ``with_marks`` (a portfolio of thousands of ideas) each cell shows only its count.
    """
    if not with_marks:
        return _counts(numbered)
    marks, edges, height = layout(numbered)
    width = _LEFT + 3 * _CELL_W + 2 * _GAP + 2
    counts = {(m.idea.impact, m.idea.effort): 0 for m in marks}
    for m in marks:
        counts[(m.idea.impact, m.idea.effort)] += 1
    parts = _grid(edges, lambda impact, effort, left, top, bottom: (
        f'<text class="jm-plot-count" x="{left + _CELL_W - _PAD}" y="{top + 16}" '
        f'text-anchor="end">{counts.get((impact, effort), 0)}</text>'))
    small = ' class="jm-plot-n3"'  # three digits in the same mark
    for m in marks:
        use = m.idea.main
        where = " and ".join(dict.fromkeys(map_name.get(u.entry.id, u.entry.id) for u in m.idea.uses))
        planned = m.idea.today is None
        cls = "jm-plot-mark jm-plot-planned" if planned else "jm-plot-mark"
        title = f"{m.number}. {m.idea.title} ({where}; {_cell_name(use.opportunity.impact, use.opportunity.effort)})"
        parts.append(f'<g class="{cls}" data-idea="{m.number}"><title>{escape(title)}</title>'
                     f'<circle cx="{m.x}" cy="{m.y}" r="{_R}"/>'
                     f'<text x="{m.x}" y="{m.y + 4}" text-anchor="middle"{small if m.number > 99 else ""}>'
                     f"{m.number}</text></g>")
    described = []
    for impact in IMPACTS:
        for effort in EFFORTS:
            inside = [m for m in marks if (m.idea.impact, m.idea.effort) == (impact, effort)]
            listed = ", ".join(f"{m.number} {m.idea.title}" for m in inside) or "none"
            described.append(f"{_cell_name(impact, effort)}: {listed}")
    label = (f"Impact and effort of {len(marks)} rated "
             f"{'idea' if len(marks) == 1 else 'ideas'}; each number is a row of the table below")
    return Markup(
        f'<svg class="jm-plot" viewBox="0 0 {width} {height}" width="100%" style="max-width: {width * 1.35:.0f}px" '
        'role="img" '
        f'aria-label="{escape(label)}"><desc>{escape("; ".join(described))}</desc>{"".join(parts)}</svg>'
    )


def _counts(numbered: Sequence[tuple[int, Idea]]) -> Markup:
    """The grid with the number of rated ideas in each cell, and no mark: thousands of marks make megabytes."""
    _, edges, height = layout([])
    width = _LEFT + 3 * _CELL_W + 2 * _GAP + 2
    counts = {(i, e): 0 for i in IMPACTS for e in EFFORTS}
    for _, idea in numbered:
        if idea.rated:
            counts[(idea.impact, idea.effort)] += 1  # type: ignore[index]
    parts = _grid(edges, lambda impact, effort, left, top, bottom: (
        f'<text class="jm-plot-total" x="{left + _CELL_W / 2}" y="{(top + bottom) / 2 + 10}" '
        f'text-anchor="middle">{counts[(impact, effort)]}</text>'))
    described = "; ".join(f"{_cell_name(i, e)}: {counts[(i, e)]}" for i in IMPACTS for e in EFFORTS)
    total = sum(counts.values())
    label = f"Impact and effort of {total} rated {'idea' if total == 1 else 'ideas'}: how many in each cell"
    return Markup(
        f'<svg class="jm-plot" viewBox="0 0 {width} {height}" width="100%" style="max-width: {width * 1.35:.0f}px" '
        f'role="img" aria-label="{escape(label)}"><desc>{escape(described)}</desc>{"".join(parts)}</svg>'
    )

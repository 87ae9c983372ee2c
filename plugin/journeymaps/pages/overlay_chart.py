"""Several emotion curves over the same stages in one chart, as inline SVG drawn on the server.

Used by the scenario pages (one curve per map) and by a future map against its baseline. Every
point has a marker and its value written beside it, and nothing is drawn on top of anything else:

- markers of several curves at (nearly) the same height in one stage stand side by side;
- a value that several curves share in a stage is written once;
- each value is put where it touches no line, no marker and no other value: beside its point,
  else a little above or below it (with a thin leader back to the point when it had to move);
- a point whose curve has no neighbour on either side (a map that skips the stages around it)
  gets its marker and value like any other, so it never floats unexplained.

The curves are told apart by colour, dash pattern and marker, so that neither colour nor print
in black and white is needed; no curve is warm, the site's colour for emotion below neutral.
"""

from __future__ import annotations

from itertools import pairwise

from markupsafe import Markup, escape

from journeymaps.figures.analysis import format_level, format_score, neutral
from journeymaps.model.types import EmotionScale

#: Every colour has 4.5:1 contrast on white; none is warm.
SERIES_STYLES = (
    ("#0b5394", "", "circle"),
    ("#4d4d4d", "7 4", "square"),
    ("#00795f", "2 3", "triangle"),
    ("#6a3d9a", "9 3 2 3", "diamond"),
    ("#0b5394", "4 2", "circle-open"),
    ("#4d4d4d", "1 2", "square-open"),
    ("#000000", "12 3", "triangle-open"),
)
#: Today's map against its future map: today solid and grey, the future dashed and cool (planned, never warm).
TODAY_STYLE = ("#4d4d4d", "", "circle")
FUTURE_STYLE = ("#0b5394", "7 4", "diamond-open")
Style = tuple[str, str, str]
Box = tuple[float, float, float, float]  # left, top, right, bottom

#: Markers closer than _NEAR pixels in one stage stand _DODGE apart; a value is _TEXT_H high, _CHAR wide a character.
_NEAR, _DODGE, _TEXT_H, _CHAR = 12, 15, 11, 6.6


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    open_ = kind.endswith("-open")
    shape = kind.removesuffix("-open")
    paint = f'fill="{"#fff" if open_ else colour}" stroke="{colour}" stroke-width="2"'
    if shape == "circle":
        return f'<circle cx="{x}" cy="{y}" r="4.5" {paint}/>'
    if shape == "square":
        return f'<rect x="{x - 4.5}" y="{y - 4.5}" width="9" height="9" {paint}/>'
    if shape == "triangle":
        return f'<path d="M{x} {y - 5.5} L{x + 5.5} {y + 4.5} L{x - 5.5} {y + 4.5} Z" {paint}/>'
    return f'<path d="M{x} {y - 6} L{x + 6} {y} L{x} {y + 6} L{x - 6} {y} Z" {paint}/>'


def series_style(index: int) -> Style:
    """The colour, dash pattern and marker of series ``index`` of an overlaid chart."""
    return SERIES_STYLES[index % len(SERIES_STYLES)]


def series_swatch(index: int, style: Style | None = None) -> Markup:
    """A small sample of a series' line and marker, to key a table to an overlaid chart."""
    colour, dash, marker = style or series_style(index)
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return Markup(
        f'<svg class="jm-swatch" width="40" height="14" viewBox="0 0 40 14" aria-hidden="true">'
        f'<line x1="2" x2="38" y1="7" y2="7" stroke="{colour}" stroke-width="2.5"{dashes}/>'
        f"{_marker(marker, 20, 7, colour)}</svg>"
    )


def _dodge(points: list[tuple[int, float]]) -> dict[int, float]:
    """Sideways offsets of one stage's markers ((series, y)): markers that would overlap stand side by side."""
    offsets: dict[int, float] = {}
    cluster: list[tuple[int, float]] = []
    for k, py in [*sorted(points, key=lambda p: (p[1], p[0])), (-1, float("inf"))]:
        if cluster and py - cluster[-1][1] >= _NEAR:
            for j, (member, _) in enumerate(cluster):
                offsets[member] = (j - (len(cluster) - 1) / 2) * _DODGE
            cluster = []
        cluster.append((k, py))
    return offsets


def _hits(box: Box, segment: tuple[tuple[float, float], tuple[float, float]]) -> bool:
    """Whether a line segment passes through a box (the segment clipped to the box, Liang and Barsky's way)."""
    (x1, y1), (x2, y2) = segment
    if max(x1, x2) < box[0] or min(x1, x2) > box[2] or max(y1, y2) < box[1] or min(y1, y2) > box[3]:
        return False
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - box[0]), (dx, box[2] - x1), (-dy, y1 - box[1]), (dy, box[3] - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _place(text: str, x: float, y: float, low: float, high: float, segments: list, taken: list[Box]) -> float:
    """The baseline of a value written from ``x`` beside a point at height ``y``: the nearest free height."""
    width = len(text) * _CHAR
    for dy in (0, -9, 9, -16, 16, -24, 24, -32, 32):
        base = y + 4 + dy
        box = (x - 1, base - _TEXT_H + 2, x + width, base + 2)
        if box[1] < low or box[3] > high:
            continue
        if not any(_overlaps(box, t) for t in taken) and not any(_hits(box, s) for s in segments):
            return base
    return y + 4  # nowhere is free (a very crowded stage): beside the point, its halo keeps it legible


def overlay(columns: list[str], series: list[tuple[str, list[float | None]]], scale: EmotionScale,
            label: str, styles: list[Style] | None = None) -> Markup:
    """Several emotion curves over the same columns (stages), with a legend.

    ``series`` is ``(name, one value or None per column)``; ``styles`` gives each series' look
    (default: :data:`SERIES_STYLES` in turn). A curve is broken where a value is missing. The
    ``<desc>`` lists every value, and the caller shows the same numbers in a table.
    """
    n = max(len(columns), 1)
    left, right, top, plot = 34, 16, 14, 150
    step = max(96.0, (640 - left - right) / n)
    width = round(left + right + step * n)
    span = scale.max - scale.min
    looks = styles or [series_style(k) for k in range(len(series))]

    def x(i: int) -> float:
        return round(left + (i + 0.5) * step, 1)

    def y(value: float) -> float:
        return round(top + (scale.max - value) * plot / span, 1)

    parts = []
    middle = neutral(scale)
    for level in range(scale.min, scale.max + 1):
        cls = "jm-grid jm-grid-zero" if level == middle else "jm-grid"
        parts.append(f'<line class="{cls}" x1="{left}" x2="{width - right}" y1="{y(level)}" y2="{y(level)}"/>'
                     f'<text class="jm-axis" x="{left - 6}" y="{y(level) + 4}" text-anchor="end">'
                     f"{escape(format_level(level, scale))}</text>")
    if middle != int(middle):
        parts.append(f'<line class="jm-grid jm-grid-zero" x1="{left}" x2="{width - right}" y1="{y(middle)}" '
                     f'y2="{y(middle)}"/>')
    axis_y = top + plot + 18
    for i, name in enumerate(columns):
        parts.append(f'<text class="jm-axis jm-axis-x" x="{x(i)}" y="{axis_y}" text-anchor="middle">'
                     f"{escape(name)}</text>")
    at: dict[tuple[int, int], tuple[float, float]] = {}  # where each marker goes, by (series, column)
    for i in range(len(columns)):
        column = [(k, y(values[i])) for k, (_, values) in enumerate(series) if values[i] is not None]
        offsets = _dodge(column)
        for k, py in column:
            at[(k, i)] = (round(x(i) + offsets[k], 1), py)
    segments = []
    for k, (_, values) in enumerate(series):
        for i, j in pairwise(range(len(values))):
            if values[i] is not None and values[j] is not None:
                segments.append((at[(k, i)], at[(k, j)]))
    taken: list[Box] = [(mx - 7, my - 7, mx + 7, my + 7) for mx, my in at.values()]
    labels = []
    for i in range(len(columns)):
        shown: dict[str, list[float]] = {}  # one value per text: markers at the same height share it
        for (k, col), (_, my) in sorted(at.items(), key=lambda item: item[1][1]):
            if col == i:
                shown.setdefault(format_score(series[k][1][i], scale), []).append(my)
        if not shown:
            continue
        lx = round(max(mx for (_, col), (mx, _) in at.items() if col == i) + 10, 1)
        for text, heights in shown.items():
            py = heights[0]
            ly = _place(text, lx, py, top - 8, top + plot + 8, segments, taken)
            taken.append((lx - 1, ly - _TEXT_H + 2, lx + len(text) * _CHAR, ly + 2))
            labels.append((text, lx, ly, py))
    legend_top = axis_y + 16
    for k, (name, values) in enumerate(series):
        colour, dash, marker = looks[k]
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        runs: list[list[str]] = []
        run: list[str] = []
        for i, value in enumerate(values):
            if value is None:
                run = []
                continue
            if not run:
                runs.append(run)
            run.append("{},{}".format(*at[(k, i)]))
        group = ['<g class="jm-series">']
        group += [f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2.5"{dashes}/>'
                  for points in runs if len(points) > 1]
        for i, value in enumerate(values):
            if value is not None:
                group.append(f"<g>{_marker(marker, *at[(k, i)], colour)}<title>"
                             f"{escape(f'{name}, {columns[i]}: {format_score(value, scale)}')}</title></g>")
        ly = legend_top + k * 18
        group.append(f'<line x1="{left}" x2="{left + 34}" y1="{ly}" y2="{ly}" stroke="{colour}" '
                     f'stroke-width="2.5"{dashes}/>{_marker(marker, left + 17, ly, colour)}'
                     f'<text class="jm-legend" x="{left + 44}" y="{ly + 4}">{escape(name)}</text></g>')
        parts.append("".join(group))
    for text, lx, ly, py in labels:
        if abs(ly - 4 - py) > 2:  # moved away from its point: a thin leader says whose value it is
            parts.append(f'<line class="jm-leader" x1="{lx - 6}" y1="{py}" x2="{lx - 1}" '
                         f'y2="{ly - 4 if ly - 4 < py else ly - _TEXT_H + 3}"/>')
        parts.append(f'<text class="jm-value" x="{lx}" y="{ly}">{escape(text)}</text>')
    height = legend_top + len(series) * 18
    description = "; ".join(
        f"{name}: " + ", ".join(f"{col} {format_score(v, scale) if v is not None else 'not mapped or no score'}"
                                for col, v in zip(columns, values, strict=True))
        for name, values in series
    )
    return Markup(
        f'<svg class="jm-overlay" width="100%" viewBox="0 0 {width} {height}" style="max-width: {width * 1.25}px" '
        f'role="img" aria-label="{escape(label)}"><desc>{escape(description)}</desc>{"".join(parts)}</svg>'
    )

"""Emotion curves as inline SVG, drawn on the server (no script, prints as it shows).

Every chart carries its numbers as text (a label per point and a ``<desc>``),
so colour is never the only signal and screen readers get the figures. The
charts are drawn here, not in templates, for speed: the templates get them as
finished SVG (``chart``, ``sparkline``, ``charts``), and a site cannot override them. A map's own
emotion curve is in :mod:`journeymaps.site.emotion_chart`.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from journeymaps.figures.analysis import format_level, format_score, neutral, tone
from journeymaps.model.types import EmotionScale


def _grid(scale: EmotionScale, levels: range | list[int], y: Callable[[float], float], x1: object, x2: object,
          axis_x: float, anchor: str = "") -> list[str]:
    """A line and a number for each level, the neutral score's line marked (a line of its own for 2.5 on 1..4)."""
    middle = neutral(scale)
    anchor_attr = f' text-anchor="{anchor}"' if anchor else ""
    parts = []
    for level in levels:
        cls = "jm-grid jm-grid-zero" if level == middle else "jm-grid"
        parts.append(f'<line class="{cls}" x1="{x1}" x2="{x2}" y1="{y(level)}" y2="{y(level)}"/>')
        parts.append(f'<text class="jm-axis" x="{axis_x}" y="{y(level) + 4}"{anchor_attr}>'
                     f"{escape(format_level(level, scale))}</text>")
    if middle != int(middle):
        parts.append(f'<line class="jm-grid jm-grid-zero" x1="{x1}" x2="{x2}" y1="{y(middle)}" y2="{y(middle)}"/>')
    return parts


def sparkline(values: list[float | None], scale: EmotionScale, label: str) -> Markup:
    """A small emotion curve (one value per stage) for lists of journeys."""
    width, height, pad = 128, 36, 5
    n = len(values)
    span = scale.max - scale.min

    def xy(i: int, value: float) -> tuple[float, float]:
        x = pad + (i * (width - 2 * pad) / (n - 1) if n > 1 else (width - 2 * pad) / 2)
        return round(x, 1), round(pad + (scale.max - value) * (height - 2 * pad) / span, 1)

    zero = xy(0, neutral(scale))[1]
    points = [xy(i, v) for i, v in enumerate(values) if v is not None]
    parts = [f'<line class="jm-grid-zero" x1="0" x2="{width}" y1="{zero}" y2="{zero}"/>']
    if len(points) > 1:
        parts.append(f'<polyline class="jm-curve" points="{" ".join(f"{x},{y}" for x, y in points)}"/>')
    for (x, y), value in zip(points, [v for v in values if v is not None], strict=True):
        parts.append(f'<circle class="jm-point {tone(value, scale)}" cx="{x}" cy="{y}" r="3"/>')
    return Markup(
        f'<svg class="jm-sparkline" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(label)}">{"".join(parts)}</svg>'
    )


#: How the series of an overlaid chart differ: colour (Okabe–Ito, safe for colour-blind readers),
#: dash pattern and marker, so that neither colour nor print in black and white is needed to tell them apart.
SERIES_STYLES = (
    ("#0072b2", "", "circle"),
    ("#d55e00", "7 4", "square"),
    ("#009e73", "2 3", "triangle"),
    ("#cc79a7", "9 3 2 3", "diamond"),
    ("#e69f00", "4 2", "circle-open"),
    ("#56b4e9", "1 2", "square-open"),
    ("#000000", "12 3", "triangle-open"),
)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    open_ = kind.endswith("-open")
    shape = kind.removesuffix("-open")
    paint = f'fill="{"none" if open_ else colour}" stroke="{colour}" stroke-width="2"'
    if shape == "circle":
        return f'<circle cx="{x}" cy="{y}" r="4.5" {paint}/>'
    if shape == "square":
        return f'<rect x="{x - 4.5}" y="{y - 4.5}" width="9" height="9" {paint}/>'
    if shape == "triangle":
        return f'<path d="M{x} {y - 5.5} L{x + 5.5} {y + 4.5} L{x - 5.5} {y + 4.5} Z" {paint}/>'
    return f'<path d="M{x} {y - 6} L{x + 6} {y} L{x} {y + 6} L{x - 6} {y} Z" {paint}/>'


def series_swatch(index: int) -> Markup:
    """A small sample of series ``index``'s line and marker, to key a table to an overlaid chart."""
    colour, dash, marker = SERIES_STYLES[index % len(SERIES_STYLES)]
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return Markup(
        f'<svg class="jm-swatch" width="40" height="14" viewBox="0 0 40 14" aria-hidden="true">'
        f'<line x1="2" x2="38" y1="7" y2="7" stroke="{colour}" stroke-width="2.5"{dashes}/>'
        f"{_marker(marker, 20, 7, colour)}</svg>"
    )


def overlay(columns: list[str], series: list[tuple[str, list[float | None]]], scale: EmotionScale,
            label: str) -> Markup:
    """Several emotion curves over the same columns (stages) in one chart, with a legend.

    ``series`` is ``(name, one value or None per column)``. A curve is broken
    where a value is missing. The ``<desc>`` lists every value, and the
    caller shows the same numbers in a table.
    """
    width, left, right, top, plot = 640, 34, 16, 14, 150
    n = max(len(columns), 1)
    span = scale.max - scale.min
    step = (width - left - right) / n

    def x(i: int) -> float:
        return round(left + (i + 0.5) * step, 1)

    def y(value: float) -> float:
        return round(top + (scale.max - value) * plot / span, 1)

    parts = _grid(scale, range(scale.min, scale.max + 1), y, left, width - right, left - 6, "end")
    axis_y = top + plot + 18
    for i, name in enumerate(columns):
        parts.append(f'<text class="jm-axis jm-axis-x" x="{x(i)}" y="{axis_y}" text-anchor="middle">'
                     f"{escape(name)}</text>")
    legend_top = axis_y + 16
    for k, (name, values) in enumerate(series):
        colour, dash, marker = SERIES_STYLES[k % len(SERIES_STYLES)]
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        run: list[str] = []
        runs: list[list[str]] = []
        for i, value in enumerate(values):
            if value is None:
                run = []
                continue
            if not run:
                runs.append(run)
            run.append(f"{x(i)},{y(value)}")
        group = ['<g class="jm-series">']
        for points in runs:
            if len(points) > 1:
                group.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                             f'stroke-width="2.5"{dashes}/>')
        for i, value in enumerate(values):
            if value is not None:
                group.append(f"<g>{_marker(marker, x(i), y(value), colour)}<title>"
                             f"{escape(f'{name}, {columns[i]}: {format_score(value, scale)}')}</title></g>")
        ly = legend_top + k * 18
        group.append(f'<line x1="{left}" x2="{left + 34}" y1="{ly}" y2="{ly}" stroke="{colour}" '
                     f'stroke-width="2.5"{dashes}/>{_marker(marker, left + 17, ly, colour)}'
                     f'<text class="jm-legend" x="{left + 44}" y="{ly + 4}">{escape(name)}</text></g>')
        parts.append("".join(group))
    height = legend_top + len(series) * 18
    description = "; ".join(
        f"{name}: " + ", ".join(f"{col} {format_score(v, scale) if v is not None else 'not mapped or no score'}"
                                for col, v in zip(columns, values, strict=True))
        for name, values in series
    )
    return Markup(
        f'<svg class="jm-overlay" width="100%" viewBox="0 0 {width} {height}" style="max-width: {width * 1.25}px" '
        'role="img" '
        f'aria-label="{escape(label)}"><desc>{escape(description)}</desc>{"".join(parts)}</svg>'
    )


def trend(values: list[float], ticks: list[str], scale: EmotionScale, label: str, description: str) -> Markup:
    """A small line chart of one value per revision, oldest on the left (the history of a map).

    ``ticks`` names each point (a date); the first and the last are written under the
    axis, every value is written above its point, and ``description`` gives all of them.
    """
    width, height, left, right, top, bottom = 480, 132, 44, 24, 18, 24
    n = len(values)
    lo = min(scale.min, *(int(v // 1) for v in values)) if values else scale.min
    hi = max(scale.max, *(-int(-v // 1) for v in values)) if values else scale.max
    span = hi - lo

    def x(i: int) -> float:
        return round(left + (i * (width - left - right) / (n - 1) if n > 1 else (width - left - right) / 2), 1)

    def y(value: float) -> float:
        return round(top + (hi - value) * (height - top - bottom) / span, 1)

    middle = neutral(scale)
    levels = range(lo, hi + 1) if span <= 8 else sorted({lo, hi} | ({int(middle)} if middle == int(middle) else set()))
    parts = _grid(scale, levels, y, left, width - right, left - 6, "end")
    if n > 1:
        points = " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(values))
        parts.append(f'<polyline class="jm-curve" points="{points}"/>')
    for i, value in enumerate(values):
        parts.append(f'<circle class="jm-point {tone(value, scale)}" cx="{x(i)}" cy="{y(value)}" r="4"/>')
        if n <= 16:  # the outermost labels are kept off the axis numbers and the edge
            anchor = "middle" if n == 1 or 0 < i < n - 1 else ("start" if i == 0 else "end")
            parts.append(f'<text class="jm-value" x="{x(i)}" y="{y(value) - 8}" text-anchor="{anchor}">'
                         f"{escape(format_score(value, scale))}</text>")
    for i in sorted({0, n - 1}) if n else []:
        anchor = "middle" if n == 1 else ("start" if i == 0 else "end")
        parts.append(f'<text class="jm-axis" x="{x(i)}" y="{height - 6}" text-anchor="{anchor}">'
                     f"{escape(ticks[i])}</text>")
    return Markup(
        f'<svg class="jm-trend" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}"><desc>{escape(description)}</desc>{"".join(parts)}</svg>'
    )

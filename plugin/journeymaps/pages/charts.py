"""Emotion curves as inline SVG, drawn on the server (no script, prints as it shows).

Every chart carries its numbers as text (a label per point and a ``<desc>``),
so colour is never the only signal and screen readers get the figures. The
charts are drawn here, not in templates, for speed: the templates get them as
finished SVG (``chart``, ``sparkline``, ``charts``), and a site cannot override them. A map's own
emotion curve is in :mod:`journeymaps.pages.emotion_chart`; several curves over the stages in one
chart are drawn by :mod:`journeymaps.pages.overlay_chart`.
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

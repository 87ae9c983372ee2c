"""A map's emotion curve and its axis, as inline SVG drawn on the server (no script; prints as it shows).

The curve lies in the map's emotion lane, one point centred in each step
column; its axis (the scale's numbers and words) lies in the lane's header,
which stays in view while a long map scrolls sideways. Both are drawn with
coordinates in percent, so that they line up with the columns at any width and
at any height the style sheet gives the lane (taller on screen, lower on paper),
without stretching text or markers. Every value is written as text beside its
point and listed in the chart's ``<desc>``: colour is never the only signal.
"""

from __future__ import annotations

from itertools import pairwise

from markupsafe import Markup, escape

from journeymaps.figures.analysis import StepView, format_level, neutral, score_word, tone
from journeymaps.model.types import EmotionScale

#: The room above the highest level and below the lowest, in percent of the chart's height (for the labels).
TOP, BOTTOM = 15.0, 9.0


def level_y(value: float, scale: EmotionScale) -> float:
    """The height of a score in the chart, in percent from the top."""
    span = scale.max - scale.min
    return round(TOP + (scale.max - value) * (100 - TOP - BOTTOM) / span, 2)


def described(value: int, scale: EmotionScale) -> str:
    """A whole score and its word, if the scale has one: ``+1 Positive``, ``4 Good``, ``3``."""
    word = score_word(value, scale)
    return format_level(value, scale) + (f" {word}" if word else "")


def _backdrop(scale: EmotionScale) -> list[str]:
    """The grid: a line per level, the neutral one dashed, the area above it cool and below it warm."""
    middle = level_y(neutral(scale), scale)
    top, bottom = level_y(scale.max, scale), level_y(scale.min, scale)
    parts = [
        f'<rect class="jm-zone-pos" x="0" width="100%" y="{top}%" height="{round(middle - top, 2)}%"/>',
        f'<rect class="jm-zone-neg" x="0" width="100%" y="{middle}%" height="{round(bottom - middle, 2)}%"/>',
    ]
    for level in range(scale.min, scale.max + 1):
        cls = "jm-grid jm-grid-zero" if level == neutral(scale) else "jm-grid"
        parts.append(f'<line class="{cls}" x1="0" x2="100%" y1="{level_y(level, scale)}%" '
                     f'y2="{level_y(level, scale)}%"/>')
    if neutral(scale) != int(neutral(scale)):  # 2.5 on a scale of 1 to 4: a line of its own
        parts.append(f'<line class="jm-grid jm-grid-zero" x1="0" x2="100%" y1="{middle}%" y2="{middle}%"/>')
    return parts


def curve(views: list[StepView], scale: EmotionScale, labels: list[str]) -> Markup:
    """The emotion curve across a map's steps: a point and its score per step, moments of truth ringed and starred.

    ``labels`` names each step for the text alternative. A step without a score
    leaves a gap, bridged by a dashed line.
    """
    n = max(len(views), 1)

    def x(i: int) -> str:
        return f"{(i + 0.5) * 100 / n:.3f}%"

    parts = _backdrop(scale)
    points = [(i, v.step.emotion) for i, v in enumerate(views) if v.step.emotion is not None]
    for (i, a), (j, b) in pairwise(points):
        dashed = " jm-gap" if j - i > 1 else ""
        parts.append(f'<line class="jm-curve{dashed}" x1="{x(i)}" y1="{level_y(a, scale)}%" '
                     f'x2="{x(j)}" y2="{level_y(b, scale)}%"/>')
    for i, value in points:
        cx, cy = x(i), f"{level_y(value, scale)}%"
        if views[i].step.moment_of_truth:
            parts.append(f'<circle class="jm-mot-ring" cx="{cx}" cy="{cy}" r="11"/>'
                         f'<text class="jm-mot-mark" x="{cx}" y="{cy}" dx="12" dy="-7">★</text>')
        parts.append(f'<circle class="jm-point {tone(value, scale)}" cx="{cx}" cy="{cy}" r="6"/>')
        lift = -16 if views[i].step.moment_of_truth else -12  # above the ring of a moment of truth
        parts.append(f'<text class="jm-value" x="{cx}" y="{cy}" dy="{lift}" text-anchor="middle">'
                     f"{escape(format_level(value, scale))}</text>")
    description = "; ".join(
        f"{label}: {described(v.step.emotion, scale) if v.step.emotion is not None else 'no score'}"
        + (" (moment of truth)" if v.step.moment_of_truth else "")
        for v, label in zip(views, labels, strict=True)
    )
    label = f"Emotion curve, scale {format_level(scale.min, scale)} to {format_level(scale.max, scale)}"
    return Markup(
        f'<svg class="jm-emotion-lane" width="100%" height="100%" role="img" aria-label="{escape(label)}">'
        f"<desc>{escape(description)}</desc>{''.join(parts)}</svg>"
    )


def axis(scale: EmotionScale) -> Markup:
    """The curve's axis: each level's number and, when the scale names it, its word, at the level's height.

    It is decoration for assistive technology (the curve's own label and
    ``<desc>`` say the same), and is drawn in the lane's header, which stays in view.
    """
    parts = []
    for level in range(scale.min, scale.max + 1):
        word = score_word(level, scale)
        at = f'x="100%" y="{level_y(level, scale)}%" dy="4" text-anchor="end"'
        parts.append(f'<text class="jm-axis jm-axis-level {tone(level, scale)}" {at} dx="-6">'
                     f"{escape(format_level(level, scale))}</text>")
        if word:  # beside the number, which is at most two figures and a sign wide
            parts.append(f'<text class="jm-axis jm-axis-word {tone(level, scale)}" {at} dx="-27">{escape(word)}</text>')
    return Markup(f'<svg class="jm-emotion-axis" width="100%" height="100%" aria-hidden="true" focusable="false">'
                  f"{''.join(parts)}</svg>")

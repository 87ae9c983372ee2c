"""How numbers, dates and scores are written on the generated pages (no MkDocs, no templates here).

The templates get these as globals (see :func:`journeymaps.pages.context.environment`);
the scores themselves are written by :mod:`journeymaps.figures.analysis`.
"""

from __future__ import annotations

import datetime as dt
import math

from journeymaps.figures.analysis import neutral, round_score
from journeymaps.model.types import EmotionScale

#: Units written against their number; every other unit follows it after a (non-breaking) space: "6.5 min", "3 %".
UNSPACED_UNITS = frozenset({"%", "‰", "‱", "°", "′", "″"})


def quantity(value: object, unit: str | None) -> str:
    """``6.5\u00a0min``, ``3.1%``: a metric's value and its unit, spaced unless the unit is one of UNSPACED_UNITS."""
    if not unit:
        return str(value)
    return f"{value}{unit}" if unit in UNSPACED_UNITS else f"{value}\u00a0{unit}"


def long_date(value: dt.date) -> str:
    """``14 April 2026``: the day without a leading zero, the month in words."""
    return f"{value.day} {value.strftime('%B %Y')}"


def heat_class(value: float | None, scale: EmotionScale) -> str:
    """CSS class of a heatmap cell: blue above the scale's neutral score, orange below, four steps each.

    The value is rounded to one decimal first, as it is printed, so that a
    cell showing the neutral score (0.0, or 3.0 on a 1..5 scale) is never coloured.
    """
    if value is None:
        return "jm-heat-none"
    middle = neutral(scale)
    offset = round_score(value) - middle
    if abs(offset) < 0.05:
        return "jm-heat-0"
    reach = (scale.max - middle) if offset > 0 else (middle - scale.min)
    level = min(4, max(1, math.ceil(abs(offset) / reach * 4 - 1e-9)))
    return f"jm-heat-{'pos' if offset > 0 else 'neg'}-{level}"

"""Scores onto the emotion scale: Mermaid's 1..5, a sheet's numbers (``4``, ``4/5``, ``7 out of 10``), ``--scores``.

A score ``s`` of the range ``lo..hi`` lies at ``min + (s - lo) * (max - min) /
(hi - lo)`` on the vocabulary's scale ``min..max``. A result between two whole
numbers is rounded away from the middle of the scale (so the mapping stays
symmetric: on -2..2, 2.5 of 1..5 is -0.5 and becomes -1), and a score outside
its range is clamped to the scale's end. Callers note whatever was not exact.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from journeymaps.model.types import EmotionScale

#: The range of Mermaid's task scores (its documentation: "a number between 1 and 5, inclusive").
MERMAID_RANGE = (1.0, 5.0)
#: The ranges a column of plain numbers is tried against, in order, after the vocabulary's own scale.
COMMON_RANGES = ((1.0, 5.0), (1.0, 7.0), (0.0, 10.0), (0.0, 100.0))

# JavaScript's Number(): decimal (sign, '.5', '5.', exponent), Infinity, or unsigned 0x / 0b / 0o
_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_INFINITY = re.compile(r"[+-]?Infinity")
_BASES = {"0x": 16, "0b": 2, "0o": 8}
_FRACTION = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)?)\s*(?:/|out of|of)\s*(\d+)\s*$", re.IGNORECASE)
_PLAIN = re.compile(r"^\s*[+-]?\d+(?:\.\d+)?\s*$")


def js_number(text: str) -> float | None:
    """``text`` read as JavaScript's ``Number()`` reads it (blank is 0), or None where it gives NaN."""
    text = text.strip()
    if not text:
        return 0.0
    if _DECIMAL.fullmatch(text):
        return float(text)
    if _INFINITY.fullmatch(text):
        return -math.inf if text.startswith("-") else math.inf
    base = _BASES.get(text[:2].lower())
    if base is not None:
        try:
            return float(int(text[2:], base))
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class Mapped:
    """A score mapped onto the scale: the whole number written, where it lay exactly, and whether it was clamped."""

    emotion: int
    exact: float
    clamped: bool

    @property
    def is_exact(self) -> bool:
        """Whether the score fell on a whole number of the scale, inside it."""
        return not self.clamped and self.exact == self.emotion


def round_away(value: float, low: int, high: int) -> int:
    """``value`` rounded to a whole number, halves away from the middle of ``low..high``."""
    if value >= (low + high) / 2:
        return math.floor(value + 0.5)
    return math.ceil(value - 0.5)


def map_score(score: float, scale: EmotionScale, source: tuple[float, float] = MERMAID_RANGE) -> Mapped:
    """``score`` of the range ``source`` onto ``scale``: clamped to its ends, rounded away from its middle."""
    low, high = source
    clamped = not low <= score <= high
    score = min(max(score, low), high)
    exact = scale.min + (score - low) * (scale.max - scale.min) / (high - low)
    return Mapped(round_away(exact, scale.min, scale.max), exact, clamped)


def show(value: float) -> str:
    """A number as people write it: ``3``, ``2.5``, ``-0.5``."""
    return f"{value:g}" if math.isfinite(value) else str(value)


def parse_range(text: str) -> tuple[float, float] | None:
    """``--scores MIN..MAX`` (``0..10``, ``1..7``), or None when it is not written so."""
    match = re.fullmatch(r"\s*([+-]?\d+(?:\.\d+)?)\s*\.\.\s*([+-]?\d+(?:\.\d+)?)\s*", text)
    if not match or float(match.group(1)) >= float(match.group(2)):
        return None
    return float(match.group(1)), float(match.group(2))


def fraction(text: str) -> tuple[float, tuple[float, float]] | None:
    """``4/5`` or ``7 out of 10``: the score and its range (1..b, or 0..b for 10 and 100), else None."""
    match = _FRACTION.match(text)
    if not match:
        return None
    value, top = float(match.group(1).replace(",", ".")), float(match.group(2))
    if top <= 1:
        return None
    return value, (0.0 if top in (10, 100) else 1.0, top)


def plain_number(text: str) -> float | None:
    """A cell that is one plain number (``4``, ``-1``, ``3.5``), else None."""
    return float(text) if _PLAIN.match(text) else None


def column_range(values: list[float], scale: EmotionScale) -> tuple[float, float] | None:
    """The range a column of plain numbers is written in: the vocabulary's scale when every value fits it and one
    is at most 0 (or the scale has no negatives), else the first of 1..5, 1..7, 0..10, 0..100 that holds them all."""
    if not values:
        return None
    own = (float(scale.min), float(scale.max))
    fits = all(own[0] <= v <= own[1] for v in values)
    if fits and (min(values) <= 0 or scale.min >= 0):
        return own
    return next((r for r in COMMON_RANGES if all(r[0] <= v <= r[1] for v in values)), None)

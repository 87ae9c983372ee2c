"""The score and status badges of the tables across maps, rendered once per build from ``_macros.html``.

The tables show a badge per row, thousands on a large site: each possible badge
is rendered once (with a site's own ``_macros.html`` if its theme overrides it)
and reused.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from journeymaps.model.types import STATUSES, EmotionScale

NO_SCORE = Markup('<span class="jm-muted" title="no score">—</span>')


class Badges:
    """The score badge of every whole score of the scale, and the status badge of every status."""

    def __init__(self, env: jinja2.Environment, scale: EmotionScale) -> None:
        macros = env.get_template("_macros.html").module
        self.scores = {v: Markup(macros.score_badge(v, scale))  # type: ignore[attr-defined]
                       for v in range(scale.min, scale.max + 1)}
        self.statuses = {s: Markup(macros.status_badge(s)) for s in STATUSES}  # type: ignore[attr-defined]

    def score(self, value: int | None) -> Markup:
        """The score badge of a step's emotion, or a dash for no score."""
        return self.scores[value] if value is not None else NO_SCORE

"""A small chart of the emotion by stage at a channel's or a department's touchpoints, as inline SVG.

Stages run from left to right, as on a journey page. Each stage's bar goes up from the scale's
neutral score when the average of today's steps there is above it (cool colour) and down when it
is below (warm colour); its number is written at its end and the number of scored steps under the
stage's name. A bar that rests on fewer than :data:`FEW` scored steps is drawn faint and dashed:
one step is an anecdote, not a pattern. A future map's average in the stage is a hollow diamond
(never in the warm colour: it is planned, not lived). A stage without a scored step says "no steps".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from journeymaps.figures.analysis import Tally, format_level, format_score, neutral, tone
from journeymaps.model.types import EmotionScale

#: Bars over fewer scored steps than this are drawn faint.
FEW = 3
_COL, _LEFT, _TOP, _PLOT, _BAR = 84, 34, 16, 96, 28


def _steps(n: int) -> str:
    return f"{n} step" if n == 1 else f"{n} steps"


def stage_chart(stages: Sequence[tuple[str, str]], today: Mapping[str, Tally], future: Mapping[str, Tally],
                scale: EmotionScale, label: str) -> Markup:
    """Bars of today's average by stage, diamonds of future maps' ((stage id, name) in order; tallies by id)."""
    width = _LEFT + _COL * max(len(stages), 1) + 6
    span = scale.max - scale.min
    middle = neutral(scale)

    def y(value: float) -> float:
        return round(_TOP + (scale.max - value) * _PLOT / span, 1)

    parts = []
    for level in (scale.min, middle, scale.max):
        cls = "jm-grid jm-grid-zero" if level == middle else "jm-grid"
        parts.append(f'<line class="{cls}" x1="{_LEFT}" x2="{width - 4}" y1="{y(level)}" y2="{y(level)}"/>')
        if level == int(level):
            parts.append(f'<text class="jm-axis" x="{_LEFT - 5}" y="{y(level) + 4}" text-anchor="end">'
                         f"{escape(format_level(int(level), scale))}</text>")
    base = y(middle)
    axis = _TOP + _PLOT + 16
    described = []
    for i, (stage, name) in enumerate(stages):
        cx = _LEFT + (i + 0.5) * _COL
        tally = today.get(stage) or Tally()
        parts.append(f'<text class="jm-axis jm-axis-x" x="{cx}" y="{axis}" text-anchor="middle">{escape(name)}</text>')
        value = tally.average
        if value is None:
            parts.append(f'<text class="jm-stage-none" x="{cx}" y="{base - 6}" text-anchor="middle">no steps</text>')
            said = f"{name}: no scored step today"
        else:
            top, bottom = sorted((y(value), base))
            few = " jm-bar-few" if tally.rated < FEW else ""
            parts.append(f'<rect class="jm-bar {tone(value, scale)}{few}" x="{cx - _BAR / 2}" y="{top}" '
                         f'width="{_BAR}" height="{max(bottom - top, 1.5)}"/>')
            above = value >= middle
            ty = top - 5 if above else bottom + 13
            parts.append(f'<text class="jm-value" x="{cx}" y="{ty}" text-anchor="middle">'
                         f"{escape(format_score(value, scale))}</text>")
            said = f"{name}: {format_score(value, scale)} over {_steps(tally.rated)}"
        if tally.rated:
            parts.append(f'<text class="jm-axis jm-stage-n" x="{cx}" y="{axis + 13}" text-anchor="middle">'
                         f"{_steps(tally.rated)}</text>")
        planned = (future.get(stage) or Tally()).average
        if planned is not None:
            px, py = cx + _BAR / 2 + 9, y(planned)
            parts.append(f'<path class="jm-planned" d="M{px} {py - 6} L{px + 6} {py} L{px} {py + 6} L{px - 6} {py} Z">'
                         f"<title>{escape(f'{name}, future maps: {format_score(planned, scale)}')}</title></path>")
            said += f" (future maps {format_score(planned, scale)})"
        described.append(said)
    height = axis + 20
    return Markup(
        f'<svg class="jm-stage-chart" viewBox="0 0 {width} {height}" width="{width}" role="img" '
        f'aria-label="{escape(label)}"><desc>{escape("; ".join(described))}</desc>{"".join(parts)}</svg>'
    )

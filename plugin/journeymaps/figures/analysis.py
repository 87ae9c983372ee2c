"""Figures derived from the validated model, worked out once per build."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from journeymaps.model.addresses import step_anchor, touchpoint_anchor
from journeymaps.model.types import EmotionScale, Journey, Phase, Step, Touchpoint, Vocabulary


@dataclass(frozen=True)
class StepView:
    """A step with its place in the journey."""

    phase_index: int
    phase: Phase
    number: int  # within the phase, from 1
    step: Step

    @property
    def anchor(self) -> str:
        """The step's anchor on its journey page."""
        return step_anchor(self.phase.stage, self.number)

    def touchpoint_anchor(self, touchpoint: Touchpoint) -> str:
        """The spec's address of one of this step's touchpoints."""
        return touchpoint_anchor(self.phase.stage, self.number, touchpoint.name)


def steps(journey: Journey) -> list[StepView]:
    """Every step of a journey in order."""
    return [
        StepView(p, phase, n, step)
        for p, phase in enumerate(journey.phases)
        for n, step in enumerate(phase.steps, start=1)
    ]


@dataclass
class Tally:
    """Steps counted towards an average emotion: the one place an average is worked out.

    A step without an emotion counts as a step but not towards the average.
    """

    steps: int = 0
    rated: int = 0
    total: int = 0

    def add(self, emotion: int | None) -> None:
        """Count one step."""
        self.steps += 1
        if emotion is not None:
            self.rated += 1
            self.total += emotion

    @property
    def average(self) -> float | None:
        """Mean emotion of the rated steps, or None when none is rated."""
        return self.total / self.rated if self.rated else None


def average(values: Iterable[int | None]) -> float | None:
    """Mean of the values that are set, or None when none is."""
    tally = Tally()
    for value in values:
        tally.add(value)
    return tally.average


def journey_average(journey: Journey) -> float | None:
    """Average emotion over the steps that have one."""
    return average(step.emotion for phase in journey.phases for step in phase.steps)


def phase_average(phase: Phase) -> float | None:
    """Average emotion of one phase's steps."""
    return average(step.emotion for step in phase.steps)


def stage_averages(journey: Journey) -> list[tuple[str, float | None]]:
    """(stage id, average emotion) for each phase, in order."""
    return [(phase.stage, phase_average(phase)) for phase in journey.phases]


def lowest_step(journey: Journey) -> StepView | None:
    """The first step with the lowest emotion."""
    rated = [view for view in steps(journey) if view.step.emotion is not None]
    return min(rated, key=lambda v: v.step.emotion) if rated else None


def round_score(value: float) -> float:
    """``value`` to one decimal, halves away from zero (0.25 -> 0.3, as a reader rounds by hand)."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def neutral(scale: EmotionScale) -> float:
    """The score that is neither good nor bad: 0 when the scale runs from below it to above it, else its middle.

    On ``-2..2`` (and ``-1..3``) that is 0; on ``1..5`` it is 3, on ``1..4`` 2.5. Colours, the
    curves' baseline and the heatmap are relative to it.
    """
    return 0 if scale.min < 0 < scale.max else (scale.min + scale.max) / 2


def signed(scale: EmotionScale | None) -> bool:
    """Whether scores are written with a sign: only on a scale with negative values (``+1`` means nothing on 1..5)."""
    return scale is None or scale.signed


def format_score(value: float | None, scale: EmotionScale | None = None) -> str:
    """One decimal, with a sign when ``scale`` has negative values (``+0.5``, ``−1.0``; ``3.5`` on 1..5), or ``—``.

    Without a scale the sign is written (the default scale, and changes, which are differences).
    """
    if value is None:
        return "—"
    rounded = round_score(value)
    if not signed(scale):
        return f"{rounded:.1f}".replace("-", "−")
    text = f"{rounded:+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text.replace("-", "−")


def shown_change(before: float | None, after: float | None) -> float | None:
    """``after`` minus ``before`` as a reader works it out from the two numbers shown (one decimal each).

    0.25 → 0.5 shows as ``+0.3`` → ``+0.5``, so the change is 0.2, not the 0.25 of the exact values.
    """
    if before is None or after is None:
        return None
    return round_score(round_score(after) - round_score(before))  # the second rounding drops float noise


def format_level(value: int, scale: EmotionScale | None = None) -> str:
    """A whole score as written on the axis and in badges: ``+2``, ``−1``, ``0``; ``3`` on a scale without negatives."""
    if not signed(scale):
        return str(value).replace("-", "−")
    return f"{value:+d}".replace("-", "−") if value else "0"


def score_word(value: int, scale: EmotionScale) -> str | None:
    """The scale's word for a whole score (``Very positive``), or None when the scale has none for it."""
    return scale.word(value)


def tone(value: float, scale: EmotionScale) -> str:
    """CSS class of a score as shown (one decimal): ``jm-pos`` above neutral, ``jm-neg`` below, else ``jm-neutral``."""
    offset = round_score(value) - neutral(scale)
    if abs(offset) < 0.05:
        return "jm-neutral"
    return "jm-pos" if offset > 0 else "jm-neg"


def phase_name(phase: Phase, vocabulary: Vocabulary) -> str:
    """The phase's own label, else its stage's name."""
    if phase.name:
        return phase.name
    term = vocabulary.index("stages").get(phase.stage)
    return term.label if term else phase.stage


def touchpoint_count(journey: Journey) -> int:
    """Number of touchpoints in a journey."""
    return sum(len(step.touchpoints) for phase in journey.phases for step in phase.steps)

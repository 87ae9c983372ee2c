"""Figures derived from the validated model, worked out once per build."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .addresses import step_anchor, touchpoint_anchor
from .model import Journey, Phase, Step, Touchpoint, Vocabulary


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


def average(values: Iterable[int | None]) -> float | None:
    """Mean of the values that are set, or None when none is."""
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


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


def format_score(value: float | None) -> str:
    """One decimal with a sign (``+0.5``, ``−1.0``), or an em dash when unknown."""
    if value is None:
        return "—"
    text = f"{round_score(value):+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text.replace("-", "−")


def phase_name(phase: Phase, vocabulary: Vocabulary) -> str:
    """The phase's own label, else its stage's name."""
    if phase.name:
        return phase.name
    term = vocabulary.index("stages").get(phase.stage)
    return term.label if term else phase.stage


def touchpoint_count(journey: Journey) -> int:
    """Number of touchpoints in a journey."""
    return sum(len(step.touchpoints) for phase in journey.phases for step in phase.steps)

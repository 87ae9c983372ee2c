"""A future map against the map it improves on (its ``baseline``), stage by stage."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from journeymaps.figures.analysis import journey_average, phase_average, shown_change, steps
from journeymaps.figures.places import TouchpointUse
from journeymaps.model import addresses
from journeymaps.model.corpus import JourneyEntry


@dataclass(frozen=True)
class StageChange:
    """One stage of a future map against its baseline."""

    stage: str
    baseline: float | None
    future: float | None
    added: tuple[TouchpointUse, ...]
    removed: tuple[TouchpointUse, ...]
    kept: int

    @property
    def change(self) -> float | None:
        """Future minus baseline average, when both are known."""
        if self.baseline is None or self.future is None:
            return None
        return self.future - self.baseline

    @property
    def shown_change(self) -> float | None:
        """The change as the page writes it: the difference of the two averages as shown (one decimal)."""
        return shown_change(self.baseline, self.future)


@dataclass(frozen=True)
class FutureComparison:
    """A future map against the map it improves on."""

    future: JourneyEntry
    baseline: JourneyEntry
    stages: tuple[StageChange, ...]
    baseline_average: float | None
    future_average: float | None

    @property
    def change(self) -> float | None:
        """Change of the whole map's average emotion."""
        if self.baseline_average is None or self.future_average is None:
            return None
        return self.future_average - self.baseline_average

    @property
    def shown_change(self) -> float | None:
        """The change as the page writes it: the difference of the two averages as shown (one decimal)."""
        return shown_change(self.baseline_average, self.future_average)


def compare_future(future: JourneyEntry, baseline: JourneyEntry, stage_order: Mapping[str, int]) -> FutureComparison:
    """A future map against its baseline, stage by stage.

    Touchpoints are matched by name within a stage (names compared as their
    address slug, so case and punctuation do not count); a name used twice
    in a stage is matched twice.
    """
    def by_stage(entry: JourneyEntry) -> dict[str, list[TouchpointUse]]:
        found: dict[str, list[TouchpointUse]] = defaultdict(list)
        for view in steps(entry.journey):
            for tp in view.step.touchpoints:
                found[view.phase.stage].append(TouchpointUse(entry, view, touchpoint=tp))
        return found

    def unmatched(ours: list[TouchpointUse], theirs: list[TouchpointUse]) -> tuple[TouchpointUse, ...]:
        left = Counter(addresses.slugify(t.touchpoint.name) for t in theirs)
        out = []
        for use in ours:
            key = addresses.slugify(use.touchpoint.name)
            if left[key]:
                left[key] -= 1
            else:
                out.append(use)
        return tuple(out)

    base_tps, future_tps = by_stage(baseline), by_stage(future)
    base_phases = {p.stage: p for p in baseline.journey.phases}
    future_phases = {p.stage: p for p in future.journey.phases}
    stages = sorted(set(base_phases) | set(future_phases), key=lambda s: stage_order.get(s, len(stage_order)))
    changes = []
    for stage in stages:
        before, after = base_tps.get(stage, []), future_tps.get(stage, [])
        base_phase, future_phase = base_phases.get(stage), future_phases.get(stage)  # None: no phase for the stage
        added = unmatched(after, before)
        changes.append(StageChange(
            stage=stage,
            baseline=phase_average(base_phase) if base_phase is not None else None,
            future=phase_average(future_phase) if future_phase is not None else None,
            added=added,
            removed=unmatched(before, after),
            kept=len(after) - len(added),
        ))
    return FutureComparison(future, baseline, tuple(changes), journey_average(baseline.journey),
                            journey_average(future.journey))

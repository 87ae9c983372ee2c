"""A channel's or a department's touchpoints split into today's maps and future ones, with their steps' figures.

A channel or department page answers "how do customers feel where they meet us here, and what
goes wrong": the steps with one of its touchpoints, each counted once however many of its
touchpoints the step has, their emotion by stage and their pain points. Today's maps (the
as-is types) and future maps are kept apart: a future map describes a journey that does not
exist yet, so its scores are hopes, not measurements.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from journeymaps.figures.analysis import Tally
from journeymaps.figures.places import PainPoint, TouchpointUse
from journeymaps.model.types import AS_IS_TYPES

#: A step of a published map: (journey id, phase index, step number within the phase).
StepKey = tuple[str, int, int]


def step_key(place: TouchpointUse) -> StepKey:
    """The key of the step a touchpoint (or any place) belongs to."""
    return place.entry.id, place.view.phase_index, place.view.number


@dataclass
class Side:
    """One side of a group (today's maps, or future maps): its touchpoints, steps by stage and pain points."""

    touchpoints: list[TouchpointUse] = field(default_factory=list)
    by_stage: dict[str, Tally] = field(default_factory=dict)  # distinct steps, by stage id
    pains: list[PainPoint] = field(default_factory=list)  # of those steps, in map order
    steps: set[StepKey] = field(default_factory=set)
    journeys: set[str] = field(default_factory=set)
    personas: set[str] = field(default_factory=set)

    @property
    def emotion(self) -> Tally:
        """Every distinct step of the side, pooled."""
        total = Tally()
        for tally in self.by_stage.values():
            total.steps += tally.steps
            total.rated += tally.rated
            total.total += tally.total
        return total


@dataclass
class GroupSides:
    """A group's touchpoints in today's maps and in future maps."""

    today: Side
    future: Side

    @property
    def steps(self) -> set[StepKey]:
        """Every step of the group, on either side."""
        return self.today.steps | self.future.steps


def sides(touchpoints: Iterable[TouchpointUse]) -> GroupSides:
    """Split a channel's or department's touchpoints (in map order) into today's maps and future maps."""
    found = GroupSides(Side(), Side())
    for use in touchpoints:
        side = found.today if use.entry.journey.type in AS_IS_TYPES else found.future
        side.touchpoints.append(use)
        side.journeys.add(use.entry.id)
        side.personas.add(use.entry.journey.persona)
        key = step_key(use)
        if key in side.steps:
            continue
        side.steps.add(key)
        side.by_stage.setdefault(use.stage, Tally()).add(use.emotion)
        side.pains.extend(PainPoint(use.entry, use.view, text=text) for text in use.view.step.pain_points)
    return found

"""The places of a published map that the cross-map pages list: steps, touchpoints, pain points, opportunities.

Each knows its map and its step, so a list links every item to where it is on
its journey page.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from journeymaps.figures.analysis import StepView
from journeymaps.model import addresses
from journeymaps.model.corpus import JourneyEntry
from journeymaps.model.types import AS_IS_TYPES, Journey, Opportunity, Touchpoint

#: Impact and effort levels, in the order the pages list them.
LEVELS = ("high", "medium", "low")
#: Names of the corners of the impact × effort matrix, by (impact, effort).
QUADRANTS = {
    ("high", "low"): "Quick wins",
    ("high", "high"): "Major projects",
    ("low", "low"): "Fill-ins",
    ("low", "high"): "Thankless tasks",
}


@dataclass(frozen=True)
class Place:
    """A step of a published map."""

    entry: JourneyEntry
    view: StepView

    @property
    def journey(self) -> Journey:
        """The map the step belongs to."""
        return self.entry.journey

    @property
    def stage(self) -> str:
        """The stage id of the step's phase."""
        return self.view.phase.stage

    @property
    def emotion(self) -> int | None:
        """The step's emotion score, if it has one."""
        return self.view.step.emotion

    @property
    def step_url(self) -> str:
        """The step on its journey page."""
        return addresses.journey_url(self.entry.id) + "#" + self.view.anchor

    @property
    def url(self) -> str:
        """Where the item is on its journey page (the step; a touchpoint has its own anchor)."""
        return self.step_url

    @property
    def as_is(self) -> bool:
        """True for maps compared across personas (all but ``future``)."""
        return self.entry.journey.type in AS_IS_TYPES


@dataclass(frozen=True)
class TouchpointUse(Place):
    """One touchpoint of a published map, where it is and what it is."""

    touchpoint: Touchpoint = None  # type: ignore[assignment]
    position: int = 0  # order among the map's touchpoints, from 0

    @functools.cached_property  # a slug: worth computing once, every list links it
    def anchor(self) -> str:
        """The spec's anchor of the touchpoint on its journey page."""
        return self.view.touchpoint_anchor(self.touchpoint)

    @property
    def url(self) -> str:
        """The touchpoint on its journey page."""
        return addresses.journey_url(self.entry.id) + "#" + self.anchor


@dataclass(frozen=True)
class PainPoint(Place):
    """A pain point of a step."""

    text: str = ""


@dataclass(frozen=True)
class OpportunityUse(Place):
    """An opportunity of a step."""

    opportunity: Opportunity = None  # type: ignore[assignment]

    @property
    def quadrant(self) -> str | None:
        """"Quick wins" and the other corners of the impact × effort matrix, else None."""
        return QUADRANTS.get((self.opportunity.impact, self.opportunity.effort))  # type: ignore[arg-type]

    @property
    def rated(self) -> bool:
        """True when both impact and effort are given."""
        return self.opportunity.impact is not None and self.opportunity.effort is not None

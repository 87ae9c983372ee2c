"""The figures of the overview page: the portfolio in numbers, where customers suffer, what to do first.

Everything here is read from figures worked out elsewhere (the portfolio, the ideas, the
hand-off flow, the review states); this module only picks and orders. "Today's maps" are
the maps of the journey as customers live it now (:data:`~journeymaps.model.types.AS_IS_TYPES`);
the emotion figures use them only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from journeymaps.figures.analysis import Tally, steps
from journeymaps.figures.flows import Flow, NodeDrops, drops_by_node
from journeymaps.figures.ideas import Idea
from journeymaps.figures.places import PainPoint, Place
from journeymaps.figures.reviews import ReviewState
from journeymaps.model.corpus import JourneyEntry
from journeymaps.model.types import AS_IS_TYPES, MAP_TYPE_NAMES, STATUSES

#: How many of the lowest steps, departments, changes and reviews the overview lists.
LOWEST, DEPARTMENTS, RECENT, DUE = 10, 5, 5, 5


@dataclass(frozen=True)
class Headline:
    """The portfolio in numbers."""

    maps: int
    by_type: tuple[tuple[str, int], ...]  # (type, maps) in the order of MAP_TYPE_NAMES, types with maps only
    by_status: tuple[tuple[str, int], ...]  # (status, maps) in the order of STATUSES, statuses with maps only
    personas: int  # published persona files
    touchpoints: int  # in every published map
    today_touchpoints: int  # in today's maps
    today_maps: int
    emotion: Tally  # every step of today's maps


@dataclass(frozen=True)
class LowStep:
    """One of the lowest-rated steps of today's maps, with its pain points."""

    place: Place
    pains: tuple[PainPoint, ...]


@dataclass(frozen=True)
class Change:
    """A map and the date its file last changed in git."""

    entry: JourneyEntry
    date: dt.datetime
    author: str


@dataclass(frozen=True)
class Due:
    """A map that needs a review, or will soon."""

    entry: JourneyEntry
    review: ReviewState


def headline(journeys: Mapping[str, JourneyEntry], personas: int, touchpoints: int) -> Headline:
    """Maps by type and status, personas, touchpoints and the average emotion of today's maps."""
    types = Counter(e.journey.type for e in journeys.values())
    statuses = Counter(e.journey.status for e in journeys.values())
    today = [e for e in journeys.values() if e.journey.type in AS_IS_TYPES]
    emotion = Tally()
    for entry in today:
        for view in steps(entry.journey):
            emotion.add(view.step.emotion)
    return Headline(
        maps=len(journeys),
        by_type=tuple((t, types[t]) for t in MAP_TYPE_NAMES if types[t]),
        by_status=tuple((s, statuses[s]) for s in STATUSES if statuses[s]),
        personas=personas,
        touchpoints=touchpoints,
        today_touchpoints=sum(len(v.step.touchpoints) for e in today for v in steps(e.journey)),
        today_maps=len(today),
        emotion=emotion,
    )


def lowest_steps(journeys: Mapping[str, JourneyEntry], stage_order: Mapping[str, int], below: float,
                 limit: int = LOWEST) -> list[LowStep]:
    """The ``limit`` lowest-rated steps of today's maps that score ``below`` (the scale's neutral score).

    Lowest score first, then map and step order. Only steps below neutral: a step the customer rates
    neutral or better is not where they feel worst, however few steps a portfolio has.
    """
    rated = [
        Place(entry, view)
        for entry in journeys.values() if entry.journey.type in AS_IS_TYPES
        for view in steps(entry.journey) if view.step.emotion is not None and view.step.emotion < below
    ]
    rated.sort(key=lambda p: (p.emotion, p.entry.id, stage_order.get(p.stage, 0), p.view.number))
    return [LowStep(p, tuple(PainPoint(p.entry, p.view, text=t) for t in p.view.step.pain_points))
            for p in rated[:limit]]


def quick_wins(ideas: Iterable[Idea]) -> list[Idea]:
    """The ideas rated high impact and low effort, in the order of the opportunities page."""
    return [idea for idea in ideas if idea.quick_win]


def departments_by_drops(flow: Flow, limit: int = DEPARTMENTS) -> list[NodeDrops]:
    """The departments with the most hand-offs where emotion drops (only those with at least one)."""
    return [n for n in drops_by_node(flow) if n.drops][:limit]


def recent_changes(journeys: Iterable[JourneyEntry], last: Callable[[JourneyEntry], tuple[dt.datetime, str] | None],
                   limit: int = RECENT) -> list[Change]:
    """The maps whose files changed last in git, newest first; ``last`` gives a map's last commit and author."""
    found = [Change(entry, *when) for entry in journeys if (when := last(entry)) is not None]
    found.sort(key=lambda c: (-c.date.timestamp(), c.entry.journey.title.casefold(), c.entry.id))
    return found[:limit]


def due_reviews(journeys: Iterable[JourneyEntry], review: Callable[[JourneyEntry], ReviewState],
                limit: int | None = DUE) -> list[Due]:
    """Maps overdue (longest first), never reviewed, then due soon (soonest first); drafts are never due."""
    rank = {"overdue": 0, "never": 1, "soon": 2}
    found = [Due(entry, state) for entry in journeys if (state := review(entry)).state in rank]
    found.sort(key=lambda d: (rank[d.review.state], -d.review.days if d.review.state == "overdue" else d.review.days,
                              d.entry.journey.title.casefold(), d.entry.id))
    return found if limit is None else found[:limit]

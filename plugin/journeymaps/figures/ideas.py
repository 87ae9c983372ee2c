"""Ideas: the opportunities of the published maps, one that a future map repeats from its baseline counted once.

A future map is often written by copying its baseline and improving it, so the same
idea appears twice: "Fit finder that compares with a shoe the customer already owns"
today, "Fit finder: compare with 400 models from 20 brands using last data" in the
future. Listed twice, it reads as two ideas. A future map's opportunity **repeats** one
of its baseline's when, their titles compared as address slugs (case and punctuation
aside), they are the same, or one title begins with the name the other gives before a
colon ("Fit finder: ..." repeats "Fit finder that ..."). Each baseline opportunity is
repeated at most once, in map order. Opportunities of a future map without a published
baseline are never merged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from journeymaps.figures.places import QUADRANTS, OpportunityUse
from journeymaps.model.addresses import slugify
from journeymaps.model.corpus import JourneyEntry
from journeymaps.model.types import AS_IS_TYPES

_IMPACT = {"high": 0, "medium": 1, "low": 2}
_EFFORT = {"low": 0, "medium": 1, "high": 2}


@dataclass(frozen=True)
class Idea:
    """One idea: an opportunity of one map, or of a baseline and the future map that repeats it."""

    uses: tuple[OpportunityUse, ...]  # today's use first (the baseline's), then the future map's

    @cached_property  # read for every sort, filter and row
    def main(self) -> OpportunityUse:
        """The use whose title and rating the idea goes by: the future map's when it is rated, else the first rated."""
        rated = [u for u in self.uses if u.rated]
        return rated[-1] if rated else self.uses[-1]

    @property
    def title(self) -> str:
        """The idea's title (its main use's)."""
        return self.main.opportunity.title

    @property
    def impact(self) -> str | None:
        """The idea's impact."""
        return self.main.opportunity.impact

    @property
    def effort(self) -> str | None:
        """The idea's effort."""
        return self.main.opportunity.effort

    @property
    def owner(self) -> str | None:
        """The department that would own it (the main use's, else any use's)."""
        return self.main.opportunity.owner or next((u.opportunity.owner for u in self.uses if u.opportunity.owner),
                                                   None)

    @property
    def rated(self) -> bool:
        """True when the idea has both an impact and an effort."""
        return self.main.rated

    @property
    def quadrant(self) -> str | None:
        """"Quick wins" and the other corners of the impact × effort grid, else None."""
        return QUADRANTS.get((self.impact, self.effort))  # type: ignore[arg-type]

    @property
    def today(self) -> OpportunityUse | None:
        """The use in a map of the journey as it is today (current, blueprint, day in the life), if any."""
        return next((u for u in self.uses if u.entry.journey.type in AS_IS_TYPES), None)

    @property
    def future(self) -> OpportunityUse | None:
        """The use in a future map, if any."""
        return next((u for u in self.uses if u.entry.journey.type == "future"), None)

    @property
    def merged(self) -> bool:
        """True when a future map repeats the idea from its baseline."""
        return len(self.uses) > 1

    @property
    def quick_win(self) -> bool:
        """High impact and low effort."""
        return self.impact == "high" and self.effort == "low"


def _words(title: str) -> str:
    return slugify(title)


def _name(title: str) -> str | None:
    """The name a title gives before a colon ("Fit finder: compare..." -> "fit-finder"), if it has one."""
    head, colon, _ = title.partition(":")
    return (slugify(head) or None) if colon else None


def repeats(a: str, b: str) -> bool:
    """Whether two opportunity titles name the same idea (see the module's rule)."""
    wa, wb = _words(a), _words(b)
    if wa == wb:
        return True
    return any(name is not None and (other == name or other.startswith(name + "-"))
               for name, other in ((_name(a), wb), (_name(b), wa)))


def idea_key(idea: Idea, stage_order: Mapping[str, int]) -> tuple:
    """Quick wins first: by impact (high first), then effort (low first), unrated last; then map order."""
    main = idea.main
    return (_IMPACT.get(idea.impact or "", 3), _EFFORT.get(idea.effort or "", 3), main.entry.id,
            stage_order.get(main.stage, 0), main.view.number)


def ideas(opportunities: Iterable[OpportunityUse], journeys: Mapping[str, JourneyEntry],
          stage_order: Mapping[str, int]) -> list[Idea]:
    """The ideas of ``opportunities`` (every opportunity of the published ``journeys``), quick wins first."""
    items = list(opportunities)
    by_map: dict[str, list[OpportunityUse]] = {}
    for use in sorted(items, key=lambda u: (u.entry.id, stage_order.get(u.stage, 0), u.view.number)):
        by_map.setdefault(use.entry.id, []).append(use)
    partner: dict[int, OpportunityUse] = {}  # id() of a baseline use -> the future use that repeats it
    repeated: set[int] = set()  # id() of the future uses merged into a baseline's idea
    for jid, uses in by_map.items():
        baseline = journeys[jid].journey.baseline if jid in journeys else None
        if journeys[jid].journey.type != "future" or not baseline or baseline not in journeys:
            continue
        for future in uses:
            for old in by_map.get(baseline, []):
                if id(old) not in partner and repeats(old.opportunity.title, future.opportunity.title):
                    partner[id(old)] = future
                    repeated.add(id(future))
                    break
    found = []
    for use in items:
        if id(use) in repeated:
            continue
        twin = partner.get(id(use))
        found.append(Idea((use, twin) if twin is not None else (use,)))
    found.sort(key=lambda idea: idea_key(idea, stage_order))
    return found

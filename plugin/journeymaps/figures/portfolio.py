"""Figures across the published maps, worked out once per build in one pass.

The comparison, channel, department, touchpoint, opportunity and hand-off
pages, the journey pages' hand-off markers and baseline comparisons, and
``journeys.json`` all read a :class:`Portfolio`; templates only render it.
Building it walks every step and touchpoint once, so its cost is linear in the
size of the portfolio.

Persona comparisons use the as-is maps (:data:`~journeymaps.model.types.AS_IS_TYPES`);
a ``future`` map is compared with its baseline instead. Averages are over the
steps that have an emotion.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from journeymaps.figures.analysis import Tally, steps
from journeymaps.figures.futures import FutureComparison, compare_future
from journeymaps.figures.handoffs import DepartmentPair, Handoff, handoff_changes
from journeymaps.figures.places import OpportunityUse, PainPoint, Place, TouchpointUse
from journeymaps.model import addresses
from journeymaps.model.corpus import JourneyEntry, PersonaEntry
from journeymaps.model.types import AS_IS_TYPES, Vocabulary

# Opportunities are listed by impact (high first), then effort (low first); unrated last.
_IMPACT = {"high": 0, "medium": 1, "low": 2}
_EFFORT = {"low": 0, "medium": 1, "high": 2}


@dataclass(frozen=True)
class StageMap:
    """The steps of one as-is map in one stage."""

    entry: JourneyEntry
    phase_name: str | None
    places: tuple[Place, ...]


@dataclass
class Group:
    """Touchpoints of one channel or one department, with the figures of their steps."""

    touchpoints: list[TouchpointUse] = field(default_factory=list)
    emotion: Tally = field(default_factory=Tally)  # distinct as-is steps with such a touchpoint
    journeys: set[str] = field(default_factory=set)
    personas: set[str] = field(default_factory=set)


@dataclass
class Portfolio:
    """Every cross-map figure of one build."""

    stages: list[str]
    channels: list[str]
    departments: list[str]
    personas: list[str]  # rows of the comparisons: persona files, then ids only maps name
    touchpoints: list[TouchpointUse] = field(default_factory=list)
    heatmap: dict[tuple[str, str], Tally] = field(default_factory=dict)  # (persona, stage), as-is maps
    persona_totals: dict[str, Tally] = field(default_factory=dict)
    channel_counts: Counter = field(default_factory=Counter)  # (persona, channel) -> touchpoints, as-is maps
    stage_maps: dict[str, dict[str, list[StageMap]]] = field(default_factory=dict)  # stage -> persona -> maps
    stage_pains: dict[tuple[str, str], list[PainPoint]] = field(default_factory=dict)  # (stage, persona), as-is
    stage_touchpoints: dict[tuple[str, str], list[TouchpointUse]] = field(default_factory=dict)  # the same
    scenarios: dict[str, list[JourneyEntry]] = field(default_factory=dict)
    futures: dict[str, FutureComparison] = field(default_factory=dict)  # future id -> comparison
    unbased: list[JourneyEntry] = field(default_factory=list)  # future maps without a published baseline
    handoffs: dict[str, list[Handoff]] = field(default_factory=dict)  # journey id -> hand-offs in map order
    department_pairs: list[DepartmentPair] = field(default_factory=list)  # as-is maps
    by_channel: dict[str, Group] = field(default_factory=dict)
    by_department: dict[str, Group] = field(default_factory=dict)
    department_pains: dict[str, list[PainPoint]] = field(default_factory=dict)
    department_opportunities: dict[str, list[OpportunityUse]] = field(default_factory=dict)
    maps_owned: dict[str, list[JourneyEntry]] = field(default_factory=dict)
    opportunities: list[OpportunityUse] = field(default_factory=list)  # quick wins first
    unowned: list[TouchpointUse] = field(default_factory=list)
    anchors: dict[str, str] = field(default_factory=dict)  # journey id -> section anchor on list pages

    def cell(self, persona: str, stage: str) -> Tally:
        """The heatmap cell of a persona and a stage (empty when no as-is map covers it)."""
        return self.heatmap.get((persona, stage)) or Tally()

    def worst_stage(self, persona: str) -> tuple[str, float] | None:
        """The persona's stage with the lowest average emotion (the earliest one on a tie)."""
        rated = [(s, self.heatmap[(persona, s)].average) for s in self.stages
                 if (persona, s) in self.heatmap and self.heatmap[(persona, s)].rated]
        return min(rated, key=lambda item: item[1]) if rated else None  # type: ignore[return-value]

    def incoming(self, journey_id: str) -> dict[str, Handoff]:
        """The hand-offs of a map by the anchor of the touchpoint they lead to."""
        return {h.target.anchor: h for h in self.handoffs.get(journey_id, [])}

    def department_handoffs(self, department: str) -> list[DepartmentPair]:
        """The department pairs that involve a department."""
        return [p for p in self.department_pairs if department in (p.source, p.target)]


def build(
    vocabulary: Vocabulary, personas: Mapping[str, PersonaEntry], journeys: Mapping[str, JourneyEntry]
) -> Portfolio:
    """Every cross-map figure of the published ``journeys`` (one pass over their steps)."""
    stage_order = vocabulary.stage_order()
    persona_ids = sorted(personas)
    persona_ids += sorted({e.journey.persona for e in journeys.values()} - set(personas))
    result = Portfolio(
        stages=[t.id for t in vocabulary.stages],
        channels=[t.id for t in vocabulary.channels],
        departments=[t.id for t in vocabulary.departments],
        personas=persona_ids,
    )
    result.by_channel = {c: Group() for c in result.channels}
    result.by_department = {d: Group() for d in result.departments}
    result.department_pains = {d: [] for d in result.departments}
    result.department_opportunities = {d: [] for d in result.departments}
    result.maps_owned = {d: [] for d in result.departments}
    result.stage_maps = {s: defaultdict(list) for s in result.stages}
    pairs: Counter = Counter()
    drops: Counter = Counter()
    counted: dict[str, set] = defaultdict(set)  # group key -> step keys already in its emotion tally
    taken: set[str] = set()  # section anchors given so far

    for jid, entry in sorted(journeys.items()):
        j = entry.journey
        result.anchors[jid] = _unique(addresses.map_anchor(jid), taken)
        as_is = j.type in AS_IS_TYPES
        if j.scenario:
            result.scenarios.setdefault(j.scenario, []).append(entry)
        if j.owner and j.owner in result.maps_owned:
            result.maps_owned[j.owner].append(entry)
        previous: TouchpointUse | None = None
        found: list[Handoff] = []
        stage_places: dict[int, list[Place]] = defaultdict(list)
        for view in steps(j):
            place = Place(entry, view)
            if as_is:
                result.heatmap.setdefault((j.persona, view.phase.stage), Tally()).add(view.step.emotion)
                result.persona_totals.setdefault(j.persona, Tally()).add(view.step.emotion)
                stage_places[view.phase_index].append(place)
            pains = [PainPoint(entry, view, text=text) for text in view.step.pain_points]
            if as_is and pains:
                result.stage_pains.setdefault((view.phase.stage, j.persona), []).extend(pains)
            step_departments: set[str] = set()
            for touchpoint in view.step.touchpoints:
                use = TouchpointUse(entry, view, touchpoint=touchpoint, position=len(result.touchpoints))
                result.touchpoints.append(use)
                if previous is not None:
                    changes = handoff_changes(previous.touchpoint, touchpoint)
                    if changes:
                        handoff = Handoff(previous, use, changes)
                        found.append(handoff)
                        if as_is:
                            pairs[handoff.departments] += 1
                            drops[handoff.departments] += handoff.drop
                previous = use
                if as_is:
                    result.channel_counts[(j.persona, touchpoint.channel)] += 1
                    result.stage_touchpoints.setdefault((view.phase.stage, j.persona), []).append(use)
                step_key = (jid, view.phase_index, view.number)
                groups = [("c:" + touchpoint.channel, result.by_channel.get(touchpoint.channel))]
                if touchpoint.department:
                    step_departments.add(touchpoint.department)
                    groups.append(("d:" + touchpoint.department, result.by_department.get(touchpoint.department)))
                else:
                    result.unowned.append(use)
                for key, group in groups:
                    if group is None:
                        continue
                    group.touchpoints.append(use)
                    group.journeys.add(jid)
                    group.personas.add(j.persona)
                    if as_is and step_key not in counted[key]:
                        counted[key].add(step_key)
                        group.emotion.add(view.step.emotion)
            for department in sorted(step_departments):
                if department in result.department_pains:
                    result.department_pains[department].extend(pains)
            for opportunity in view.step.opportunities:
                use_o = OpportunityUse(entry, view, opportunity=opportunity)
                result.opportunities.append(use_o)
                if opportunity.owner in result.department_opportunities:
                    result.department_opportunities[opportunity.owner].append(use_o)
        result.handoffs[jid] = found
        for index, places in stage_places.items():
            phase = j.phases[index]
            result.stage_maps[phase.stage][j.persona].append(StageMap(entry, phase.name, tuple(places)))

    for jid, entry in sorted(journeys.items()):
        baseline_id = entry.journey.baseline
        if entry.journey.type != "future":
            continue
        if baseline_id and baseline_id in journeys:
            result.futures[jid] = compare_future(entry, journeys[baseline_id], stage_order)
        else:
            result.unbased.append(entry)

    rank = {d: i for i, d in enumerate(result.departments)}

    def dept_key(d: str | None) -> int:
        return rank.get(d, len(rank)) if d is not None else len(rank) + 1

    result.department_pairs = sorted(
        (DepartmentPair(a, b, count, drops[(a, b)]) for (a, b), count in pairs.items()),
        key=lambda p: (-p.count, dept_key(p.source), dept_key(p.target)),
    )
    for scenario in result.scenarios.values():
        scenario.sort(key=lambda e: (e.journey.persona, e.journey.title.casefold(), e.id))
    result.scenarios = dict(sorted(result.scenarios.items()))
    result.opportunities.sort(key=lambda o: _opportunity_key(o, stage_order))
    for owned in result.department_opportunities.values():
        owned.sort(key=lambda o: _opportunity_key(o, stage_order))
    result.stage_maps = {s: dict(by_persona) for s, by_persona in result.stage_maps.items()}
    return result


def _opportunity_key(o: OpportunityUse, stage_order: Mapping[str, int]) -> tuple:
    return (_IMPACT.get(o.opportunity.impact or "", 3), _EFFORT.get(o.opportunity.effort or "", 3),
            o.entry.id, stage_order.get(o.stage, 0), o.view.number)  # a stable sort keeps a step's order


def _unique(anchor: str, taken: set[str]) -> str:
    """``anchor``, or ``anchor-2``, ``anchor-3``... when two journey ids give the same slug."""
    candidate, n = anchor, 2
    while candidate in taken:
        candidate, n = f"{anchor}-{n}", n + 1
    taken.add(candidate)
    return candidate

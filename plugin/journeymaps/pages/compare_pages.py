"""``compare/``: personas compared stage by stage, each stage across personas, and the scenarios."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import Any

from markupsafe import Markup, escape

from journeymaps.figures.analysis import Tally, journey_average, phase_average, steps
from journeymaps.figures.places import PainPoint, Place, TouchpointUse
from journeymaps.figures.portfolio import StageMap
from journeymaps.model import addresses
from journeymaps.model.corpus import JourneyEntry
from journeymaps.model.types import AS_IS_TYPES, humanize
from journeymaps.pages import overlay_chart
from journeymaps.pages.across_views import (
    ChannelRow,
    CompareRow,
    CompareView,
    HeatCell,
    ScenarioMap,
    ScenarioPhase,
    ScenariosView,
    ScenarioView,
    StageColumn,
    StageView,
    WorstStage,
)
from journeymaps.pages.format import heat_class
from journeymaps.pages.generated import GeneratedPage
from journeymaps.pages.link_marks import marked, unmark
from journeymaps.pages.portfolio_shared import AS_IS_NAMES, WIDE, PortfolioShared, unapproved
from journeymaps.pages.stage_parts import StageParts
from journeymaps.pages.views import variables


def phases(maps: list[StageMap]) -> list[tuple[str, int]]:
    """(map id, phase index) of the phases of ``maps``, in order (a phase without steps has nothing to add)."""
    return list(dict.fromkeys((m.entry.id, place.view.phase_index) for m in maps for place in m.places))


class ComparePages:
    """Renders the pages under ``compare/``."""

    def __init__(self, shared: PortfolioShared) -> None:
        self.s = shared
        self.ctx = shared.ctx
        self.p = shared.p
        self.stage_parts = StageParts(shared.p)
        self._refs: dict[str, str] = {}  # each map's journey_ref (portfolio/_parts.html), links marked
        self.futures_by_stage: dict[str, list[JourneyEntry]] = defaultdict(list)  # future maps with a phase there
        for entry in self.ctx.journeys.values():
            if entry.journey.type == "future":
                for phase in entry.journey.phases:
                    self.futures_by_stage[phase.stage].append(entry)

    def index(self) -> GeneratedPage:
        """``compare/``: heatmap, worst stage, persona × channel matrix, scenarios, futures."""
        p = self.p
        rows = []
        for pid in p.personas:
            worst = p.worst_stage(pid)
            worst_info = None
            if worst is not None:
                stage, average = worst
                places = [pl for m in p.stage_maps[stage].get(pid, []) for pl in m.places if pl.emotion is not None]
                lowest = min(places, key=lambda pl: pl.emotion) if places else None
                worst_info = WorstStage(stage=stage, average=average, tally=p.cell(pid, stage), lowest=lowest)
            rows.append(CompareRow(id=pid, cells=[HeatCell(stage=s, tally=p.cell(pid, s)) for s in p.stages],
                                   total=p.persona_totals.get(pid) or Tally(), worst=worst_info))
        channel_rows = [
            ChannelRow(id=pid, counts=[p.channel_counts[(pid, c)] for c in p.channels],
                       total=sum(p.channel_counts[(pid, c)] for c in p.channels))
            for pid in p.personas
        ]
        as_is = [e for e in self.ctx.journeys.values() if e.journey.type in AS_IS_TYPES]
        flags = unapproved(as_is)
        scale = self.s.scale
        return self.s.page(addresses.COMPARE, "Compare personas", "compare/index.html", "compare", CompareView(
            rows=rows, stages=p.stages, channels=p.channels, channel_rows=channel_rows,
            unapproved={pid: flag for pid in p.personas if (flag := flags.get(pid))},
            persona_name=self.ctx.persona_name,
            channel_totals=[sum(p.channel_counts[(pid, c)] for pid in p.personas) for c in p.channels],
            maps=len(as_is), as_is_names=AS_IS_NAMES,
            stage_counts={s: len(p.stage_maps[s]) for s in p.stages},
            legend=[(float(v), heat_class(v, scale)) for v in range(scale.min, scale.max + 1)],
            scenarios=p.scenarios, futures=list(p.futures.values()), unbased=p.unbased,
            column_url=self.stage_parts.column_url,
        ))

    def stage_pages(self, stage: str) -> list[GeneratedPage]:
        """``compare/<stage>/``: one stage across personas, side by side, in parts of a bounded number of steps.

        The first part has the summary of every persona; each part has the
        columns of the personas whose maps it holds (see ``stage_parts``).
        """
        p = self.p
        by_persona = p.stage_maps[stage]
        summary = [
            StageColumn(id=pid, name=self.ctx.persona_name(pid), maps=by_persona[pid], tally=p.cell(pid, stage),
                        touchpoints=p.stage_touchpoints.get((stage, pid), []),
                        pains=p.stage_pains.get((stage, pid), []),
                        url=self.stage_parts.column_url(stage, pid), continued=False, items=Markup())
            for pid in p.personas if pid in by_persona
        ]
        # the touchpoints and pain points of each phase in the stage (a map may have two), for the parts' columns
        touchpoints: dict[tuple[str, int], list[TouchpointUse]] = defaultdict(list)
        pains: dict[tuple[str, int], list[PainPoint]] = defaultdict(list)
        for column in summary:
            for use in column.touchpoints:
                touchpoints[(use.entry.id, use.view.phase_index)].append(use)
            for pain in column.pains:
                pains[(pain.entry.id, pain.view.phase_index)].append(pain)
        stage_ids = self.s.stage_ids
        index = self.s.stage_order[stage]
        term = self.ctx.terms["stages"][stage]
        pages, seen = [], set()
        for part in self.stage_parts.parts(stage):
            maps: dict[str, list[StageMap]] = defaultdict(list)
            for stage_map in part.rows:
                maps[stage_map.entry.journey.persona].append(stage_map)
            columns = [
                StageColumn(id=pid, name=self.ctx.persona_name(pid), maps=found, tally=p.cell(pid, stage),
                            touchpoints=[t for key in phases(found) for t in touchpoints[key]],
                            pains=[pain for key in phases(found) for pain in pains[key]],
                            url=self.stage_parts.column_url(stage, pid), continued=pid in seen,
                            items=self.map_items(part.url, found))
                for pid, found in maps.items()
            ]
            seen.update(maps)
            title = f"{term.label} across personas"
            if part.number > 1:
                title += f" (part {part.number} of {part.count})"
            view = StageView(
                stage=stage, description=term.description, summary=summary, columns=columns, part=part,
                missing=[pid for pid in p.personas if pid not in by_persona],
                futures=self.futures_by_stage.get(stage, []),
                previous=stage_ids[index - 1] if index else None,
                next=stage_ids[index + 1] if index + 1 < len(stage_ids) else None,
            )
            body = self.s.render("compare/stage.html", part.url, view)
            # the rows are left out of the search (the journey pages have them); the later parts have nothing else
            pages.append(GeneratedPage.virtual(part.url, title, body, "compare-stage", WIDE,
                                               search="full" if part.number == 1 else "none"))
        return pages

    @cached_property
    def parts_macros(self) -> Any:
        """The macros of ``portfolio/_parts.html`` (a site's own too), with the shared fields, writing marked links."""
        return self.ctx.env.get_template("portfolio/_parts.html").make_module(
            {**variables(self.s.view), "link": marked, "term": self.ctx.term, "page_url": ""})

    def map_items(self, url: str, maps: list[StageMap]) -> Markup:
        """The ``<li>`` of each map of a column: its name, badges and phase (a map is on every stage it has)."""
        out = []
        for stage_map in maps:
            ref = self._refs.get(stage_map.entry.id)
            if ref is None:
                ref = self._refs[stage_map.entry.id] = str(self.parts_macros.journey_ref(stage_map.entry))
            phase = f' <span class="jm-muted">({escape(stage_map.phase_name)})</span>' if stage_map.phase_name else ""
            out.append(f"<li>{ref}{phase}</li>")
        return unmark(url, "".join(out))

    def scenario_page(self, scenario: str) -> GeneratedPage:
        """``compare/scenarios/<scenario>/``: the maps of a scenario phase by phase, curves overlaid."""
        order = self.s.stage_order
        maps = []
        for k, entry in enumerate(self.p.scenarios[scenario]):
            places: dict[int, list[Place]] = defaultdict(list)
            for view in steps(entry.journey):
                places[view.phase_index].append(Place(entry, view))
            phases = {
                phase.stage: ScenarioPhase(name=phase.name or self.ctx.term("stages", phase.stage),
                                           average=phase_average(phase), places=places[i])
                for i, phase in enumerate(entry.journey.phases)
            }
            maps.append(ScenarioMap(entry=entry, phases=phases, average=journey_average(entry.journey),
                                    swatch=overlay_chart.series_swatch(k)))
        stages = sorted({s for m in maps for s in m.phases}, key=lambda s: order.get(s, len(order)))
        series = [
            (f"{m.entry.journey.title} ({self.ctx.persona_name(m.entry.journey.persona)})",
             [m.phases[s].average if s in m.phases else None for s in stages])
            for m in maps
        ]
        chart = overlay_chart.overlay([self.ctx.term("stages", s) for s in stages], series, self.s.scale,
                               f"Emotion by stage of the maps of the scenario {humanize(scenario)}")
        return self.s.page(
            addresses.scenario_url(scenario), f"Scenario: {humanize(scenario)}", "compare/scenario.html",
            "compare-scenario", ScenarioView(scenario=scenario, maps=maps, stages=stages, chart=chart,
                                             has_index=self.s.has_scenarios_index), hide=WIDE,
        )

    def scenarios_page(self) -> GeneratedPage:
        """``compare/scenarios/``: the list of scenarios."""
        return self.s.page(addresses.SCENARIOS_INDEX, "Scenarios", "compare/scenarios.html", "scenarios-index",
                           ScenariosView(scenarios=self.p.scenarios))

    def pages(self) -> list[GeneratedPage]:
        """Every page under ``compare/``."""
        found = [self.index(), *(page for s in self.s.stage_ids for page in self.stage_pages(s))]
        if self.s.has_scenarios_index:
            found.append(self.scenarios_page())
        found += [self.scenario_page(s) for s in self.p.scenarios]
        return found

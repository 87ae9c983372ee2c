"""The pages across maps (compare, channels, departments, touchpoints, opportunities, gaps) and the exports.

They read the :class:`~journeymaps.portfolio.Portfolio` that the
:class:`~journeymaps.pages.PageBuilder` works out once per build; this module
only arranges its figures for the templates under ``templates/compare/`` and
``templates/portfolio/``. No MkDocs here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from journeymaps.model import addresses
from journeymaps.site import charts
from journeymaps.site import exports
from journeymaps.figures.analysis import journey_average, neutral, phase_average, steps
from journeymaps.model.corpus import JourneyEntry
from journeymaps.site.generated import VIRTUAL, GeneratedPage, front_matter
from journeymaps.model.types import AS_IS_TYPES, MAP_TYPE_NAMES, STATUSES, humanize
from journeymaps.site.format import heat_class
from journeymaps.figures.portfolio import LEVELS, QUADRANTS, FutureComparison, Place, Tally
from journeymaps.site.tablerows import TableRows
from journeymaps.wording import plural

if TYPE_CHECKING:
    from journeymaps.site.pages import PageBuilder


NO_SCORE = Markup('<span class="jm-muted" title="no score">—</span>')
#: Side-by-side tables need the page's full width, as journey maps do.
WIDE = ("navigation", "toc")
_NAMES = [MAP_TYPE_NAMES[t].lower() for t in AS_IS_TYPES]
#: The map types compared across personas, in words: "current state, service blueprint and day in the life maps".
AS_IS_NAMES = ", ".join(_NAMES[:-1]) + " and " + _NAMES[-1] + " maps"


#: How a status reads after "1 draft of 3 maps" and the like.
STATUS_WORDS = {"draft": "draft", "review": "in review", "archived": "archived"}


def unapproved(entries: Iterable[JourneyEntry]) -> dict[str, dict]:
    """Personas some of whose ``entries`` are not approved: their statuses and a note such as "1 draft of 2 maps".

    The heatmap's rows pool a persona's maps; a reader should not take a draft's numbers for signed-off ones.
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    for entry in entries:
        counts[entry.journey.persona][entry.journey.status] += 1
    found = {}
    for pid, by_status in counts.items():
        others = [s for s in STATUSES if s != "approved" and by_status[s]]
        if others:
            words = " and ".join(f"{by_status[s]} {STATUS_WORDS[s]}" for s in others)
            found[pid] = {"statuses": others, "note": f"{words} of {plural(by_status.total(), 'map')}"}
    return found


def page_src(url: str) -> str:
    """The virtual source path of a generated page at ``url`` (also its path for ``nav:``)."""
    return f"{VIRTUAL}/{url}index.md"


class PortfolioPages:
    """Renders the pages across maps of one :class:`PageBuilder`."""

    def __init__(self, builder: PageBuilder):
        self.b = builder
        self.p = builder.portfolio
        self.scale = builder.vocabulary.emotion_scale
        self.stage_order = builder.vocabulary.stage_order()
        self.stage_ids = list(self.stage_order)
        # `compare/scenarios/` is also the address of a stage called "scenarios"; the stage wins.
        self.scenarios_index = "scenarios" not in self.stage_ids
        self.charts = {fid: self._future_chart(fc) for fid, fc in self.p.futures.items()}
        # The score badge of each value of the scale, made once: the tables show one per row.
        macros = builder.env.get_template("_macros.html").module
        self.badges = {v: Markup(macros.score_badge(v, self.scale))  # type: ignore[attr-defined]
                       for v in range(self.scale.min, self.scale.max + 1)}
        # The status badge of the journeys list, for every table row that names a map.
        self.status_badges = {s: Markup(macros.status_badge(s)) for s in STATUSES}  # type: ignore[attr-defined]
        self.rows = TableRows(self)
        self.futures_by_stage: dict[str, list] = defaultdict(list)  # future maps with a phase in each stage
        for entry in builder.journeys.values():
            if entry.journey.type == "future":
                for phase in entry.journey.phases:
                    self.futures_by_stage[phase.stage].append(entry)

    # --- shared ------------------------------------------------------------------

    def _context(self) -> dict:
        return {
            "portfolio": self.p,
            "personas": self.b.personas,
            "scale": self.scale,
            "heat": lambda value: heat_class(value, self.scale),
            "neutral": neutral(self.scale),
            "stage_rank": self.stage_order,
            "level_rank": {level: i for i, level in enumerate(LEVELS)},
            "charts": self.charts,
            "badge": self.badge,
            "table_rows": self.rows,
        }

    def _page(self, url: str, title: str, template: str, kind: str, hide: tuple[str, ...] = (),
              **context: object) -> GeneratedPage:
        """A page; ``hide`` names Material's sidebars to leave out, for tables that need the width."""
        body = self.b._render(template, url, **self._context(), **context)
        meta = {"hide": list(hide)} if hide else {}
        return GeneratedPage.of(page_src(url), url, title, [front_matter(title, **meta), body], kind)

    def badge(self, value: int | None) -> Markup:
        """The score badge of a step's emotion, or a dash for no score."""
        return self.badges[value] if value is not None else NO_SCORE

    def persona_name(self, pid: str) -> str:
        """The persona's name, or its id when its file is not published."""
        entry = self.b.personas.get(pid)
        return entry.persona.name if entry else pid

    def _future_chart(self, fc: FutureComparison) -> Markup:
        columns = [self.b.term("stages", s.stage) for s in fc.stages]
        series = [
            (f"Today: {fc.baseline.journey.title}", [s.baseline for s in fc.stages]),
            (f"Future: {fc.future.journey.title}", [s.future for s in fc.stages]),
        ]
        return charts.overlay(columns, series, self.scale,
                              f"Emotion by stage of {fc.future.journey.title} and of its baseline")

    def future_section(self, journey_id: str, url: str) -> str:
        """The baseline comparison on a future map's own page ('' when it has none)."""
        fc = self.p.futures.get(journey_id)
        if fc is None:
            return ""
        return self.b._render("compare/future.html", url, **self._context(), f=fc, on_journey_page=True)

    # --- compare/ ------------------------------------------------------------------

    def compare_index(self) -> GeneratedPage:
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
                worst_info = {"stage": stage, "average": average, "tally": p.cell(pid, stage), "lowest": lowest}
            rows.append({
                "id": pid,
                "cells": [{"stage": s, "tally": p.cell(pid, s)} for s in p.stages],
                "total": p.persona_totals.get(pid) or Tally(),
                "worst": worst_info,
            })
        channel_rows = [
            {"id": pid, "counts": [p.channel_counts[(pid, c)] for c in p.channels],
             "total": sum(p.channel_counts[(pid, c)] for c in p.channels)}
            for pid in p.personas
        ]
        as_is = [e for e in self.b.journeys.values() if e.journey.type in AS_IS_TYPES]
        flags = unapproved(as_is)
        return self._page(
            addresses.COMPARE, "Compare personas", "compare/index.html", "compare",
            rows=rows, stages=p.stages, channels=p.channels, channel_rows=channel_rows,
            unapproved={pid: flag for pid in p.personas if (flag := flags.get(pid))}, persona_name=self.persona_name,
            channel_totals=[sum(p.channel_counts[(pid, c)] for pid in p.personas) for c in p.channels],
            maps=len(as_is), as_is_names=AS_IS_NAMES,
            stage_counts={s: len(p.stage_maps[s]) for s in p.stages},
            legend=[(float(v), heat_class(v, self.scale)) for v in range(self.scale.min, self.scale.max + 1)],
            scenarios=p.scenarios, futures=list(p.futures.values()), unbased=p.unbased,
        )

    def stage_page(self, stage: str) -> GeneratedPage:
        """``compare/<stage>/``: one stage across personas, side by side."""
        p = self.p
        by_persona = p.stage_maps[stage]
        columns = [
            {"id": pid, "name": self.persona_name(pid), "maps": by_persona[pid], "tally": p.cell(pid, stage),
             "touchpoints": p.stage_touchpoints.get((stage, pid), []), "pains": p.stage_pains.get((stage, pid), [])}
            for pid in p.personas if pid in by_persona
        ]
        index = self.stage_ids.index(stage)
        term = self.b.terms["stages"][stage]
        return self._page(
            addresses.stage_compare_url(stage), f"{term.label} across personas", "compare/stage.html",
            "compare-stage", hide=WIDE, stage=stage, description=term.description, columns=columns,
            missing=[pid for pid in p.personas if pid not in by_persona],
            futures=self.futures_by_stage.get(stage, []),
            previous=self.stage_ids[index - 1] if index else None,
            next=self.stage_ids[index + 1] if index + 1 < len(self.stage_ids) else None,
        )

    def scenario_page(self, scenario: str) -> GeneratedPage:
        """``compare/scenarios/<scenario>/``: the maps of a scenario phase by phase, curves overlaid."""
        entries = self.p.scenarios[scenario]
        order = self.stage_order
        maps = []
        for k, entry in enumerate(entries):
            phases = {}
            places: dict[int, list[Place]] = defaultdict(list)
            for view in steps(entry.journey):
                places[view.phase_index].append(Place(entry, view))
            for i, phase in enumerate(entry.journey.phases):
                phases[phase.stage] = {"name": phase.name or self.b.term("stages", phase.stage),
                                       "average": phase_average(phase), "places": places[i]}
            maps.append({"entry": entry, "phases": phases, "average": journey_average(entry.journey),
                         "swatch": charts.series_swatch(k)})
        stages = sorted({s for m in maps for s in m["phases"]}, key=lambda s: order.get(s, len(order)))
        series = [
            (f"{m['entry'].journey.title} ({self.persona_name(m['entry'].journey.persona)})",
             [m["phases"][s]["average"] if s in m["phases"] else None for s in stages])
            for m in maps
        ]
        chart = charts.overlay([self.b.term("stages", s) for s in stages], series, self.scale,
                               f"Emotion by stage of the maps of the scenario {humanize(scenario)}")
        return self._page(
            addresses.scenario_url(scenario), f"Scenario: {humanize(scenario)}", "compare/scenario.html",
            "compare-scenario", hide=WIDE, scenario=scenario, maps=maps, stages=stages, chart=chart,
            has_index=self.scenarios_index,
        )

    def scenarios_page(self) -> GeneratedPage:
        """``compare/scenarios/``: the list of scenarios."""
        return self._page(addresses.SCENARIOS_INDEX, "Scenarios", "compare/scenarios.html", "scenarios-index",
                          scenarios=self.p.scenarios)

    # --- channels/ and departments/ -----------------------------------------------------

    def channels_index(self) -> GeneratedPage:
        """``channels/``: every channel of the vocabulary with its figures."""
        rows = [{"url": addresses.channel_url(c), "name": self.b.term("channels", c),
                 "description": self.b.terms["channels"][c].description, "group": self.p.by_channel[c], "extra": []}
                for c in self.p.channels]
        return self._page(addresses.CHANNELS_INDEX, "Channels", "portfolio/channels.html", "channels-index",
                          heading="Channels", noun="Channel", rows=rows, extra_columns=[],
                          intro="Every channel of the vocabulary, with the touchpoints of the published maps on it.")

    def channel_page(self, channel: str) -> GeneratedPage:
        """``channels/<id>/``: every touchpoint on one channel."""
        term = self.b.terms["channels"][channel]
        preferred = [pid for pid, e in self.b.personas.items() if channel in e.persona.channels]
        return self._page(addresses.channel_url(channel), term.label, "portfolio/channel.html", "channel",
                          channel=channel, name=term.label, description=term.description,
                          group=self.p.by_channel[channel], preferred=preferred)

    def departments_index(self) -> GeneratedPage:
        """``departments/``: every department of the vocabulary with its figures."""
        p = self.p
        rows = [{"url": addresses.department_url(d), "name": self.b.term("departments", d),
                 "description": self.b.terms["departments"][d].description, "group": p.by_department[d],
                 "extra": [len(p.department_pains[d]), len(p.department_opportunities[d]), len(p.maps_owned[d])]}
                for d in p.departments]
        intro = ("Every department of the vocabulary: the touchpoints it owns, the pain points at them, "
                 "the opportunities it owns and the maps it is responsible for.")
        if not rows:
            intro = "The vocabulary lists no departments. Add them under departments: in journeys/vocabulary.yml."
        return self._page(addresses.DEPARTMENTS_INDEX, "Departments", "portfolio/channels.html",
                          "departments-index", heading="Departments", noun="Department", rows=rows,
                          extra_columns=["Pain points", "Opportunities", "Maps owned"], intro=intro)

    def department_page(self, department: str) -> GeneratedPage:
        """``departments/<id>/``: its touchpoints, the pain points at them, its opportunities and hand-offs."""
        p = self.p
        term = self.b.terms["departments"][department]
        pairs = p.department_handoffs(department)
        return self._page(
            addresses.department_url(department), term.label, "portfolio/department.html", "department",
            department=department, name=term.label, description=term.description,
            group=p.by_department[department], pains=p.department_pains[department],
            opportunities=p.department_opportunities[department], owned=p.maps_owned[department], pairs=pairs,
            handoffs_in=sum(x.count for x in pairs if x.target == department and x.source != department),
            handoffs_out=sum(x.count for x in pairs if x.source == department and x.target != department),
        )

    # --- touchpoints/, opportunities/, gaps/ ---------------------------------------------

    def touchpoints_page(self) -> GeneratedPage:
        """``touchpoints/``: every touchpoint in one table, filtered and sorted in the browser."""
        rows = self.p.touchpoints
        term = self.b.term

        def options(kind: str | None, values: set, none_label: str | None = None) -> list[tuple[str, str]]:
            known = [(v, term(kind, v) if kind else v) for v in values if v != "-"]
            if kind:  # vocabulary order, as everywhere else
                rank = {t: i for i, t in enumerate(self.b.terms[kind])}
                known.sort(key=lambda item: rank.get(item[0], len(rank)))
            return known + ([("-", none_label)] if "-" in values and none_label else [])

        personas = sorted({t.journey.persona for t in rows}, key=lambda pid: self.p.personas.index(pid))
        facets = [
            {"name": "persona", "label": "Persona", "options": [(pid, self.persona_name(pid)) for pid in personas]},
            {"name": "stage", "label": "Stage", "options": options("stages", {t.stage for t in rows})},
            {"name": "channel", "label": "Channel",
             "options": options("channels", {t.touchpoint.channel for t in rows})},
            {"name": "device", "label": "Device",
             "options": options("devices", {t.touchpoint.device or "-" for t in rows}, "Not given")},
            {"name": "department", "label": "Department",
             "options": options("departments", {t.touchpoint.department or "-" for t in rows}, "No department")},
            {"name": "type", "label": "Map type",
             "options": [(k, v) for k, v in MAP_TYPE_NAMES.items() if any(t.journey.type == k for t in rows)]},
        ]
        return self._page(addresses.TOUCHPOINTS, "Touchpoints", "portfolio/touchpoints.html", "touchpoints",
                          hide=("toc",), rows=rows, facets=facets, journeys=len(self.b.journeys))

    def opportunities_page(self) -> GeneratedPage:
        """``opportunities/``: every opportunity and the impact × effort matrix, quick wins first."""
        items = self.p.opportunities
        impacts, efforts = ("high", "medium", "low"), ("low", "medium", "high")
        matrix: dict[tuple[str, str], list] = {(i, e): [] for i in impacts for e in efforts}
        for o in items:
            if o.rated:
                matrix[(o.opportunity.impact, o.opportunity.effort)].append(o)
        return self._page(addresses.OPPORTUNITIES, "Opportunities", "portfolio/opportunities.html", "opportunities",
                          items=items, rated=[o for o in items if o.rated], unrated=[o for o in items if not o.rated],
                          matrix=matrix, impacts=impacts, efforts=efforts, quadrants=QUADRANTS)

    def gaps_page(self) -> GeneratedPage:
        """``gaps/``: hand-offs per map, flagged where emotion drops, and counted per department pair."""
        p = self.p
        maps = [{"entry": e, "anchor": p.anchors[jid], "handoffs": p.handoffs.get(jid, []),
                 "drops": sum(h.drop for h in p.handoffs.get(jid, []))} for jid, e in self.b.journeys.items()]
        rank = {d: i for i, d in enumerate(p.departments)}
        named = {d for pair in p.department_pairs for d in (pair.source, pair.target)}
        pair_departments = sorted(named, key=lambda d: (d is None, rank.get(d, len(rank)) if d else 0))
        return self._page(
            addresses.GAPS, "Gaps and hand-offs", "portfolio/gaps.html", "gaps",
            maps=maps, pairs=p.department_pairs, pair_departments=pair_departments,
            pair_index={(x.source, x.target): x for x in p.department_pairs},
            total=sum(len(m["handoffs"]) for m in maps), total_drops=sum(m["drops"] for m in maps),
            future_count=sum(len(m["handoffs"]) for m in maps if m["entry"].journey.type not in AS_IS_TYPES),
            as_is_names=AS_IS_NAMES,
            unowned=p.unowned,
        )

    # --- the plan ------------------------------------------------------------------

    def pages(self) -> list[GeneratedPage]:
        """Every page across maps."""
        found = [self.compare_index(), *(self.stage_page(s) for s in self.stage_ids)]
        if self.scenarios_index:
            found.append(self.scenarios_page())
        found += [self.scenario_page(s) for s in self.p.scenarios]
        found += [self.channels_index(), *(self.channel_page(c) for c in self.p.channels)]
        found += [self.departments_index(), *(self.department_page(d) for d in self.p.departments)]
        found += [self.touchpoints_page(), self.opportunities_page(), self.gaps_page()]
        return found

    def files(self) -> dict[str, str]:
        """The machine-readable exports, by their path in the site."""
        entries = list(self.b.journeys.values())
        return {
            addresses.JOURNEYS_JSON: exports.journeys_json(self.b.vocabulary, self.b.personas, self.b.journeys, self.p),
            addresses.TOUCHPOINTS_CSV: exports.touchpoints_csv(entries),
        }

    def nav(self) -> list[dict]:
        """Sections "Compare", "Channels" and "Departments", and pages "Touchpoints", "Opportunities", "Hand-offs"."""
        def title(text: str) -> str:
            return str(escape(text))

        stages = [{title(self.b.term("stages", s)): page_src(addresses.stage_compare_url(s))} for s in self.stage_ids]
        scenarios = [{title(humanize(s)): page_src(addresses.scenario_url(s))} for s in self.p.scenarios]
        channels = [{title(self.b.term("channels", c)): page_src(addresses.channel_url(c))} for c in self.p.channels]
        departments = [{title(self.b.term("departments", d)): page_src(addresses.department_url(d))}
                       for d in self.p.departments]
        if self.b.compact:  # a large site: each section's first page lists its pages (see PageBuilder.nav)
            stages, channels, departments = [], [], []
            if self.scenarios_index:
                scenarios = []
        compare: list = [page_src(addresses.COMPARE), *stages]
        if scenarios or (self.scenarios_index and not self.b.compact):
            index = [page_src(addresses.SCENARIOS_INDEX)] if self.scenarios_index else []
            compare.append({"Scenarios": _section(index + scenarios)})
        return [
            {"Compare": _section(compare)},
            {"Channels": _section([page_src(addresses.CHANNELS_INDEX), *channels])},
            {"Departments": _section([page_src(addresses.DEPARTMENTS_INDEX), *departments])},
            {"Touchpoints": page_src(addresses.TOUCHPOINTS)},
            {"Opportunities": page_src(addresses.OPPORTUNITIES)},
            {"Hand-offs": page_src(addresses.GAPS)},
        ]


def _section(items: list) -> list | str:
    """A section of the navigation; a section of one page is that page (the compact navigation of a large site)."""
    return items[0] if len(items) == 1 and isinstance(items[0], str) else items

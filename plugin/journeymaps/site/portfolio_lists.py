"""``touchpoints/``, ``opportunities/`` and ``gaps/``: every touchpoint, opportunity and hand-off of the portfolio."""

from __future__ import annotations

from journeymaps.figures.places import QUADRANTS, OpportunityUse
from journeymaps.model import addresses
from journeymaps.model.types import AS_IS_TYPES, MAP_TYPE_NAMES
from journeymaps.site.across_views import Facet, GapsMap, GapsView, OpportunitiesView, TouchpointsView
from journeymaps.site.generated import GeneratedPage
from journeymaps.site.portfolio_shared import AS_IS_NAMES, PortfolioShared

#: The rows and columns of the opportunities' matrix: high impact first, low effort first.
IMPACTS, EFFORTS = ("high", "medium", "low"), ("low", "medium", "high")


class PortfolioLists:
    """Renders the pages that list every touchpoint, opportunity and hand-off."""

    def __init__(self, shared: PortfolioShared) -> None:
        self.s = shared
        self.ctx = shared.ctx
        self.p = shared.p

    def _options(self, kind: str | None, values: set[str], none_label: str | None = None) -> list[tuple[str, str]]:
        """A filter's options: (value, label) in vocabulary order, "-" (none given) last."""
        term = self.ctx.term
        known = [(v, term(kind, v) if kind else v) for v in values if v != "-"]
        if kind:  # vocabulary order, as everywhere else
            rank = {t: i for i, t in enumerate(self.ctx.terms[kind])}
            known.sort(key=lambda item: rank.get(item[0], len(rank)))
        return known + ([("-", none_label)] if "-" in values and none_label else [])

    def touchpoints_page(self) -> GeneratedPage:
        """``touchpoints/``: every touchpoint in one table, filtered and sorted in the browser."""
        rows = self.p.touchpoints
        options = self._options
        personas = sorted({t.journey.persona for t in rows}, key=lambda pid: self.p.personas.index(pid))
        facets = [
            Facet("persona", "Persona", [(pid, self.ctx.persona_name(pid)) for pid in personas]),
            Facet("stage", "Stage", options("stages", {t.stage for t in rows})),
            Facet("channel", "Channel", options("channels", {t.touchpoint.channel for t in rows})),
            Facet("device", "Device", options("devices", {t.touchpoint.device or "-" for t in rows}, "Not given")),
            Facet("department", "Department",
                  options("departments", {t.touchpoint.department or "-" for t in rows}, "No department")),
            Facet("type", "Map type",
                  [(k, v) for k, v in MAP_TYPE_NAMES.items() if any(t.journey.type == k for t in rows)]),
        ]
        return self.s.page(addresses.TOUCHPOINTS, "Touchpoints", "portfolio/touchpoints.html", "touchpoints",
                           TouchpointsView(rows=rows, facets=facets, journeys=len(self.ctx.journeys)), hide=("toc",))

    def opportunities_page(self) -> GeneratedPage:
        """``opportunities/``: every opportunity and the impact × effort matrix, quick wins first."""
        items = self.p.opportunities
        matrix: dict[tuple[str, str], list[OpportunityUse]] = {(i, e): [] for i in IMPACTS for e in EFFORTS}
        for o in items:
            if o.rated:
                matrix[(o.opportunity.impact, o.opportunity.effort)].append(o)  # type: ignore[index]
        return self.s.page(addresses.OPPORTUNITIES, "Opportunities", "portfolio/opportunities.html", "opportunities",
                           OpportunitiesView(items=items, rated=[o for o in items if o.rated],
                                             unrated=[o for o in items if not o.rated], matrix=matrix,
                                             impacts=IMPACTS, efforts=EFFORTS, quadrants=QUADRANTS))

    def gaps_page(self) -> GeneratedPage:
        """``gaps/``: hand-offs per map, flagged where emotion drops, and counted per department pair."""
        p = self.p
        maps = [GapsMap(entry=e, anchor=p.anchors[jid], handoffs=p.handoffs.get(jid, []),
                        drops=sum(h.drop for h in p.handoffs.get(jid, []))) for jid, e in self.ctx.journeys.items()]
        rank = {d: i for i, d in enumerate(p.departments)}
        named = {d for pair in p.department_pairs for d in (pair.source, pair.target)}
        pair_departments = sorted(named, key=lambda d: (d is None, rank.get(d, len(rank)) if d else 0))
        return self.s.page(addresses.GAPS, "Gaps and hand-offs", "portfolio/gaps.html", "gaps", GapsView(
            maps=maps, pairs=p.department_pairs, pair_departments=pair_departments,
            pair_index={(x.source, x.target): x for x in p.department_pairs},
            total=sum(len(m.handoffs) for m in maps), total_drops=sum(m.drops for m in maps),
            future_count=sum(len(m.handoffs) for m in maps if m.entry.journey.type not in AS_IS_TYPES),
            as_is_names=AS_IS_NAMES, unowned=p.unowned,
        ))

    def pages(self) -> list[GeneratedPage]:
        """The three pages."""
        return [self.touchpoints_page(), self.opportunities_page(), self.gaps_page()]

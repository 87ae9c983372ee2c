"""``touchpoints/``, ``opportunities/`` and ``gaps/``: every touchpoint, opportunity and hand-off of the portfolio."""

from __future__ import annotations

from journeymaps.figures.places import QUADRANTS
from journeymaps.model import addresses
from journeymaps.model.types import AS_IS_TYPES, MAP_TYPE_NAMES
from journeymaps.pages import opportunity_plot
from journeymaps.pages.across_views import Facet, GapsMap, GapsView, OpportunitiesView, TouchpointsView
from journeymaps.pages.generated import GeneratedPage
from journeymaps.pages.handoff_flow import flow_figure
from journeymaps.pages.portfolio_shared import AS_IS_NAMES, PortfolioShared


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
        """``opportunities/``: the impact × effort plot of every idea, and the table of them all, quick wins first."""
        ideas = self.s.ideas
        numbered = list(enumerate(ideas, start=1))
        titles = {jid: e.journey.title for jid, e in self.ctx.journeys.items()}
        return self.s.page(addresses.OPPORTUNITIES, "Opportunities", "portfolio/opportunities.html", "opportunities",
                           OpportunitiesView(ideas=ideas, opportunities=len(self.p.opportunities),
                                             rated=sum(i.rated for i in ideas), merged=sum(i.merged for i in ideas),
                                             plot=opportunity_plot.plot(numbered, titles), quadrants=QUADRANTS),
                           hide=("toc",))

    def gaps_page(self) -> GeneratedPage:
        """``gaps/``: who hands the customer to whom (departments, channels), then the hand-offs of every map."""
        p, term = self.p, self.ctx.term
        maps = [GapsMap(entry=e, anchor=p.anchors[jid], handoffs=p.handoffs.get(jid, []),
                        drops=sum(h.drop for h in p.handoffs.get(jid, []))) for jid, e in self.ctx.journeys.items()]
        departments, channels = self.s.department_flow, self.s.channel_flow
        return self.s.page(addresses.GAPS, "Gaps and hand-offs", "portfolio/gaps.html", "gaps", GapsView(
            maps=maps, departments=departments, channels=channels,
            department_figure=flow_figure(
                departments, lambda d: term("departments", d) if d else "No department",
                "Hand-offs from one department to another in today's maps; the numbers are in the table below"),
            channel_figure=flow_figure(
                channels, lambda c: term("channels", c) if c else "",
                "Hand-offs from one channel to another in today's maps; the numbers are in the table below"),
            total=sum(len(m.handoffs) for m in maps), total_drops=sum(m.drops for m in maps),
            future_count=sum(len(m.handoffs) for m in maps if m.entry.journey.type not in AS_IS_TYPES),
            as_is_names=AS_IS_NAMES, unowned=p.unowned,
        ))

    def pages(self) -> list[GeneratedPage]:
        """The three pages."""
        return [self.touchpoints_page(), self.opportunities_page(), self.gaps_page()]

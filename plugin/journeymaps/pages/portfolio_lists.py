"""``touchpoints/``, ``opportunities/`` and ``gaps/``: every touchpoint, opportunity and hand-off of the portfolio.

Each is a long listing in parts of a bounded number of rows (``paging.py``): the first part at the listing's
address, the others at ``<address>page/<k>/``. The touchpoints' filters read every row from a data file that
the site publishes beside the listing (``touchpoint_data.py``).
"""

from __future__ import annotations

from markupsafe import Markup

from journeymaps.figures.places import QUADRANTS
from journeymaps.model import addresses
from journeymaps.model.types import AS_IS_TYPES, MAP_TYPE_NAMES
from journeymaps.pages import opportunity_plot, paging, touchpoint_data
from journeymaps.pages.across_views import Facet, GapsMap, GapsView, OpportunitiesView, TouchpointsView
from journeymaps.pages.generated import GeneratedPage
from journeymaps.pages.handoff_flow import flow_figure
from journeymaps.pages.portfolio_shared import AS_IS_NAMES, PortfolioShared

#: Touchpoints without a department listed on ``gaps/``: all of them are on ``touchpoints/``, filtered.
UNOWNED_SHOWN = 50
#: Above this many rated ideas the plot shows each cell's count, not a numbered mark per idea.
PLOT_MARKS = 200


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

    def facets(self) -> list[Facet]:
        """The filters of ``touchpoints/``: each with the values its rows have, in vocabulary order."""
        rows = self.p.touchpoints
        options = self._options
        personas = sorted({t.journey.persona for t in rows}, key=lambda pid: self.p.personas.index(pid))
        return [
            Facet("persona", "Persona", [(pid, self.ctx.persona_name(pid)) for pid in personas]),
            Facet("stage", "Stage", options("stages", {t.stage for t in rows})),
            Facet("channel", "Channel", options("channels", {t.touchpoint.channel for t in rows})),
            Facet("device", "Device", options("devices", {t.touchpoint.device or "-" for t in rows}, "Not given")),
            Facet("department", "Department",
                  options("departments", {t.touchpoint.department or "-" for t in rows}, "No department")),
            Facet("type", "Map type",
                  [(k, v) for k, v in MAP_TYPE_NAMES.items() if any(t.journey.type == k for t in rows)]),
        ]

    def touchpoints_pages(self) -> list[GeneratedPage]:
        """``touchpoints/`` and its parts: every touchpoint, filtered (across all parts) and sorted in the browser."""
        facets = self.facets()
        return [self.s.part_page(part, "Touchpoints", "portfolio/touchpoints.html", "touchpoints",
                                 TouchpointsView(rows=list(part.rows), part=part, facets=facets,
                                                 journeys=len(self.ctx.journeys), data=addresses.TOUCHPOINTS_DATA),
                                 hide=("toc",))
                for part in paging.split(addresses.TOUCHPOINTS, self.p.touchpoints)]

    def touchpoints_data(self) -> str:
        """The data file of ``touchpoints/``: every row, compact, for the filters."""
        return touchpoint_data.rows_json(self.ctx, self.s.badges, self.p.touchpoints, addresses.TOUCHPOINTS_DATA)

    def opportunities_pages(self) -> list[GeneratedPage]:
        """``opportunities/`` and its parts: the impact × effort plot (first part), and every idea, quick wins first."""
        ideas = self.s.ideas
        rated = sum(i.rated for i in ideas)
        titles = {jid: e.journey.title for jid, e in self.ctx.journeys.items()}
        marks = rated <= PLOT_MARKS
        plot = opportunity_plot.plot(list(enumerate(ideas, start=1)), titles, with_marks=marks)
        return [self.s.part_page(part, "Opportunities", "portfolio/opportunities.html", "opportunities",
                                 OpportunitiesView(ideas=list(part.rows), part=part,
                                                   opportunities=len(self.p.opportunities), rated=rated,
                                                   merged=sum(i.merged for i in ideas),
                                                   plot=plot if part.number == 1 else Markup(""), marks=marks,
                                                   quadrants=QUADRANTS), hide=("toc",))
                for part in paging.split(addresses.OPPORTUNITIES, ideas)]

    def gaps_pages(self) -> list[GeneratedPage]:
        """``gaps/`` and its parts: who hands the customer to whom (first part), then the hand-offs, map by map."""
        p, term = self.p, self.ctx.term
        departments, channels = self.s.department_flow, self.s.channel_flow
        maps_all = self.ctx.journeys
        total = sum(len(p.handoffs.get(jid, [])) for jid in maps_all)
        drops_of = {jid: sum(h.drop for h in p.handoffs.get(jid, [])) for jid in maps_all}
        future_count = sum(len(p.handoffs.get(jid, [])) for jid, e in maps_all.items()
                           if e.journey.type not in AS_IS_TYPES)
        pages = []
        for part in paging.split(addresses.GAPS, self.s.gaps_rows):
            maps: list[GapsMap] = []
            for i, (jid, handoff) in enumerate(part.rows):
                if not maps or maps[-1].entry.id != jid:
                    continued = i == 0 and part.first > 0 and self.s.gaps_rows[part.first - 1][0] == jid
                    maps.append(GapsMap(entry=maps_all[jid], anchor=p.anchors[jid], handoffs=[],
                                        drops=drops_of[jid], count=len(p.handoffs.get(jid, [])), continued=continued))
                if handoff is not None:
                    maps[-1].handoffs.append(handoff)
            first = part.number == 1
            view = GapsView(
                maps=maps, part=part, departments=departments, channels=channels,
                department_figure=flow_figure(
                    departments, lambda d: term("departments", d) if d else "No department",
                    "Hand-offs from one department to another in today's maps; the numbers are in the table below")
                if first else Markup(""),
                channel_figure=flow_figure(
                    channels, lambda c: term("channels", c) if c else "",
                    "Hand-offs from one channel to another in today's maps; the numbers are in the table below")
                if first else Markup(""),
                total=total, total_drops=sum(drops_of.values()), future_count=future_count,
                as_is_names=AS_IS_NAMES, unowned=p.unowned[:UNOWNED_SHOWN], unowned_total=len(p.unowned),
                shown=UNOWNED_SHOWN,
            )
            pages.append(self.s.part_page(part, "Gaps and hand-offs", "portfolio/gaps.html", "gaps", view))
        return pages

    def pages(self) -> list[GeneratedPage]:
        """The three listings, each in its parts."""
        return [*self.touchpoints_pages(), *self.opportunities_pages(), *self.gaps_pages()]

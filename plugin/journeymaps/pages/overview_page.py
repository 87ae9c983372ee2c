"""``overview/``: the whole portfolio on one page, and the home page of a site whose docs folder has none.

A head of customer service opening the site should see, in their first minute, how many maps
there are and how good they are, where customers feel worst and why, what to do first, where
hand-offs lose customers, and which maps are stale. Every figure links to the page that explains it.
"""

from __future__ import annotations

import datetime as dt

from journeymaps.figures import overview
from journeymaps.figures.analysis import Tally, neutral
from journeymaps.model import addresses
from journeymaps.model.corpus import JourneyEntry
from journeymaps.model.types import AS_IS_TYPES
from journeymaps.pages.across_views import CompareRow, HeatCell, OverviewView
from journeymaps.pages.generated import GeneratedPage, front_matter
from journeymaps.pages.portfolio_shared import PortfolioShared, unapproved
from journeymaps.pages.stage_parts import StageParts

TITLE = "Overview"


class OverviewPage:
    """Renders the overview (at ``overview/``, and as the home page when asked)."""

    def __init__(self, shared: PortfolioShared) -> None:
        self.s = shared
        self.ctx = shared.ctx
        self.p = shared.p
        self.stage_parts = StageParts(shared.p)  # the heatmap links each cell to the persona's column

    def _last_change(self, entry: JourneyEntry) -> tuple[dt.datetime, str] | None:
        history = self.ctx.history
        if history is None or not history.available:
            return None
        last = history.of(entry.path).last
        return (last.date, last.author) if last is not None else None

    def view(self, on_home: bool) -> OverviewView:
        """The figures of the overview."""
        ctx, p = self.ctx, self.p
        history = ctx.history
        if history is None:
            reason: str | None = "the site does not read the history of the journeys folder (option history: false)"
        else:
            reason = None if history.available else history.reason
        due = overview.due_reviews(ctx.journeys.values(), ctx.review, limit=None)
        as_is = [e for e in ctx.journeys.values() if e.journey.type in AS_IS_TYPES]
        flags = unapproved(as_is)
        return OverviewView(
            headline=overview.headline(ctx.journeys, len(ctx.personas), len(p.touchpoints)),
            rows=[CompareRow(id=pid, cells=[HeatCell(stage=s, tally=p.cell(pid, s)) for s in p.stages],
                             total=p.persona_totals.get(pid) or Tally(), worst=None) for pid in p.personas],
            stages=p.stages,
            unapproved={pid: flag for pid in p.personas if (flag := flags.get(pid))},
            lowest=overview.lowest_steps(ctx.journeys, self.s.stage_order, neutral(ctx.scale)),
            lowest_limit=overview.LOWEST,
            quick_wins=overview.quick_wins(self.s.ideas),
            ideas=len(self.s.ideas),
            departments=overview.departments_by_drops(self.s.department_flow),
            flow=self.s.department_flow,
            recent=overview.recent_changes(ctx.journeys.values(), self._last_change) if reason is None else [],
            history_reason=reason,
            due=due[:overview.DUE],
            due_total=len(due),
            policy=ctx.reviews,
            on_home=on_home,
            column_url=self.stage_parts.column_url,
        )

    def page(self) -> GeneratedPage:
        """``overview/``."""
        return self.s.page(addresses.OVERVIEW, TITLE, "overview/index.html", "overview", self.view(False),
                           hide=("toc",))

    def home(self) -> GeneratedPage:
        """The home page of a site whose docs folder has none: the overview, at the site's root.

        The site search leaves it out (Material's ``search: exclude``): it would give every result twice, and a
        search lands on ``overview/``, the same page.
        """
        body = self.s.render("overview/index.html", "", self.view(True))
        meta = front_matter(TITLE, hide=["toc"], search={"exclude": True})
        return GeneratedPage.of("index.md", "", TITLE, [meta, body], "home")

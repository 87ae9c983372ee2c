"""What the pages across maps share: the portfolio's figures as the templates get them, and the page they make.

The pages (``compare_pages``, ``channel_pages``, ``portfolio_lists``) only arrange
the :class:`~journeymaps.figures.portfolio.Portfolio` that the render context
works out once per build. No MkDocs here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cached_property

from markupsafe import Markup

from journeymaps.figures.analysis import neutral
from journeymaps.figures.flows import Flow, channel_flow, department_flow
from journeymaps.figures.futures import FutureComparison
from journeymaps.figures.handoffs import Handoff
from journeymaps.figures.ideas import Idea, ideas
from journeymaps.model import addresses
from journeymaps.model.corpus import JourneyEntry
from journeymaps.model.types import AS_IS_TYPES, MAP_TYPE_NAMES, STATUSES
from journeymaps.pages import overlay_chart, paging
from journeymaps.pages.across_views import AcrossView, FutureView, Unapproved
from journeymaps.pages.badges import Badges
from journeymaps.pages.context import RenderContext
from journeymaps.pages.format import heat_class
from journeymaps.pages.generated import GeneratedPage, Html, Later
from journeymaps.pages.stage_chart import FEW
from journeymaps.pages.table_rows import TableRows
from journeymaps.wording import plural

#: Side-by-side tables need the page's full width, as journey maps do.
WIDE = ("navigation", "toc")
_NAMES = [MAP_TYPE_NAMES[t].lower() for t in AS_IS_TYPES]
#: The map types compared across personas, in words: "current state, service blueprint and day in the life maps".
AS_IS_NAMES = ", ".join(_NAMES[:-1]) + " and " + _NAMES[-1] + " maps"


#: How a status reads after "1 draft of 3 maps" and the like.
STATUS_WORDS = {"draft": "draft", "review": "in review", "archived": "archived"}


def unapproved(entries: Iterable[JourneyEntry]) -> dict[str, Unapproved]:
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
            found[pid] = Unapproved(statuses=others, note=f"{words} of {plural(by_status.total(), 'map')}")
    return found


def part_title(title: str, part: paging.Part) -> str:
    """The title of a later part of a listing: "Touchpoints, part 2 of 150"."""
    return title if part.number == 1 else f"{title}, part {part.number} of {part.count}"


class PortfolioShared:
    """The figures across maps of one build, and how their pages are rendered."""

    def __init__(self, ctx: RenderContext) -> None:
        self.ctx = ctx
        self.p = ctx.portfolio
        self.scale = ctx.scale
        self.stage_order = ctx.vocabulary.stage_order()
        self.stage_ids = list(self.stage_order)
        #: ``compare/scenarios/`` is also the address of a stage called "scenarios"; the stage wins.
        self.has_scenarios_index = "scenarios" not in self.stage_order
        self.badges = Badges(ctx.env, self.scale)
        self.view = AcrossView(
            portfolio=self.p,
            personas=ctx.personas,
            scale=self.scale,
            heat=lambda value: heat_class(value, self.scale),
            neutral=neutral(self.scale),
            charts={fid: self._future_chart(fc) for fid, fc in self.p.futures.items()},
            badge=self.badges.score,
            table_rows=TableRows(ctx, self.badges),
            few=FEW,
        )

    @cached_property
    def ideas(self) -> list[Idea]:
        """Every opportunity of the published maps, one a future map repeats from its baseline counted once."""
        return ideas(self.p.opportunities, self.ctx.journeys, self.stage_order)

    @cached_property
    def department_flow(self) -> Flow:
        """Hand-offs between departments in today's maps (the portfolio's department pairs)."""
        return department_flow(self.p.department_pairs, self.p.departments)

    @cached_property
    def channel_flow(self) -> Flow:
        """Hand-offs between channels in today's maps."""
        return channel_flow(self.p.handoffs, self.ctx.journeys, self.p.channels)

    def _future_chart(self, fc: FutureComparison) -> Markup:
        columns = [self.ctx.term("stages", s.stage) for s in fc.stages]
        series = [
            (f"Today: {fc.baseline.journey.title}", [s.baseline for s in fc.stages]),
            (f"Future: {fc.future.journey.title}", [s.future for s in fc.stages]),
        ]
        return overlay_chart.overlay(columns, series, self.scale,
                                     f"Emotion by stage of {fc.future.journey.title} and of its baseline",
                                     [overlay_chart.TODAY_STYLE, overlay_chart.FUTURE_STYLE])

    def render(self, template: str, url: str, view: object) -> Html:
        """A ``compare/`` or ``portfolio/`` template with the shared fields and those of ``view``."""
        return self.ctx.render(template, url, self.view, view)

    def page(self, url: str, title: str, template: str, kind: str, view: object,
             hide: tuple[str, ...] = (), search: str | None = None) -> GeneratedPage:
        """A page across maps; ``hide`` names Material's sidebars to leave out, for tables that need the width."""
        return GeneratedPage.virtual(url, title, Later(lambda: self.render(template, url, view)), kind, hide,
                                     search=search)

    def part_page(self, part: paging.Part, title: str, template: str, kind: str, view: object,
                  hide: tuple[str, ...] = (), search: str | None = None) -> GeneratedPage:
        """One part of a long listing: the first as :meth:`page` with ``search``; the others kind ``<kind>-part``,
        titled with their number, left out of the site search (their rows are indexed on their maps' pages)."""
        if part.number == 1:
            return self.page(part.url, title, template, kind, view, hide, search)
        return self.page(part.url, part_title(title, part), template, f"{kind}-part", view, hide, "none")

    @cached_property
    def gaps_rows(self) -> list[tuple[str, Handoff | None]]:
        """The rows of ``gaps/``: (map id, hand-off) of every map in turn; a map without a hand-off has one row."""
        rows: list[tuple[str, Handoff | None]] = []
        for jid in self.ctx.journeys:
            rows += [(jid, h) for h in self.p.handoffs.get(jid, [])] or [(jid, None)]
        return rows

    @cached_property
    def _gaps_part_of(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for i, (jid, _) in enumerate(self.gaps_rows):
            found.setdefault(jid, i // paging.ROWS_PER_PAGE + 1)
        return found

    def gaps_url(self, journey_id: str) -> str:
        """Where ``gaps/`` lists a map's hand-offs: the part with its first one, at the map's anchor."""
        part = paging.part_url(addresses.GAPS, self._gaps_part_of.get(journey_id, 1))
        return f"{part}#{self.p.anchors.get(journey_id, '')}"

    def future_section(self, journey_id: str, url: str) -> str:
        """The baseline comparison on a future map's own page ('' when it has none)."""
        fc = self.p.futures.get(journey_id)
        if fc is None:
            return ""
        return self.render("compare/future.html", url, FutureView(f=fc, on_journey_page=True))

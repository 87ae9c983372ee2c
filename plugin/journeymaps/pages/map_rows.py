"""A map's row in the journey lists (``journeys/``, the folder pages, the persona pages), made once per map."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from journeymaps.figures import analysis
from journeymaps.model import addresses
from journeymaps.model.corpus import JourneyEntry
from journeymaps.pages import charts
from journeymaps.pages.context import RenderContext
from journeymaps.pages.views import MapRow


class MapRows:
    """The rows of the journey lists; a map is listed on several pages, its row is worked out once."""

    def __init__(self, ctx: RenderContext) -> None:
        self.ctx = ctx
        self._made: dict[str, MapRow] = {}

    def listing(self, entries: Iterable[JourneyEntry]) -> list[MapRow]:
        """The rows of ``entries``, by title."""
        return [self.row(e) for e in sorted(entries, key=lambda e: (e.journey.title.casefold(), e.id))]

    def row(self, e: JourneyEntry) -> MapRow:
        """The row of one map."""
        row = self._made.get(e.id)
        if row is None:
            row = self._made[e.id] = MapRow(
                entry=e,
                j=e.journey,
                url=addresses.journey_url(e.id),
                persona=self.ctx.personas.get(e.journey.persona),
                average=analysis.journey_average(e.journey),
                sparkline=self.sparkline(e),
                steps=sum(len(p.steps) for p in e.journey.phases),
                touchpoints=analysis.touchpoint_count(e.journey),
                review=self.ctx.review(e),
            )
        return row

    def sparkline(self, entry: JourneyEntry) -> Markup:
        """The average emotion of each stage of a map, as a small curve with its numbers in its label."""
        scale = self.ctx.scale
        averages = analysis.stage_averages(entry.journey)
        label = "Average emotion by stage: " + ", ".join(
            f"{self.ctx.term('stages', stage)} {analysis.format_score(value, scale)}" for stage, value in averages
        )
        return charts.sparkline([v for _, v in averages], scale, label)

"""A persona's page: profile, freshness, narrative and every published journey of the persona."""

from __future__ import annotations

from journeymaps.figures import analysis
from journeymaps.model import addresses
from journeymaps.model.corpus import PersonaEntry
from journeymaps.pages.cache import PageCache, history_inputs
from journeymaps.pages.context import RenderContext
from journeymaps.pages.generated import GeneratedPage, Later, front_matter
from journeymaps.pages.history_sections import HistorySections
from journeymaps.pages.map_rows import MapRows
from journeymaps.pages.persona_card import portrait_url
from journeymaps.pages.views import PersonaJourneysView, PersonaProfileView


class PersonaPages:
    """Renders the page of each persona."""

    def __init__(self, ctx: RenderContext, rows: MapRows, history: HistorySections) -> None:
        self.ctx = ctx
        self.rows = rows
        self.history = history

    def image_url(self, entry: PersonaEntry) -> str | None:
        """The address of the persona's portrait, if it has one."""
        return portrait_url(entry, self.ctx.corpus.root)

    def key(self, entry: PersonaEntry, cache: PageCache) -> bytes:
        """The page's key in ``mkdocs serve``'s page cache: every input of :meth:`page` (keep them in step)."""
        maps = self.ctx.by_persona.get(entry.id, [])
        return cache.key("persona", entry, maps, repr([self.ctx.review(e) for e in maps]),
                         history_inputs(self.ctx.history, entry))

    def page(self, entry: PersonaEntry) -> GeneratedPage:
        """The persona page: profile, narrative and every journey of the persona."""
        url = addresses.persona_url(entry.id)
        p = entry.persona
        journeys = self.rows.listing(self.ctx.by_persona.get(entry.id, []))
        # the numbers of the sparklines, shown as a table: the stages of these maps in vocabulary order
        averages = {row.entry.id: dict(analysis.stage_averages(row.j)) for row in journeys}
        stages = [s for s in self.ctx.vocabulary.stage_order() if any(s in found for found in averages.values())]
        parts = [
            front_matter(p.name),
            Later(lambda: self.ctx.render("persona/profile.html", url,
                                          PersonaProfileView(p=p, entry=entry, image=self.image_url(entry)))),
            Later(lambda: self.history.freshness(entry, url, None)),
            entry.body.strip("\n"),
            Later(lambda: self.ctx.render("persona/journeys.html", url, PersonaJourneysView(
                p=p, journeys=journeys, rows=self.rows.html(url, journeys, show_persona=False), stages=stages,
                averages=averages))),
        ]
        return GeneratedPage.of(f"journeys/{entry.rel}", url, p.name, parts, "persona", entry.path)

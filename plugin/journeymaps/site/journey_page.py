"""A journey map's page: header, freshness, narrative, timeline, phases and change history."""

from __future__ import annotations

from journeymaps.figures import analysis
from journeymaps.model import addresses
from journeymaps.model.corpus import JourneyEntry
from journeymaps.site import charts, narrative, searchview
from journeymaps.site.context import RenderContext
from journeymaps.site.generated import SKIP, GeneratedPage, Html, front_matter
from journeymaps.site.history_sections import HistorySections
from journeymaps.site.portfolio_shared import PortfolioShared
from journeymaps.site.views import JourneyView, Lanes, PhaseSection, PhaseView

#: The optional lanes of the timeline, shown when a step of the map fills them.
LANES = ("thinking", "feeling", "touchpoints", "pain_points", "opportunities", "backstage", "evidence", "metrics")


def lanes(views: list[analysis.StepView]) -> Lanes:
    """Which optional lanes have content in at least one step."""
    return Lanes(**{name: any(getattr(v.step, name) for v in views) for name in LANES},
                 emotion=any(v.step.emotion is not None for v in views))


class JourneyPages:
    """Renders the page of each published map."""

    def __init__(self, ctx: RenderContext, history: HistorySections, across: PortfolioShared) -> None:
        self.ctx = ctx
        self.history = history
        self.across = across

    def view(self, entry: JourneyEntry) -> JourneyView:
        """What the templates of a map's page get."""
        ctx = self.ctx
        j = entry.journey
        views = analysis.steps(j)
        names = [analysis.phase_name(p, ctx.vocabulary) for p in j.phases]
        labels = [f"{names[v.phase_index]}, step {v.number}: {v.step.action}" for v in views]
        phases = [
            PhaseView(
                phase=phase,
                name=name,
                stage_name=ctx.term("stages", phase.stage),
                anchor=addresses.phase_anchor(phase.stage),
                steps=[v for v in views if v.phase_index == i],
                average=analysis.phase_average(phase),
            )
            for i, (phase, name) in enumerate(zip(j.phases, names, strict=True))
        ]
        baseline = ctx.corpus.journeys.get(j.baseline) if j.baseline else None
        return JourneyView(
            entry=entry,
            j=j,
            views=views,
            phases=phases,
            persona=ctx.personas.get(j.persona),
            average=analysis.journey_average(j),
            lowest=analysis.lowest_step(j),
            scale=ctx.scale,
            chart=charts.emotion_lane(views, ctx.scale, labels),
            baseline=baseline,
            baseline_published=baseline is not None and baseline.id in ctx.journeys,
            futures=ctx.futures.get(entry.id, []),
            lanes=lanes(views),
            crumbs=ctx.folders.crumbs(entry.folder),
            handoffs=ctx.portfolio.handoffs.get(entry.id, []),
            handoffs_in=ctx.portfolio.incoming(entry.id),
            map_anchor=ctx.portfolio.anchors.get(entry.id, ""),
        )

    def timeline(self, url: str, view: JourneyView) -> Html:
        """The timeline; the site search gets its plain view when the template marks the table to skip."""
        rendered = self.ctx.render("journey/map.html", url, view)
        if SKIP not in rendered:  # an overriding template that does not mark it: the table itself is indexed
            return rendered
        plain = searchview.map_view(view.j, view.phases, view.views, self.ctx.scale, self.ctx.term)
        return Html(rendered + "\n" + plain)

    def page(self, entry: JourneyEntry) -> GeneratedPage:
        """The journey map page: header, timeline with emotion curve, phase notes."""
        j = entry.journey
        url = addresses.journey_url(entry.id)
        view = self.view(entry)
        # A level-2 heading of the narrative that names a phase (or its stage) goes under that phase.
        keys: dict[str, str] = {}
        for phase in view.phases:
            stage = phase.phase.stage
            keys.setdefault(stage.lower(), stage)
            keys.setdefault(phase.name.strip().lower(), stage)
        story = narrative.split(entry.body, keys)
        parts = [
            front_matter(j.title, hide=["navigation", "toc"]),  # the map needs the page's full width
            self.ctx.render("journey/header.html", url, view),
            self.history.freshness(entry, url, self.ctx.review(entry)),
            story.intro,
            self.timeline(url, view),
            self.across.future_section(entry.id, url),
        ]
        for phase in view.phases:
            parts.append(self.ctx.render("journey/phase.html", url, view, PhaseSection(p=phase)))
            parts.append(story.phases.get(phase.phase.stage, ""))
        parts.append(story.notes)
        parts.append(self.history.change_history(entry, url))
        page = GeneratedPage.of(f"journeys/{entry.rel}", url, j.title, parts, "journey", entry.path)
        page.boosts = searchview.map_boosts(view.views)
        return page

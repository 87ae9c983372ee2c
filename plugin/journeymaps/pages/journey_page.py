"""A journey map's page: the strip and the map first, then its facts, freshness, narrative, phases and history."""

from __future__ import annotations

import functools

from journeymaps.figures import analysis
from journeymaps.figures.reviews import ReviewState
from journeymaps.model import addresses
from journeymaps.model.corpus import JourneyEntry
from journeymaps.model.types import Journey
from journeymaps.pages import emotion_chart, narrative, persona_card, searchview
from journeymaps.pages.cache import PageCache, history_inputs
from journeymaps.pages.context import RenderContext
from journeymaps.pages.generated import SKIP, GeneratedPage, Html, Later, front_matter
from journeymaps.pages.history_sections import HistorySections
from journeymaps.pages.icons import Icons
from journeymaps.pages.portfolio_shared import PortfolioShared
from journeymaps.pages.views import JourneyView, Lane, Lanes, PhaseSection, PhaseView

#: The optional lanes of the timeline, shown when a step of the map fills them.
LANES = ("thinking", "feeling", "touchpoints", "pain_points", "opportunities", "frontstage", "backstage", "support",
         "evidence", "metrics", "time")

#: Each lane's name, and a quiet note under it.
NAMES: dict[str, tuple[str, str]] = {
    "doing": ("Doing", ""),
    "thinking": ("Thinking", ""),
    "feeling": ("Feeling", ""),
    "emotion": ("Emotion", ""),
    "touchpoints": ("Touchpoints", ""),
    "pain_points": ("Pain points", ""),
    "opportunities": ("Opportunities", ""),
    "frontstage": ("Frontstage actions", "in the customer's sight"),
    "backstage": ("Backstage actions", "out of the customer's sight"),
    "support": ("Support processes", "systems, partners and rules"),
    "evidence": ("Evidence", ""),
    "metrics": ("Metrics", ""),
}
#: The lanes of a map from top to bottom, each drawn when a step fills it.
ORDER = ("doing", "thinking", "feeling", "emotion", "touchpoints", "pain_points", "opportunities", "frontstage",
         "backstage", "support", "evidence", "metrics")
#: A service blueprint's, as the format's section "How the lanes of a service blueprint read" lists them: its
#: three lines are drawn, and its frontstage, backstage and support lanes always, between evidence and customer
#: actions above and the lanes of analysis below.
BLUEPRINT = ("evidence", "doing", "thinking", "feeling", "emotion", "touchpoints", "Line of interaction",
             "frontstage", "Line of visibility", "backstage", "Line of internal interaction", "support",
             "pain_points", "opportunities", "metrics")
ALWAYS_ON_BLUEPRINTS = ("doing", "frontstage", "backstage", "support")
#: The fragment of a map's page that holds the comparison with its baseline: the fifth (see JourneyPages.page).
FUTURE = 4


def lanes(views: list[analysis.StepView]) -> Lanes:
    """Which optional lanes have content in at least one step."""
    return Lanes(**{name: any(getattr(v.step, name) for v in views) for name in LANES},
                 emotion=any(v.step.emotion is not None for v in views))


def rows(journey: Journey, filled: Lanes) -> list[Lane]:
    """The lanes a map draws, top to bottom; a blueprint's with its three lines between them."""
    blueprint = journey.type == "blueprint"
    drawn = []
    for kind in BLUEPRINT if blueprint else ORDER:
        if kind not in NAMES:
            drawn.append(Lane("line", kind))
        elif kind == "doing" or getattr(filled, kind) or (blueprint and kind in ALWAYS_ON_BLUEPRINTS):
            name, note = NAMES[kind]
            if blueprint and kind == "doing":  # the steps are the customer's actions, as service designers say
                name = "Customer actions"
            drawn.append(Lane(kind, name, note))
    return drawn


def review_signal(journey: Journey, review: ReviewState) -> ReviewState | None:
    """The review state shown beside the status: an approved map's only; a draft or a map in review is not due."""
    return review if journey.status == "approved" else None


class JourneyPages:
    """Renders the page of each published map."""

    def __init__(self, ctx: RenderContext, history: HistorySections, across: PortfolioShared) -> None:
        self.ctx = ctx
        self.history = history
        self.across = across
        self.axis = emotion_chart.axis(ctx.scale)
        #: Whether the site search gets each map in detail, or only its things by name (a large site).
        self.detailed = len(ctx.journeys) <= searchview.DETAIL_LIMIT

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
        persona = ctx.personas.get(j.persona)
        filled = lanes(views)
        return JourneyView(
            entry=entry,
            j=j,
            views=views,
            phases=phases,
            persona=persona,
            average=analysis.journey_average(j),
            lowest=analysis.lowest_step(j),
            scale=ctx.scale,
            chart=emotion_chart.curve(views, ctx.scale, labels),
            baseline=baseline,
            baseline_published=baseline is not None and baseline.id in ctx.journeys,
            futures=ctx.futures.get(entry.id, []),
            lanes=filled,
            crumbs=ctx.folders.crumbs(entry.folder),
            handoffs=ctx.portfolio.handoffs.get(entry.id, []),
            handoffs_in=ctx.portfolio.incoming(entry.id),
            map_anchor=ctx.portfolio.anchors.get(entry.id, ""),
            handoffs_url=self.across.gaps_url(entry.id),
            rows=rows(j, filled),
            axis=self.axis,
            icons=Icons(),  # one a page: its sprite holds the icons of that page
            card=persona_card.card(persona, ctx.corpus.root) if persona else None,
            review=review_signal(j, ctx.review(entry)),
        )

    def key(self, entry: JourneyEntry, cache: PageCache) -> bytes:
        """The page's key in ``mkdocs serve``'s page cache: every input of :meth:`view` and :meth:`page`.

        Keep it in step with them: a value they read that is not here leaves a stale page under ``mkdocs serve``
        (``tests/test_incremental.py`` compares a rebuilt site with a fresh build after each kind of edit).
        """
        ctx = self.ctx
        j = entry.journey
        # A map's hand-offs are between its own consecutive touchpoints (figures/portfolio.py), each touchpoint a
        # part of its entry's model named by its anchor: the entries they join and the anchors say all of them.
        handoffs = ctx.portfolio.handoffs.get(entry.id, [])
        joined = list({id(e): e for h in handoffs for e in (h.source.entry, h.target.entry)}.values())
        places = repr([(h.source.entry.id, h.source.anchor, h.source.position, h.target.entry.id, h.target.anchor,
                        h.target.position, h.changes) for h in handoffs])
        return cache.key(
            "journey", entry,
            ctx.personas.get(j.persona),  # the card beside the map
            ctx.corpus.journeys.get(j.baseline) if j.baseline else None,  # published maps only
            ctx.futures.get(entry.id, []),
            repr(ctx.folders.crumbs(entry.folder)),  # dataclasses of text: their repr says all of them
            joined, places,  # those that lead to this map's touchpoints (incoming) are among them
            ctx.portfolio.anchors.get(entry.id, ""),
            repr(ctx.review(entry)),
            history_inputs(ctx.history, entry),  # freshness and change history (the trend: the commits' blobs)
            self.across.gaps_url(entry.id),  # the part of gaps/ that lists its hand-offs moves with the maps before
            self.detailed,  # what the search gets of it depends on the number of maps
            # not the comparison with the baseline, which reads the whole portfolio: see made()
        )

    def made(self, entry: JourneyEntry, cache: PageCache | None = None) -> GeneratedPage:
        """The page; with a ``cache`` (``mkdocs serve``), what did not change since the last build is taken from it.

        A future map's comparison with its baseline gets the view of the whole portfolio (its template can read
        any map): it is made again every build, and only the rest of the page is kept.
        """
        if cache is None:
            return self.page(entry)
        page = cache.get(self.key(entry, cache), lambda: self.page(entry))
        if entry.id in self.ctx.portfolio.futures:
            url = addresses.journey_url(entry.id)
            page.remake(FUTURE, lambda: self.across.future_section(entry.id, url))
        return page

    def timeline(self, url: str, view: JourneyView) -> Html:
        """The timeline; the site search gets its plain view when the template marks the table to skip."""
        rendered = self.ctx.render("journey/map.html", url, view)
        if SKIP not in rendered:  # an overriding template that does not mark it: the table itself is indexed
            return rendered
        if self.detailed:
            plain = searchview.map_detail_view(view.j, view.phases, view.views, self.ctx.scale, self.ctx.term)
        else:
            plain = searchview.map_view(view.views)
        return Html(rendered + "\n" + plain)

    def page(self, entry: JourneyEntry) -> GeneratedPage:
        """The journey map page: the strip and the map first, then the facts, the narrative and the phases.

        Its HTML is made when the page is built (see :class:`Later`); only its Markdown is made here.
        """
        j = entry.journey
        url = addresses.journey_url(entry.id)
        # A level-2 heading of the narrative that names a phase (or its stage) goes under that phase.
        keys: dict[str, str] = {}
        for phase in j.phases:
            keys.setdefault(phase.stage.lower(), phase.stage)
            keys.setdefault(analysis.phase_name(phase, self.ctx.vocabulary).strip().lower(), phase.stage)
        story = narrative.split(entry.body, keys)
        view = functools.cache(lambda: self.view(entry))  # one view for the fragments of the page, made with them
        render = self.ctx.render
        # On a large site the search gets the header (the map's own entry) and the timeline's plain view only:
        # the rest would be parsed by the search plugin only to be left out of the index (searchview.NAMED).
        searched = self.detailed
        parts: list[str | Later] = [
            front_matter(j.title, hide=["navigation", "toc"]),  # the map needs the page's full width
            Later(lambda: render("journey/header.html", url, view())),
            Later(lambda: self.timeline(url, view())),
            Later(lambda: render("journey/about.html", url, view()), searched),
            Later(lambda: self.history.freshness(entry, url, self.ctx.review(entry)), searched),
            story.intro,
            Later(lambda: self.across.future_section(entry.id, url), searched),  # fragment FUTURE
        ]
        for i, phase in enumerate(j.phases):
            parts.append(Later(lambda i=i: render("journey/phase.html", url, view(), PhaseSection(p=view().phases[i])),
                               searched))
            parts.append(story.phases.get(phase.stage, ""))
        parts.append(story.notes)
        parts.append(Later(lambda: self.history.change_history(entry, url), searched))
        page = GeneratedPage.of(f"journeys/{entry.rel}", url, j.title, parts, "journey", entry.path,
                                search=None if self.detailed else searchview.NAMED)
        page.boosts = searchview.map_boosts(analysis.steps(j), steps=self.detailed)
        return page

"""The one render context of a build: what is published, the vocabulary's words, and the templates.

Every page kind (``journey_page``, ``persona_page``, ``listings``, ``reviews_page``,
``compare_pages``, ``channel_pages``, ``portfolio_lists``) reads the site from a
:class:`RenderContext` and renders its templates with :meth:`RenderContext.render`;
no page kind imports another. No MkDocs here.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import jinja2

from journeymaps import wording
from journeymaps.figures import analysis, portfolio
from journeymaps.figures.reviews import ReviewPolicy, ReviewState
from journeymaps.git.history import GitHistory
from journeymaps.model import addresses
from journeymaps.model.corpus import Corpus, JourneyEntry
from journeymaps.model.types import DEFAULT_STATUSES, MAP_TYPE_NAMES, EmotionScale, Vocabulary, humanize
from journeymaps.pages.folders import Folders
from journeymaps.pages.format import long_date, quantity
from journeymaps.pages.generated import Html, html_block
from journeymaps.pages.views import variables

TEMPLATES = Path(__file__).parent / "templates"
#: The vocabulary lists whose ids the pages write as names.
TERM_KINDS = ("stages", "channels", "devices", "departments")


def environment(scale: EmotionScale, override_dirs: Sequence[Path] = (),
                code: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """Jinja2 with autoescaping; templates in ``override_dirs`` win over the packaged ones.

    The globals are the same for every template (``docs/reference.md`` lists them);
    ``score`` writes a score for ``scale`` (no "+" on a scale without negative values). ``code`` keeps the
    compiled templates from one build to the next (``mkdocs serve``).
    """
    loader = jinja2.FileSystemLoader([*map(str, override_dirs), str(TEMPLATES)])
    env = jinja2.Environment(
        loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
        auto_reload=False,  # one environment per build: the templates do not change while it lasts
        bytecode_cache=code,
    )
    env.globals.update(map_type_name=MAP_TYPE_NAMES.get, humanize=humanize, addr=addresses,
                       score=functools.partial(analysis.format_score, scale=scale),
                       format_score=analysis.format_score, level=analysis.format_level, tone=analysis.tone,
                       score_word=analysis.score_word, quantity=quantity, long_date=long_date)
    env.filters.update(plural=wording.plural, verb=wording.verb)
    return env


class RenderContext:
    """What every page of one build is made from: the published maps and personas, their words, the templates."""

    def __init__(
        self,
        corpus: Corpus,
        override_dirs: Sequence[Path] = (),
        statuses: Sequence[str] | None = None,
        *,
        history: GitHistory | None = None,
        reviews: ReviewPolicy | None = None,
        code: jinja2.BytecodeCache | None = None,
    ) -> None:
        if corpus.vocabulary is None:
            raise ValueError("a corpus without a valid vocabulary has nothing to publish")
        self.vocabulary: Vocabulary = corpus.vocabulary
        self.scale: EmotionScale = self.vocabulary.emotion_scale
        self.env = environment(self.scale, override_dirs, code)
        published = set(statuses if statuses is not None else DEFAULT_STATUSES)
        self.statuses = tuple(sorted(published))
        # The one place where statuses are applied: everything below sees only published maps.
        self.journeys: dict[str, JourneyEntry] = {
            jid: e for jid, e in sorted(corpus.journeys.items()) if e.journey.status in published
        }
        #: Source paths (``journeys/<rel>``) of the valid maps that their status leaves out.
        self.unpublished = {f"journeys/{e.rel}" for jid, e in corpus.journeys.items() if jid not in self.journeys}
        self.corpus = dataclasses.replace(corpus, journeys=dict(self.journeys))
        self.personas = dict(sorted(corpus.personas.items()))
        self.by_persona: dict[str, list[JourneyEntry]] = defaultdict(list)
        #: The published future maps of each baseline.
        self.futures: dict[str, list[JourneyEntry]] = defaultdict(list)
        for entry in self.journeys.values():
            self.by_persona[entry.journey.persona].append(entry)
            if entry.journey.baseline:
                self.futures[entry.journey.baseline].append(entry)
        self.folders = Folders(self.journeys.values(), corpus.journeys)
        self.history = history  # None: git history is switched off
        self.reviews = reviews or ReviewPolicy()
        self.terms = {kind: self.vocabulary.index(kind) for kind in TERM_KINDS}
        self._labels = {kind: {i: t.label for i, t in terms.items()} for kind, terms in self.terms.items()}
        # Every figure across maps, worked out once for all pages and exports.
        self.portfolio = portfolio.build(self.vocabulary, self.personas, self.journeys)

    def term(self, kind: str, ident: str | None) -> str:
        """Display name of a vocabulary id (the id itself when the vocabulary does not list it)."""
        if ident is None:
            return ""
        found = self._labels[kind].get(ident)
        return found if found is not None else ident

    def persona_name(self, pid: str) -> str:
        """The persona's name, or its id when its file is not published."""
        entry = self.personas.get(pid)
        return entry.persona.name if entry else pid

    def review(self, entry: JourneyEntry) -> ReviewState:
        """The review state of a published map (a draft is never due)."""
        return self.reviews.state(entry.journey.reviewed, entry.journey.status)

    def render(self, template: str, url: str, *views: object) -> Html:
        """The HTML of ``template`` on the page at ``url``, with the fields of ``views`` as its variables.

        Besides them, every template gets ``link(address)`` (relative to the page),
        ``term(kind, id)`` and ``page_url``.
        """
        def link(to: str) -> str:
            return addresses.href(url, to)

        given: dict[str, object] = {}
        for view in views:
            given.update(variables(view))
        return Html(html_block(self.env.get_template(template).render(link=link, term=self.term, page_url=url,
                                                                      **given)))

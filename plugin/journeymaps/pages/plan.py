"""Validated model -> every generated page of the site, its files and its navigation (no MkDocs here).

:func:`build_plan` makes the one :class:`~journeymaps.pages.context.RenderContext`
of a build and asks each page kind for its pages. Each page is a
:class:`~journeymaps.pages.generated.GeneratedPage`: Markdown for MkDocs to
convert, HTML fragments that Markdown never parses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from journeymaps.figures.reviews import ReviewPolicy
from journeymaps.git.history import GitHistory
from journeymaps.model import addresses
from journeymaps.model.corpus import Corpus, JourneyEntry
from journeymaps.pages import exports
from journeymaps.pages.cache import PageCache
from journeymaps.pages.channel_pages import ChannelPages
from journeymaps.pages.compare_pages import ComparePages
from journeymaps.pages.context import RenderContext
from journeymaps.pages.generated import GeneratedPage
from journeymaps.pages.history_sections import HistorySections
from journeymaps.pages.journey_page import JourneyPages
from journeymaps.pages.listings import Listings
from journeymaps.pages.map_rows import MapRows
from journeymaps.pages.navigation import Navigation, is_compact
from journeymaps.pages.overview_page import OverviewPage
from journeymaps.pages.persona_page import PersonaPages
from journeymaps.pages.portfolio_lists import PortfolioLists
from journeymaps.pages.portfolio_shared import PortfolioShared
from journeymaps.pages.reviews_page import reviews_page
from journeymaps.source.files import VOCABULARY


@dataclass
class Asset:
    """A file of the journeys folder copied as it is (e.g. a persona image)."""

    src_uri: str
    path: Path


@dataclass
class SitePlan:
    """Everything the site generator has to publish, and its navigation."""

    pages: list[GeneratedPage] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    nav: list[dict] = field(default_factory=list)  # MkDocs-style nav entries (titles HTML-escaped)
    files: dict[str, str] = field(default_factory=dict)  # other generated files (exports) by site path
    #: The published maps: every consumer (pages, exports...) takes them from here, never from the corpus.
    journeys: dict[str, JourneyEntry] = field(default_factory=dict)
    #: Source paths (``journeys/<rel>``) of valid maps left out because of their status.
    unpublished: set[str] = field(default_factory=set)


def override_dirs(custom_dir: Path | str | None) -> list[Path]:
    """Where a site overrides our page templates: ``journeymaps/`` in its theme's ``custom_dir``, if it has one."""
    return [Path(custom_dir) / "journeymaps"] if custom_dir else []


def unusable_vocabulary(corpus: Corpus) -> str | None:
    """Why no map of a journeys folder can be published (its vocabulary cannot be used), or None."""
    if corpus.vocabulary is not None or not corpus.root.is_dir():
        return None
    broken = [p.format() for p in corpus.problems if Path(p.path).name == VOCABULARY]
    return "; ".join(broken or [f"{VOCABULARY} cannot be read"]) + " (no map can be published without the vocabulary)"


def build_plan(
    corpus: Corpus, override_dirs: Sequence[Path] = (), statuses: Sequence[str] | None = None, with_home: bool = False,
    *, history: GitHistory | None = None, reviews: ReviewPolicy | None = None, navigation: str = "auto",
    trend_cache: dict | None = None, page_cache: PageCache | None = None,
) -> SitePlan:
    """Every page, asset, file and navigation entry of a corpus; an empty plan when the vocabulary is unusable.

    With a ``page_cache`` (``mkdocs serve``), the page of a map or persona whose inputs did not change since the
    last build is taken from it rather than made again.
    """
    if corpus.vocabulary is None:
        return SitePlan()
    ctx = RenderContext(corpus, override_dirs, statuses, history=history, reviews=reviews,
                        code=page_cache.code if page_cache is not None else None)
    compact = is_compact(navigation, len(ctx.journeys))
    rows = MapRows(ctx)
    sections = HistorySections(ctx, trend_cache)
    shared = PortfolioShared(ctx)
    listings = Listings(ctx, rows)
    journey_pages = JourneyPages(ctx, sections, shared)
    persona_pages = PersonaPages(ctx, rows, sections)
    overview = OverviewPage(shared)
    plan = SitePlan()
    if with_home:  # the overview is the home page of a site without its own
        plan.pages.append(overview.home())
    plan.pages.append(overview.page())
    plan.pages += listings.journeys_index()
    plan.pages += listings.folder_pages()
    if page_cache is not None:
        page_cache.begin(ctx)
        plan.pages += [journey_pages.made(e, page_cache) for e in ctx.journeys.values()]
    else:
        plan.pages += [journey_pages.page(e) for e in ctx.journeys.values()]
    plan.pages.append(listings.personas_index())
    if page_cache is not None:
        plan.pages += [page_cache.get(persona_pages.key(e, page_cache), lambda e=e: persona_pages.page(e))
                       for e in ctx.personas.values()]
        page_cache.end()
    else:
        plan.pages += [persona_pages.page(e) for e in ctx.personas.values()]
    plan.pages += ComparePages(shared).pages()
    plan.pages += ChannelPages(shared).pages()
    lists = PortfolioLists(shared)
    plan.pages += lists.pages()
    plan.files = {
        addresses.JOURNEYS_JSON: exports.journeys_json(ctx.vocabulary, ctx.personas, ctx.journeys, ctx.portfolio),
        addresses.TOUCHPOINTS_CSV: exports.touchpoints_csv(ctx.journeys.values()),
        addresses.TOUCHPOINTS_DATA: lists.touchpoints_data(),
    }
    plan.pages.append(reviews_page(ctx))
    plan.assets = [Asset(addresses.asset_url(rel), ctx.corpus.root / rel) for rel in ctx.corpus.assets]
    plan.nav = Navigation(ctx, shared, compact, overview=not with_home).entries()
    plan.journeys = dict(ctx.journeys)
    plan.unpublished = set(ctx.unpublished)
    return plan

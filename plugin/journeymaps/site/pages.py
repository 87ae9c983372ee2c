"""Validated model -> every generated page of the site, and its navigation (no MkDocs here).

:class:`PageBuilder` renders the journey and persona pages and the lists; the
pages across maps are :mod:`portfolio_pages`'. Each page is a
:class:`~journeymaps.generated.GeneratedPage`: Markdown for MkDocs to convert,
HTML fragments that Markdown never parses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from journeymaps.model import addresses
from journeymaps.figures import analysis
from journeymaps.site import charts
from journeymaps.site import narrative
from journeymaps.figures import portfolio
from journeymaps.site import searchview
from journeymaps import wording
from journeymaps.model.corpus import Corpus, Entry, JourneyEntry, PersonaEntry
from journeymaps.site.generated import SKIP, VIRTUAL, Asset, GeneratedPage, Html, SitePlan, front_matter, html_block
from journeymaps.git.history import GitHistory, Revision
from journeymaps.model.types import DEFAULT_STATUSES, MAP_TYPE_NAMES, Vocabulary, humanize
from journeymaps.site.format import long_date, quantity
from journeymaps.site.portfolio_pages import PortfolioPages
from journeymaps.figures.reviews import ReviewPolicy, ReviewState
from journeymaps.figures.trend import Trend, emotion_trends

TEMPLATES = Path(__file__).parent / "templates"
#: The shapes of the navigation: every map listed, folders only, or the one that suits the site's size.
NAVIGATION = ("auto", "full", "folders")
#: Most published maps for which ``navigation: auto`` lists every map (and persona, and scenario).
NAV_LIMIT = 100


def environment(override_dirs: Sequence[Path] = ()) -> jinja2.Environment:
    """Jinja2 with autoescaping; templates in ``override_dirs`` win over the packaged ones."""
    loader = jinja2.FileSystemLoader([*map(str, override_dirs), str(TEMPLATES)])
    env = jinja2.Environment(
        loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
        auto_reload=False,  # one environment per build: the templates do not change while it lasts
    )
    env.globals.update(map_type_name=MAP_TYPE_NAMES.get, score=analysis.format_score, humanize=humanize,
                       addr=addresses, format_score=analysis.format_score, level=analysis.format_level,
                       tone=analysis.tone, score_word=analysis.score_word, quantity=quantity)
    env.filters.update(plural=wording.plural, verb=wording.verb)
    return env


class PageBuilder:
    """Renders every generated page of one corpus."""

    def __init__(
        self,
        corpus: Corpus,
        override_dirs: Sequence[Path] = (),
        statuses: Sequence[str] | None = None,
        *,
        history: GitHistory | None = None,
        reviews: ReviewPolicy | None = None,
        navigation: str = "auto",
        trend_cache: dict | None = None,
    ):
        if corpus.vocabulary is None:
            raise ValueError("a corpus without a valid vocabulary has nothing to publish")
        self.vocabulary: Vocabulary = corpus.vocabulary
        self.env = environment(override_dirs)
        # Scores are written for this vocabulary's scale (no "+" on a scale without negative values).
        self.env.globals.update(long_date=long_date,
                                score=functools.partial(analysis.format_score, scale=self.vocabulary.emotion_scale))
        published = set(statuses if statuses is not None else DEFAULT_STATUSES)
        # The one place where statuses are applied: everything below sees only published maps.
        self.journeys = {
            jid: e for jid, e in sorted(corpus.journeys.items()) if e.journey.status in published
        }
        self.unpublished = {f"journeys/{e.rel}" for jid, e in corpus.journeys.items() if jid not in self.journeys}
        self.corpus = dataclasses.replace(corpus, journeys=dict(self.journeys))
        self.history = history  # None: git history is switched off
        self.trend_cache = trend_cache  # averages of old revisions read by an earlier build
        self.reviews = reviews or ReviewPolicy()
        self.personas = dict(sorted(corpus.personas.items()))
        self.by_persona: dict[str, list[JourneyEntry]] = defaultdict(list)
        self.futures: dict[str, list[JourneyEntry]] = defaultdict(list)
        for entry in self.journeys.values():
            self.by_persona[entry.journey.persona].append(entry)
            if entry.journey.baseline:
                self.futures[entry.journey.baseline].append(entry)
        # The maps directly in each folder, for every folder that holds a map at any depth ('' is the top).
        self.folders: dict[str, list[JourneyEntry]] = defaultdict(list)
        for entry in self.journeys.values():
            self.folders[entry.folder].append(entry)
            parent = entry.folder
            while parent:
                parent = parent.rpartition("/")[0]
                self.folders.setdefault(parent, [])
        self.maps_below: dict[str, int] = defaultdict(int)  # the maps in each folder and its sub-folders
        for entry in self.journeys.values():
            folder = entry.folder
            while folder:
                self.maps_below[folder] += 1
                folder = folder.rpartition("/")[0]
        # A folder's page is at journeys/<folder>/, unless a map has that address (journeys/<folder>.md).
        self.folder_urls = {
            folder: addresses.journey_url(folder)
            for folder in self.folders if folder and folder not in corpus.journeys
        }
        if navigation not in NAVIGATION:
            raise ValueError(f"navigation must be one of {', '.join(NAVIGATION)}; got {navigation!r}")
        #: Whether the navigation lists folders rather than every map, persona and scenario (see nav()).
        self.compact = navigation == "folders" or (navigation == "auto" and len(self.journeys) > NAV_LIMIT)
        self._rows: dict[str, dict] = {}
        self.terms = {kind: self.vocabulary.index(kind) for kind in ("stages", "channels", "devices", "departments")}
        self.labels = {kind: {i: t.label for i, t in terms.items()} for kind, terms in self.terms.items()}
        # Every figure across maps, worked out once for all pages and exports.
        self.portfolio = portfolio.build(self.vocabulary, self.personas, self.journeys)

    @functools.cached_property
    def across(self) -> PortfolioPages:
        """The pages across maps (compare, channels, departments, touchpoints, opportunities, gaps)."""
        return PortfolioPages(self)

    # --- helpers shared by the templates -------------------------------------------

    def term(self, kind: str, ident: str | None) -> str:
        """Display name of a vocabulary id."""
        if ident is None:
            return ""
        found = self.labels[kind].get(ident)
        return found if found is not None else ident

    def _render(self, template: str, url: str, **context: object) -> Html:
        def link(to: str) -> str:
            return addresses.href(url, to)

        return Html(html_block(self.env.get_template(template).render(link=link, term=self.term, page_url=url,
                                                                      **context)))

    def _stage_sparkline(self, entry: JourneyEntry) -> Markup:
        averages = analysis.stage_averages(entry.journey)
        label = "Average emotion by stage: " + ", ".join(
            f"{self.term('stages', stage)} {analysis.format_score(value, self.vocabulary.emotion_scale)}"
            for stage, value in averages
        )
        return charts.sparkline([v for _, v in averages], self.vocabulary.emotion_scale, label)

    def _listing(self, entries: list[JourneyEntry]) -> list[dict]:
        return [self._row(e) for e in sorted(entries, key=lambda e: (e.journey.title.casefold(), e.id))]

    def _row(self, e: JourneyEntry) -> dict:
        """A map's row in the listings (worked out once: a map is listed on several pages)."""
        row = self._rows.get(e.id)
        if row is None:
            row = self._rows[e.id] = {
                "entry": e,
                "j": e.journey,
                "url": addresses.journey_url(e.id),
                "persona": self.personas.get(e.journey.persona),
                "average": analysis.journey_average(e.journey),
                "sparkline": self._stage_sparkline(e),
                "steps": sum(len(p.steps) for p in e.journey.phases),
                "touchpoints": analysis.touchpoint_count(e.journey),
                "review": self.review(e),
            }
        return row

    def crumbs(self, folder: str) -> list[dict]:
        """The folders from the top down to ``folder``, each with the address of its page (or of its heading)."""
        found, path = [], ""
        for part in folder.split("/") if folder else []:
            path = f"{path}/{part}" if path else part
            found.append({"name": _folder_name(path), "url": self.folder_urls.get(path)
                          or f"{addresses.JOURNEYS_INDEX}#{_folder_anchor(path)}"})
        return found

    def review(self, entry: JourneyEntry) -> ReviewState:
        """The review state of a published map."""
        return self.reviews.state(entry.journey.reviewed)

    @cached_property
    def trends(self) -> dict[str, Trend]:
        """The emotion trend of every published map (one ``git cat-file`` for all of them)."""
        return emotion_trends(self.history, self.journeys.values(), self.trend_cache) if self.history else {}

    def _freshness(self, entry: Entry, url: str, review: ReviewState | None) -> str:
        """Next review, last change and contributors of a page's source file."""
        file = self.history.of(entry.path) if self.history and self.history.available else None
        return self._render(
            "history/freshness.html", url, review=review, history_on=self.history is not None,
            reason=self.history.reason if self.history else None, file=file,
            authors=file.authors() if file else [],
        )

    def _history_section(self, entry: JourneyEntry, url: str) -> str:
        """The commits that touched a map's file and its average emotion at each of them."""
        if self.history is None:
            return ""
        file = self.history.of(entry.path) if self.history.available else None
        trend = self.trends.get(entry.id, Trend())
        charted = trend.charted
        chart = None
        if charted:
            ticks = [_tick(p.revision) for p in charted]
            description = "; ".join(
                f"{_tick(p.revision)}{f' ({p.revision.commit.short})' if p.revision else ''}: "
                f"{analysis.format_score(p.average, self.vocabulary.emotion_scale)}"
                for p in charted
            )
            chart = charts.trend(
                [p.average for p in charted], ticks, self.vocabulary.emotion_scale,
                f"Average emotion of the map at {wording.plural(len(charted), 'revision')} with scores, oldest first",
                description,
            )
        return self._render(
            "journey/history.html", url, j=entry.journey, reason=self.history.reason, file=file, trend=trend,
            charted=charted, chart=chart, current_path=_rel_to_toplevel(entry, self.history),
        )

    def _map(self, url: str, context: dict) -> Html:
        """The timeline; the site search gets its plain view when the template marks the table to skip."""
        rendered = self._render("journey/map.html", url, **context)
        if SKIP not in rendered:  # an overriding template that does not mark it: the table itself is indexed
            return rendered
        view = searchview.map_view(context["j"], context["phases"], context["views"], self.vocabulary.emotion_scale,
                                   self.term)
        return Html(rendered + "\n" + view)

    # --- pages -------------------------------------------------------------------

    def journey_page(self, entry: JourneyEntry) -> GeneratedPage:
        """The journey map page: header, timeline with emotion curve, phase notes."""
        j = entry.journey
        url = addresses.journey_url(entry.id)
        views = analysis.steps(j)
        names = [analysis.phase_name(p, self.vocabulary) for p in j.phases]
        keys: dict[str, str] = {}
        for phase, name in zip(j.phases, names, strict=True):
            keys.setdefault(phase.stage.lower(), phase.stage)
            keys.setdefault(name.strip().lower(), phase.stage)
        story = narrative.split(entry.body, keys)
        labels = [f"{names[v.phase_index]}, step {v.number}: {v.step.action}" for v in views]
        phases = [
            {
                "phase": phase,
                "name": name,
                "stage_name": self.term("stages", phase.stage),
                "anchor": addresses.phase_anchor(phase.stage),
                "steps": [v for v in views if v.phase_index == i],
                "average": analysis.phase_average(phase),
            }
            for i, (phase, name) in enumerate(zip(j.phases, names, strict=True))
        ]
        baseline = self.corpus.journeys.get(j.baseline) if j.baseline else None
        context = {
            "entry": entry,
            "j": j,
            "views": views,
            "phases": phases,
            "persona": self.personas.get(j.persona),
            "average": analysis.journey_average(j),
            "lowest": analysis.lowest_step(j),
            "scale": self.vocabulary.emotion_scale,
            "chart": charts.emotion_lane(views, self.vocabulary.emotion_scale, labels),
            "baseline": baseline,
            "baseline_published": baseline is not None and baseline.id in self.journeys,
            "futures": self.futures.get(entry.id, []),
            "lanes": _lanes(views),
            "crumbs": self.crumbs(entry.folder),
            "handoffs": self.portfolio.handoffs.get(entry.id, []),
            "handoffs_in": self.portfolio.incoming(entry.id),
            "map_anchor": self.portfolio.anchors.get(entry.id, ""),
        }
        parts = [
            front_matter(j.title, hide=["navigation", "toc"]),  # the map needs the page's full width
            self._render("journey/header.html", url, **context),
            self._freshness(entry, url, self.review(entry)),
            story.intro,
            self._map(url, context),
            self.across.future_section(entry.id, url),
        ]
        for phase in phases:
            parts.append(self._render("journey/phase.html", url, **context, p=phase))
            parts.append(story.phases.get(phase["phase"].stage, ""))
        parts.append(story.notes)
        parts.append(self._history_section(entry, url))
        page = GeneratedPage.of(f"journeys/{entry.rel}", url, j.title, parts, "journey", entry.path)
        page.boosts = searchview.map_boosts(views)
        return page

    def persona_page(self, entry: PersonaEntry) -> GeneratedPage:
        """The persona page: profile, narrative and every journey of the persona."""
        url = addresses.persona_url(entry.id)
        p = entry.persona
        image = None
        if p.image:
            rel = (entry.path.parent / p.image).resolve().relative_to(self.corpus.root).as_posix()
            # a file name is not a URL: '#', '?', '%' or a space in it must be escaped in the src
            image = addresses.asset_url("/".join(quote(part, safe="") for part in rel.split("/")))
        journeys = self._listing(self.by_persona.get(entry.id, []))
        # the numbers of the sparklines, shown as a table: the stages of these maps in vocabulary order
        averages = {row["entry"].id: dict(analysis.stage_averages(row["j"])) for row in journeys}
        stages = [s for s in self.vocabulary.stage_order() if any(s in found for found in averages.values())]
        parts = [
            front_matter(p.name),
            self._render("persona/profile.html", url, p=p, entry=entry, image=image),
            self._freshness(entry, url, None),
            entry.body.strip("\n"),
            self._render("persona/journeys.html", url, p=p, journeys=journeys, stages=stages, averages=averages),
        ]
        return GeneratedPage.of(f"journeys/{entry.rel}", url, p.name, parts, "persona", entry.path)

    def journeys_index(self) -> GeneratedPage:
        """All published journeys, grouped by folder."""
        url = addresses.JOURNEYS_INDEX
        folders: dict[str, list[JourneyEntry]] = defaultdict(list)
        for entry in self.journeys.values():
            folders[entry.folder].append(entry)
        groups = [
            {"anchor": _folder_anchor(folder), "folder": folder, "name": _folder_name(folder),
             "journeys": self._listing(entries), "url": self.folder_urls.get(folder)}
            for folder, entries in sorted(folders.items())
        ]
        body = self._render("index/journeys.html", url, groups=groups, count=len(self.journeys))
        return GeneratedPage.of(f"{VIRTUAL}/journeys/index.md", url, "Journeys", [front_matter("Journeys"), body],
                                "journeys-index")

    def folder_page(self, folder: str) -> GeneratedPage:
        """``journeys/<folder>/``: the maps of one folder, and its sub-folders."""
        url = self.folder_urls[folder]
        prefix = folder + "/"
        subfolders = [
            {"name": _folder_name(f), "count": self.maps_below[f],
             "url": self.folder_urls.get(f) or f"{addresses.JOURNEYS_INDEX}#{_folder_anchor(f)}"}
            for f in sorted(self.folders) if f.startswith(prefix) and "/" not in f[len(prefix):]
        ]
        below = self.maps_below[folder] - len(self.folders[folder])
        name = _folder_name(folder)
        body = self._render("index/folder.html", url, name=name, folder=folder, crumbs=self.crumbs(folder)[:-1],
                            journeys=self._listing(self.folders[folder]), below=below, subfolders=subfolders)
        return GeneratedPage.of(f"{VIRTUAL}/journeys/{folder}/index.md", url, name, [front_matter(name), body],
                                "folder")

    def folder_pages(self) -> list[GeneratedPage]:
        """A page for every folder that holds published maps (at any depth)."""
        return [self.folder_page(folder) for folder in sorted(self.folder_urls)]

    def personas_index(self) -> GeneratedPage:
        """All personas with their segments and journey counts."""
        url = addresses.PERSONAS_INDEX
        personas = [
            {"entry": e, "p": e.persona, "url": addresses.persona_url(pid), "count": len(self.by_persona.get(pid, []))}
            for pid, e in self.personas.items()
        ]
        body = self._render("index/personas.html", url, personas=personas)
        return GeneratedPage.of(f"{VIRTUAL}/personas/index.md", url, "Personas", [front_matter("Personas"), body],
                                "personas-index")

    def reviews_index(self) -> GeneratedPage:
        """Maps overdue for review (or never reviewed) by owner department, then maps due soon."""
        url = addresses.REVIEWS_INDEX
        rows = sorted(
            ({"entry": e, "j": e.journey, "url": addresses.journey_url(e.id), "review": self.review(e),
              "owner": self.term("departments", e.journey.owner) if e.journey.owner else None}
             for e in self.journeys.values()),
            key=lambda r: (r["review"].due or dt.date.min, r["j"].title.casefold(), r["entry"].id),
        )
        owners: dict[str | None, list[dict]] = defaultdict(list)
        for row in rows:
            if row["review"].needs_review:
                owners[row["j"].owner].append(row)
        groups = [
            {"anchor": f"owner-{owner or 'none'}", "name": self.term("departments", owner) if owner else "No owner",
             "rows": owned}
            for owner, owned in sorted(owners.items(), key=lambda kv: (kv[0] is None, self.term("departments", kv[0])))
        ]
        counts = {s: sum(r["review"].state == s for r in rows) for s in ("never", "overdue", "soon", "current")}
        body = self._render(
            "reviews/index.html", url, groups=groups, soon=[r for r in rows if r["review"].state == "soon"],
            counts=counts, total=len(rows), policy=self.reviews,
        )
        return GeneratedPage.of(f"{VIRTUAL}/reviews/index.md", url, "Reviews", [front_matter("Reviews"), body],
                                "reviews-index")

    def home_page(self) -> GeneratedPage:
        """A home page for sites whose docs folder has none."""
        body = self._render("index/home.html", "", journeys=len(self.journeys), personas=len(self.personas))
        return GeneratedPage.of("index.md", "", "Journey maps", [front_matter("Journey maps"), body], "home")

    def plan(self, with_home: bool = False) -> SitePlan:
        """Every page, asset and navigation entry of the site."""
        plan = SitePlan()
        plan.pages.append(self.journeys_index())
        plan.pages += self.folder_pages()
        plan.pages += [self.journey_page(e) for e in self.journeys.values()]
        plan.pages.append(self.personas_index())
        plan.pages += [self.persona_page(e) for e in self.personas.values()]
        plan.pages += self.across.pages()
        plan.files = self.across.files()
        plan.pages.append(self.reviews_index())
        if with_home:
            plan.pages.insert(0, self.home_page())
        plan.assets = [Asset(addresses.asset_url(rel), self.corpus.root / rel) for rel in self.corpus.assets]
        plan.nav = self.nav()
        plan.journeys = dict(self.journeys)
        plan.unpublished = set(self.unpublished)
        return plan

    def nav(self) -> list[dict]:
        """A "Journeys" section grouped by folder and a "Personas" section.

        Every page of a site renders the whole navigation, so a navigation that lists
        every map makes a large site's build grow with the square of its size. Above
        :data:`NAV_LIMIT` maps (or with ``navigation: folders``) it is compact:
        "Journeys" lists the folders, each entry leading to the folder's page, which
        lists its maps; every other section is its list page alone.
        """
        tree: dict = {}
        for entry in self.journeys.values():
            node = tree
            path = ""
            for part in entry.folder.split("/") if entry.folder else []:
                path = f"{path}/{part}" if path else part
                node = node.setdefault(("folder", part, path), {})
            node[("page", entry.journey.title.casefold(), entry.id)] = entry

        def maps(node: dict) -> list:
            return [
                {str(escape(e.journey.title)): f"journeys/{e.rel}"}
                for key, e in sorted(node.items(), key=lambda kv: kv[0][1:]) if key[0] == "page"
            ]

        def folders(node: dict) -> list:
            return [
                {str(escape(_folder_name(key[1]))): folder(key[2], child)}  # folder names are text from the repo too
                for key, child in sorted(node.items(), key=lambda kv: kv[0][1]) if key[0] == "folder"
            ]

        def items(node: dict) -> list:
            return folders(node) if self.compact else maps(node) + folders(node)

        def folder(path: str, node: dict) -> list | str:
            inner = items(node)
            if not self.compact:
                return inner
            if path not in self.folder_urls:  # a map has the folder's address: list the folder's maps instead
                return maps(node) + inner
            own = f"{VIRTUAL}/journeys/{path}/index.md"
            return [own, *inner] if inner else own

        journeys = [f"{VIRTUAL}/journeys/index.md", *items(tree)]
        personas: list | str = f"{VIRTUAL}/personas/index.md"
        if not self.compact:
            personas = [personas, *({str(escape(e.persona.name)): f"journeys/{e.rel}"} for e in self.personas.values())]
        return [{"Journeys": journeys}, {"Personas": personas}, *self.across.nav(),
                {"Reviews": f"{VIRTUAL}/reviews/index.md"}]


def _folder_anchor(folder: str) -> str:
    return "folder-" + (folder.replace("/", "-") or "top")


def _folder_name(folder: str) -> str:
    return humanize(folder.rpartition("/")[2]) if folder else "Journeys"


def _lanes(views: list[analysis.StepView]) -> dict[str, bool]:
    """Which optional lanes have content in at least one step."""
    names = ("thinking", "feeling", "touchpoints", "pain_points", "opportunities", "backstage", "evidence", "metrics")
    return {name: any(getattr(v.step, name) for v in views) for name in names} | {
        "emotion": any(v.step.emotion is not None for v in views)
    }


def build_plan(
    corpus: Corpus, override_dirs: Sequence[Path] = (), statuses: Sequence[str] | None = None, with_home: bool = False,
    *, history: GitHistory | None = None, reviews: ReviewPolicy | None = None, navigation: str = "auto",
    trend_cache: dict | None = None,
) -> SitePlan:
    """The pages of a corpus; an empty plan when the vocabulary is unusable."""
    if corpus.vocabulary is None:
        return SitePlan()
    builder = PageBuilder(corpus, override_dirs, statuses, history=history, reviews=reviews, navigation=navigation,
                          trend_cache=trend_cache)
    return builder.plan(with_home)


def _tick(revision: Revision | None) -> str:
    return revision.commit.date.date().isoformat() if revision else "not committed"


def _rel_to_toplevel(entry: Entry, history: GitHistory | None) -> str | None:
    if history is None or history.toplevel is None:
        return None
    try:
        return entry.path.resolve().relative_to(history.toplevel).as_posix()
    except ValueError:
        return None

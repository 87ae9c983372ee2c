"""The MkDocs plugin: a thin adapter over the MkDocs-free core.

It reads the journeys folder (outside ``docs/``), adds the generated pages as
virtual files (never written into ``docs/`` or ``journeys/``), adds them to the
navigation, and watches the folder in ``mkdocs serve``.
"""

from __future__ import annotations

import gc
import logging
import time
from pathlib import Path

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import nest_paths

from journeymaps.figures.reviews import DEFAULT_INTERVAL, DEFAULT_SOON, ReviewPolicy, reference_date
from journeymaps.git.history import GitHistory, read_history
from journeymaps.mkdocs.editlinks import edit_path, tidy
from journeymaps.mkdocs.unpublished import UnpublishedLinks
from journeymaps.model.load import load_corpus
from journeymaps.site import searchview
from journeymaps.site.generated import GeneratedPage, headings
from journeymaps.site.pages import NAVIGATION, build_plan
from journeymaps.source.files import VOCABULARY

log = get_plugin_logger(__name__)

CSS = "assets/journeymaps/journeymaps.css"
JS = "assets/journeymaps/journeymaps.js"
_PACKAGE = Path(__file__).parent
THEME = str(_PACKAGE / "theme")  # partials that replace Material's in offline mode


class _Days(c.Type):
    """A whole number of days, at least ``minimum``."""

    def __init__(self, default: int, minimum: int) -> None:
        super().__init__(int, default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        days = super().run_validation(value)
        if isinstance(days, bool) or days < self.minimum:
            raise ValidationError(f"expected a whole number of days, at least {self.minimum}; got {value!r}")
        return days


class JourneysConfig(Config):
    """Options of the ``journeys`` plugin in ``mkdocs.yml``."""

    journeys_dir = c.Type(str, default="journeys")
    statuses = c.ListOfItems(c.Choice(("draft", "review", "approved", "archived")),
                             default=["draft", "review", "approved"])
    # An intranet site must not load anything from other hosts: Material's default
    # Google Fonts are switched off (the system fonts are used instead), and with a
    # repo_url the repository link does not ask the repository's host for its stars.
    offline = c.Type(bool, default=True)
    history = c.Type(bool, default=True)  # read last changes and old revisions from git
    review_interval = _Days(DEFAULT_INTERVAL, 1)  # days after `reviewed` at which a map is due
    review_due_soon = _Days(DEFAULT_SOON, 0)  # days before that at which it is "due soon"
    # auto: every map in the navigation up to 100 published maps, only their folders above (see docs/performance.md)
    navigation = c.Choice(NAVIGATION, default="auto")


class JourneysPlugin(BasePlugin[JourneysConfig]):
    """Publishes the journey maps of a ``journeys/`` folder."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.root: Path | None = None
        self.pages: dict[str, GeneratedPage] = {}
        self.user_nav: list | None = None
        self.unlinker = UnpublishedLinks()
        self.notice: str | None = None
        self.problems = 0
        self.command: str | None = None  # build, gh-deploy or serve (None when MkDocs does not say)
        # What stays from one build to the next in `mkdocs serve` (MkDocs keeps a plugin with on_startup):
        self.read_cache: dict = {}  # the files read, by their text
        self.trend_cache: dict = {}  # the average emotion of old revisions, by object id
        self.converted: dict[str, str] = {}  # the HTML MkDocs made of a page's Markdown, until it is indexed
        self.shown: dict[str, str] = {}  # a page's content while the site search indexes its search view
        self.indexed = 0  # the number of search index entries before the page being indexed

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this plugin from one build of `mkdocs serve` to the next, with its caches."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = (Path(config.config_file_path or ".").parent / self.config.journeys_dir).resolve()
        self.user_nav = config.nav
        if self.config.offline and config.theme.name == "material":
            if config.theme["font"] is not False:
                log.debug("offline: web fonts switched off")
                config.theme["font"] = False
            # Our partials (a repository link that asks the repository's host for nothing) after the site's own
            # overrides, before Material's.
            if THEME not in config.theme.dirs:
                config.theme.dirs.insert(1 if config.theme.custom_dir else 0, THEME)
        if CSS not in config.extra_css:
            config.extra_css.insert(0, CSS)
        if JS not in map(str, config.extra_javascript):
            config.extra_javascript.append(JS)
        if self.unlinker not in config.markdown_extensions:
            config.markdown_extensions.append(self.unlinker)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.root is not None
        base = Path(config.config_file_path or ".").parent.resolve()
        corpus = load_corpus(self.root, display_base=base, cache=self.read_cache)
        if corpus.vocabulary is None and self.root.is_dir():
            # without the vocabulary no map can be checked: a site without maps must not be published silently
            broken = [p.format() for p in corpus.problems if Path(p.path).name == VOCABULARY]
            raise PluginError("journeymaps: " + "; ".join(broken or ["vocabulary.yml cannot be read"])
                              + " (no map can be published without the vocabulary)")
        # The corpus and the pages stay alive until the end of the build: hundreds of thousands of objects that the
        # cyclic garbage collector would walk again and again while the pages are made and rendered. Set them aside.
        gc.freeze()
        self.problems = len(corpus.problems)
        for problem in corpus.problems:
            log.warning("%s (this file is left out of the site)", problem.format())
        if corpus.problems:
            files_with_problems = len({p.path for p in corpus.problems})
            log.info("%d problem(s) in %d file(s); run 'journeymaps validate' for the list",
                     len(corpus.problems), files_with_problems)
        overrides = [Path(config.theme.custom_dir) / "journeymaps"] if config.theme.custom_dir else []
        has_home = any(files.get_file_from_path(name) for name in ("index.md", "README.md"))
        history = self._history()
        reviews = ReviewPolicy(self.config.review_interval, reference_date(), self.config.review_due_soon)
        started = time.perf_counter()
        gc.disable()  # making the pages leaves next to no cyclic garbage, and the collector's walks cost a tenth
        try:
            plan = build_plan(corpus, overrides, self.config.statuses, with_home=not has_home,
                              history=history, reviews=reviews, navigation=self.config.navigation,
                              trend_cache=self.trend_cache)
        finally:
            gc.enable()
        if history is not None:
            log.debug("git: %d process(es) in all; pages built in %.2f s", history.calls,
                      time.perf_counter() - started)
        self.unlinker.hidden = plan.unpublished
        docs_by_dest = {f.dest_uri: f for f in files}  # the docs folder's files, by the file they are published as
        self.pages = {}
        self.converted.clear()
        self.shown.clear()
        made = []
        for page in plan.pages:
            generated = File.generated(config, page.src_uri, content=page.markdown,
                                       inclusion=InclusionLevel.INCLUDED)
            made.append(generated)
            generated.dest_uri = page.dest_uri
            if page.source is not None:  # "Edit this page" opens the map's own file
                generated.edit_uri = edit_path(page.source, Path(config.docs_dir))
            self._replace(files, generated, docs_by_dest)
            self.pages[page.src_uri] = page
        for asset in plan.assets:
            self._replace(files, File.generated(config, asset.src_uri, abs_src_path=str(asset.path)), docs_by_dest)
        for name, content in plan.files.items():  # the exports: journeys.json, touchpoints.csv
            self._replace(files, File.generated(config, name, content=content), docs_by_dest)
        for ours in (CSS, JS):
            if files.get_file_from_path(ours) is None:  # a site may ship its own copy to override ours
                files.append(File.generated(config, ours, abs_src_path=str(_PACKAGE / "assets" / Path(ours).name)))
        gc.freeze()
        config.nav = _merge_nav(self.user_nav, plan.nav, files, set(self.pages))
        in_nav = set(_paths(config.nav))
        for generated in made:  # a page left out of the navigation on purpose is not reported as missing from it
            if generated.src_uri not in in_nav:
                generated.inclusion = InclusionLevel.NOT_IN_NAV
        return files

    def _history(self) -> GitHistory | None:
        """Git's history of the journeys folder (None when switched off); says once why it is missing."""
        if not self.config.history or self.root is None:
            return None
        started = time.perf_counter()
        history = read_history(self.root)
        log.debug("git history of %d file(s) read in %.2f s", len(history.files), time.perf_counter() - started)
        if history.notice and history.notice != self.notice:
            log.info("History not available: %s", history.notice)
        self.notice = history.notice
        return history

    @staticmethod
    def _replace(files: Files, new: File, docs_by_dest: dict[str, File]) -> None:
        old = files.get_file_from_path(new.src_uri)
        if old is None and new.src_uri.startswith("journeymaps/"):  # e.g. docs/reviews.md would be reviews/ too
            old = docs_by_dest.get(new.dest_uri)
        if old is not None:
            log.warning("'%s' in the docs folder is replaced by the page made from the journeys folder",
                        old.src_uri)
            files.remove(old)
        files.append(new)

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # Jinja2 checks a template file's time every time a page asks for it (some 60 times a page with Material).
        # Nothing changes them during a build, and `mkdocs serve` makes a new environment for each build.
        env.auto_reload = False
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.unlinker.page = page.file.src_uri  # links are resolved from this page while it renders
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        for source, target in self.unlinker.removed:
            log.info("'%s' links to '%s', which is not published; the link is shown as text", source, target)
        self.unlinker.removed.clear()
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            if generated.has_search_view:
                self.converted[page.file.src_uri] = html
            html = generated.fill(html)  # our pre-rendered HTML, which Markdown did not have to parse
            if page.present_anchor_ids is not None:  # so that MkDocs checks links to our anchors as to any other
                page.present_anchor_ids |= generated.anchor_ids()
            page.toc = get_toc([{"level": 2, "id": i, "name": name, "children": []} for i, name in headings(html)])
            generated.release()  # the page has its HTML now: keep only what its search view still needs
            if page.edit_url:
                page.edit_url = tidy(page.edit_url)
        return html

    # The site search (Material's, at the default priority 0) indexes page.content in on_page_context: our pages
    # hand it their search view just before, and take their content back just after, when they also weigh the
    # entries it made of the page.
    @event_priority(1)
    def _show_search_view(self, context: dict, /, *, page: Page, config: MkDocsConfig, nav) -> dict:
        converted = self.converted.pop(page.file.src_uri, None)
        if converted is not None:
            self.shown[page.file.src_uri] = page.content
            page.content = self.pages[page.file.src_uri].fill(converted, search=True)
        entries = self._search_entries(config)
        self.indexed = len(entries) if entries is not None else 0
        return context

    @event_priority(-1)
    def _show_page(self, context: dict, /, *, page: Page, config: MkDocsConfig, nav) -> dict:
        shown = self.shown.pop(page.file.src_uri, None)
        if shown is not None:
            page.content = shown
        generated = self.pages.get(page.file.src_uri)
        entries = self._search_entries(config)
        if generated is not None and entries is not None:
            for entry in entries[self.indexed:]:  # the entries the search made of this page
                weight = searchview.boost(generated.kind, entry["location"].partition("#")[2], generated.boosts)
                if weight != 1:
                    entry["boost"] = weight
        return context

    @staticmethod
    def _search_entries(config: MkDocsConfig) -> list[dict] | None:
        """The entries of Material's search index so far (None with another search plugin, or none)."""
        for plugin in config.plugins.values():
            entries = getattr(getattr(plugin, "search_index", None), "entries", None)
            if isinstance(entries, list):
                return entries
        return None

    on_page_context = CombinedEvent(_show_search_view, _show_page)

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # `mkdocs serve` builds again in this process: what the build set aside may be collected again. After
        # `mkdocs build` the process ends, and Python's last collection would walk all of it (a second and a half
        # for a thousand maps) for nothing.
        if self.command not in ("build", "gh-deploy"):
            gc.unfreeze()
        # `mkdocs build --strict --quiet` silences warnings before MkDocs counts them, so it would publish a site
        # without the broken maps; the plugin fails such a build itself.
        if config.strict and self.problems and not log.isEnabledFor(logging.WARNING):
            raise PluginError(f"journeymaps: {self.problems} problem(s) in the journeys folder and --strict is set; "
                              "run 'journeymaps validate' for the list")

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        if self.root is not None and self.root.is_dir():
            server.watch(str(self.root))
        return server


def _merge_nav(user_nav: list | None, ours: list[dict], files: Files, generated: set[str]) -> list:
    """The user's navigation (written out or automatic) followed by our sections.

    A section is not added when the written-out nav already places any page
    of it, so a site can arrange the journeys itself.
    """
    if user_nav is None:
        pages = sorted((f for f in files.documentation_pages() if f.src_uri not in generated), key=file_sort_key)
        user_nav = nest_paths(f.src_uri for f in pages if f.inclusion.is_in_nav())
    mentioned = set(_paths(user_nav))
    added = [section for section in ours if not mentioned & set(_paths(section))]
    home = ["index.md"] if "index.md" in generated else []
    return [*home, *user_nav, *added]


def _paths(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _paths(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in _paths(item)]
    return []

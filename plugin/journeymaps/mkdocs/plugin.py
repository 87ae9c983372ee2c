"""The MkDocs plugin: a thin adapter over the MkDocs-free core.

It reads the journeys folder (outside ``docs/``), adds the generated pages as
virtual files (never written into ``docs/`` or ``journeys/``), adds them to the
navigation, and watches the folder in ``mkdocs serve``. Its options are in
``config.py``; the hand-off of files, navigation and search in ``files.py``,
``nav.py`` and ``search.py``; this module holds the hooks.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from journeymaps.figures.reviews import ReviewPolicy, reference_date
from journeymaps.git.history import GitHistory, read_history
from journeymaps.mkdocs.config import JourneysConfig
from journeymaps.mkdocs.editlinks import tidy
from journeymaps.mkdocs.files import add_plan
from journeymaps.mkdocs.reuse import Reuse
from journeymaps.mkdocs.search import SearchHandOff
from journeymaps.mkdocs.unpublished import UnpublishedLinks
from journeymaps.model.load import load_corpus
from journeymaps.pages.cache import PageCache, TemplateCode
from journeymaps.pages.generated import GeneratedPage, headings
from journeymaps.pages.plan import build_plan, override_dirs, unusable_vocabulary
from journeymaps.pages.site_nav import merge_nav, nav_paths
from journeymaps.pages.static import CSS, JS, THEME

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)


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
        self.page_cache = PageCache()  # the pages of maps and personas, by everything they show
        self.reuse = Reuse()  # what MkDocs made of each generated page (see reuse.py)
        self.theme_code = TemplateCode()  # the code of the theme's templates
        self.search = SearchHandOff()
        self._nav: Navigation | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this plugin from one build of `mkdocs serve` to the next, with its caches."""
        self.command = command

    # Every hook below starts by asking whether the plugin is enabled: switched off, it leaves the site as MkDocs
    # alone would build it, says nothing and reads nothing.

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Find the journeys folder; add our CSS, JS, theme partials and Markdown extension; switch off web fonts."""
        if not self.config.enabled:
            return config
        for note in self.config.renamed():
            log.info(note)
        self.root = (Path(config.config_file_path or ".").parent / self.config.journeys_dir).resolve()
        self.user_nav = config.nav
        if self.config.offline and config.theme.name == "material":
            if config.theme["font"] is not False:
                log.debug("offline: web fonts switched off")
                config.theme["font"] = False
            # Our partials (a repository link that asks the repository's host for nothing) after the site's own
            # overrides, before Material's.
            if str(THEME) not in config.theme.dirs:
                config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        if CSS not in config.extra_css:
            config.extra_css.insert(0, CSS)
        if JS not in map(str, config.extra_javascript):
            config.extra_javascript.append(JS)
        if self.unlinker not in config.markdown_extensions:
            config.markdown_extensions.append(self.unlinker)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Read the journeys folder, plan the site, and hand MkDocs the generated pages, files and navigation."""
        if not self.config.enabled:
            return files
        assert self.root is not None
        base = Path(config.config_file_path or ".").parent.resolve()
        corpus = load_corpus(self.root, display_base=base, cache=self.read_cache)
        # without the vocabulary no map can be checked: a site without maps must not be published silently
        if (unusable := unusable_vocabulary(corpus)) is not None:
            raise PluginError(f"journeymaps: {unusable}")
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
        overrides = override_dirs(config.theme.custom_dir)
        has_home = any(files.get_file_from_path(name) for name in ("index.md", "README.md"))
        history = self._history()
        reviews = ReviewPolicy(self.config.review.interval, reference_date(), self.config.review.due_soon)
        started = time.perf_counter()
        gc.disable()  # making the pages leaves next to no cyclic garbage, and the collector's walks cost a tenth
        try:
            plan = build_plan(corpus, overrides, self.config.statuses, with_home=not has_home,
                              history=history, reviews=reviews, navigation=self.config.navigation,
                              trend_cache=self.trend_cache, page_cache=self.page_cache if self.serving else None)
        finally:
            gc.enable()
        if history is not None:
            log.debug("git: %d process(es) in all; pages built in %.2f s", history.calls,
                      time.perf_counter() - started)
        if self.serving:
            log.debug("%d page(s) of maps and personas made, %d kept from the last build", self.page_cache.made,
                      self.page_cache.reused)
        self.unlinker.hidden = plan.unpublished
        self.pages = {page.src_uri: page for page in plan.pages}
        self.search.clear()
        made = add_plan(files, plan, config)
        gc.freeze()
        doc_pages = (f.src_uri for f in files.documentation_pages() if f.inclusion.is_in_nav())
        config.nav = merge_nav(self.user_nav, plan.nav, doc_pages, set(self.pages))
        in_nav = set(nav_paths(config.nav))
        for generated in made:  # a page left out of the navigation on purpose is not reported as missing from it
            if generated.src_uri not in in_nav:
                generated.inclusion = InclusionLevel.NOT_IN_NAV
        self.reuse.begin(self.serving, config, files, self.pages, plan.unpublished)
        return files

    @property
    def serving(self) -> bool:
        """True in `mkdocs serve`, which builds again after each change: the plugin keeps what did not change."""
        return self.command == "serve"

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

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Stop Jinja2 from checking the theme's template files again and again."""
        # Jinja2 checks a template file's time every time a page asks for it (some 60 times a page with Material).
        # Nothing changes them during a build, and `mkdocs serve` makes a new environment for each build.
        if self.config.enabled:
            env.auto_reload = False
            if self.serving:  # the theme's templates are compiled once, not again in each build
                env.bytecode_cache = self.theme_code
            self.reuse.frame(env, config, self._nav, files)
        return env

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Note the navigation: in `mkdocs serve`, a page is written as last time only if it is the same."""
        self._nav = nav
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Tell the Markdown extension which page it resolves links from."""
        if self.config.enabled:
            self.unlinker.page = page.file.src_uri  # links are resolved from this page while it renders
            markdown = self.reuse.markdown(page, markdown)  # none when MkDocs converted it last time already
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Report the links the Markdown extension left as text (a generated page stays unfilled until it is built)."""
        if not self.config.enabled:
            return html
        removed = bool(self.unlinker.removed)
        for source, target in self.unlinker.removed:
            log.info("'%s' links to '%s', which is not published; the link is shown as text", source, target)
        self.unlinker.removed.clear()
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            kept = self.reuse.given_back(page)  # what MkDocs made of this page last time, if it is the same
            if kept is not None:
                self.reuse.give_back(page, kept)
                html = kept.converted
            else:
                self.reuse.keep(page, html, quiet=not removed)
        return html

    # MkDocs converts every page before it builds any, and keeps what it converted: a generated page's HTML is
    # made and put in place only when the page is built, so that the site's pages are never all in memory at once.
    # The site search (Material's, at the default priority 0) indexes page.content in on_page_context: our pages
    # hand it their search view just before, and take their content back just after (see search.py).
    @event_priority(1)
    def _show_search_view(self, context: dict, /, *, page: Page, config: MkDocsConfig, nav) -> dict:
        if self.config.enabled:
            generated = self.pages.get(page.file.src_uri)
            if generated is not None:
                self._fill(page, generated)
            self.search.show_view(page, generated, config)
            if generated is not None:
                generated.release()
        return context

    def _fill(self, page: Page, generated: GeneratedPage) -> None:
        """Put a generated page's HTML in place, with its anchors, table of contents and edit link."""
        converted = page.content or ""
        kept = self.reuse.given_back(page)  # `mkdocs serve`: the anchors and contents are those of last time
        if generated.has_search_view and not (kept is not None and self.reuse.search_kept(page, kept)):
            self.search.keep(page.file.src_uri, converted)
        html = generated.fill(converted)  # our HTML, which Markdown did not have to parse
        if kept is None:
            if page.present_anchor_ids is not None:  # so that MkDocs checks links to our anchors as to any other
                page.present_anchor_ids |= generated.anchor_ids()
            page.toc = get_toc([{"level": 2, "id": i, "name": name, "children": []} for i, name in headings(html)])
            self.reuse.filled(page)
        page.content = html
        if page.edit_url:
            page.edit_url = tidy(page.edit_url)

    # In `mkdocs serve`, a page whose search entries are those of the last build is not indexed again.
    @event_priority(0.5)
    def _before_search(self, context: dict, /, *, page: Page, config: MkDocsConfig, nav) -> dict:
        if self.config.enabled:
            self.reuse.before_search(page, config)
        return context

    @event_priority(-0.5)
    def _after_search(self, context: dict, /, *, page: Page, config: MkDocsConfig, nav) -> dict:
        if self.config.enabled:
            self.reuse.after_search(page, config)
        return context

    @event_priority(-1)
    def _show_page(self, context: dict, /, *, page: Page, config: MkDocsConfig, nav) -> dict:
        if self.config.enabled:
            self.search.show_page(page, self.pages.get(page.file.src_uri), config)
        return context

    on_page_context = CombinedEvent(_show_search_view, _before_search, _after_search, _show_page)

    @event_priority(100)  # first: the page as the template made it, before any other plugin changes it
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Let go of a generated page's HTML once it is written out; in `mkdocs serve`, keep the page as written."""
        if self.config.enabled:
            self.reuse.written(page, output)
            if page.file.src_uri in self.pages:
                page.content = None
        return output

    def on_build_error(self, *, error: Exception) -> None:
        """Give the objects set aside back to the garbage collector."""
        if self.config.enabled:
            self.reuse.stop_watching()
            self.reuse.end()
            gc.unfreeze()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Let go of the build's objects in `mkdocs serve`; fail a `--strict --quiet` build that had problems."""
        if not self.config.enabled:
            return
        # `mkdocs serve` builds again in this process: what the build set aside may be collected again. After
        # `mkdocs build` the process ends, and Python's last collection would walk all of it (a second and a half
        # for a thousand maps) for nothing.
        if self.command not in ("build", "gh-deploy"):
            gc.unfreeze()
        if self.serving:
            counts = self.reuse.end()
            log.debug("%(pages)d generated page(s): %(converted)d converted, %(searched)d indexed and %(written)d "
                      "written by MkDocs as in the last build", counts)
        # `mkdocs build --strict --quiet` silences warnings before MkDocs counts them, so it would publish a site
        # without the broken maps; the plugin fails such a build itself.
        if config.strict and self.problems and not log.isEnabledFor(logging.WARNING):
            raise PluginError(f"journeymaps: {self.problems} problem(s) in the journeys folder and --strict is set; "
                              "run 'journeymaps validate' for the list")

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
        """Rebuild when anything in the journeys folder changes."""
        if self.config.enabled and self.root is not None and self.root.is_dir():
            server.watch(str(self.root))
        return server


"""The MkDocs plugin: a thin adapter over the MkDocs-free core.

It reads the journeys folder (outside ``docs/``), adds the generated pages as
virtual files (never written into ``docs/`` or ``journeys/``), adds them to the
navigation, and watches the folder in ``mkdocs serve``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import nest_paths

from .load import load_corpus
from .pages import GeneratedPage, build_plan, headings

log = get_plugin_logger(__name__)

CSS = "assets/journeymaps/journeymaps.css"
_PACKAGE = Path(__file__).parent


class JourneysConfig(Config):
    """Options of the ``journeys`` plugin in ``mkdocs.yml``."""

    journeys_dir = c.Type(str, default="journeys")
    statuses = c.ListOfItems(c.Choice(("draft", "review", "approved", "archived")),
                             default=["draft", "review", "approved"])


class JourneysPlugin(BasePlugin[JourneysConfig]):
    """Publishes the journey maps of a ``journeys/`` folder."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.root: Path | None = None
        self.pages: dict[str, GeneratedPage] = {}
        self.user_nav: list | None = None
        self.problems = 0

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = (Path(config.config_file_path or ".").parent / self.config.journeys_dir).resolve()
        self.user_nav = config.nav
        if CSS not in config.extra_css:
            config.extra_css.insert(0, CSS)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.root is not None
        base = Path(config.config_file_path or ".").parent.resolve()
        corpus = load_corpus(self.root, display_base=base)
        self.problems = len(corpus.problems)
        for problem in corpus.problems:
            log.warning("%s (this file is left out of the site)", problem.format())
        if corpus.problems:
            files_with_problems = len({p.path for p in corpus.problems})
            log.info("%d problem(s) in %d file(s); run 'journeymaps validate' for the list",
                     len(corpus.problems), files_with_problems)
        overrides = [Path(config.theme.custom_dir) / "journeymaps"] if config.theme.custom_dir else []
        has_home = any(files.get_file_from_path(name) for name in ("index.md", "README.md"))
        plan = build_plan(corpus, overrides, self.config.statuses, with_home=not has_home)
        self.pages = {}
        for page in plan.pages:
            generated = File.generated(config, page.src_uri, content=page.markdown,
                                       inclusion=InclusionLevel.INCLUDED)
            generated.dest_uri = page.dest_uri
            self._replace(files, generated)
            self.pages[page.src_uri] = page
        for asset in plan.assets:
            self._replace(files, File.generated(config, asset.src_uri, abs_src_path=str(asset.path)))
        if files.get_file_from_path(CSS) is None:  # a site may ship its own copy to override ours
            files.append(File.generated(config, CSS, abs_src_path=str(_PACKAGE / "assets" / "journeymaps.css")))
        config.nav = _merge_nav(self.user_nav, plan.nav, files, set(self.pages))
        return files

    @staticmethod
    def _replace(files: Files, new: File) -> None:
        old = files.get_file_from_path(new.src_uri)
        if old is not None:
            log.warning("'%s' in the docs folder is replaced by the page made from the journeys folder",
                        old.src_uri)
            files.remove(old)
        files.append(new)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.pages:
            page.toc = get_toc([{"level": 2, "id": i, "name": name, "children": []} for i, name in headings(html)])
            page.edit_url = None  # the generated path is not a file in the repository
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
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

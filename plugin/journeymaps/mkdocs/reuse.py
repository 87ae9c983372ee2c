"""Under ``mkdocs serve``: MkDocs does not redo its work on a generated page that did not change.

MkDocs' ``serve`` rebuilds the whole site after any change: it converts every
page's Markdown, renders Material's template around it, indexes it for the site
search and writes it. For a generated page, the plugin keeps from one build to
the next what MkDocs made of it, and gives it back when the page is the same:

- *Its conversion* (the HTML of its Markdown, its table of contents, its anchors
  and its links to anchors) when its **content key** matches: the page's
  Markdown, fragments, search views and boosts, its file's paths and address,
  the site's configuration (every option but the navigation), the unpublished
  maps, and every file the conversion looked up to resolve a link (each must
  still be there at the same address). A page whose conversion logged anything
  (a broken link...) is always converted again, so that the message repeats.
  Its Markdown is then handed to MkDocs empty, which converts it in no time.
- *Its search entries* when, besides, its title is the same.
- *The page MkDocs wrote* when, besides, the **frame** is the same: the whole
  navigation (titles, addresses, order, the pages' meta), the page's title,
  addresses, meta and edit link, and the theme's files outside installed
  packages (the site's ``custom_dir``, the plugin's partials). The page then
  gets a template that prints what it was last time (``page.meta['template']``,
  MkDocs' own way to choose a page's template), and its content is not indexed
  again.

It works only with plugins whose per-page work it knows (Material's search and
this one); with any other plugin every page is built by MkDocs as usual.
"""

from __future__ import annotations

import hashlib
import logging
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from journeymaps.mkdocs.search import search_entries as search_index
from journeymaps.pages.cache import template_files
from journeymaps.pages.generated import GeneratedPage

#: The template a page whose output is reused gets; it prints that output.
TEMPLATE = "journeymaps-reused.html"
#: The plugins whose work on a page is known (and redone or given back here): Material's search and ours.
KNOWN_PLUGINS = ("material.plugins.search.plugin.SearchPlugin", "journeymaps.mkdocs.plugin.JourneysPlugin")
_PACKAGES = Path(sysconfig.get_paths()["purelib"]).resolve()


def _digest(*parts: object) -> bytes:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


def page_digest(page: GeneratedPage) -> bytes:
    """Everything MkDocs gets of a generated page: Markdown, fragments, search views, boosts and search mode."""
    h = hashlib.blake2b(digest_size=20)
    h.update(_digest(page.src_uri, page.url, page.title, page.kind, page.search, sorted(page.boosts.items()),
                     len(page.fragments)))
    for text in (page.markdown, *page.fragments, *(s if s is not None else "\0" for s in page.search_fragments)):
        data = text.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


def _describe(found: File | None) -> tuple | None:
    return None if found is None else (found.src_uri, found.url, found.inclusion.name)


@dataclass
class Kept:
    """What MkDocs made of a generated page in the last build."""

    content_key: bytes
    converted: str  # the HTML MkDocs made of the Markdown, before the fragments go in
    toc: TableOfContents
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # links to anchors, by the source path of the page linked to
    lookups: dict[str, tuple | None] = field(default_factory=dict)  # file lookups of the conversion, and their answer
    search_key: bytes | None = None
    entries: list[dict] | None = None  # the site search's entries of the page
    output_key: bytes | None = None
    output: str | None = None


class _Logged(logging.Handler):
    """Counts what MkDocs and the plugins log while a page is converted."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class Reuse:
    """What the plugin keeps of MkDocs' work on each generated page, and gives back when the page is the same."""

    def __init__(self) -> None:
        self.active = False
        self.kept: dict[str, Kept] = {}  # the last build's, by source path
        self.now: dict[str, Kept] = {}  # this build's
        self.keys: dict[str, bytes] = {}  # this build's content keys
        self.converted: dict[str, Kept] = {}  # pages whose conversion is given back in this build
        self.outputs: dict[str, str] = {}  # pages whose output is given back in this build
        self.searched: dict[str, tuple[int, str]] = {}  # (index entries before, content) of a page being indexed
        self._files: Files | None = None
        self._lookups: dict[str, tuple | None] | None = None
        self._logged = _Logged()
        self._digests: dict[int, tuple[GeneratedPage, bytes]] = {}
        self.counts = {"pages": 0, "converted": 0, "searched": 0, "written": 0}

    def begin(self, on: bool, config: MkDocsConfig, files: Files, pages: dict[str, GeneratedPage],
              hidden: set[str]) -> None:
        """At the end of ``on_files``: work out each generated page's content key, and which are converted as before."""
        self.active = on and all(f"{type(p).__module__}.{type(p).__qualname__}" in KNOWN_PLUGINS
                                 for p in config.plugins.values())
        self.now, self.keys, self.converted, self.outputs, self.searched = {}, {}, {}, {}, {}
        self.counts = dict.fromkeys(self.counts, 0)
        if not self.active:
            self.kept, self._digests = {}, {}
            return
        self._files = files
        options = _digest(sorted((k, repr(v)) for k, v in config.items() if k not in ("nav", "pages")))
        site = _digest(options, sorted(hidden))
        digests = {}
        for src, generated in pages.items():
            generated.render()  # a page is compared by its HTML: made now rather than when it is built
            known = self._digests.get(id(generated))
            digest = known[1] if known is not None and known[0] is generated else page_digest(generated)
            if generated.kept:  # the page cache keeps this object for the next build: so is its digest
                digests[id(generated)] = (generated, digest)
            file = files.get_file_from_path(src)
            assert file is not None
            key = _digest(site, digest, file.src_uri, file.dest_uri, file.url, file.edit_uri, file.inclusion.name)
            self.keys[src] = key
            kept = self.kept.get(src)
            if kept is not None and kept.content_key == key and self._same_lookups(kept.lookups):
                self.converted[src] = kept
        self._digests = digests
        self.counts["pages"] = len(pages)

    def _same_lookups(self, lookups: dict[str, tuple | None]) -> bool:
        assert self._files is not None
        return all(_describe(self._files.get_file_from_path(path)) == found for path, found in lookups.items())

    # --- converting the Markdown (on_page_markdown ... on_page_content) ---

    def markdown(self, page: Page, markdown: str) -> str:
        """The Markdown MkDocs converts: none for a page converted as before; else watch what its conversion does."""
        if not self.active or page.file.src_uri not in self.keys:
            return markdown
        if page.file.src_uri in self.converted:
            self.counts["converted"] += 1
            return ""
        assert self._files is not None
        lookups: dict[str, tuple | None] = {}
        find = type(self._files).get_file_from_path
        files = self._files

        def recorded(path: str) -> File | None:
            found = find(files, path)
            lookups[path] = _describe(found)
            return found

        # The links of the page are resolved through this one method: note each answer, for the next build.
        self._files.get_file_from_path = recorded  # type: ignore[method-assign]
        self._lookups = lookups
        self._logged.count = 0
        logging.getLogger("mkdocs").addHandler(self._logged)
        return markdown

    def stop_watching(self) -> None:
        """The conversion is over (or failed): MkDocs' files and log are as they were."""
        if self._files is not None and "get_file_from_path" in vars(self._files):
            del self._files.get_file_from_path
        logging.getLogger("mkdocs").removeHandler(self._logged)

    def given_back(self, page: Page) -> Kept | None:
        """What the page's conversion gave last time, when it is the same in this build."""
        return self.converted.get(page.file.src_uri) if self.active else None

    def keep(self, page: Page, converted: str, quiet: bool) -> None:
        """After a page's conversion: keep what it made (``quiet``: nothing logged about it besides)."""
        if not self.active or page.file.src_uri not in self.keys:
            return
        lookups, self._lookups = self._lookups, None
        self.stop_watching()
        if self._logged.count or not quiet or lookups is None:
            return
        links = None
        if page.links_to_anchors is not None:
            links = {target.src_uri: dict(found) for target, found in page.links_to_anchors.items()}
        src = page.file.src_uri
        self.now[src] = Kept(self.keys[src], converted, page.toc, page.present_anchor_ids, links, lookups,
                             search_key=_digest(self.keys[src], page.title, page.url))

    def filled(self, page: Page) -> None:
        """A page converted in this build has its fragments in place: keep its table of contents and anchors."""
        kept = self.now.get(page.file.src_uri) if self.active else None
        if kept is not None:
            kept.toc, kept.anchors = page.toc, page.present_anchor_ids

    def give_back(self, page: Page, kept: Kept) -> None:
        """Put a page's kept table of contents, anchors and links to anchors in place."""
        assert self._files is not None
        page.toc = kept.toc
        page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None
        if kept.links is not None:
            page.links_to_anchors = {self._files.get_file_from_path(src): found for src, found in kept.links.items()}
        self.now[page.file.src_uri] = kept

    def search_kept(self, page: Page, kept: Kept) -> bool:
        """Whether the site search's entries of a page converted as before are kept too (its title is the same)."""
        key = _digest(kept.content_key, page.title, page.url)
        if kept.search_key == key and kept.entries is not None:
            return True
        kept.search_key, kept.entries = key, None
        return False

    # --- the frame, the template and the search ---

    def frame(self, env: jinja2.Environment, config: MkDocsConfig, nav: Navigation, files: Files) -> None:
        """In ``on_env`` (every title is known): give back the output of each page whose frame is the same."""
        if not self.active:
            return
        theme = [entry for d in config.theme.dirs if not Path(d).resolve().is_relative_to(_PACKAGES)
                 for entry in template_files([d])]
        # A template outside the installed themes that names `pages` may list every page: then they are part of it.
        pages = ([(f.src_uri, f.url) for f in files.documentation_pages()]
                 if any(b"pages" in content for _, _, content in theme) else None)
        frame = _digest(_nav_digest(nav.items), _digest(theme), pages)
        for src, kept in self.now.items():
            page = files.get_file_from_path(src).page  # type: ignore[union-attr]
            assert page is not None
            key = _digest(kept.content_key, frame, page.title, page.url, page.canonical_url, page.edit_url,
                          sorted((k, repr(v)) for k, v in page.meta.items()))
            if kept.output_key == key and kept.output is not None:
                page.meta["template"] = TEMPLATE
                self.outputs[src] = kept.output
                self.counts["written"] += 1
            else:
                kept.output_key, kept.output = key, None
        if self.outputs:
            env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({TEMPLATE: "{{ journeymaps_output(page) }}"}),
                                              env.loader])  # type: ignore[list-item]
            env.globals["journeymaps_output"] = lambda page: Markup(self.outputs[page.file.src_uri])

    def before_search(self, page: Page, config: MkDocsConfig) -> None:
        """Before the site search indexes ``page``: when its entries are kept, give it nothing to read."""
        kept = self.now.get(page.file.src_uri) if self.active else None
        entries = _entries(config)
        if kept is None or entries is None:
            return
        self.searched[page.file.src_uri] = (len(entries), page.content or "")
        if kept.entries is not None:
            page.content = ""

    def after_search(self, page: Page, config: MkDocsConfig) -> None:
        """After the site search indexed ``page``: its kept entries in place of what it made, or kept for next time."""
        found = self.searched.pop(page.file.src_uri, None)
        entries = _entries(config)
        if found is None or entries is None:
            return
        before, content = found
        kept = self.now[page.file.src_uri]
        if kept.entries is not None:
            del entries[before:]
            entries.extend(kept.entries)
            page.content = content
            self.counts["searched"] += 1
        else:
            kept.entries = entries[before:]

    def written(self, page: Page, output: str) -> None:
        """The page as its template made it (before other plugins change it): kept for the next build."""
        kept = self.now.get(page.file.src_uri) if self.active else None
        if kept is not None:
            kept.output = output

    def end(self) -> dict[str, int]:
        """The build is over: what it made is what the next one may give back. Returns what was given back."""
        self.kept = self.now if self.active else {}
        self.now, self.converted, self.outputs, self._files = {}, {}, {}, None
        return self.counts


def _entries(config: MkDocsConfig) -> list[dict] | None:
    """The site search's entries so far (None without a search plugin we know)."""
    found = search_index(config)
    return None if found is None else found[0]


def _nav_digest(items: list) -> bytes:
    """Everything Material shows of the navigation: each item's kind, title, address, meta and children."""
    parts: list[object] = []
    for item in items:
        if isinstance(item, Section):
            parts.append(("section", item.title, _nav_digest(item.children)))
        elif isinstance(item, Link):
            parts.append(("link", item.title, item.url))
        elif isinstance(item, Page):
            parts.append(("page", item.title, item.url, item.file.src_uri,
                          sorted((k, repr(v)) for k, v in item.meta.items()),
                          _nav_digest(item.children) if item.children else None))
        else:
            parts.append(("other", type(item).__qualname__, repr(item)))
    return _digest(*parts)

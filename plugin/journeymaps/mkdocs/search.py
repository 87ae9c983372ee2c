"""The hand-off to the site search: our pages are indexed from their search view, and weighed.

Material's search plugin indexes ``page.content`` in ``on_page_context`` at the default
priority 0. Just before (priority 1) a generated page hands it its search view, made
from the HTML MkDocs converted; just after (priority -1) it takes its content back and
sets the boost of each entry the search made of it. Another search plugin, or none,
gets the pages as they are shown and no boosts.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from journeymaps.pages import searchview
from journeymaps.pages.generated import GeneratedPage


def search_entries(config: MkDocsConfig) -> list[dict] | None:
    """The entries of Material's search index so far (None with another search plugin, or none)."""
    for plugin in config.plugins.values():
        entries = getattr(getattr(plugin, "search_index", None), "entries", None)
        if isinstance(entries, list):
            return entries
    return None


def weigh(entries: list[dict], generated: GeneratedPage) -> None:
    """Set the boost of each entry made of a generated page, by the part of the page it points at."""
    for entry in entries:
        weight = searchview.boost(generated.kind, entry["location"].partition("#")[2], generated.boosts)
        if weight != 1:
            entry["boost"] = weight


class SearchHandOff:
    """What a page hands the search while it is indexed, and takes back afterwards."""

    def __init__(self) -> None:
        self.converted: dict[str, str] = {}  # the HTML MkDocs made of a page's Markdown, until it is indexed
        self.shown: dict[str, str] = {}  # a page's content while the site search indexes its search view
        self.indexed = 0  # the number of search index entries before the page being indexed

    def clear(self) -> None:
        """Forget the pages of an earlier build (``mkdocs serve``)."""
        self.converted.clear()
        self.shown.clear()

    def keep(self, src_uri: str, converted: str) -> None:
        """Keep the HTML MkDocs made of a page that has a search view, until the page is indexed."""
        self.converted[src_uri] = converted

    def show_view(self, page: Page, generated: GeneratedPage | None, config: MkDocsConfig) -> None:
        """Before the search indexes ``page``: put its search view in place of its content."""
        converted = self.converted.pop(page.file.src_uri, None)
        if converted is not None and generated is not None:
            self.shown[page.file.src_uri] = page.content
            page.content = generated.fill(converted, search=True)
        entries = search_entries(config)
        self.indexed = len(entries) if entries is not None else 0

    def show_page(self, page: Page, generated: GeneratedPage | None, config: MkDocsConfig) -> None:
        """After the search indexed ``page``: give it its content back and weigh the entries made of it."""
        shown = self.shown.pop(page.file.src_uri, None)
        if shown is not None:
            page.content = shown
        entries = search_entries(config)
        if generated is not None and entries is not None:
            weigh(entries[self.indexed:], generated)

"""The hand-off to the site search: our pages are indexed from their search view, as much as they say, and weighed.

Material's search plugin indexes ``page.content`` in ``on_page_context`` at the default
priority 0. Just before (priority 1) a generated page hands it its search view, made
from the HTML MkDocs converted, or marks itself left out (Material's ``search:
exclude``); just after (priority -1) it takes its content back, drops the entries the
page does not index (a page indexed by its title keeps its own entry, a map the entries
of the things that live on it) and writes the boost of every entry, ours and those of
the docs folder alike (see searchview). MkDocs' own search plugin gets the same view
and loses the same entries (it has no boosts); another search plugin gets the pages as
they are shown.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from journeymaps.pages import searchview
from journeymaps.pages.generated import GeneratedPage


def search_entries(config: MkDocsConfig) -> tuple[list[dict], bool] | None:
    """The entries of the search index so far, and whether they take boosts: Material's do, MkDocs' own search
    plugin's (kept in a private list) do not. None with another search plugin, or none."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        for name, boosts in (("entries", True), ("_entries", False)):
            entries = getattr(index, name, None)
            if isinstance(entries, list):
                return entries, boosts
    return None


def weigh(entries: list[dict], generated: GeneratedPage | None, boosts: bool = True) -> None:
    """Keep the entries made of a page that it indexes, and write the boost of each (see searchview).

    A page of the docs folder (``generated`` None) keeps its entries and the boost its meta gives them.
    Without ``boosts`` (MkDocs' own search) no boost is written.
    """
    if generated is not None and generated.indexed == searchview.NONE:
        entries.clear()
        return
    if generated is not None and generated.indexed == searchview.TITLE:
        del entries[1:]  # its own entry: the first, as the search made them in the page's order
    kept = []
    for entry in entries:
        anchor = entry["location"].partition("#")[2]
        if generated is None:
            weight = entry.get("boost", 1) * searchview.OTHER_BOOST
        elif searchview.indexes(generated.indexed, anchor, generated.boosts):
            weight = searchview.boost(generated.kind, anchor, generated.boosts)
        else:
            continue
        boost = searchview.written(weight) if boosts else None
        if boost is None:
            entry.pop("boost", None)
        else:
            entry["boost"] = boost
        kept.append(entry)
    entries[:] = kept


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
        """Before the search indexes ``page``: put its search view in place of its content, or leave it out."""
        converted = self.converted.pop(page.file.src_uri, None)
        if generated is not None and generated.indexed == searchview.NONE:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        elif converted is not None and generated is not None:
            self.shown[page.file.src_uri] = page.content
            page.content = generated.fill(converted, search=True)
            if generated.indexed == searchview.NAMED:
                page.content = searchview.named_view(page.content)
        found = search_entries(config)
        self.indexed = len(found[0]) if found is not None else 0

    def show_page(self, page: Page, generated: GeneratedPage | None, config: MkDocsConfig) -> None:
        """After the search indexed ``page``: give it its content back and weigh the entries made of it."""
        shown = self.shown.pop(page.file.src_uri, None)
        if shown is not None:
            page.content = shown
        found = search_entries(config)
        if found is not None:
            entries, boosts = found
            made = entries[self.indexed:]
            weigh(made, generated, boosts)
            entries[self.indexed:] = made

"""The list pages: all journeys by folder, each folder's maps and all personas."""

from __future__ import annotations

from collections import defaultdict

from journeymaps.model import addresses
from journeymaps.pages import paging
from journeymaps.pages.context import RenderContext
from journeymaps.pages.folders import folder_anchor, folder_name
from journeymaps.pages.generated import GeneratedPage, Html
from journeymaps.pages.map_rows import MapRows
from journeymaps.pages.views import (
    FolderGroup,
    FolderView,
    JourneysIndexView,
    MapRow,
    PersonaRow,
    PersonasIndexView,
    SubFolder,
)


class Listings:
    """Renders the list pages of one build."""

    def __init__(self, ctx: RenderContext, rows: MapRows) -> None:
        self.ctx = ctx
        self.rows = rows

    def journeys_index(self) -> list[GeneratedPage]:
        """``journeys/``: every published map grouped by folder, in parts of ``ROWS_PER_PAGE`` maps.

        The folders follow one another across the parts; a folder whose maps
        run over two parts has its heading on both. The rows repeat the journey
        pages, which the search indexes: the first part is indexed by its title
        and introduction only, the others not at all.
        """
        folders = self.ctx.folders
        rows = [(folder, row) for folder in sorted(folders.maps) for row in self.rows.listing(folders.maps[folder])]
        pages, seen = [], set()
        for part in paging.split(addresses.JOURNEYS_INDEX, rows):
            groups: dict[str, list[MapRow]] = defaultdict(list)
            for folder, row in part.rows:
                groups[folder].append(row)
            view = JourneysIndexView(
                groups=[FolderGroup(anchor=folder_anchor(folder), folder=folder, name=folder_name(folder),
                                    journeys=found, rows=self.rows.html(part.url, found),
                                    url=folders.urls.get(folder), continued=folder in seen)
                        for folder, found in groups.items()],
                count=len(rows), part=paging.Part(part.listing, part.number, part.count,
                                                  [row for _, row in part.rows], part.first, part.total),
            )
            seen.update(groups)
            pages.append(self.page(part, "Journeys", self.ctx.render("index/journeys.html", part.url, view),
                                   "journeys-index"))
        return pages

    @staticmethod
    def page(part: paging.Part, title: str, body: Html, kind: str) -> GeneratedPage:
        """A part of a list of maps: the first at the list's address, indexed by its title; the others not."""
        if part.number == 1:
            return GeneratedPage.virtual(part.url, title, body, kind, search="title")
        return GeneratedPage.virtual(part.url, f"{title} (part {part.number} of {part.count})", body, kind,
                                     search="none")

    def folder_page(self, folder: str) -> list[GeneratedPage]:
        """``journeys/<folder>/``: the maps of one folder, in parts, and its sub-folders."""
        folders = self.ctx.folders
        url = folders.urls[folder]
        subfolders = [SubFolder(name=folder_name(f), count=folders.below[f], url=folders.url(f))
                      for f in folders.subfolders(folder)]
        name = folder_name(folder)
        own = folders.maps[folder]
        pages = []
        for part in paging.split(url, self.rows.listing(own)):
            body = self.ctx.render("index/folder.html", part.url, FolderView(
                name=name, folder=folder, crumbs=folders.crumbs(folder)[:-1], journeys=list(part.rows),
                rows=self.rows.html(part.url, part.rows),
                below=folders.below[folder] - len(own), subfolders=subfolders, part=part,
            ))
            pages.append(self.page(part, name, body, "folder"))
        return pages

    def folder_pages(self) -> list[GeneratedPage]:
        """The pages of every folder that holds published maps (at any depth)."""
        return [page for folder in sorted(self.ctx.folders.urls) for page in self.folder_page(folder)]

    def personas_index(self) -> GeneratedPage:
        """All personas with their segments and journey counts."""
        url = addresses.PERSONAS_INDEX
        personas = [
            PersonaRow(entry=e, p=e.persona, url=addresses.persona_url(pid),
                       count=len(self.ctx.by_persona.get(pid, [])))
            for pid, e in self.ctx.personas.items()
        ]
        body = self.ctx.render("index/personas.html", url, PersonasIndexView(personas=personas))
        return GeneratedPage.virtual(url, "Personas", body, "personas-index")

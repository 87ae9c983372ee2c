"""The list pages: all journeys by folder, each folder's maps and all personas."""

from __future__ import annotations

from collections import defaultdict

from journeymaps.model import addresses
from journeymaps.model.corpus import JourneyEntry
from journeymaps.pages.context import RenderContext
from journeymaps.pages.folders import folder_anchor, folder_name
from journeymaps.pages.generated import GeneratedPage
from journeymaps.pages.map_rows import MapRows
from journeymaps.pages.views import (
    FolderGroup,
    FolderView,
    JourneysIndexView,
    PersonaRow,
    PersonasIndexView,
    SubFolder,
)


class Listings:
    """Renders the list pages of one build."""

    def __init__(self, ctx: RenderContext, rows: MapRows) -> None:
        self.ctx = ctx
        self.rows = rows

    def journeys_index(self) -> GeneratedPage:
        """All published journeys, grouped by folder."""
        url = addresses.JOURNEYS_INDEX
        folders: dict[str, list[JourneyEntry]] = defaultdict(list)
        for entry in self.ctx.journeys.values():
            folders[entry.folder].append(entry)
        groups = [
            FolderGroup(anchor=folder_anchor(folder), folder=folder, name=folder_name(folder),
                        journeys=self.rows.listing(entries), url=self.ctx.folders.urls.get(folder))
            for folder, entries in sorted(folders.items())
        ]
        body = self.ctx.render("index/journeys.html", url, JourneysIndexView(groups=groups,
                                                                            count=len(self.ctx.journeys)))
        return GeneratedPage.virtual(url, "Journeys", body, "journeys-index")

    def folder_page(self, folder: str) -> GeneratedPage:
        """``journeys/<folder>/``: the maps of one folder, and its sub-folders."""
        folders = self.ctx.folders
        url = folders.urls[folder]
        subfolders = [SubFolder(name=folder_name(f), count=folders.below[f], url=folders.url(f))
                      for f in folders.subfolders(folder)]
        name = folder_name(folder)
        own = folders.maps[folder]
        body = self.ctx.render("index/folder.html", url, FolderView(
            name=name, folder=folder, crumbs=folders.crumbs(folder)[:-1], journeys=self.rows.listing(own),
            below=folders.below[folder] - len(own), subfolders=subfolders,
        ))
        return GeneratedPage.virtual(url, name, body, "folder")

    def folder_pages(self) -> list[GeneratedPage]:
        """A page for every folder that holds published maps (at any depth)."""
        return [self.folder_page(folder) for folder in sorted(self.ctx.folders.urls)]

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

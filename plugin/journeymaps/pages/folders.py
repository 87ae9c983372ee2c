"""The folders of the published maps: which have a page, what each is called, and the trail down to each."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Iterable

from journeymaps.model import addresses
from journeymaps.model.corpus import JourneyEntry
from journeymaps.model.types import humanize
from journeymaps.pages.paging import ROWS_PER_PAGE, part_url
from journeymaps.pages.views import Crumb


def folder_anchor(folder: str) -> str:
    """The anchor of a folder's heading on ``journeys/`` (``folder-top`` for the top of the journeys folder)."""
    return "folder-" + (folder.replace("/", "-") or "top")


def folder_name(folder: str) -> str:
    """A folder's name on the pages: its last part, humanized (``Journeys`` for the top)."""
    return humanize(folder.rpartition("/")[2]) if folder else "Journeys"


class Folders:
    """Every folder that holds a published map at any depth ('' is the top of the journeys folder)."""

    def __init__(self, journeys: Iterable[JourneyEntry], map_ids: Container[str]) -> None:
        journeys = list(journeys)
        #: The maps directly in each folder (a folder with maps only in its sub-folders has an empty list).
        self.maps: dict[str, list[JourneyEntry]] = defaultdict(list)
        for entry in journeys:
            self.maps[entry.folder].append(entry)
            parent = entry.folder
            while parent:
                parent = parent.rpartition("/")[0]
                self.maps.setdefault(parent, [])
        #: The number of maps in each folder and its sub-folders.
        self.below: dict[str, int] = defaultdict(int)
        for entry in journeys:
            folder = entry.folder
            while folder:
                self.below[folder] += 1
                folder = folder.rpartition("/")[0]
        # A folder's page is at journeys/<folder>/, unless a map has that address (journeys/<folder>.md);
        # ``map_ids`` are all valid maps, published or not.
        #: The address of each folder's page.
        self.urls = {folder: addresses.journey_url(folder) for folder in self.maps if folder and folder not in map_ids}
        # journeys/ lists the maps folder by folder in parts of ROWS_PER_PAGE rows: a folder's heading is on the part
        # that holds its first map (that of the next folder when it holds none directly).
        #: The part of ``journeys/`` with each folder's heading.
        self.index_part: dict[str, int] = {}
        position = 0
        for folder in sorted(self.maps):
            self.index_part[folder] = min(position, max(len(journeys) - 1, 0)) // ROWS_PER_PAGE + 1
            position += len(self.maps[folder])

    def url(self, folder: str) -> str:
        """The address of a folder's page, or of its heading on ``journeys/`` when it has none."""
        return self.urls.get(folder) or self.heading_url(folder)

    def heading_url(self, folder: str) -> str:
        """The address of a folder's heading on the part of ``journeys/`` that lists its maps."""
        part = self.index_part.get(folder, 1)
        return f"{part_url(addresses.JOURNEYS_INDEX, part)}#{folder_anchor(folder)}"

    def crumbs(self, folder: str) -> list[Crumb]:
        """The folders from the top down to ``folder``."""
        found, path = [], ""
        for part in folder.split("/") if folder else []:
            path = f"{path}/{part}" if path else part
            found.append(Crumb(folder_name(path), self.url(path)))
        return found

    def subfolders(self, folder: str) -> list[str]:
        """The folders directly in ``folder``, sorted."""
        prefix = folder + "/"
        return [f for f in sorted(self.maps) if f.startswith(prefix) and "/" not in f[len(prefix):]]

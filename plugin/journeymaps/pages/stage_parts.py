"""``compare/<stage>/`` in parts: a stage's maps, persona after persona, a bounded number of steps on each part.

A stage's page shows every step of the stage, one column per persona. At a
thousand maps that is thousands of steps and touchpoints on one page, so the
page is published in parts (see :mod:`journeymaps.pages.paging`): the maps in
the order of the page (persona by persona), whole maps to a part, up to
``STEPS_PER_PAGE`` steps on each. A map is never cut in two, so that a reader
sees its steps in the stage together; a map with more steps than that in one
stage has a part of its own. The heatmaps link each cell to the part that
holds the persona's column.
"""

from __future__ import annotations

from collections.abc import Sequence

from journeymaps.figures.portfolio import Portfolio, StageMap
from journeymaps.model import addresses
from journeymaps.pages.paging import ROWS_PER_PAGE, Part

#: Steps on one part of a stage's page: as many as the rows of a part of a list.
STEPS_PER_PAGE = ROWS_PER_PAGE


def pack(url: str, maps: Sequence[StageMap], size: int = STEPS_PER_PAGE) -> list[Part[StageMap]]:
    """The parts of the page at ``url``: whole maps, in order, up to ``size`` steps each; at least one part.

    A part's ``first`` and ``total`` count maps, as its rows are maps. A map
    without steps in the stage counts as one step, so that it has a place too.
    """
    if size < 1:
        raise ValueError("a part holds at least one step")
    groups: list[list[StageMap]] = [[]]
    steps = 0
    for stage_map in maps:
        weight = max(1, len(stage_map.places))
        if groups[-1] and steps + weight > size:
            groups.append([])
            steps = 0
        groups[-1].append(stage_map)
        steps += weight
    parts, first = [], 0
    for number, group in enumerate(groups, start=1):
        parts.append(Part(url, number, len(groups), group, first, len(maps)))
        first += len(group)
    return parts


class StageParts:
    """The parts of each stage's page, worked out once per stage, and where each persona's column is."""

    def __init__(self, portfolio: Portfolio) -> None:
        self.p = portfolio
        self._parts: dict[str, list[Part[StageMap]]] = {}
        self._columns: dict[tuple[str, str], str] = {}  # (stage, persona) -> address of the persona's column

    def maps(self, stage: str) -> list[StageMap]:
        """The as-is maps of a stage in the order of its page: persona by persona."""
        by_persona = self.p.stage_maps.get(stage, {})
        return [m for pid in self.p.personas for m in by_persona.get(pid, [])]

    def parts(self, stage: str) -> list[Part[StageMap]]:
        """The parts of ``compare/<stage>/``."""
        found = self._parts.get(stage)
        if found is None:
            found = self._parts[stage] = pack(addresses.stage_compare_url(stage), self.maps(stage))
            for part in found:
                for stage_map in part.rows:
                    self._columns.setdefault((stage, stage_map.entry.journey.persona), part.url)
        return found

    def column_url(self, stage: str, persona: str) -> str:
        """The address of a persona's column on a stage's page: on the part with the persona's first map there."""
        self.parts(stage)
        page = self._columns.get((stage, persona), addresses.stage_compare_url(stage))
        return f"{page}#persona-{persona}"

"""The navigation sections the plugin adds after a site's own: every page, or a compact one for a large site.

Every page of a site renders the whole navigation, so a navigation that lists
every map makes a large site's build grow with the square of its size. Above
:data:`NAV_LIMIT` maps (or with ``navigation: folders``) it is compact:
"Journeys" lists the folders, each entry leading to the folder's page, which
lists its maps; every other section is its list page alone.
"""

from __future__ import annotations

from markupsafe import escape

from journeymaps.model import addresses
from journeymaps.model.types import humanize
from journeymaps.pages.context import RenderContext
from journeymaps.pages.folders import folder_name
from journeymaps.pages.generated import page_src
from journeymaps.pages.portfolio_shared import PortfolioShared

#: The shapes of the navigation: every map listed, folders only, or the one that suits the site's size.
NAVIGATION = ("auto", "full", "folders")
#: Most published maps for which ``navigation: auto`` lists every map (and persona, and scenario).
NAV_LIMIT = 100


def is_compact(navigation: str, maps: int) -> bool:
    """Whether the navigation lists folders rather than every map, persona and scenario."""
    if navigation not in NAVIGATION:
        raise ValueError(f"navigation must be one of {', '.join(NAVIGATION)}; got {navigation!r}")
    return navigation == "folders" or (navigation == "auto" and maps > NAV_LIMIT)


def _title(text: str) -> str:
    return str(escape(text))  # MkDocs prints navigation titles raw; they are text from the repository


def _section(items: list) -> list | str:
    """A section of the navigation; a section of one page is that page (the compact navigation of a large site)."""
    return items[0] if len(items) == 1 and isinstance(items[0], str) else items


class Navigation:
    """"Overview", the sections "Journeys", "Personas", "Compare", "Channels", "Departments", and the other pages."""

    def __init__(self, ctx: RenderContext, shared: PortfolioShared, compact: bool, overview: bool = True) -> None:
        self.ctx = ctx
        self.s = shared
        self.compact = compact
        self.overview = overview  # False when the overview is the site's home page, which comes first anyway

    def entries(self) -> list[dict]:
        """Every section and page, in the order of the navigation (MkDocs ``nav:`` entries, titles escaped)."""
        first = [{"Overview": page_src(addresses.OVERVIEW)}] if self.overview else []
        return [*first, *self.maps_and_personas(), *self.across(), {"Reviews": page_src(addresses.REVIEWS_INDEX)}]

    def maps_and_personas(self) -> list[dict]:
        """A "Journeys" section grouped by folder and a "Personas" section."""
        ctx = self.ctx
        tree: dict = {}
        for entry in ctx.journeys.values():
            node = tree
            path = ""
            for part in entry.folder.split("/") if entry.folder else []:
                path = f"{path}/{part}" if path else part
                node = node.setdefault(("folder", part, path), {})
            node[("page", entry.journey.title.casefold(), entry.id)] = entry

        def maps(node: dict) -> list:
            return [
                {_title(e.journey.title): f"journeys/{e.rel}"}
                for key, e in sorted(node.items(), key=lambda kv: kv[0][1:]) if key[0] == "page"
            ]

        def folders(node: dict) -> list:
            return [
                {_title(folder_name(key[1])): folder(key[2], child)}
                for key, child in sorted(node.items(), key=lambda kv: kv[0][1]) if key[0] == "folder"
            ]

        def items(node: dict) -> list:
            return folders(node) if self.compact else maps(node) + folders(node)

        def folder(path: str, node: dict) -> list | str:
            inner = items(node)
            if not self.compact:
                return inner
            if path not in ctx.folders.urls:  # a map has the folder's address: list the folder's maps instead
                return maps(node) + inner
            own = page_src(ctx.folders.urls[path])
            return [own, *inner] if inner else own

        journeys = [page_src(addresses.JOURNEYS_INDEX), *items(tree)]
        personas: list | str = page_src(addresses.PERSONAS_INDEX)
        if not self.compact:
            personas = [personas, *({_title(e.persona.name): f"journeys/{e.rel}"} for e in ctx.personas.values())]
        return [{"Journeys": journeys}, {"Personas": personas}]

    def across(self) -> list[dict]:
        """Sections "Compare", "Channels" and "Departments", and pages "Touchpoints", "Opportunities", "Hand-offs"."""
        term, p, s = self.ctx.term, self.s.p, self.s
        stages = [{_title(term("stages", x)): page_src(addresses.stage_compare_url(x))} for x in s.stage_ids]
        scenarios = [{_title(humanize(x)): page_src(addresses.scenario_url(x))} for x in p.scenarios]
        channels = [{_title(term("channels", c)): page_src(addresses.channel_url(c))} for c in p.channels]
        departments = [{_title(term("departments", d)): page_src(addresses.department_url(d))}
                       for d in p.departments]
        if self.compact:  # a large site: each section's first page lists its pages
            stages, channels, departments = [], [], []
            if s.has_scenarios_index:
                scenarios = []
        compare: list = [page_src(addresses.COMPARE), *stages]
        if scenarios or (s.has_scenarios_index and not self.compact):
            index = [page_src(addresses.SCENARIOS_INDEX)] if s.has_scenarios_index else []
            compare.append({"Scenarios": _section(index + scenarios)})
        return [
            {"Compare": _section(compare)},
            {"Channels": _section([page_src(addresses.CHANNELS_INDEX), *channels])},
            {"Departments": _section([page_src(addresses.DEPARTMENTS_INDEX), *departments])},
            {"Touchpoints": page_src(addresses.TOUCHPOINTS)},
            {"Opportunities": page_src(addresses.OPPORTUNITIES)},
            {"Hand-offs": page_src(addresses.GAPS)},
        ]

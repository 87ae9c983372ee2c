"""The site's whole navigation: the site's own (written out, or made from its pages) followed by our sections.

MkDocs makes a navigation from the docs folder when ``mkdocs.yml`` has none;
with the plugin's sections added, the navigation is always written out, so
the plugin and ``journeymaps generate`` make the automatic part here, the way
MkDocs does: pages sorted by folder with each folder's index first, a
section per folder titled from its name.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

_INDEXES = ("index.md", "README.md")


def merge_nav(user_nav: list | None, ours: list[dict], doc_pages: Iterable[str], generated: set[str]) -> list:
    """The user's navigation (or one made of ``doc_pages``, the docs folder's pages in the nav) and our sections.

    A section is not added when the written-out nav already places any page
    of it, so a site can arrange the journeys itself.
    """
    if user_nav is None:
        user_nav = auto_nav(p for p in doc_pages if p not in generated)
    mentioned = set(nav_paths(user_nav))
    added = [section for section in ours if not mentioned & set(nav_paths(section))]
    home = ["index.md"] if "index.md" in generated else []
    return [*home, *user_nav, *added]


def _sort_key(path: str) -> tuple:
    parts = PurePosixPath(path).parts
    return (*parts[:-1], parts[-1] not in _INDEXES, parts[-1])


def _section_title(folder: str) -> str:
    title = folder.replace("-", " ").replace("_", " ")
    return title.capitalize() if title == title.lower() else title


def auto_nav(pages: Iterable[str]) -> list:
    """The navigation MkDocs makes of pages when ``mkdocs.yml`` has none: nested by folder, indexes first."""
    nav: list = []
    for path in sorted(pages, key=_sort_key):
        branch = nav
        for folder in PurePosixPath(path).parts[:-1]:
            title = _section_title(folder)
            found = next((item[title] for item in branch if isinstance(item, dict) and title in item), None)
            if found is None:
                found = []
                branch.append({title: found})
            branch = found
        branch.append(path)
    return nav


def nav_paths(nav: object) -> list[str]:
    """Every page path a navigation (or a part of it) names, in order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in nav_paths(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in nav_paths(item)]
    return []

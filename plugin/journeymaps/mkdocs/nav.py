"""The site's navigation: the user's own (written out or automatic) followed by the sections the plugin adds."""

from __future__ import annotations

from mkdocs.structure.files import Files, file_sort_key
from mkdocs.utils import nest_paths


def merge_nav(user_nav: list | None, ours: list[dict], files: Files, generated: set[str]) -> list:
    """The user's navigation (written out or automatic) followed by our sections.

    A section is not added when the written-out nav already places any page
    of it, so a site can arrange the journeys itself.
    """
    if user_nav is None:
        pages = sorted((f for f in files.documentation_pages() if f.src_uri not in generated), key=file_sort_key)
        user_nav = nest_paths(f.src_uri for f in pages if f.inclusion.is_in_nav())
    mentioned = set(nav_paths(user_nav))
    added = [section for section in ours if not mentioned & set(nav_paths(section))]
    home = ["index.md"] if "index.md" in generated else []
    return [*home, *user_nav, *added]


def nav_paths(nav: object) -> list[str]:
    """Every page path a navigation (or a part of it) names, in order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in nav_paths(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in nav_paths(item)]
    return []

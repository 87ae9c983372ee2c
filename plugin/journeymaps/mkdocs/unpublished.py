"""Links to maps that this site does not publish become plain text.

A build that publishes only some statuses (say, only ``approved`` maps) leaves the
other maps out; a narrative that links to one of them would otherwise carry a
broken link (and fail ``mkdocs build --strict``). This Markdown extension runs
before MkDocs resolves links and turns each such ``<a>`` into a ``<span>`` that keeps
its text, so nothing on the site points at, or names the address of, a hidden map.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from urllib.parse import unquote, urlsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

#: What the text of a removed link says when pointed at.
TITLE = "This map is not published on this site"


def link_target(href: str, from_src: str) -> str | None:
    """The source path (docs-relative, like ``journeys/retail/buy.md``) a relative link points to."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith(("/", "\\")):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_src), unquote(parts.path)))


class UnpublishedLinks(Extension):
    """Turns links to ``hidden`` source paths into text; ``page`` is the source path of the page being rendered."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: set[str] = set()
        self.page: str = ""
        self.removed: list[tuple[str, str]] = []  # (page, target) of every link turned into text

    def extendMarkdown(self, md: Markdown) -> None:
        """Run after inline links exist (priority 20) and before MkDocs resolves them (priority 0)."""
        md.treeprocessors.register(_Unlink(md, self), "journeymaps_unpublished", 5)


class _Unlink(Treeprocessor):
    def __init__(self, md: Markdown, extension: UnpublishedLinks) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        ext = self.extension
        if not ext.hidden:
            return
        for element in root.iter("a"):
            target = link_target(element.get("href", ""), ext.page)
            if target in ext.hidden:
                element.tag = "span"
                element.attrib.pop("href", None)
                element.set("class", "jm-unpublished")
                element.set("title", TITLE)
                ext.removed.append((ext.page, target))

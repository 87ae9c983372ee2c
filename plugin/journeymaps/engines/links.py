"""The relative links of a map's narrative, made right for the file the map is written to.

A contributor links from ``journeys/retail/buy.md`` to ``other.md`` or
``../personas/maya.md``, and the plugin resolves such links from there.
``journeymaps generate`` writes the map as ``journeys/retail/buy/index.md``
(the only name at which every engine publishes its address and leaves the
links of its HTML alone), so each Markdown link or image to a file of the site
is written again from the new place, to the new name of its target. The pages of
the docs folder stay where they are, and their links to generated pages (by
the paths the plugin gives them, ``journeymaps/touchpoints/index.md``) are
written again the same way. A link to a map that is not published becomes its
text, as the plugin shows it. Raw HTML
links are relative to the page's address, which does not change, and are left
alone; so are code spans and fenced code.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from urllib.parse import unquote

# [text](target "title") and ![alt](target): the target, with or without <>, and what follows it.
_INLINE = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]\(\s*(<[^>\n]*>|[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)"
                     r"((?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*)\)")
# [label]: target "title"
_DEFINITION = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*)(<[^>\n]*>|\S+)", re.M)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//|^/|^#")


def _relative(target: str, start: str) -> str:
    return posixpath.relpath(target, start or ".")


class LinkMover:
    """Writes the links of one site's narratives again: ``moved`` maps old page paths to new ones."""

    def __init__(self, moved: Mapping[str, str], files: set[str], unpublished: set[str]) -> None:
        self.moved = moved  # e.g. journeys/retail/buy.md -> journeys/retail/buy/index.md
        self.files = files  # every other file of the site, by its path in the docs folder
        self.unpublished = unpublished  # maps left out for their status, by their path (journeys/<rel>)

    def target(self, link: str, old: str, new: str) -> str | None:
        """``link`` written from ``new`` instead of ``old``; None for a link to an unpublished map; ``link``
        itself when it is not a relative link to a file of the site (the engine treats it as MkDocs would)."""
        if _SCHEME.match(link):
            return link
        path, hash_, fragment = link.partition("#")
        path, query_mark, query = path.partition("?")
        if not path:
            return link
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(old), unquote(path)))
        if resolved in self.unpublished:
            return None
        if resolved in self.moved:
            resolved = self.moved[resolved]
        elif resolved not in self.files:
            return link
        written = _relative(resolved, posixpath.dirname(new)).replace(" ", "%20")
        return written + query_mark + query + hash_ + fragment

    def rewrite(self, markdown: str, old: str, new: str) -> str:
        """The Markdown of a page moved from ``old`` to ``new`` (or staying) with its links written again."""
        return self._outside_code(markdown, lambda part: self._links(part, old, new))

    def _outside_code(self, text: str, change: Callable[[str], str]) -> str:
        """``change`` applied to the text outside fenced code and code spans."""
        pieces, pos, fenced, start = [], 0, "", 0
        lines = text.splitlines(keepends=True)
        for line in lines:
            fence = _FENCE.match(line)
            if not fenced and fence:
                pieces.append(self._spans(text[start:pos], change))
                start, fenced = pos, fence.group(1)
            elif fenced and fence and fence.group(1)[0] == fenced[0] and len(fence.group(1)) >= len(fenced):
                pieces.append(text[start:pos + len(line)])
                start, fenced = pos + len(line), ""
            pos += len(line)
        pieces.append(text[start:] if fenced else self._spans(text[start:], change))
        return "".join(pieces)

    @staticmethod
    def _spans(text: str, change: Callable[[str], str]) -> str:
        out, pos = [], 0
        for span in _CODE_SPAN.finditer(text):
            out += [change(text[pos:span.start()]), span.group(0)]
            pos = span.end()
        out.append(change(text[pos:]))
        return "".join(out)

    def _links(self, text: str, old: str, new: str) -> str:
        def inline(found: re.Match) -> str:
            bang, label, link, rest = found.groups()
            bracketed = link.startswith("<")
            target = self.target(link[1:-1] if bracketed else link, old, new)
            if target is None:
                return found.group(0) if bang else label
            return f"{bang}[{label}]({'<' + target + '>' if bracketed else target}{rest})"

        def definition(found: re.Match) -> str:
            link = found.group(2)
            bracketed = link.startswith("<")
            target = self.target(link[1:-1] if bracketed else link, old, new)
            if target is None:  # a definition has no text to show instead: it stays, as MkDocs would show it
                return found.group(0)
            return found.group(1) + ("<" + target + ">" if bracketed else target)

        return _DEFINITION.sub(definition, _INLINE.sub(inline, text))

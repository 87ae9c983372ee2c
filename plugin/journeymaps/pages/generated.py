"""A generated page: Markdown with placeholders, and the HTML fragments that fill them (no MkDocs here).

A generated page is a small Markdown document and the HTML fragments that go
into it. The document holds the front matter (the page title, HTML-escaped
because MkDocs templates print it raw), the contributors' own narrative
Markdown, published as-is and converted by MkDocs (so that its relative links
are resolved as on any page), and a placeholder comment for each fragment.
The fragments are rendered by Jinja2 with autoescaping for everything taken
from front matter; :meth:`GeneratedPage.fill` puts them in place of their
placeholders in the HTML that MkDocs made of the document. Markdown never
parses them: they are the bulk of a page, and parsing raw HTML is the slowest
thing Python-Markdown does.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

from journeymaps.pages import searchview

#: Where the listing pages pretend to live (they have no source file).
VIRTUAL = "journeymaps"


def page_src(url: str) -> str:
    """The virtual source path of a generated page at ``url`` (also its path for ``nav:``)."""
    return f"{VIRTUAL}/{url}index.md"


class Html(str):
    """HTML rendered by our templates: on a generated page it is a fragment, which Markdown never sees."""

    __slots__ = ()


#: Placeholders carry a token drawn once per process, so that no narrative can write one by chance or on purpose.
_TOKEN = secrets.token_hex(8)
_SLOT = re.compile(rf"<!-- journeymaps:{_TOKEN}:(\d+) -->")
_ESCAPED_SLOT = re.compile(rf"&lt;!-- journeymaps:{_TOKEN}:(\d+) --&gt;")
# A literal start makes the search fast on pages of many megabytes; templates quote attributes with '"'.
_ID = re.compile(r' id="([^"]*)"')
# Templates mark what the site search leaves out (<!--search:skip-->...) and what only it sees (<!--search:only-->...).
SKIP, END_SKIP = "<!--search:skip-->", "<!--/search:skip-->"
_ONLY, _END_ONLY = searchview.ONLY, searchview.END_ONLY


def _cut(html: str, start: str, end: str) -> str:
    """``html`` without the regions from ``start`` to ``end`` (markers included); the other markers stay."""
    parts, pos = [], 0
    while (found := html.find(start, pos)) != -1:
        parts.append(html[pos:found])
        close = html.find(end, found)
        pos = len(html) if close == -1 else close + len(end)
    parts.append(html[pos:])
    return "".join(parts)


def _unmark(html: str) -> str:
    for marker in (SKIP, END_SKIP, _ONLY, _END_ONLY):
        html = html.replace(marker, "")
    return html


# The site search reads a page's text without the breaks that blocks make on screen: "<dt>Goal</dt><dd>Find shoes"
# would be indexed as the one word "GoalFind". A line break after the end of a block keeps the words apart.
_BLOCK_END = re.compile(r"(</(?:p|div|dt|dd|li|th|td|tr|caption|figcaption|h[1-6]|nav|section|blockquote)>)(?=<)")


def _spaced(html: str) -> str:
    return _BLOCK_END.sub("\\1\n", html)


def search_split(html: str) -> tuple[str, str | None]:
    """(the HTML a page shows, the HTML the site search indexes instead, or None when it is the same).

    Rows that repeat what a journey page already says (every touchpoint on the
    channel, department and touchpoints pages, the hand-offs of every map...)
    are left out of the search index: a search then lands on the journey page,
    and the index stays small enough for the browser to load it. A map's
    timeline is indexed from a plain version without the table and the charts.
    The indexed version has a break after every block, so that the words of
    two blocks are not run together.
    """
    if SKIP not in html and _ONLY not in html:
        spaced = _spaced(html)
        return html, (spaced if spaced != html else None)
    return _unmark(_cut(html, _ONLY, _END_ONLY)), _spaced(_unmark(_cut(html, SKIP, END_SKIP)))


@dataclass
class GeneratedPage:
    """One page to publish: its source-like path, its address, its Markdown and its HTML fragments."""

    src_uri: str  # relative links in the Markdown resolve from here
    url: str  # the published address, e.g. ``journeys/retail/buy/``
    title: str  # plain text
    markdown: str  # front matter, narrative and a placeholder per fragment
    kind: str  # journey | persona | journeys-index | personas-index | home | compare... (see plan.py)
    source: Path | None = None  # the file it was made from, if any
    fragments: list[str] = field(default_factory=list)  # rendered HTML, in place of the placeholders
    #: What the site search indexes instead of each fragment (None: the fragment itself).
    search_fragments: list[str | None] = field(default_factory=list)
    #: Material's search boost of some of the page's sections, by anchor (see searchview.boost).
    boosts: dict[str, float] = field(default_factory=dict)
    #: How much of the page the site search indexes: "full" (its search view), "title" (its title and
    #: introduction: a listing whose rows are indexed where they live) or "none" (later parts of a listing).
    search: str = "full"
    #: Kept by ``mkdocs serve``'s page cache for the next build: :meth:`release` leaves it whole.
    kept: bool = False

    @classmethod
    def of(cls, src_uri: str, url: str, title: str, parts: Sequence[str], kind: str,
           source: Path | None = None, search: str = "full") -> GeneratedPage:
        """A page made of ``parts``: :class:`Html` becomes a fragment, any other text is Markdown."""
        blocks, fragments, indexed_views = [], [], []
        for part in parts:
            if not part or not part.strip():
                continue
            if isinstance(part, Html):
                blocks.append(f"<!-- journeymaps:{_TOKEN}:{len(fragments)} -->")
                shown, indexed = search_split(str(part))
                fragments.append(shown)
                indexed_views.append(indexed)
            else:
                blocks.append(part)
        return cls(src_uri, url, title, "\n\n".join(blocks) + "\n", kind, source, fragments, indexed_views,
                   search=search)

    @classmethod
    def virtual(cls, url: str, title: str, body: Html, kind: str, hide: Sequence[str] = (),
                search: str = "full") -> GeneratedPage:
        """A page without a source file: a title and one rendered body; ``hide`` names Material's sidebars to hide."""
        meta = {"hide": list(hide)} if hide else {}
        return cls.of(page_src(url), url, title, [front_matter(title, **meta), body], kind, search=search)

    @property
    def has_search_view(self) -> bool:
        """True when the site search indexes something else than the page shows."""
        return any(s is not None for s in self.search_fragments)

    @property
    def dest_uri(self) -> str:
        """The HTML file the address is served from."""
        return self.url + "index.html" if self.url.endswith("/") or not self.url else self.url

    @property
    def text(self) -> str:
        """The Markdown with the fragments written in (what the page would be as one Markdown document)."""
        return _SLOT.sub(lambda m: self.fragments[int(m.group(1))], self.markdown)

    def fill(self, html: str, search: bool = False) -> str:
        """The HTML that MkDocs made of :attr:`markdown`, with each placeholder replaced by its fragment.

        With ``search``, the fragments as the site search indexes them. A placeholder
        that the narrative swallowed (an unclosed code fence turns it into text) is
        taken out, and its fragment follows the rest of the page.
        """
        if not self.fragments:
            return html
        fragments = self.fragments
        if search:
            fragments = [f if s is None else s for f, s in zip(fragments, self.search_fragments, strict=True)]
        placed: set[int] = set()

        def put(found: re.Match) -> str:
            placed.add(int(found.group(1)))
            return fragments[int(found.group(1))]

        html = _SLOT.sub(put, html)
        if len(placed) < len(fragments):
            html = _ESCAPED_SLOT.sub("", html)
            html += "\n" + "\n".join(f for i, f in enumerate(fragments) if i not in placed)
        return html

    def release(self) -> None:
        """Forget the fragments that :meth:`fill` with ``search`` will not need (a large site holds every page)."""
        if self.kept:
            return
        if not self.has_search_view:
            self.fragments = []
            self.search_fragments = []
        else:
            self.fragments = [f if s is None else "" for f, s in zip(self.fragments, self.search_fragments,
                                                                      strict=True)]

    def anchor_ids(self) -> set[str]:
        """The ids of the elements in the fragments (links to them are checked like any other anchor)."""
        return {htmllib.unescape(found) for fragment in self.fragments for found in _ID.findall(fragment)}


def html_block(html: str) -> str:
    """Make rendered HTML one block: no indentation, no blank lines (the templates are indented to be read)."""
    return "\n".join(filter(None, map(str.strip, html.splitlines())))


def front_matter(title: str, **meta: object) -> str:
    """Page meta as YAML (JSON is YAML); the title is HTML-escaped for MkDocs' raw templates."""
    data = {"title": str(escape(title)), **meta}
    return "---\n" + "\n".join(f"{k}: {json.dumps(v)}" for k, v in data.items()) + "\n---\n"


_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAGS = re.compile(r"<[^>]+>")


def headings(html: str) -> list[tuple[str, str]]:
    """(id, inner HTML without tags) of every level-2 heading with an id, in order.

    Generated headings are raw HTML, which Markdown's table of contents does
    not see; the page's contents are made from the rendered HTML instead.
    """
    found = []
    for ident, inner in _H2.findall(html):
        inner = re.sub(r'<a class="headerlink".*?</a>', "", inner, flags=re.S)
        found.append((ident, _TAGS.sub("", inner).strip()))
    return found

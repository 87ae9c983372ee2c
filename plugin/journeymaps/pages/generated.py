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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
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


class Later:
    """A fragment rendered when its page is published rather than when the site is planned.

    A site of a thousand maps holds some 200 MB of page HTML: rendered up front, all of it
    would be in memory at once; rendered one page at a time, only that page's is.
    """

    __slots__ = ("make", "searched")

    def __init__(self, make: Callable[[], str], searched: bool = True) -> None:
        self.make = make
        #: False: the site search gets nothing of it (a map of a large site is indexed by its things' names only).
        self.searched = searched


#: Placeholders carry a token drawn once per process, so that no narrative can write one by chance or on purpose.
_TOKEN = secrets.token_hex(8)
# An empty fragment (a section with nothing to show) takes its line with it, as if it had never been planned.
_SLOT = re.compile(rf"<!-- journeymaps:{_TOKEN}:(\d+) -->(\n{{0,2}})")
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


#: True while pages are made for ``journeymaps generate``: the fragments keep the search markers, which the
#: docs folder it writes turns into what every engine's search reads (see engines/page_text.py).
_MARKED: ContextVar[bool] = ContextVar("search_marks_kept", default=False)


@contextmanager
def search_marks_kept() -> Iterator[None]:
    """Within this block, pages keep their search markers (SKIP, ONLY) in their fragments, unsplit."""
    token = _MARKED.set(True)
    try:
        yield
    finally:
        _MARKED.reset(token)


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
    if _MARKED.get():
        return html, None
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
    #: introduction: a listing whose rows are indexed where they live) or "none" (later parts of a listing);
    #: None: as its kind is indexed (searchview.BY_KIND), so that every part of a listing is indexed alike.
    search: str | None = None
    #: What renders each fragment still to render (None once it is rendered, or when it never had to be).
    makers: list[Callable[[], str] | None] = field(default_factory=list)
    #: The fragments the site search gets nothing of (see :attr:`Later.searched`).
    unsearched: set[int] = field(default_factory=set)
    #: Kept by ``mkdocs serve``'s page cache for the next build: :meth:`release` leaves it whole.
    kept: bool = False

    @classmethod
    def of(cls, src_uri: str, url: str, title: str, parts: Sequence[str], kind: str,
           source: Path | None = None, search: str | None = None) -> GeneratedPage:
        """A page made of ``parts``: :class:`Html` and :class:`Later` become fragments, any other text is Markdown."""
        blocks: list[str] = []
        page = cls(src_uri, url, title, "", kind, source, search=search)
        for part in parts:
            if isinstance(part, Later):
                make: Callable[[], str] | None = part.make
                if not part.searched:
                    page.unsearched.add(len(page.fragments))
            elif not part or not part.strip():
                continue
            elif isinstance(part, Html):
                make = None
            else:
                blocks.append(part)
                continue
            blocks.append(f"<!-- journeymaps:{_TOKEN}:{len(page.fragments)} -->")
            page.makers.append(make)
            if make is None:
                shown, indexed = search_split(str(part))
                page.fragments.append(shown)
                page.search_fragments.append(indexed)
            else:
                page.fragments.append("")
                page.search_fragments.append(None)
        page.markdown = "\n\n".join(blocks) + "\n"
        return page

    def remake(self, index: int, make: Callable[[], str]) -> None:
        """Have fragment ``index`` made again by ``make`` (a page kept by ``mkdocs serve`` whose part changed)."""
        self.makers[index] = make
        self.fragments[index] = ""
        self.search_fragments[index] = None

    def render(self) -> None:
        """Render the fragments still to render (each once)."""
        for i, make in enumerate(self.makers):
            if make is not None:
                self.fragments[i], self.search_fragments[i] = search_split(make())
                if i in self.unsearched:
                    self.search_fragments[i] = ""
                self.makers[i] = None

    @classmethod
    def virtual(cls, url: str, title: str, body: Html | Later, kind: str, hide: Sequence[str] = (),
                search: str | None = None) -> GeneratedPage:
        """A page without a source file: a title and one rendered body; ``hide`` names Material's sidebars to hide."""
        meta = {"hide": list(hide)} if hide else {}
        return cls.of(page_src(url), url, title, [front_matter(title, **meta), body], kind, search=search)

    @property
    def indexed(self) -> str:
        """How much of the page the site search indexes: "full", "title" or "none" (see :attr:`search`)."""
        return self.search or searchview.BY_KIND.get(self.kind, searchview.FULL)

    @property
    def has_search_view(self) -> bool:
        """True when the site search indexes something else than the page shows."""
        self.render()
        return self.indexed == searchview.TITLE or any(s is not None for s in self.search_fragments)

    @property
    def dest_uri(self) -> str:
        """The HTML file the address is served from."""
        return self.url + "index.html" if self.url.endswith("/") or not self.url else self.url

    @property
    def text(self) -> str:
        """The Markdown with the fragments written in (what the page would be as one Markdown document)."""
        return self.written(self.markdown, self.fragments)

    def written(self, markdown: str, fragments: Sequence[str]) -> str:
        """``markdown`` (this page's, perhaps changed) with ``fragments`` in place of its placeholders."""
        self.render()

        def put(found: re.Match) -> str:
            fragment = fragments[int(found.group(1))]
            return fragment + found.group(2) if fragment else ""

        return _SLOT.sub(put, markdown)

    def fill(self, html: str, search: bool = False) -> str:
        """The HTML that MkDocs made of :attr:`markdown`, with each placeholder replaced by its fragment.

        With ``search``, the fragments as the site search indexes them. A placeholder
        that the narrative swallowed (an unclosed code fence turns it into text) is
        taken out, and its fragment follows the rest of the page.
        """
        self.render()
        if not self.fragments:
            return searchview.title_view(html) if search and self.indexed == searchview.TITLE else html
        fragments = self.fragments
        if search:
            fragments = [f if s is None else s for f, s in zip(fragments, self.search_fragments, strict=True)]
        placed: set[int] = set()

        def put(found: re.Match) -> str:
            placed.add(int(found.group(1)))
            fragment = fragments[int(found.group(1))]
            return fragment + found.group(2) if fragment else ""

        html = _SLOT.sub(put, html)
        if len(placed) < len(fragments):
            html = _ESCAPED_SLOT.sub("", html)
            html += "\n" + "\n".join(f for i, f in enumerate(fragments) if i not in placed)
        return searchview.title_view(html) if search and self.indexed == searchview.TITLE else html

    def release(self) -> None:
        """Forget the fragments once the page is published (a large site would hold every page otherwise)."""
        if self.kept:
            return
        self.fragments = []
        self.search_fragments = []
        self.makers = []

    def anchor_ids(self) -> set[str]:
        """The ids of the elements in the fragments (links to them are checked like any other anchor)."""
        self.render()
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

"""A generated page as one Markdown file that any engine converts as the plugin would have published it.

The plugin hands MkDocs a page's HTML fragments after Markdown has run, and
hands the site search a view of its own. An engine without the plugin gets
one Markdown file instead, so what the plugin did on the side is written
into the page:

- a level-2 heading of a fragment becomes a Markdown heading with its id
  (``## Name {#id}``), so that the engine puts it in the table of contents;
- what the plugin keeps out of the search gets ``data-search-exclude``, which
  Material's search, MkDocs' and Zensical's read; a page the search leaves out
  gets ``search: {exclude: true}`` in its front matter;
- what only the search sees (a map's plain view, a heading per touchpoint and
  pain point at its anchor) goes to the end of the page, hidden;
- no stretch of indexed text may exceed Zensical's limit for one search entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from journeymaps.engines.raw_html import wrap
from journeymaps.pages import searchview
from journeymaps.pages.generated import END_SKIP, SKIP, GeneratedPage

EXCLUDE = " data-search-exclude"
#: Zensical refuses a search entry (a section's text) of more than 65,536 bytes; the margin is for the markup it
#: keeps in an entry's text.
SEARCH_FIELD_LIMIT = 48_000
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"))
_ATTRIBUTE = re.compile(r'([\w:-]+)(?:="([^"]*)")?')
_HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
_TAGS = re.compile(r"<[^>]+>")
# What a heading's words keep as it is in Markdown: tags and character references.
_KEPT = re.compile(r"<[^>]+>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")
_HEADING = re.compile(r"<h[2-6][\s>]")
_INNER_HEADING = re.compile(r"""<h[1-6]\s(?:[^>"']|"[^"]*"|'[^']*')*\bid=(?:[^>"']|"[^"]*"|'[^']*')*>""")



@dataclass
class Element:
    """A top-level element of an HTML fragment: where it starts, where its start tag ends, where it ends."""

    tag: str
    start: int
    tag_end: int
    end: int


# A start or end tag (quoted attribute values may hold ">"), or a comment.
_TOKEN = re.compile(r"""<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>""", re.S)
_SAME: dict[str, re.Pattern] = {}


def _close(html: str, tag: str, pos: int) -> int:
    """Where the element whose start tag ends at ``pos`` ends: after the end tag that matches it (elements of
    the same name nest), or at the end of ``html`` when it is never closed."""
    same = _SAME.get(tag) or _SAME.setdefault(tag, re.compile(
        rf"""<(/?){re.escape(tag)}(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>""", re.I))
    depth = 1
    for found in same.finditer(html, pos):
        if found.group(1):
            depth -= 1
            if depth == 0:
                return found.end()
        elif not found.group(0).endswith("/>"):
            depth += 1
    return len(html)


def top_level(html: str) -> list[Element]:
    """The elements at the top of ``html``, in order (our templates write well-formed HTML, in which an
    element ends at the end tag of its name that balances its start tag)."""
    top: list[Element] = []
    pos = 0
    while (found := _TOKEN.search(html, pos)) is not None:
        pos = found.end()
        if found.group(2) is None or found.group(1):  # a comment, or an end tag that closes nothing
            continue
        tag = found.group(2).lower()
        end = pos
        if tag not in _VOID and not found.group(0).endswith("/>"):
            end = pos = _close(html, tag, pos)
        top.append(Element(tag, found.start(), found.end(), end))
    return top


def _edit(html: str, edits: list[tuple[int, int, str]]) -> str:
    """``html`` with each (start, end) span replaced by its text; spans do not overlap."""
    out, pos = [], 0
    for start, end, text in sorted(edits):
        out += [html[pos:start], text]
        pos = end
    out.append(html[pos:])
    return "".join(out)


def _excluded(html: str, element: Element) -> list[tuple[int, int, str]]:
    """The edits that leave an element out of the search: ``data-search-exclude`` on its start tag, and on each
    heading with an id inside it (Material's search and Zensical's make an entry of such a heading even there)."""
    edits = []
    for start_tag in [element, *(Element("h", m.start(), m.end(), m.end()) for m in _INNER_HEADING.finditer(
            html, element.tag_end, element.end))]:
        cut = start_tag.tag_end - (2 if html[start_tag.tag_end - 2:start_tag.tag_end] == "/>" else 1)
        edits.append((cut, cut, EXCLUDE))
    return edits


def exclude(html: str, keep: Callable[[Element], bool] = lambda e: False) -> str:
    """``html`` with every top-level element but those ``keep`` names left out of the search."""
    return _edit(html, [edit for e in top_level(html) if not keep(e) for edit in _excluded(html, e)])


def _markdown_heading(html: str, element: Element) -> str | None:
    """A level-2 heading with an id as a Markdown heading, its attributes in an attribute list (None without id)."""
    attributes = dict(_ATTRIBUTE.findall(html[element.start + 3:element.tag_end]))
    if not attributes.get("id") or any('"' in v or "}" in v for v in attributes.values()):
        return None
    inner = _HEADERLINK.sub("", html[element.tag_end:html.rindex("<", element.start, element.end)]).strip()
    if "\n" in inner:
        return None
    # Inline HTML (a link) stays as it is; the words between tags are escaped for Markdown.
    pos, parts = 0, []
    for kept in _KEPT.finditer(inner):
        parts += [_MD_SPECIAL.sub(r"\\\1", inner[pos:kept.start()]), kept.group(0)]
        pos = kept.end()
    text = "".join([*parts, _MD_SPECIAL.sub(r"\\\1", inner[pos:])])
    listed = [f"#{attributes.pop('id')}", *(f".{c}" for c in attributes.pop("class", "").split())]
    listed += [f'{key}="{value}"' if value else key for key, value in attributes.items()]
    return f"\n\n## {text} {{{' '.join(listed)}}}\n\n"


def with_headings(html: str) -> str:
    """``html`` with its top-level level-2 headings written as Markdown headings, and the HTML between them in
    blocks that the engine's Markdown passes through untouched (see raw_html.py)."""
    out, pos = [], 0
    for element in top_level(html) if "<h2" in html else []:
        if element.tag == "h2" and (heading := _markdown_heading(html, element)) is not None:
            out += [_raw(html[pos:element.start]), heading]
            pos = element.end
    out.append(_raw(html[pos:]))
    return "".join(out)


def _raw(html: str) -> str:
    return wrap(html.strip("\n")) if html.strip() else ""


def _regions(html: str, start: str, end: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    while (found := html.find(start, pos)) != -1:
        close = html.find(end, found)
        pos = len(html) if close == -1 else close + len(end)
        spans.append((found, pos))
    return spans


def _unskipped(html: str) -> str:
    """The fragment with each region the search skips marked, its markers gone."""
    edits = []
    for start, end in _regions(html, SKIP, END_SKIP):
        inner = html[start + len(SKIP):end]
        inner = inner.removesuffix(END_SKIP)
        edits.append((start, end, exclude(inner)))
    return _edit(html, edits)


def split_fragment(html: str) -> tuple[str, str]:
    """(what the page shows, with skipped regions marked; what only the search sees, or "")."""
    only, shown, pos = [], [], 0
    for start, end in _regions(html, searchview.ONLY, searchview.END_ONLY):
        only.append(html[start + len(searchview.ONLY):end].replace(searchview.END_ONLY, ""))
        shown.append(html[pos:start])
        pos = end
    shown.append(html[pos:])
    return _unskipped("".join(shown)), "".join(only)


def indexed_text(html: str) -> str:
    """The text of ``html`` the search indexes: everything but the elements marked excluded."""
    kept = [html[e.start:e.end] for e in top_level(html) if EXCLUDE.strip() not in html[e.start:e.tag_end]]
    return _TAGS.sub("", "".join(kept))


def page_text(page: GeneratedPage, markdown: str) -> tuple[str, list[str]]:
    """The page's Markdown file (``markdown`` is its Markdown with links fixed), and what was left out of search.

    What was left out: the addresses of sections whose indexed text was above
    :data:`SEARCH_FIELD_LIMIT`, now excluded so that Zensical builds.
    """
    page.render()
    indexed = page.indexed
    shown, search_only = [], []
    for i, raw in enumerate(page.fragments):
        fragment, only = split_fragment(raw)
        if i in page.unsearched or indexed == searchview.NONE:
            fragment, only = exclude(fragment), ""
        shown.append(fragment)
        if only and indexed != searchview.NONE:
            search_only.append(only if indexed != searchview.NAMED else searchview.named_view(only))
    if indexed == searchview.TITLE:  # the title and the paragraphs before the first section, as title_view
        heading_seen = False
        for i, fragment in enumerate(shown):
            found = None if heading_seen else _HEADING.search(fragment)
            limit = -1 if heading_seen else found.start() if found else len(fragment)
            shown[i] = exclude(fragment, keep=lambda e, limit=limit: e.tag == "p" and e.start < limit)
            heading_seen = heading_seen or found is not None
    left_out = []
    for i, fragment in enumerate(shown):
        if len(_TAGS.sub("", fragment).encode()) > SEARCH_FIELD_LIMIT and \
                len(indexed_text(fragment).encode()) > SEARCH_FIELD_LIMIT:
            shown[i] = exclude(fragment)
            left_out.append(f"{page.url}: part {i + 1}")
    shown = [with_headings(f) for f in shown]
    text = page.written(markdown, shown)
    if search_only:
        text += wrap('<div class="jm-search-view" hidden>\n' + "\n".join(search_only) + "\n</div>")
    if indexed == searchview.NONE:
        text = text.replace("\n---\n", '\nsearch: {"exclude": true}\n---\n', 1)
    return text, left_out

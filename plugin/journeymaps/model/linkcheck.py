"""Links and images in the narratives that point at files missing from the journeys folder.

``mkdocs build --strict`` fails on a relative link to a file it does not
publish; ``journeymaps validate`` finds the same links first. Only targets
inside the journeys folder are checked: a link that leaves it (to the docs
folder, say) is left to the build, which knows the whole site. Like MkDocs,
a target whose last part has no extension (``../retail/``) is not checked.

The narrative is parsed with Python-Markdown, as the build does, so links in
code are not links; the line of each link is then found in the source text.
"""

from __future__ import annotations

import difflib
import functools
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from journeymaps.model.corpus import Corpus, Entry
from journeymaps.problems import Problem, quote
from journeymaps.source.files import source_files

FIELD = "narrative"
#: What may be the target of an inline link or image, or of a link reference definition: a superset of what
#: Python-Markdown takes for one (one level of parentheses inside a target, as CommonMark allows).
#: (Two expressions: the first starts with a fixed text, which the regular expression engine finds fast.)
_INLINE = re.compile(r"\]\(\s*(?:<([^>\n]*)>|((?:[^()\s]|\([^()\s]*\))+))")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(?:<([^>\n]*)>|(\S+))", re.MULTILINE)
_EXTENSIONS = ["fenced_code", "tables", "attr_list", "md_in_html"]


def check(corpus: Corpus, wanted: Callable[[Entry], bool] = lambda entry: True) -> list[Problem]:
    """Problems of the narrative links of the valid journeys and personas that are ``wanted``."""
    entries = [e for e in (*corpus.journeys.values(), *corpus.personas.values()) if wanted(e)]
    entries = [e for e in entries if "](" in e.body or "]:" in e.body]  # no link can be without these
    if not entries:
        return []
    pages = {rel for rel in source_files(corpus.root) if rel.endswith(".md")}
    published = pages | set(corpus.assets)
    # Parsing is slow next to reading: only a narrative with something that looks like a broken link is parsed
    entries = [e for e in entries if _suspect(e, published)]
    if not entries:
        return []
    import markdown  # only here: most runs parse nothing, and importing it takes longer than checking

    parser = markdown.Markdown(extensions=_EXTENSIONS)
    found: list[tuple[str, str]] = []
    parser.treeprocessors.register(_Collect(found), "journeymaps_links", 0)
    problems = []
    for entry in entries:
        found.clear()
        parser.reset().convert(entry.body)
        problems += _problems(entry, found, pages, published, corpus.root)
    return problems


def _suspect(entry: Entry, published: set[str]) -> bool:
    """Whether the narrative may have a link to a file that is not published."""
    folder = posixpath.dirname(entry.rel)
    for candidates in (_INLINE, _DEFINITION) if "]:" in entry.body else (_INLINE,):
        for match in candidates.finditer(entry.body):
            target = _target(match.group(match.lastindex or 0), folder)
            if target is not None and target not in published:
                return True
    return False


def _problems(entry: Entry, found: list[tuple[str, str]], pages: set[str], published: set[str],
              root: Path) -> list[Problem]:
    folder = posixpath.dirname(entry.rel)
    problems, position = [], 0
    for tag, url in found:
        target = _target(url, folder)
        if target is None:
            continue
        at = entry.body.find(url, position)
        at = at if at >= 0 else max(entry.body.find(url), 0)
        position = max(position, at)
        if target in published:
            continue
        what = "links to" if tag == "a" else "shows the image"
        state = "which the site does not publish" if (root / target).exists() else "which does not exist"
        message = f"{what} {quote(url)}, {state}{_hint(target, pages if target.endswith('.md') else published, folder)}"
        problems.append(Problem(entry.display, entry.body_line + entry.body.count("\n", 0, at), FIELD, message))
    return problems


@functools.lru_cache(maxsize=4096)  # the same links (to personas, between maps) come back in many narratives
def _target(url: str, folder: str) -> str | None:
    """The path below the journeys folder a link points at; None when it is not checked here."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or url.startswith(("/", "\\")) or "\x02" in url:
        return None  # another site, an absolute path, a link to this page, or an e-mail address
    path = unquote(parts.path)
    if not posixpath.splitext(path)[1]:
        return None  # MkDocs does not check these either
    target = posixpath.normpath(posixpath.join(folder, path))
    return None if target == ".." or target.startswith("../") else target


def _hint(target: str, known: Iterable[str], folder: str) -> str:
    close = difflib.get_close_matches(target, sorted(known), n=1, cutoff=0.8)
    return f"; did you mean {quote(posixpath.relpath(close[0], folder or '.'))}?" if close else ""


class _Collect:
    """A tree processor that records each link and image of the page, in order, before anything rewrites them.

    Python-Markdown only calls its ``run``: it needs no base class (whose import would cost every run).
    """

    def __init__(self, found: list[tuple[str, str]]) -> None:
        self.found = found

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            url = element.get("href") if element.tag == "a" else element.get("src") if element.tag == "img" else None
            if url:
                self.found.append((element.tag, url))

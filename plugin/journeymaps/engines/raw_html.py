"""A Markdown extension that passes the generated pages' HTML through untouched, as the plugin does.

``journeymaps generate`` writes each generated page as Markdown with its HTML
between two comments. Any engine would convert that HTML as raw HTML, which
is correct but slow: Python-Markdown reads every tag of it (some 200 KB a
map). This extension, which the generated ``mkdocs.yml`` lists, sets each such
block aside before Markdown reads the page and puts it back in the output,
so an engine spends on a generated page what the plugin spends. Without the
extension the comments are comments and the HTML is read as any raw HTML:
the same page, more slowly.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

START, END = "<!--journeymaps:html-->", "<!--/journeymaps:html-->"
_BLOCK = re.compile(rf"^{re.escape(START)}\n(.*?)\n{re.escape(END)}$", re.S | re.M)


def wrap(html: str) -> str:
    """``html`` as a block this extension sets aside (on lines of its own, blank lines around)."""
    return f"\n\n{START}\n{html}\n{END}\n\n"


class _SetAside(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if START not in text:
            return lines
        text = _BLOCK.sub(lambda found: self.md.htmlStash.store(found.group(1)), text)
        return text.split("\n")


class RawHtmlExtension(Extension):
    """Sets the generated pages' HTML blocks aside before Markdown reads the page."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Run before Python-Markdown's reader of raw HTML (priority 20)."""
        md.preprocessors.register(_SetAside(md), "journeymaps_html", 25)


def makeExtension(**kwargs: object) -> RawHtmlExtension:
    """The extension, as ``markdown_extensions: [journeymaps.engines.raw_html]`` loads it."""
    return RawHtmlExtension(**kwargs)

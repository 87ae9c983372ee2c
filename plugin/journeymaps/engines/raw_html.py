"""A Markdown extension that passes the generated pages' HTML through untouched, as the plugin does.

``journeymaps generate`` writes each generated page as Markdown whose HTML
(some 200 KB a map) is inside an HTML comment, ``<!--journeymaps:html ...
-->``. An engine reading it as raw HTML would be slow: Python-Markdown reads
every tag, and Zensical also scans every tag for links, in Python, a
character at a time (four fifths of its build). This extension, which the
generated ``mkdocs.yml`` lists, takes each such block out of its comment
before Markdown reads the page and puts it in the output as it is, so an
engine spends on a generated page what the plugin spends. The links in it
are the generator's, relative to the page's address (tests check them).

Without the extension the page would show nothing of that HTML: an engine
that cannot import it stops with an error, which is why it is listed in the
configuration rather than left to the user. HTML that holds ``-->`` cannot be
in a comment; it is written between two comments instead, and read as raw
HTML when the extension is missing.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

START, END = "<!--journeymaps:html-->", "<!--/journeymaps:html-->"
HIDDEN, HIDDEN_END = "<!--journeymaps:html", "-->"
_BLOCK = re.compile(rf"^(?:{re.escape(START)}\n(.*?)\n{re.escape(END)}|{re.escape(HIDDEN)}\n(.*?)\n{HIDDEN_END})$",
                    re.S | re.M)


def wrap(html: str) -> str:
    """``html`` as a block this extension sets aside (on lines of its own, blank lines around)."""
    if "-->" in html or "--!>" in html:
        return f"\n\n{START}\n{html}\n{END}\n\n"
    return f"\n\n{HIDDEN}\n{html}\n{HIDDEN_END}\n\n"


class _SetAside(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if START not in text and HIDDEN not in text:
            return lines
        text = _BLOCK.sub(lambda found: self.md.htmlStash.store(found.group(1) or found.group(2) or ""), text)
        return text.split("\n")


class RawHtmlExtension(Extension):
    """Sets the generated pages' HTML blocks aside before Markdown reads the page."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Run before Python-Markdown's reader of raw HTML (priority 20)."""
        md.preprocessors.register(_SetAside(md), "journeymaps_html", 25)


def makeExtension(**kwargs: object) -> RawHtmlExtension:
    """The extension, as ``markdown_extensions: [journeymaps.engines.raw_html]`` loads it."""
    return RawHtmlExtension(**kwargs)

"""What Mermaid does to a diagram's text before its grammar reads it: blocks, front matter, directives, comments.

Mermaid cleans a diagram in this order: line ends become ``\\n``; YAML front
matter at the very start is taken out (its ``title`` names the diagram); every
``%%{…}%%`` directive is removed; every line that starts with ``%%`` (not
``%%{``) is removed; the text must then start with ``journey``; finally every
entity code ``#word;`` (``#58;`` for ``:``) is swapped for a placeholder, so
that ``#``, ``:`` and ``;`` inside it are not syntax.

Here every removed part is blanked instead of deleted (its line breaks stay), so
the grammar sees what Mermaid sees and every token keeps the line it has in
the file. What was removed is kept: comments go into the narrative, settings
are noted.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

from journeymaps.source.document import YamlError
from journeymaps.source.reader import parse_yaml

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*mermaid\s*$", re.IGNORECASE)
# Mermaid's front matter: '---' on the first line, YAML, '---' (the first such line closes it)
_FRONT_MATTER = re.compile(r"-{3}[ \t]*\n(.*?\n)?-{3}[ \t]*(?:\n|$)", re.DOTALL)
# a directive may span lines; Mermaid's own pattern ends it at the first '}%%' or, unclosed, at the end
_DIRECTIVE = re.compile(r"%%\{.*?(?:\}%%|\Z)", re.DOTALL)
_COMMENT_LINE = re.compile(r"^[ \t]*%%(?!\{)([^\n]+)$", re.MULTILINE)
_ENTITY = re.compile(r"#(\w+);", re.ASCII)
_KIND = re.compile(r"\s*([A-Za-z][\w-]*)")
#: The characters a placeholder is made of: none is syntax for the journey grammar.
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_PLACEHOLDER = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")


@dataclass
class Block:
    """One diagram's source: its text (line ends made ``\\n``) and the file line of its first line."""

    text: str
    first_line: int


@dataclass
class Cleaned:
    """A diagram's text as the grammar reads it, with what Mermaid's cleaning took out."""

    text: str  # the same lines as the source; removed parts are blank
    first_line: int
    kind: str | None  # the diagram's first word: 'journey', 'flowchart'...
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_line: int = 0  # of its opening '---'
    title_line: int = 0  # of its 'title:'
    settings: list[tuple[int, str]] = field(default_factory=list)  # (line, 'front matter config' / a directive)
    comments: list[tuple[int, str]] = field(default_factory=list)  # (line, text after '%%')
    problems: list[tuple[int, str]] = field(default_factory=list)
    entities: list[tuple[str, str]] = field(default_factory=list)  # (as written, as shown)

    def line_of(self, offset: int) -> int:
        """The file line of a character offset of :attr:`text`."""
        return self.first_line + self.text.count("\n", 0, offset)

    def shown(self, text: str) -> str:
        """A token's text with its entity codes as the browser shows them (``#58;`` -> ``:``)."""
        return _PLACEHOLDER.sub(lambda m: self.entities[int(m.group(1))][1], text)

    def written(self, text: str) -> str:
        """A token's text with its entity codes as written in the source."""
        return _PLACEHOLDER.sub(lambda m: self.entities[int(m.group(1))][0], text)


def normalise(text: str) -> str:
    """Line ends as Mermaid reads them: every ``\\r\\n`` and lone ``\\r`` becomes ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def blocks(text: str, markdown: bool) -> tuple[list[Block], bool]:
    """The diagrams of a file, and whether they come from ```` ```mermaid ```` blocks.

    A Markdown file (``markdown``, or any file with a mermaid fence) gives its
    fenced blocks, dedented as a page renders them; any other file is one diagram.
    """
    lines = normalise(text).split("\n")
    found = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence = match.group(2)
        end = next((j for j in range(i + 1, len(lines))
                    if lines[j].strip().startswith(fence[0] * len(fence)) and not lines[j].strip().strip(fence[0])),
                   len(lines))
        found.append(Block(textwrap.dedent("\n".join(lines[i + 1:end])), i + 2))
        i = end + 1
    if found or markdown:
        return found, True
    return [Block("\n".join(lines), 1)], False


def _blank(text: str, start: int, end: int) -> str:
    """``text`` with ``[start, end)`` replaced by its line breaks only."""
    return text[:start] + "\n" * text.count("\n", start, end) + text[end:]


def clean(block: Block) -> Cleaned:
    """Apply Mermaid's cleaning to one block: front matter, directives, ``%%`` comment lines, entity codes."""
    text = block.text
    # leading blank lines are trimmed by Mermaid; blanking them keeps the line numbers
    lead = len(text) - len(text.lstrip())
    result = Cleaned(text, block.first_line, None)
    matter = _FRONT_MATTER.match(text, lead)
    if matter:
        result.front_matter_line = result.line_of(lead)
        try:  # the project's reader: YAML 1.2, and no alias bomb
            data = parse_yaml(matter.group(1) or "", line_offset=result.front_matter_line).data
        except YamlError as exc:
            result.problems.append((exc.line, f"the diagram's front matter: {exc.message}"))
            data = None
        if isinstance(data, dict):
            result.front_matter = data
            titled = re.search(r"^title\s*:", matter.group(1) or "", re.MULTILINE)
            if titled:  # the line of the title itself, for notes
                before = (matter.group(1) or "").count("\n", 0, titled.start())
                result.title_line = result.front_matter_line + 1 + before
            for key in sorted(set(data) - {"title"}, key=str):
                result.settings.append((result.front_matter_line, f"its front matter's '{key}'"))
        text = _blank(text, matter.start(), matter.end())
    elif re.match(r"-{3}[ \t]*\n", text[lead:]):
        result.problems.append((result.line_of(lead), "the diagram's front matter opened here is never closed "
                                                      "with '---'"))
    for directive in list(_DIRECTIVE.finditer(text)):
        name = re.match(r"%%\{\s*(\w+)", directive.group(0))
        result.settings.append((result.line_of(directive.start()),
                                f"its directive %%{{{name.group(1) if name else ''}}}%%"))
    text = _DIRECTIVE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for comment in _COMMENT_LINE.finditer(text):
        result.comments.append((result.line_of(comment.start()), comment.group(1).strip()))
    text = _COMMENT_LINE.sub("", text)
    kind = _KIND.match(text)
    result.kind = kind.group(1) if kind else None
    result.text = _ENTITY.sub(lambda m: _placeholder(result, m.group(0)), text)
    return result


def _placeholder(result: Cleaned, written: str) -> str:
    code = written[1:]
    shown = html.unescape(("&#" if code[:-1].isdigit() else "&") + code)
    if shown.startswith("&") or not shown or not shown.isprintable():
        shown = written  # an unknown name or a control character ('order #2;'): the text as written
    result.entities.append((written, shown))
    return f"{_MARK_OPEN}{len(result.entities) - 1}{_MARK_CLOSE}"

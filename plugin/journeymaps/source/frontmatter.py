"""Read a Markdown source file and split it into its YAML front matter (read, with file lines) and its body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from journeymaps.problems import Problem
from journeymaps.source.document import Document, YamlError
from journeymaps.source.reader import parse_yaml

# A line that closes the front matter: '---' and nothing but white space (what str.rstrip removes) after it.
_CLOSING = re.compile(r"^---[^\S\n]*$", re.MULTILINE)


@dataclass
class SourceFile:
    """A Markdown file split into its front matter and its body."""

    front_matter: Document
    body: str
    body_line: int  # file line where the body starts


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file (a byte-order mark is allowed); report undecodable bytes."""
    try:
        raw = path.read_bytes()
    except OSError as exc:  # e.g. no permission, or removed while the site was being built
        return None, [Problem(display, 1, "", f"the file cannot be read: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(display, line, "", f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8")]
    return text, []


def split_front_matter(text: str, display: str) -> tuple[SourceFile | None, list[Problem]]:
    """Split ``---`` front matter from the Markdown body and parse it."""
    if not text.strip():
        return None, [Problem(display, 1, "", "the file is empty; it needs front matter between two '---' lines")]
    # Lines end at '\n' only, as editors count them (str.splitlines also splits at U+2028 and others).
    first = text.find("\n")
    if (text if first < 0 else text[:first]).rstrip() != "---":
        return None, [
            Problem(display, 1, "", "the file does not start with front matter: its first line must be '---'")
        ]
    closing = _CLOSING.search(text, first + 1) if first >= 0 else None
    if closing is None:
        return None, [Problem(display, 1, "", "the front matter opened on line 1 is never closed with a '---' line")]
    yaml_text = text[first + 1:closing.start()]
    after = text.find("\n", closing.end())  # the line break that ends the '---' line, if any
    body = "" if after < 0 else text[after + 1:]
    try:
        doc = parse_yaml(yaml_text, line_offset=1)
    except YamlError as exc:
        return None, [Problem(display, exc.line, exc.field, exc.message)]
    return SourceFile(doc, body, yaml_text.count("\n") + 3), []

"""Text from front matter or a diagram, written into Markdown so that it shows as written."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(\d*)([#+>.)=-])")


def escape(text: str) -> str:
    """One line of plain text for Markdown: its inline markup and HTML escaped, whitespace collapsed."""
    text = _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _LINE_START.sub(r"\1\\\2", text)  # '# x', '- x', '1. x' would start a heading or a list


def code(text: str) -> str:
    """Inline code (or escaped text when it holds a backtick)."""
    return f"`{text}`" if "`" not in text and text.strip() else escape(text)

"""Text from front matter or a diagram, written into Markdown so that it shows as written."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# What would start a heading, a list or a rule at the start of a line: "# x" ("#x" too in Python-Markdown),
# "- x", "1. x", "---" ("> x" is escaped as HTML). A date such as 2026-02-18 or a number such as -1 starts none.
_LINE_START = re.compile(r"^(?:(\d{1,9})([.)])(?=\s|$)|()(#|[-+](?=\s|$|[-+]*$)))")


def escape(text: str) -> str:
    """One line of plain text for Markdown: its inline markup and HTML escaped, whitespace collapsed."""
    text = _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    match = _LINE_START.match(text)
    if not match:
        return text
    at = match.start(2) if match.group(2) else match.start(4)
    return f"{text[:at]}\\{text[at:]}"


def code(text: str) -> str:
    """Inline code (or escaped text when it holds a backtick)."""
    return f"`{text}`" if "`" not in text and text.strip() else escape(text)

"""A problem found in a source file: where it is and what was expected."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One error in one file. ``path`` is as the user should see it."""

    path: str
    line: int
    field: str
    message: str

    def format(self) -> str:
        """``path:line: field: message`` (the field is left out when there is none)."""
        where = f"{printable(self.path)}:{self.line}:"
        return f"{where} {self.field}: {self.message}" if self.field else f"{where} {self.message}"


#: Longest value quoted in a message; longer ones are cut with an ellipsis.
QUOTE_LIMIT = 80


def quote(value: object) -> str:
    """A value as a message shows it: quoted, unprintable characters escaped, long values cut.

    Values come from contributors' files; a newline or a terminal escape in
    them must not break the one-line-per-problem output or forge log lines.
    """
    text = value if isinstance(value, str) else str(value)
    if len(text) > QUOTE_LIMIT:
        text = text[:QUOTE_LIMIT] + "…"
    return repr(text)


def printable(text: str) -> str:
    """``text`` with unprintable characters (newlines, terminal escapes) written as escapes."""
    return text if text.isprintable() else repr(text)[1:-1]


#: Most known values a hint lists; with more, it says where they are listed.
LIST_LIMIT = 12


def did_you_mean(value: object, known: Iterable[str], where: str = "", limit: int = LIST_LIMIT) -> str:
    """A short hint naming the nearest known value, or listing the few there are.

    With more than ``limit`` known values and none close, ``where`` says
    where they are listed: ``"channels in journeys/vocabulary.yml"`` gives
    "; see the 14 channels in journeys/vocabulary.yml".
    """
    known = sorted(known)
    if not known:
        return ""
    close = difflib.get_close_matches(str(value)[:200], known, n=1, cutoff=0.5)
    if close:
        return f"; did you mean {quote(close[0])}?"
    if len(known) <= limit:
        return "; expected one of: " + ", ".join(known)
    return f"; see the {len(known):,} {where}" if where else ""

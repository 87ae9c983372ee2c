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
        where = f"{self.path}:{self.line}:"
        return f"{where} {self.field}: {self.message}" if self.field else f"{where} {self.message}"


def did_you_mean(value: object, known: Iterable[str]) -> str:
    """A short hint naming the nearest known value, or listing the few there are."""
    known = sorted(known)
    if not known:
        return ""
    close = difflib.get_close_matches(str(value), known, n=1, cutoff=0.5)
    if close:
        return f"; did you mean '{close[0]}'?"
    if len(known) <= 12:
        return "; expected one of: " + ", ".join(known)
    return ""

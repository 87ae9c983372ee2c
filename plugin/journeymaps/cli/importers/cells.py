"""What one sheet cell holds: several items, a metric, a yes/no, a piece of evidence.

Items are split on line breaks, then on ``;``; a leading bullet (``•``, ``-``,
``*``, ``–``, ``1.``, ``1)``) is removed. Lists of names (touchpoints,
channels, teams...) are split on ``, `` too; sentences (pain points, ideas,
evidence) are not: "Show the rate for their deposit, not the headline rate"
is one idea.
"""

from __future__ import annotations

import re
from typing import Any

_BULLET = re.compile(r"^\s*(?:[•\-*–·]|\d{1,3}[.)])\s+")
_METRIC = re.compile(r"^(?P<name>.*?\S)\s*(?::\s*|\s+)(?P<value>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
                     r"\s*(?P<unit>%|[^\W\d_][^\d]{0,19})?$")
_YES = {"yes", "y", "true", "x", "✓", "✔", "1", "ja", "oui"}
_NO = {"no", "n", "false", "0", ""}
_QUOTED = re.compile(r'^\s*(["“”\'‘’«])(.+)(["“”\'‘’»])\s*$', re.DOTALL)
_STATISTIC = re.compile(r"\d\s*%|\b\d+(?:[.,]\d+)?\s+(?:out of|of|in)\s+\d|\b(?!(?:19|20)\d\d\b)\d{2,}\b")


def items(cell: str, names: bool = False) -> list[str]:
    """The items of a cell: one per line or ``;`` (and ``, `` for a list of ``names``), bullets removed."""
    found = []
    for line in cell.split("\n"):
        for part in line.split(";"):
            for piece in (part.split(", ") if names else [part]):
                piece = _BULLET.sub("", piece).strip()
                if piece:
                    found.append(piece)
    return found


def one_line(cell: str) -> str:
    """A cell as one line of text: its lines joined with a space."""
    return " ".join(cell.split())


def metric(text: str) -> dict[str, Any]:
    """``Email open rate: 41%`` -> ``{name, value: 41, unit: "%"}``; text without a figure is a name only."""
    match = _METRIC.match(text.strip())
    if not match:
        return {"name": text.strip()}
    number = float(match.group("value").replace(",", ""))
    result: dict[str, Any] = {"name": match.group("name").rstrip(":").strip(),
                              "value": int(number) if number.is_integer() else number}
    if match.group("unit"):
        result["unit"] = match.group("unit").strip()
    return result


def truth(cell: str) -> bool | None:
    """A moment-of-truth cell as true or false, or None when it is neither."""
    key = cell.strip().casefold().rstrip(".!")
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None


def evidence(text: str) -> tuple[str, str]:
    """The kind of a piece of evidence and its text: a quote (in quotes), a statistic (a figure), an observation."""
    quoted = _QUOTED.match(text)
    if quoted:
        return "quote", quoted.group(2).strip()
    if _STATISTIC.search(text):
        return "statistic", text.strip()
    return "observation", text.strip()

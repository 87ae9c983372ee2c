"""What reading YAML gives: the data, the line of every value and key, and the problems found on the way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from journeymaps.problems import quote

#: Where a value is in the data: keys and list positions from the top (``("phases", 0, "stage")``).
DataPath = tuple[str | int, ...]
#: The line of every value (or of every key), by the path of the value.
LineMap = dict[DataPath, int]


class YamlError(Exception):
    """A problem found while reading YAML; ``line`` is 1-based in the file, ``field`` the dotted path."""

    def __init__(self, line: int, message: str, field: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.field = field


class Document:
    """Data read from one YAML document, with the line of every value and key.

    The lines are worked out only when first asked for (by ``locate``): most
    files are valid and never need them.
    """

    def __init__(self, data: Any, lines: LineMap | None = None, key_lines: LineMap | None = None,
                 locate: Callable[[], tuple[LineMap, LineMap]] | None = None,
                 problems: list[YamlError] | None = None) -> None:
        self.data = data
        #: Problems found while reading that did not stop it (duplicate keys: the first value is in ``data``).
        self.problems = problems or []
        self._lines = lines
        self._key_lines = key_lines
        self._locate = locate

    def _find_lines(self) -> tuple[LineMap, LineMap]:
        if self._lines is None or self._key_lines is None:
            self._lines, self._key_lines = self._locate() if self._locate is not None else ({}, {})
            self._locate = None
        return self._lines, self._key_lines

    @property
    def lines(self) -> LineMap:
        """The line of every value, by its path (``("phases", 0, "stage")``)."""
        return self._find_lines()[0]

    @property
    def key_lines(self) -> LineMap:
        """The line of every key of a mapping, by the path of its value."""
        return self._find_lines()[1]

    def line_of(self, path: DataPath, *, key: bool = False) -> int:
        """Line of the value at ``path`` (or of its key), else of its nearest ancestor."""
        if key and path in self.key_lines:
            return self.key_lines[path]
        lines = self.lines
        for end in range(len(path), -1, -1):
            if path[:end] in lines:
                return lines[path[:end]]
        return 1


def dotted(path: DataPath) -> str:
    """``('phases', 0, 'steps')`` -> ``phases[0].steps`` (unprintable or very long keys are shortened)."""
    out = ""
    for part in path:
        if not isinstance(part, int):
            part = quote(str(part))[1:-1]
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

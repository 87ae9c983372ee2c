"""Read one YAML document into plain data that remembers its lines: :func:`parse_yaml`.

PyYAML's parser (libyaml when available) reads the text into events, and
:class:`~journeymaps.source.converter.Converter` turns them into values with
the format's checks (YAML 1.2 scalars, duplicate keys, tags, aliases, depth,
long numbers). Syntax errors become a :class:`YamlError` with the file line.

The line of every value and key is worked out only when something asks for
it (an error message): then the same converter reads the text again, recording
lines. Most front matter is plain block YAML, which :mod:`journeymaps.source.quick`
reads much faster than PyYAML builds its events; the rest goes to PyYAML.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from journeymaps.source.document import Document, LineMap, YamlError
from journeymaps.source.quick import read_plain

if TYPE_CHECKING:  # PyYAML is imported when a text needs it: most runs read only plain front matter
    import yaml

    from journeymaps.source.converter import Converter

_OTHER_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


class _Lines:
    """File lines as an editor counts them: YAML also breaks lines at U+0085, U+2028, U+2029 and a lone CR."""

    def __init__(self, text: str, offset: int) -> None:
        self.offset = offset
        self.newlines = [m.start() for m in re.finditer("\n", text)] if _OTHER_BREAKS.search(text) else None
        self.last = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))

    def __call__(self, mark: yaml.Mark) -> int:
        line = mark.line + 1 if self.newlines is None else bisect.bisect_left(self.newlines, mark.index) + 1
        return min(line, self.last) + self.offset  # an error found at the very end is on the last line


def _convert(text: str, converter: Converter) -> Any:
    import yaml

    try:  # libyaml is several times faster; the pure-Python parser gives the same events
        parser = yaml.CSafeLoader(text)
    except AttributeError:  # pragma: no cover - depends on how PyYAML was built
        parser = yaml.SafeLoader(text)
    try:  # the parser's own get_event: yaml.parse would add a generator's step to every event
        return converter.convert(parser.get_event)
    finally:
        parser.dispose()


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, lines: _Lines) -> tuple[int, str]:
    """The file line and a message for a YAML syntax error, saying where an unclosed thing was opened."""
    mark = exc.problem_mark or exc.context_mark
    line = lines(mark) if mark else 1 + lines.offset
    context = exc.context or ""
    opened = exc.context_mark
    if context and opened is not None and mark is not None and lines(opened) != line:
        context += f" that starts on line {lines(opened)},"
    what = " ".join(str(p) for p in (context, exc.problem) if p)
    if mark is not None and "cannot start any token" in str(exc.problem):
        source = text[text.rfind("\n", 0, mark.index) + 1:mark.index + 1]
        if "\t" in source[: len(source) - len(source.lstrip())]:
            what += "; indent with spaces, not tabs"
    return line, f"this is not valid YAML: {what}"


def parse_yaml(text: str, line_offset: int = 0) -> Document:
    """Parse one YAML document; raise :class:`YamlError` with a file line on failure.

    A duplicate key does not stop the reading: it is listed in :attr:`Document.problems`
    and the first value is kept, so that the other problems of the file are found too.

    The usual front matter (plain block YAML) is read by :func:`~journeymaps.source.quick.read_plain`,
    several times faster; anything else, and every text with a problem, by :func:`read_with_pyyaml`.
    """
    plain = read_plain(text)
    if plain is not None:
        return Document(plain, locate=lambda: _locate(text, _Lines(text, line_offset)))
    return read_with_pyyaml(text, line_offset)


def read_with_pyyaml(text: str, line_offset: int = 0) -> Document:
    """:func:`parse_yaml` by PyYAML's events alone: any YAML, with every check and problem of the format."""
    import yaml

    from journeymaps.source.converter import Converter

    lines = _Lines(text, line_offset)
    converter = Converter(lines)
    try:
        data = _convert(text, converter)
    except yaml.MarkedYAMLError as exc:
        raise YamlError(*_syntax_error(exc, text, lines)) from None
    except yaml.reader.ReaderError as exc:  # e.g. a control character pasted from a word processor
        line = text[: exc.position].count("\n") + 1 + line_offset
        char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        raise YamlError(line, f"this is not valid YAML: unacceptable character {char}: {exc.reason}") from None
    except yaml.YAMLError as exc:
        raise YamlError(1 + line_offset, "this is not valid YAML: " + " ".join(str(exc).split())) from None
    return Document(data, locate=lambda: _locate(text, lines), problems=converter.problems)


def _locate(text: str, lines: _Lines) -> tuple[LineMap, LineMap]:
    """The lines of every value and key of a document that was read once already (so it reads again)."""
    from journeymaps.source.converter import Converter

    converter = Converter(lines, record_lines=True)
    _convert(text, converter)
    return converter.lines, converter.key_lines

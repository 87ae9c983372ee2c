"""Read YAML and Markdown front matter into plain data that remembers its lines.

PyYAML composes the node tree (with libyaml when available); this module turns
nodes into Python values itself so that it can

* record the line of every key and value (errors must name the line),
* reject duplicate keys instead of keeping the last one,
* resolve plain scalars by YAML 1.2 rules (``no`` in a text field stays text;
  dates stay text and are checked by the model),
* refuse tags that would build Python objects,
* cap alias expansion (values and characters), so that an "alias bomb" fails
  at once instead of later,
* refuse nesting deeper than any field needs, checked on the event stream
  before composing (libyaml's composer recurses in C and can crash the
  process on a few hundred kilobytes of ``[[[[``), and
* refuse numbers too long to convert (Python refuses to print or parse
  integers of more than 4,300 digits).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, quote

try:  # libyaml is several times faster; the pure-Python composer gives the same nodes
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]

#: Most nodes that aliases may add by repetition before the file is refused.
ALIAS_EXPANSION_LIMIT = 10_000
#: Most characters of text that aliases may repeat (a long anchored text used many times).
ALIAS_TEXT_LIMIT = 1_000_000
#: Deepest nesting of lists and mappings; the format needs 7 (journey > phases > steps > touchpoints).
MAX_DEPTH = 50
#: Longest plain scalar read as a number; longer ones are refused rather than turned into huge values.
MAX_NUMBER_LENGTH = 100

_TAG = "tag:yaml.org,2002:"
_STANDARD_TAGS = {
    _TAG + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "binary")
}
#: The tag given to plain scalars without a tag: this module resolves them itself (YAML 1.2 rules).
_PLAIN = "tag:journeymaps,2026:plain"
_MERGE = _TAG + "merge"
_STANDARD_TAGS.add(_PLAIN)


class _Loader(_BaseLoader):
    """The safe loader without PyYAML's YAML 1.1 resolution of plain scalars.

    The composer asks ``resolve`` for the tag of every untagged node; PyYAML
    answers with a run of regular expressions per scalar, which took a third
    of the time of reading a large repository, and whose answer
    :func:`_plain_scalar` works out again by YAML 1.2 rules anyway.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return _MERGE if value == "<<" else _PLAIN
        if kind is yaml.MappingNode:
            return _TAG + "map"
        if kind is yaml.SequenceNode:
            return _TAG + "seq"
        return super().resolve(kind, value, implicit)


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


@dataclass
class Document:
    """Data read from one YAML document, with the line of every value and key."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    key_lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_, *, key: bool = False) -> int:
        """Line of the value at ``path`` (or of its key), else of its nearest ancestor."""
        if key and path in self.key_lines:
            return self.key_lines[path]
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1


class YamlError(Exception):
    """A problem found while reading YAML; ``line`` is 1-based in the file."""

    def __init__(self, line: int, message: str, field: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.field = field


def _plain_scalar(value: str) -> Any:
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value, 0) if value.lstrip("+-")[:2] in ("0o", "0x") else int(value)
    if _FLOAT.match(value):
        lowered = value.lower()
        if lowered.endswith((".inf", ".nan")):  # YAML spells them .inf / .nan, Python inf / nan
            return float(lowered.replace(".", ""))
        return float(value)
    return value


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


class _Converter:
    """Turns a composed node tree into Python values, recording lines."""

    def __init__(self, lines: _Lines) -> None:
        self.lines = lines
        self.doc = Document(None)
        self.seen: set[int] = set()
        self.expanded = 0
        self.expanded_text = 0

    def line(self, node: yaml.Node) -> int:
        return self.lines(node.start_mark)

    def convert(self, node: yaml.Node, path: Path_, alias: bool = False) -> Any:
        if id(node) in self.seen:
            alias = True  # the same node again: an alias (or a merge of one)
        self.seen.add(id(node))
        if alias:
            self.expanded += 1
            if self.expanded > ALIAS_EXPANSION_LIMIT:
                raise YamlError(
                    self.line(node),
                    f"anchors and aliases expand to more than {ALIAS_EXPANSION_LIMIT:,} values; "
                    "write the values out instead",
                )
            if isinstance(node, yaml.ScalarNode):
                self.expanded_text += len(node.value)
                if self.expanded_text > ALIAS_TEXT_LIMIT:
                    raise YamlError(
                        self.line(node),
                        f"anchors and aliases repeat more than {ALIAS_TEXT_LIMIT:,} characters of text; "
                        "write the values out instead",
                    )
        self.doc.lines.setdefault(path, self.line(node))
        if node.tag not in _STANDARD_TAGS:
            raise YamlError(
                self.line(node),
                f"the YAML tag {quote(node.tag)} is not allowed; write plain values",
                _dotted(path),
            )
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, alias)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i), alias) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def scalar(self, node: yaml.ScalarNode, path: Path_ = ()) -> Any:
        if node.style or node.tag == _TAG + "str":  # quoted, block, or an explicit !!str: always text
            return node.value
        if len(node.value) > MAX_NUMBER_LENGTH and (_INT.match(node.value) or _FLOAT.match(node.value)):
            raise YamlError(
                self.line(node),
                f"the number {quote(node.value)} is too long ({len(node.value):,} characters); "
                "put it in quotes if it is text",
                _dotted(path),
            )
        return _plain_scalar(node.value)

    def mapping(self, node: yaml.MappingNode, path: Path_, alias: bool, merged: bool = False) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        merges = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges += value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(self.line(key_node), "a key must be a plain value, not a list or mapping")
            key = self.scalar(key_node, path)
            if key is None or isinstance(key, bool | float):
                raise YamlError(self.line(key_node), f"{quote(key_node.value)} cannot be a key; use a name",
                                _dotted(path))
            key_path = (*path, key)
            if key in result:
                raise YamlError(
                    self.line(key_node),
                    f"duplicate key {quote(key)} (first on line {self.doc.key_lines.get(key_path, '?')}); keep one",
                    _dotted(key_path),
                )
            if merged:  # keys brought in by a merge keep the lines of the keys written out
                self.doc.key_lines.setdefault(key_path, self.line(key_node))
            else:
                self.doc.key_lines[key_path] = self.line(key_node)
            result[key] = self.convert(value_node, key_path, alias)
        # Merged values come after the explicit ones so that those keep their own lines.
        for source in merges:
            if not isinstance(source, yaml.MappingNode):
                raise YamlError(self.line(source), "a merge key (<<) needs a mapping")
            for k, v in self.mapping(source, path, True, merged=True).items():
                result.setdefault(k, v)
        return result


def _dotted(path: Path_) -> str:
    """``('phases', 0, 'steps')`` -> ``phases[0].steps`` (unprintable or very long keys are shortened)."""
    out = ""
    for part in path:
        if not isinstance(part, int):
            part = quote(str(part))[1:-1]
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _check_depth(text: str, lines: _Lines) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH`, reading events only (the parser does not recurse)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(
                    lines(event.start_mark),
                    f"lists and mappings are nested more than {MAX_DEPTH} levels deep here; "
                    "no field of the format needs that",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


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
    """Parse one YAML document; raise :class:`YamlError` with a file line on failure."""
    lines = _Lines(text, line_offset)
    try:
        _check_depth(text, lines)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise YamlError(*_syntax_error(exc, text, lines)) from None
    except yaml.reader.ReaderError as exc:  # e.g. a control character pasted from a word processor
        line = text[: exc.position].count("\n") + 1 + line_offset
        char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        raise YamlError(line, f"this is not valid YAML: unacceptable character {char}: {exc.reason}") from None
    except yaml.YAMLError as exc:
        raise YamlError(1 + line_offset, "this is not valid YAML: " + " ".join(str(exc).split())) from None
    converter = _Converter(lines)
    if node is None:
        converter.doc.data = None
        return converter.doc
    converter.doc.data = converter.convert(node, ())
    return converter.doc


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
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, [
            Problem(display, 1, "", "the file does not start with front matter: its first line must be '---'")
        ]
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            yaml_text = "".join(line + "\n" for line in lines[1:index])
            body = "\n".join(lines[index + 1 :])
            try:
                doc = parse_yaml(yaml_text, line_offset=1)
            except YamlError as exc:
                return None, [Problem(display, exc.line, exc.field, exc.message)]
            return SourceFile(doc, body, index + 2), []
    return None, [Problem(display, 1, "", "the front matter opened on line 1 is never closed with a '---' line")]


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every text that :func:`parse_yaml` would not read back as the same text.

    PyYAML decides what to quote by YAML 1.1 rules; this module reads YAML 1.2,
    where ``0o17`` and ``1e3`` are numbers, so those need quotes that PyYAML
    would leave out.
    """


_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _BREAKS.search(value):  # escaped on one line: PyYAML writes U+0085 raw where YAML folds it into a space
        style: str | None = '"'
    else:
        style = "'" if _plain_scalar(value) is not value else None
    return dumper.represent_scalar(_TAG + "str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def dump_yaml(data: Any) -> str:
    """YAML text that :func:`parse_yaml` reads back as ``data`` (keys in their given order, no line folding).

    Lines are never folded and texts with line breaks are written on one line
    with escapes, so no line of a text can read as the ``---`` that closes
    front matter.
    """
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000_000)

"""Read YAML and Markdown front matter into plain data that remembers its lines.

PyYAML's parser (libyaml when available) reads the text into events; this
module turns them into Python values itself, in one pass, so that it can

* record the line of every key and value (errors must name the line),
* report duplicate keys (keeping the first value) instead of quietly keeping the last one,
* resolve plain scalars by YAML 1.2 rules (``no`` in a text field stays text;
  dates stay text and are checked by the model),
* refuse tags that would build Python objects,
* cap alias expansion (values and characters), so that an "alias bomb" fails
  at once instead of later,
* refuse nesting deeper than any field needs (libyaml's composer recurses in C
  and can crash the process on a few hundred kilobytes of ``[[[[``; no composer
  runs on a document before its events have passed this check),
* refuse an alias inside the list or mapping it names (it would repeat forever),
* refuse numbers too long to convert (Python refuses to print or parse
  integers of more than 4,300 digits).

The line of every value and key is worked out only when something asks for it
(an error message): most files are valid, and recording a line for each of
their values took as long as reading them. Then the document is composed again
and walked with the same rules, recording lines (:class:`_Converter`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from journeymaps.problems import Problem, quote

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


class Document:
    """Data read from one YAML document, with the line of every value and key."""

    def __init__(self, data: Any, lines: dict[Path_, int] | None = None, key_lines: dict[Path_, int] | None = None,
                 locate: Callable[[], Document] | None = None, problems: list[YamlError] | None = None) -> None:
        self.data = data
        #: Problems found while reading that did not stop it (duplicate keys: the first value is in ``data``).
        self.problems = problems or []
        self._lines = lines
        self._key_lines = key_lines
        self._locate = locate  # makes the line maps when they are first asked for

    def _find_lines(self) -> None:
        found = self._locate() if self._locate is not None else None
        self._lines = found._lines if found is not None else {}
        self._key_lines = found._key_lines if found is not None else {}
        self._locate = None

    @property
    def lines(self) -> dict[Path_, int]:
        """The line of every value, by its path (``("phases", 0, "stage")``)."""
        if self._lines is None:
            self._find_lines()
        return self._lines  # type: ignore[return-value]

    @property
    def key_lines(self) -> dict[Path_, int]:
        """The line of every key of a mapping, by the path of its value."""
        if self._key_lines is None:
            self._find_lines()
        return self._key_lines  # type: ignore[return-value]

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


_NOT_TEXT_START = frozenset("0123456789+-.~nNtTfF")  # how a null, boolean or number can start


def _plain_scalar(value: str) -> Any:
    if value and value[0] not in _NOT_TEXT_START:  # most values are words: no need for the patterns
        return value
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
    """Turns a composed node tree into Python values, recording lines (for :attr:`Document.lines`)."""

    def __init__(self, lines: _Lines) -> None:
        self.lines = lines
        self.doc = Document(None, {}, {})
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
        merges = None
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                if merges is None:  # a second '<<' was reported by _Builder; the first one counts
                    merges = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(self.line(key_node), "a key must be a plain value, not a list or mapping")
            key = self.scalar(key_node, path)
            if key is None or isinstance(key, bool | float):
                raise YamlError(self.line(key_node), f"{quote(key_node.value)} cannot be a key; use a name",
                                _dotted(path))
            key_path = (*path, key)
            if key in result:  # reported by _Builder; the first value is the one validated
                continue
            if merged:  # keys brought in by a merge keep the lines of the keys written out
                self.doc.key_lines.setdefault(key_path, self.line(key_node))
            else:
                self.doc.key_lines[key_path] = self.line(key_node)
            result[key] = self.convert(value_node, key_path, alias)
        # Merged values come after the explicit ones so that those keep their own lines.
        for source in merges or ():
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


class _TooDeep(YamlError):
    """Nesting deeper than :data:`MAX_DEPTH` in the text: reported like a syntax error, before any other."""

    def __init__(self, line: int) -> None:
        super().__init__(line, f"lists and mappings are nested more than {MAX_DEPTH} levels deep here; "
                               "no field of the format needs that")


class _Structure(Exception):
    """A problem that composing the document would find (an alias or an anchor, a second document)."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAP_START, _MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQ_START, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_NODES = (_SCALAR, _ALIAS, _MAP_START, _SEQ_START)
_STR = _TAG + "str"


def _tag(event: yaml.NodeEvent) -> str:
    """The tag the composer gives the node (:meth:`_Loader.resolve` for nodes without one)."""
    tag = event.tag
    if tag is not None and tag != "!":
        return tag
    if event.__class__ is _SCALAR:
        if event.implicit[0]:
            return _MERGE if event.value == "<<" else _PLAIN
        return _STR
    return _TAG + ("map" if event.__class__ is _MAP_START else "seq")


class _Builder:
    """Turns the parser's events into Python values in one pass, with every check of :class:`_Converter`.

    A document with several problems gets the one that reading it in stages
    would report (the text's, then the structure's, then the values'): after
    a problem of the values, the rest of the events is still read.
    """

    def __init__(self, lines: _Lines) -> None:
        self.lines = lines
        self.open: list[str | None] = []  # the anchors of the lists and mappings open in the text
        self.marks: dict[str, yaml.Mark] = {}  # where each anchor is defined
        self.recorded: dict[str, list[yaml.Event]] = {}  # the events of each anchored value, to repeat its aliases
        self.recorders: list[list[yaml.Event]] = []
        self.root_mark: yaml.Mark | None = None
        self.documents = 0
        self.path: list[Any] = []
        self.nesting = 0  # lists and mappings open in the value being built, through aliases too
        self.expanded = 0
        self.expanded_text = 0
        self.problems: list[YamlError] = []  # problems that do not stop the reading (duplicate keys)
        self.reported: set[int] = set()  # where those are, in the text

    def build(self, text: str) -> Any:
        """The value of the document (None when it is empty)."""
        loader = _Loader(text)
        try:
            return self._build(loader.get_event)
        finally:
            loader.dispose()

    def _build(self, get_event: Callable[[], yaml.Event]) -> Any:
        self.get_event = get_event  # the parser's: yaml.parse would add a generator's step to every event
        held: Exception | None = None
        structure = False
        value = None
        try:
            event = self._pull()
            while event.__class__ is not yaml.StreamEndEvent:
                if event.__class__ in _NODES:
                    value = self._value(event, self._pull, False)
                event = self._pull()
            return value
        except _TooDeep:
            raise
        except _Structure as found:
            held, structure = found.error, True
        except YamlError as found:
            held = found
        while True:  # read the rest: a problem of the text, or of the structure, is the one to report
            try:
                if self._pull().__class__ is yaml.StreamEndEvent:
                    break
            except _Structure as found:
                if not structure:
                    held, structure = found.error, True
        raise held

    def _pull(self) -> yaml.Event:
        """The next event of the text, checked for depth, anchors, aliases and documents."""
        event = self.get_event()
        for recorder in self.recorders:
            recorder.append(event)
        cls = event.__class__
        if cls is _MAP_START or cls is _SEQ_START:
            self.open.append(event.anchor)
            if len(self.open) > MAX_DEPTH:
                raise _TooDeep(self.lines(event.start_mark))
        elif cls is _MAP_END or cls is _SEQ_END:
            self.open.pop()
            return event
        elif cls is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise _Structure(yaml.composer.ComposerError(
                    "expected a single document in the stream", self.root_mark,
                    "but found another document", event.start_mark))
            return event
        elif cls is not _SCALAR and cls is not _ALIAS:
            return event
        if self.root_mark is None:
            self.root_mark = event.start_mark
        anchor = event.anchor
        if cls is _ALIAS:
            if anchor not in self.marks:
                raise _Structure(yaml.composer.ComposerError(None, None, "found undefined alias", event.start_mark))
            if anchor in self.open:
                raise _Structure(YamlError(self.lines(event.start_mark),
                                           f"the alias {quote('*' + anchor)} is inside the list or mapping it "
                                           "names, so it would repeat without end; write the values out instead"))
        elif anchor is not None:
            if anchor in self.marks:
                raise _Structure(yaml.composer.ComposerError(
                    "found duplicate anchor; first occurrence", self.marks[anchor],
                    "second occurrence", event.start_mark))
            self.marks[anchor] = event.start_mark
        return event

    def _report(self, event: yaml.Event, message: str, path: list) -> None:
        """Note a problem that does not stop the reading, once (an alias repeats the events of its anchor)."""
        if event.start_mark.index not in self.reported:
            self.reported.add(event.start_mark.index)
            self.problems.append(self._error(event, message, path))

    def _error(self, event: yaml.Event, message: str, path: list | None = None) -> YamlError:
        return YamlError(self.lines(event.start_mark), message, _dotted(tuple(self.path if path is None else path)))

    def _recording(self, alias: yaml.Event) -> list[yaml.Event]:
        found = self.recorded.get(alias.anchor)
        if found is None:  # an anchor on something that is not a value (never in a document the format needs)
            raise YamlError(self.lines(alias.start_mark), f"the alias {quote('*' + alias.anchor)} cannot be used "
                                                          "here; write the value out instead")
        return found

    def _replay(self, alias: yaml.Event) -> tuple[yaml.Event, Callable[[], yaml.Event]]:
        """The first event of an alias's anchored value, and how to get the ones after it."""
        events = iter(self._recording(alias))
        return next(events), events.__next__

    def _record(self, event: yaml.Event, pull: Callable[[], yaml.Event]) -> bool:
        """Start recording an anchored value read from the text (its aliases will repeat it)."""
        if event.anchor is None or pull != self._pull:
            return False
        self.recorders.append([event])
        return True

    def _nest(self, event: yaml.Event) -> None:
        self.nesting += 1
        if self.nesting > MAX_DEPTH:  # deeper through aliases than the text is
            raise YamlError(self.lines(event.start_mark), f"lists and mappings are nested more than {MAX_DEPTH} "
                                                          "levels deep here; no field of the format needs that")

    def _value(self, event: yaml.Event, pull: Callable[[], yaml.Event], alias: bool) -> Any:
        """The value of the node that ``event`` starts; ``pull`` gives the events after it."""
        if event.__class__ is _ALIAS:  # the anchored value again, as if it were written here
            event, pull = self._replay(event)
            alias = True
        cls = event.__class__
        recording = event.anchor is not None and self._record(event, pull)
        if alias:
            self.expanded += 1
            if self.expanded > ALIAS_EXPANSION_LIMIT:
                raise YamlError(self.lines(event.start_mark),
                                f"anchors and aliases expand to more than {ALIAS_EXPANSION_LIMIT:,} values; "
                                "write the values out instead")
            if cls is _SCALAR:
                self.expanded_text += len(event.value)
                if self.expanded_text > ALIAS_TEXT_LIMIT:
                    raise YamlError(self.lines(event.start_mark),
                                    f"anchors and aliases repeat more than {ALIAS_TEXT_LIMIT:,} characters of text; "
                                    "write the values out instead")
        if event.tag is not None and event.tag != "!" and event.tag not in _STANDARD_TAGS:
            raise self._error(event, f"the YAML tag {quote(event.tag)} is not allowed; write plain values")
        if cls is _SCALAR:
            value = self._scalar(event)
        else:
            self._nest(event)
            value = self._mapping(pull, alias) if cls is _MAP_START else self._sequence(pull, alias)
            self.nesting -= 1
        if recording:
            self.recorded[event.anchor] = self.recorders.pop()
        return value

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        value = event.value
        if event.style:  # quoted or block: always text
            return value
        tag = event.tag
        if (tag == _STR if tag is not None and tag != "!" else not event.implicit[0]):  # !!str: text too
            return value
        if len(value) > MAX_NUMBER_LENGTH and (_INT.match(value) or _FLOAT.match(value)):
            raise self._error(event, f"the number {quote(value)} is too long ({len(value):,} characters); "
                                     "put it in quotes if it is text")
        return _plain_scalar(value)

    def _sequence(self, pull: Callable[[], yaml.Event], alias: bool) -> list[Any]:
        items: list[Any] = []
        path = self.path
        event = pull()
        while event.__class__ is not _SEQ_END:
            path.append(len(items))
            items.append(self._value(event, pull, alias))
            path.pop()
            event = pull()
        return items

    def _mapping(self, pull: Callable[[], yaml.Event], alias: bool) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        keys: dict[Any, yaml.Event] = {}  # where each key is written, for "first on line ..."
        merged: list[dict[Any, Any]] | None = None
        merge_key: yaml.Event | None = None
        path = self.path
        event = pull()
        while event.__class__ is not _MAP_END:
            key = self._resolved(event)
            if key.__class__ is _SCALAR and (key.value == "<<" or key.tag == _MERGE) and _tag(key) == _MERGE:
                sources = self._merge_sources(pull(), pull)
                if merge_key is None:
                    merge_key, merged = key, sources
                else:  # a second '<<' is a duplicate key like any other; the first one's mappings are kept
                    first = self.lines(merge_key.start_mark)
                    self._report(key, f"duplicate key '<<' (first on line {first}); merge several mappings "
                                      "with one key: <<: [*a, *b]", [*path, "<<"])
            elif key.__class__ is not _SCALAR:
                raise YamlError(self.lines(key.start_mark), "a key must be a plain value, not a list or mapping")
            else:
                name = self._scalar(key)
                if name is None or isinstance(name, bool | float):
                    raise self._error(key, f"{quote(key.value)} cannot be a key; use a name")
                duplicate = name in keys
                if duplicate:  # reported, and the rest of the file is still read: every problem in one run
                    first = self.lines(keys[name].start_mark)
                    self._report(key, f"duplicate key {quote(name)} (first on line {first}); keep one", [*path, name])
                else:
                    keys[name] = key
                if key is event and self._record(key, pull):  # an anchored key: its aliases repeat it as a value
                    self.recorded[key.anchor] = self.recorders.pop()
                path.append(name)
                value = self._value(pull(), pull, alias)  # read and checked even when it is a duplicate
                path.pop()
                if not duplicate:  # the first value is the one validated
                    result[name] = value
            event = pull()
        for source in merged or ():  # merged values come after the explicit ones, which win
            for name, value in source.items():
                result.setdefault(name, value)
        return result

    def _resolved(self, event: yaml.Event) -> yaml.Event:
        """An alias's anchored value's first event, or the event itself."""
        return self._recording(event)[0] if event.__class__ is _ALIAS else event

    def _merge_sources(self, event: yaml.Event, pull: Callable[[], yaml.Event]) -> list[dict[Any, Any]]:
        """The mappings a merge key (``<<``) brings in: a mapping, or a list of mappings (written out or aliases)."""
        if event.__class__ is _ALIAS:
            event, pull = self._replay(event)
        if event.__class__ is not _SEQ_START:
            return [self._merge_source(event, pull)]
        recording = self._record(event, pull)
        self._nest(event)
        found = []
        item = pull()
        while item.__class__ is not _SEQ_END:
            found.append(self._merge_source(item, pull))
            item = pull()
        self.nesting -= 1
        if recording:
            self.recorded[event.anchor] = self.recorders.pop()
        return found

    def _merge_source(self, event: yaml.Event, pull: Callable[[], yaml.Event]) -> dict[Any, Any]:
        if event.__class__ is _ALIAS:
            event, pull = self._replay(event)
        if event.__class__ is not _MAP_START:
            raise YamlError(self.lines(event.start_mark), "a merge key (<<) needs a mapping")
        recording = self._record(event, pull)
        self._nest(event)
        source = self._mapping(pull, True)  # its values count as repeated, as an alias's do
        self.nesting -= 1
        if recording:
            self.recorded[event.anchor] = self.recorders.pop()
        return source


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
    """
    lines = _Lines(text, line_offset)
    builder = _Builder(lines)
    try:
        data = builder.build(text)
    except yaml.MarkedYAMLError as exc:
        raise YamlError(*_syntax_error(exc, text, lines)) from None
    except yaml.reader.ReaderError as exc:  # e.g. a control character pasted from a word processor
        line = text[: exc.position].count("\n") + 1 + line_offset
        char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        raise YamlError(line, f"this is not valid YAML: unacceptable character {char}: {exc.reason}") from None
    except yaml.YAMLError as exc:
        raise YamlError(1 + line_offset, "this is not valid YAML: " + " ".join(str(exc).split())) from None
    return Document(data, locate=lambda: _locate(text, lines), problems=builder.problems)


def _locate(text: str, lines: _Lines) -> Document:
    """The document again, with the line of every value and key (it was read without problems once)."""
    node = yaml.compose(text, Loader=_Loader)
    converter = _Converter(lines)
    if node is not None:
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

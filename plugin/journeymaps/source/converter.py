"""Turn the YAML parser's events into plain Python values, in one pass, with every check the format needs.

This is the one place where the reader's rules are applied:

* plain scalars are resolved by YAML 1.2 rules (:mod:`journeymaps.source.scalars`),
* a duplicate key is reported (the first value is kept) and the rest is still read,
* tags that would build Python objects are refused,
* alias expansion is capped (values and characters), so that an "alias bomb" fails at once,
* nesting deeper than any field needs is refused as soon as the text opens it
  (libyaml's composer recurses in C and can crash the process on ``[[[[...``:
  no composer ever runs here),
* an alias inside the list or mapping it names is refused (it would repeat forever),
* numbers too long to convert are refused (Python refuses integers of more than 4,300 digits).

On request the converter also records the line of every value and key; the
reader asks for that only when a message needs a line, by converting the
document again (most files are valid, and recording took as long as reading).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from journeymaps.problems import quote
from journeymaps.source.document import LineMap, YamlError, dotted
from journeymaps.source.scalars import MERGE, STANDARD_TAGS, STR, is_number, plain_scalar

#: Most nodes that aliases may add by repetition before the file is refused.
ALIAS_EXPANSION_LIMIT = 10_000
#: Most characters of text that aliases may repeat (a long anchored text used many times).
ALIAS_TEXT_LIMIT = 1_000_000
#: Deepest nesting of lists and mappings; the format needs 7 (journey > phases > steps > touchpoints).
MAX_DEPTH = 50
#: Longest plain scalar read as a number; longer ones are refused rather than turned into huge values.
MAX_NUMBER_LENGTH = 100

_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAP_START, _MAP_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQ_START, _SEQ_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_NODES = (_SCALAR, _ALIAS, _MAP_START, _SEQ_START)
_TOO_DEEP = f"lists and mappings are nested more than {MAX_DEPTH} levels deep here; no field of the format needs that"

Pull = Callable[[], yaml.Event]


class _TooDeep(YamlError):
    """Nesting deeper than :data:`MAX_DEPTH` in the text: reported like a syntax error, before any other."""


class _Structure(Exception):
    """A problem that composing the document would find (an alias or an anchor, a second document)."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def _is_merge_key(event: yaml.Event) -> bool:
    """A ``<<`` written plainly, or any key tagged ``!!merge`` (``!`` alone leaves the plain reading)."""
    if event.__class__ is not _SCALAR:
        return False
    tag = event.tag
    if tag is not None and tag != "!":
        return tag == MERGE
    return event.value == "<<" and event.implicit[0]


class _LineMaps:
    """The lines recorded so far: of every value, and of every key (by the path of its value)."""

    def __init__(self) -> None:
        self.values: LineMap = {}
        self.keys: LineMap = {}

    def keep_missing(self, other: _LineMaps) -> None:
        """Add the lines of ``other`` where there is none yet (what a merge brings in)."""
        for mine, theirs in ((self.values, other.values), (self.keys, other.keys)):
            for path, line in theirs.items():
                mine.setdefault(path, line)


class Converter:
    """One document's events -> its value, problems that do not stop the reading, and (on request) its lines.

    A document with several problems gets the one that reading it in stages
    would report (the text's, then the structure's, then the values'): after
    a problem of the values, the rest of the events is still read.
    """

    def __init__(self, line: Callable[[yaml.Mark], int], record_lines: bool = False) -> None:
        self.line = line  # the file line of a mark
        #: Lines of values and keys, when asked for; None while reading what is not recorded.
        self.recorded_lines: _LineMaps | None = _LineMaps() if record_lines else None
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
        #: Problems that do not stop the reading (duplicate keys).
        self.problems: list[YamlError] = []
        self.reported: set[int] = set()  # where those are, in the text
        self.get_event: Pull | None = None

    def convert(self, get_event: Pull) -> Any:
        """The value of the document whose events ``get_event`` gives (None when it is empty)."""
        self.get_event = get_event
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

    @property
    def lines(self) -> LineMap:
        """The line of every value (when the converter was asked to record them)."""
        return self.recorded_lines.values if self.recorded_lines is not None else {}

    @property
    def key_lines(self) -> LineMap:
        """The line of every key, by the path of its value (when asked to record them)."""
        return self.recorded_lines.keys if self.recorded_lines is not None else {}

    # --- the text: depth, anchors, aliases, documents ----------------------------------

    def _pull(self) -> yaml.Event:
        """The next event of the text, checked for depth, anchors, aliases and documents."""
        event = self.get_event()  # type: ignore[misc]
        for recorder in self.recorders:
            recorder.append(event)
        cls = event.__class__
        if cls is _MAP_START or cls is _SEQ_START:
            self.open.append(event.anchor)
            if len(self.open) > MAX_DEPTH:
                raise _TooDeep(self.line(event.start_mark), _TOO_DEEP)
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
                raise _Structure(YamlError(self.line(event.start_mark),
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
        return YamlError(self.line(event.start_mark), message, dotted(tuple(self.path if path is None else path)))

    # --- anchors and aliases: the events of an anchored value, repeated ------------------

    def _recording(self, alias: yaml.Event) -> list[yaml.Event]:
        found = self.recorded.get(alias.anchor)
        if found is None:  # an anchor on something that is not a value (never in a document the format needs)
            raise YamlError(self.line(alias.start_mark), f"the alias {quote('*' + alias.anchor)} cannot be used "
                                                         "here; write the value out instead")
        return found

    def _replay(self, alias: yaml.Event) -> tuple[yaml.Event, Pull]:
        """The first event of an alias's anchored value, and how to get the ones after it."""
        events = iter(self._recording(alias))
        return next(events), events.__next__

    def _record(self, event: yaml.Event, pull: Pull) -> bool:
        """Start recording an anchored value read from the text (its aliases will repeat it)."""
        if event.anchor is None or pull != self._pull:
            return False
        self.recorders.append([event])
        return True

    def _nest(self, event: yaml.Event) -> None:
        self.nesting += 1
        if self.nesting > MAX_DEPTH:  # deeper through aliases than the text is
            raise YamlError(self.line(event.start_mark), _TOO_DEEP)

    # --- values ---------------------------------------------------------------------------

    def _value(self, event: yaml.Event, pull: Pull, alias: bool) -> Any:
        """The value of the node that ``event`` starts; ``pull`` gives the events after it."""
        if event.__class__ is _ALIAS:  # the anchored value again, as if it were written here
            event, pull = self._replay(event)
            alias = True
        cls = event.__class__
        recording = event.anchor is not None and self._record(event, pull)
        if alias:
            self._count_repeat(event)
        if self.recorded_lines is not None:
            self.recorded_lines.values.setdefault(tuple(self.path), self.line(event.start_mark))
        if event.tag is not None and event.tag != "!" and event.tag not in STANDARD_TAGS:
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

    def _count_repeat(self, event: yaml.Event) -> None:
        """Count a value that an alias repeats; refuse the document past the limits."""
        self.expanded += 1
        if self.expanded > ALIAS_EXPANSION_LIMIT:
            raise YamlError(self.line(event.start_mark),
                            f"anchors and aliases expand to more than {ALIAS_EXPANSION_LIMIT:,} values; "
                            "write the values out instead")
        if event.__class__ is _SCALAR:
            self.expanded_text += len(event.value)
            if self.expanded_text > ALIAS_TEXT_LIMIT:
                raise YamlError(self.line(event.start_mark),
                                f"anchors and aliases repeat more than {ALIAS_TEXT_LIMIT:,} characters of text; "
                                "write the values out instead")

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        value = event.value
        if event.style:  # quoted or block: always text
            return value
        tag = event.tag
        if (tag == STR if tag is not None and tag != "!" else not event.implicit[0]):  # !!str: text too
            return value
        if len(value) > MAX_NUMBER_LENGTH and is_number(value):
            raise self._error(event, f"the number {quote(value)} is too long ({len(value):,} characters); "
                                     "put it in quotes if it is text")
        return plain_scalar(value)

    def _sequence(self, pull: Pull, alias: bool) -> list[Any]:
        items: list[Any] = []
        path = self.path
        event = pull()
        while event.__class__ is not _SEQ_END:
            path.append(len(items))
            items.append(self._value(event, pull, alias))
            path.pop()
            event = pull()
        return items

    def _mapping(self, pull: Pull, alias: bool) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        keys: dict[Any, yaml.Event] = {}  # where each key is written, for "first on line ..."
        merged: list[dict[Any, Any]] | None = None
        merge_key: yaml.Event | None = None
        merged_lines: _LineMaps | None = None
        path = self.path
        event = pull()
        while event.__class__ is not _MAP_END:
            key = self._resolved(event)
            if key.__class__ is _SCALAR and (key.value == "<<" or key.tag is not None) and _is_merge_key(key):
                # The lines of merged values are kept aside: the keys written out keep their own lines.
                outer = self.recorded_lines
                self.recorded_lines = _LineMaps() if outer is not None else None
                sources = self._merge_sources(pull(), pull)
                if merge_key is None:
                    merge_key, merged, merged_lines = key, sources, self.recorded_lines
                else:  # a second '<<' is a duplicate key like any other; the first one's mappings are kept
                    first = self.line(merge_key.start_mark)
                    self._report(key, f"duplicate key '<<' (first on line {first}); merge several mappings "
                                      "with one key: <<: [*a, *b]", [*path, "<<"])
                self.recorded_lines = outer
            elif key.__class__ is not _SCALAR:
                raise YamlError(self.line(key.start_mark), "a key must be a plain value, not a list or mapping")
            else:
                name = self._scalar(key)
                if name is None or isinstance(name, bool | float):
                    raise self._error(key, f"{quote(key.value)} cannot be a key; use a name")
                duplicate = name in keys
                if duplicate:  # reported, and the rest of the file is still read: every problem in one run
                    first = self.line(keys[name].start_mark)
                    self._report(key, f"duplicate key {quote(name)} (first on line {first}); keep one", [*path, name])
                else:
                    keys[name] = key
                if key is event and self._record(key, pull):  # an anchored key: its aliases repeat it as a value
                    self.recorded[key.anchor] = self.recorders.pop()
                path.append(name)
                if duplicate:  # read and checked, but the first value is the one validated
                    self._unrecorded_value(pull, alias)
                else:
                    if self.recorded_lines is not None:
                        self.recorded_lines.keys.setdefault(tuple(path), self.line(key.start_mark))
                    result[name] = self._value(pull(), pull, alias)
                path.pop()
            event = pull()
        for source in merged or ():  # merged values come after the explicit ones, which win
            for name, value in source.items():
                result.setdefault(name, value)
        if merged_lines is not None and self.recorded_lines is not None:
            self.recorded_lines.keep_missing(merged_lines)
        return result

    def _unrecorded_value(self, pull: Pull, alias: bool) -> None:
        """Read and check the value of a duplicate key; its lines are not the ones that count."""
        lines, self.recorded_lines = self.recorded_lines, None
        self._value(pull(), pull, alias)
        self.recorded_lines = lines

    def _resolved(self, event: yaml.Event) -> yaml.Event:
        """An alias's anchored value's first event, or the event itself."""
        return self._recording(event)[0] if event.__class__ is _ALIAS else event

    def _merge_sources(self, event: yaml.Event, pull: Pull) -> list[dict[Any, Any]]:
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

    def _merge_source(self, event: yaml.Event, pull: Pull) -> dict[Any, Any]:
        if event.__class__ is _ALIAS:
            event, pull = self._replay(event)
        if event.__class__ is not _MAP_START:
            raise YamlError(self.line(event.start_mark), "a merge key (<<) needs a mapping")
        recording = self._record(event, pull)
        self._nest(event)
        source = self._mapping(pull, True)  # its values count as repeated, as an alias's do
        self.nesting -= 1
        if recording:
            self.recorded[event.anchor] = self.recorders.pop()
        return source

"""A fast reading of the plain YAML that maps are written in: :func:`read_plain`, or None when in doubt.

Nearly every front matter is block mappings and lists of one-line values (plain or
quoted scalars, and flat flow lists and mappings such as ``[a, b]``). Reading those
line by line takes a fraction of the time that building PyYAML's event objects does
(a quarter for 1,000 maps). Anything else (anchors, tags, block or multi-line scalars,
nested flow collections, escapes, tabs, a duplicate key, an error...) makes
:func:`read_plain` give up and return None; the reader then reads the text with
PyYAML (:mod:`journeymaps.source.converter`), which also finds every problem and
its line. So this module never reports anything: when it answers, the answer is
the one the full reader gives (``tests/test_quick_reader.py`` compares the two on
many texts).
"""

from __future__ import annotations

import re
from typing import Any

from journeymaps.source.scalars import is_number, plain_scalar

#: The most nesting read here (the format needs 7); deeper texts go to the full reader, which checks the limit.
MAX_DEPTH = 40
#: Longest plain scalar read here (longer numbers are refused by the full reader).
MAX_PLAIN_NUMBER = 100

# Characters that are not simply printable for YAML (control characters, tabs, line breaks other than
# '\n', a byte-order mark, surrogates): their texts are left to the full reader. The usual lines cannot
# hold them; the others are checked one by one.
_NOT_PLAIN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# A plain key that reads as text (not null, true or false).
_KEY = r"(?!(?:null|Null|NULL|true|True|TRUE|false|False|FALSE):)([A-Za-z_][A-Za-z0-9_-]{0,99}+)"
# What a usual value may hold: no ':' or '#' (no key, no comment) and no character that is not simply printable.
_VALUE_CHAR = r"[^:# \x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
# What a usual double-quoted value may hold: no escape, and no character that is not simply printable.
_QUOTED_CHAR = r"[^\"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
# One line: its indent, a list entry's "- ", a plain key and its ':', and the rest of the line.
_LINE = re.compile(rf"( *)(- +)?(?:{_KEY}:(?= |$) *)?")
_DOUBLE = re.compile(r'"([^"\\]*)"(?: +#.*| *)')
_SINGLE = re.compile(r"'((?:[^']|'')*)'(?: +#.*| *)")
# Flow collections on one line, without nesting: "[a, b]", "{name: Conversion, unit: '%'}".
_FLOW_KEY = re.compile(r" *([A-Za-z_][A-Za-z0-9_-]{0,99}): +")
_FLOW_VALUE = re.compile(r""" *(?:"([^"\\]*)"|'((?:[^']|'')*)'"""
                         r"""|((?:[^-?:,\[\]{}#&*!|>'"%@` ]|-(?=[0-9A-Za-z.]))[^,\[\]{}#:'"]*)) *([,\]}])""")
_EMPTY_FLOW = re.compile(r" *([\]}])")
_END = re.compile(r"(?: +#.*| *)")
# Every line: the usual one (a key, a list entry's dash or both, and a plain value without ':' or '#',
# a double-quoted one without escapes, or nothing; trailing spaces are not part of the value), else the
# whole line (the last group).
_LINES = re.compile(
    rf"^( *+)(- ++)?(?:{_KEY}:(?: ++|$))?"
    rf"((?:[A-Za-z0-9_(]|-(?=[0-9])){_VALUE_CHAR}*+(?: ++{_VALUE_CHAR}++)*+|\"{_QUOTED_CHAR}*+\")? *+$"
    r"|^(.+)$", re.MULTILINE)
# How a plain scalar cannot start (an indicator), or could start but is left to the full reader.
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
# Keys that do not read as text (YAML 1.2): null, true, false.
_NOT_TEXT_KEYS = frozenset(("null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"))
# One object for each key and short text read (they repeat in every file): less memory for a large portfolio.
_SHARED: dict[str, str] = {}
_SHARED_LIMIT = 50_000
_SHORT = 24
_NOTHING = object()  # nothing after a key on its line: its value, if any, is on the next lines
_NUMBER_START = frozenset("0123456789+-.~")  # how a number (or ~, a null) can start
_WORD_START = frozenset("nNtTfF")
_WORDS = {word: plain_scalar(word) for word in _NOT_TEXT_KEYS}  # the plain words that are not text


class _NotPlain(Exception):
    """The text needs the full reader."""


def _share(text: str) -> str:
    found = _SHARED.get(text)
    if found is not None:
        return found
    if len(_SHARED) < _SHARED_LIMIT:
        _SHARED[text] = text
    return text


def _plain(text: str) -> Any:
    """A plain scalar of one line (without its comment): its value, or _NotPlain."""
    if not text or (text[0] in _PLAIN_START and not (text[0] == "-" and len(text) > 1 and text[1] != " ")):
        raise _NotPlain
    if len(text) > MAX_PLAIN_NUMBER and is_number(text):
        raise _NotPlain
    value = plain_scalar(text)
    if value is text and len(text) <= _SHORT:
        return _share(text)
    return value


def _value(rest: str) -> Any:
    """The value written after a key or a list entry's dash, on the same line."""
    first = rest[0]
    if first == '"':
        found = _DOUBLE.fullmatch(rest)
        if found is None:
            raise _NotPlain
        return found.group(1)
    if first == "'":
        found = _SINGLE.fullmatch(rest)
        if found is None:
            raise _NotPlain
        return found.group(1).replace("''", "'")
    if first == "[" or first == "{":
        return _flow(rest)
    cut = rest.find(" #")
    text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
    if ": " in text or text.endswith(":"):  # a mapping where it does not belong: an error
        raise _NotPlain
    return _plain(text)


def _flow(rest: str) -> Any:
    """A flow list or mapping written on one line, of plain or simply quoted scalars."""
    is_list = rest[0] == "["
    close = "]" if is_list else "}"
    items: Any = [] if is_list else {}
    found = _EMPTY_FLOW.match(rest, 1)
    if found is not None:
        if found.group(1) != close:
            raise _NotPlain
        pos = found.end()
    else:
        pos, sep = 1, ","
        while sep == ",":
            key = None
            if not is_list:
                found = _FLOW_KEY.match(rest, pos)
                if found is None:
                    raise _NotPlain
                key, pos = found.group(1), found.end()
            found = _FLOW_VALUE.match(rest, pos)
            if found is None:
                raise _NotPlain
            double, single, plain, sep = found.groups()
            pos = found.end()
            if double is not None:
                value: Any = double
            elif single is not None:
                value = single.replace("''", "'")
            else:
                value = _plain(plain.rstrip(" "))
            if key is None:
                items.append(value)
            else:
                if key in _NOT_TEXT_KEYS or key in items:
                    raise _NotPlain
                items[_share(key)] = value
        if sep != close:
            raise _NotPlain
    if _END.fullmatch(rest, pos) is None:
        raise _NotPlain
    return items


def _other_line(line: str) -> tuple[str, str, str, Any] | None:
    """A line that is not of the usual kind (quoted or flow values, comments...): None for a comment,
    else its indent, dash, key and value (or _NOTHING), as the usual lines give them."""
    if _NOT_PLAIN.search(line):
        raise _NotPlain
    found = _LINE.match(line)
    indent, dash, key = found.groups()  # type: ignore[union-attr]
    rest = line[found.end():]  # type: ignore[union-attr]
    if not dash and not key:
        if not rest or rest[0] == "#":  # a blank line or a comment
            return None
        raise _NotPlain  # a scalar on a line of its own: more than one line, or an error
    return indent, dash or "", key or "", _NOTHING if not rest or rest[0] == "#" else _value(rest)


def read_plain(text: str) -> dict | None:
    """The mapping that ``text`` holds when it is plain block YAML; None when the full reader must read it."""
    try:
        return _read(text)
    except _NotPlain:
        return None


def _read(text: str) -> dict:
    """The lines of ``text`` into lists and mappings, by their indentation (one loop: this is the hot path).

    Each open list or mapping is a frame on a stack: the column of its entries, the
    list or dict, whether it is a list, and whether that list is "indentless" (``key:``
    then ``- a`` at the key's column). The innermost one is also kept in local variables.
    """
    stack: list[tuple[int, Any, bool, bool]] = []
    column, items, is_list, indentless = -1, None, False, False
    waiting: tuple[dict, str, int] | None = None  # a key with nothing after it on its line
    root: dict = {}
    shared = _SHARED
    # one regular expression splits every line (in C); the loop below only builds the values
    for indent, dash, key, value, other in _LINES.findall(text):
        if other:
            found = _other_line(other)
            if found is None:
                continue
            indent, dash, key, value = found
        elif not value:
            if not key and not dash:  # a blank line
                continue
            value = _NOTHING
        elif not key and not dash:
            raise _NotPlain  # a scalar on a line of its own: more than one line, or an error
        else:
            first = value[0]
            if first == '"':
                value = value[1:-1]
            elif first in _NUMBER_START:
                value = _plain(value)
            elif first in _WORD_START and value in _WORDS:  # null, true, false...
                value = _WORDS[value]
            elif len(value) <= _SHORT:
                value = shared.get(value) or _share(value)
        at = len(indent)
        entry = dash != ""  # a list entry
        if waiting is not None:  # the lines after a key without a value: a list or mapping for it, or nothing
            mapping, name, key_column = waiting
            waiting = None
            if at > key_column or (entry and at == key_column):
                column, items, is_list, indentless = at, [] if entry else {}, entry, at == key_column
                mapping[name] = items
                stack.append((column, items, is_list, indentless))
                if len(stack) > MAX_DEPTH:
                    raise _NotPlain
        if at != column or is_list != entry:  # another list or mapping than the last line's
            if not stack:  # the first line: the top mapping
                if entry:
                    raise _NotPlain
                column, items, is_list, indentless = at, root, False, False
                stack.append((column, items, is_list, indentless))
            while column > at:
                stack.pop()
                if not stack:  # left of the top mapping's keys
                    raise _NotPlain
                column, items, is_list, indentless = stack[-1]
            if column != at:
                raise _NotPlain
            if is_list != entry:
                if not indentless:  # "a: 1" then "- b" at the same column: an error
                    raise _NotPlain
                stack.pop()
                column, items, is_list, indentless = stack[-1]
        if entry:
            if not key:
                if value is _NOTHING:  # "-" alone: its value is on the next lines
                    raise _NotPlain
                items.append(value)
                continue
            mapping = {}
            items.append(mapping)
            column, items, is_list, indentless = at + len(dash), mapping, False, False
            stack.append((column, items, is_list, indentless))
            if len(stack) > MAX_DEPTH:
                raise _NotPlain
        else:
            mapping = items
        if key in mapping:  # a duplicate key: the full reader reports it
            raise _NotPlain
        key = shared.get(key) or _share(key)
        if value is _NOTHING:
            mapping[key] = None
            waiting = (mapping, key, column)
        else:
            mapping[key] = value
    if not stack:  # nothing but comments
        raise _NotPlain
    return root

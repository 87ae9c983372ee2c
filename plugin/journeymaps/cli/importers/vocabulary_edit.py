"""The vocabulary as an import sees it, and what ``--extend-vocabulary`` adds to ``vocabulary.yml``.

Terms are matched by id or name, ignoring case, spaces and punctuation ("Go to
work" is ``go-to-work``). A new term gets the slug of its name as its id (ASCII,
``-2``, ``-3``… on a clash) and its name as written. The file is edited as
text, never written anew: each new entry is a line in the style of its
neighbours (``- id``, ``- {id: x, name: X}`` or an ``id:``/``name:`` block),
comments and order are kept. A new stage goes where the caller says (its place
keeps every map valid); channels, devices and departments go at the end of
their list, which is made when the file has none.
"""

from __future__ import annotations

import json
import re
import unicodedata

import yaml

from journeymaps.model.types import Vocabulary, humanize
from journeymaps.source.writer import yaml_scalar

KINDS = ("stages", "channels", "devices", "departments")


def compact(text: str) -> str:
    """A name as terms are compared: lower case, without spaces or punctuation."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def make_id(name: str, taken: set[str], fallback: str) -> str:
    """An id for a new term named ``name``: its ASCII slug, made unique with ``-2``, ``-3``…"""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or fallback
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


class VocabularyPlan:
    """The vocabulary's terms plus what this import adds, and the edited text of ``vocabulary.yml``."""

    def __init__(self, vocabulary: Vocabulary, text: str, extend: bool) -> None:
        self.extend = extend
        self.scale = vocabulary.emotion_scale
        self.text = text
        self.original = text
        self.lists: dict[str, list[tuple[str, str]]] = {
            kind: [(t.id, t.label) for t in getattr(vocabulary, kind)] for kind in KINDS}
        self.added: list[tuple[str, str, str]] = []  # (kind, id, name)

    def terms(self, kind: str) -> list[tuple[str, str]]:
        """The (id, name) of every term of one list, in order, the added ones included."""
        return self.lists[kind]

    def ids(self, kind: str) -> list[str]:
        """The ids of one list, in order."""
        return [ident for ident, _ in self.lists[kind]]

    def label(self, kind: str, ident: str) -> str:
        """The name a term is shown with."""
        return dict(self.lists[kind]).get(ident, ident)

    def is_new(self, kind: str, ident: str) -> bool:
        """Whether this import adds the term."""
        return (kind, ident) in {(k, i) for k, i, _ in self.added}

    def match(self, kind: str, name: str) -> str | None:
        """The id of the term ``name`` names (by id or name, case and punctuation ignored), or None."""
        key = compact(name)
        if not key:
            return None
        for ident, label in self.lists[kind]:
            if key in (compact(ident), compact(label)):
                return ident
        return None

    def add(self, kind: str, name: str, index: int | None = None) -> str:
        """Add a term named ``name`` at ``index`` of its list (the end when None); returns its new id."""
        entries = self.lists[kind]
        ident = make_id(name, {i for i, _ in entries}, kind[:-1])
        index = len(entries) if index is None else index
        self.text = insert_entry(self.text, kind, index, ident, name)
        entries.insert(index, (ident, name))
        self.added.append((kind, ident, name))
        return ident

    def edited(self) -> str | None:
        """The new text of ``vocabulary.yml``, or None when nothing was added."""
        return self.text if self.added else None

    def added_lines(self) -> list[str]:
        """The lines the edit adds, for ``--dry-run``."""
        before = self.original.splitlines()
        return [line for line in self.text.splitlines() if line not in before]


def _flow(text: str) -> str:
    """A scalar for a flow mapping ``{id: x, name: …}``: quoted when YAML would read it otherwise."""
    scalar = yaml_scalar(text)
    if scalar == text and (re.search(r"[,\[\]{}]|: |\s#", text) or text.endswith(":")):
        return json.dumps(text, ensure_ascii=False)
    return scalar


def _entry_lines(style: str, indent: str, key_indent: str, ident: str, name: str) -> str:
    if style == "bare" and name == humanize(ident):
        return f"{indent}- {ident}\n"
    if style == "block":
        return f"{indent}- id: {ident}\n{key_indent}name: {yaml_scalar(name)}\n"
    return f"{indent}- {{id: {ident}, name: {_flow(name)}}}\n"


def _style(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "flow" if node.flow_style else "block"
    return "bare"


def _last_line(node: yaml.Node) -> int:
    """The last line (0-based) holding text of a node."""
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark
        return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line
    children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
    return max([_last_line(child) for child in children] or [node.start_mark.line])


def _list_node(text: str, kind: str) -> tuple[yaml.Node | None, yaml.Node | None]:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return None, None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == kind:
            return key, value
    return None, None


def insert_entry(text: str, kind: str, index: int, ident: str, name: str) -> str:
    """``text`` with the entry ``ident``/``name`` inserted at ``index`` of the list ``kind``."""
    if not text.endswith("\n"):
        text += "\n"
    key, node = _list_node(text, kind)
    if key is None:
        return text + f"{kind}:\n" + _entry_lines("flow", "  ", "    ", ident, name)
    if not isinstance(node, yaml.SequenceNode):  # 'devices:' with no value
        end = text.index("\n", key.end_mark.index) + 1
        return text[:end] + _entry_lines("flow", "  ", "    ", ident, name) + text[end:]
    items = node.value
    if node.flow_style:
        entry = ident if name == humanize(ident) else f"{{id: {ident}, name: {_flow(name)}}}"
        if not items:
            at = text.index("[", node.start_mark.index) + 1
            return text[:at] + entry + text[at:]
        if index < len(items):
            at = items[index].start_mark.index
            return text[:at] + entry + ", " + text[at:]
        at = items[-1].end_mark.index
        return text[:at] + ", " + entry + text[at:]
    lines = text.splitlines(keepends=True)
    near = items[min(index, len(items) - 1)]
    start = near.start_mark
    dash = lines[start.line].rfind("-", 0, start.column)
    indent = lines[start.line][:dash]
    key_indent = " " * start.column
    new = _entry_lines(_style(near), indent, key_indent, ident, name)
    at = start.line if index < len(items) else _last_line(items[-1]) + 1
    return "".join(lines[:at]) + new + "".join(lines[at:])

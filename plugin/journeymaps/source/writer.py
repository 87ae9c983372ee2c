"""Write YAML and front matter that the reader gives back exactly: the one writer of ``new``, ``import`` and the tests.

PyYAML's safe dumper does the writing; two things are added:

* it decides what to quote by YAML 1.1 rules, and the reader follows YAML 1.2,
  where ``0o17`` and ``1e3`` are numbers: every text that the reader would
  take for something else is quoted (:func:`~journeymaps.source.scalars.plain_scalar`);
* it writes U+0085 (next line) raw inside quotes, where YAML folds it into a
  space: a text with one is written double-quoted, with the escape ``\\N``.

Lists are indented below their key, as the documentation's examples are.
Texts with line breaks are written quoted over several indented lines, so no
line of a text can read as the ``---`` that closes front matter.
"""

from __future__ import annotations

from typing import Any

import yaml

from journeymaps.source.scalars import STR, plain_scalar

#: Longest line before a long text is folded onto the next line (folding at a space reads back the same).
WIDTH = 1000


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper with lists indented below their key and texts written by :func:`_represent_text`."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\x85" in value:
        style: str | None = '"'
    else:  # PyYAML quotes what YAML 1.1 reads as something else; this quotes what YAML 1.2 does
        style = "'" if plain_scalar(value) is not value else None
    return dumper.represent_scalar(STR, value, style=style)


_Dumper.add_representer(str, _represent_text)


def dump_yaml(data: Any) -> str:
    """YAML text of ``data`` (keys in their given order, block style) that the reader reads back as ``data``."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=WIDTH,
                     default_flow_style=False)


def yaml_scalar(value: str) -> str:
    """``value`` as one YAML scalar, quoted when it has to be, to follow a top-level ``key:``."""
    return dump_yaml({"v": value})[3:].rstrip("\n")


def front_matter_file(data: dict[str, Any], body: str = "", comment: str = "") -> str:
    """A Markdown file: ``comment`` (as YAML comments) and ``data`` as front matter, then ``body``."""
    head = "".join(f"# {line}\n" if line else "#\n" for line in comment.splitlines())
    return f"---\n{head}{dump_yaml(data)}---\n{body}"

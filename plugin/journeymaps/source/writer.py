"""Write YAML that the reader gives back: :func:`dump_yaml` (used by the tests)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from journeymaps.source.scalars import STR, plain_scalar


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every text that the reader would not read back as the same text.

    PyYAML decides what to quote by YAML 1.1 rules; the reader follows YAML 1.2,
    where ``0o17`` and ``1e3`` are numbers, so those need quotes that PyYAML
    would leave out.
    """


_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _BREAKS.search(value):  # escaped on one line: PyYAML writes U+0085 raw where YAML folds it into a space
        style: str | None = '"'
    else:
        style = "'" if plain_scalar(value) is not value else None
    return dumper.represent_scalar(STR, value, style=style)


_Dumper.add_representer(str, _represent_text)


def dump_yaml(data: Any) -> str:
    """YAML text that the reader reads back as ``data`` (keys in their given order, no line folding).

    Lines are never folded and texts with line breaks are written on one line
    with escapes, so no line of a text can read as the ``---`` that closes
    front matter.
    """
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000_000)

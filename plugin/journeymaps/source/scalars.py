"""What a plain (unquoted) YAML scalar means, by YAML 1.2 rules: the one answer the reader and the writer share.

YAML 1.2 reads ``no``, ``yes`` and ``07:30`` as text and ``0o17`` and ``1e3``
as numbers; PyYAML follows YAML 1.1, where it is the other way round. The
reader resolves plain scalars with :func:`plain_scalar`, and the writer
quotes every text that :func:`plain_scalar` would read as something else.
"""

from __future__ import annotations

import re
from typing import Any

TAG = "tag:yaml.org,2002:"
#: The tag of a text, written out (``!!str``) or given by the writer.
STR = TAG + "str"
#: The tag of a merge key (``<<``).
MERGE = TAG + "merge"
#: The tags a document may carry; any other would build something that is not plain data.
STANDARD_TAGS = frozenset(
    TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "binary")
)

_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_NOT_TEXT_START = frozenset("0123456789+-.~nNtTfF")  # how a null, boolean or number can start
# The patterns are used with fullmatch: "$" would also match before a final line break ("+.inf\n").


def plain_scalar(value: str) -> Any:
    """The value of a plain scalar: None, a boolean, a number, or ``value`` itself (the same object) for text."""
    if value and value[0] not in _NOT_TEXT_START:  # most values are words: no need for the patterns
        return value
    if _NULL.fullmatch(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        return int(value, 0) if value.lstrip("+-")[:2] in ("0o", "0x") else int(value)
    if _FLOAT.fullmatch(value):
        lowered = value.lower()
        if lowered.endswith((".inf", ".nan")):  # YAML spells them .inf / .nan, Python inf / nan
            return float(lowered.replace(".", ""))
        return float(value)
    return value


def is_number(value: str) -> bool:
    """Whether a plain scalar reads as a number (checked before converting one that may be too long)."""
    return bool(_INT.fullmatch(value) or _FLOAT.fullmatch(value))

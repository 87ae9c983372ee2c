"""The YAML writer that ``journeymaps new`` and ``journeymaps import`` use gives back every text it is given.

Whatever the reader accepts as text, written by :func:`front_matter_file` (or
:func:`yaml_scalar` on a line of its own) and read back by the reader, is the
same text: no quote, line break, number-like word or invisible character is
lost or turned into something else.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from journeymaps.source.frontmatter import split_front_matter
from journeymaps.source.writer import front_matter_file, yaml_scalar

EXPLORE = os.environ.get("HYPOTHESIS_PROFILE") == "explore"


def budget(examples: int) -> settings:
    """Repeatable runs (the same examples every time, no example database), as in test_properties.py;
    ``HYPOTHESIS_PROFILE=explore`` draws new examples, ten times as many."""
    return settings(max_examples=examples * (10 if EXPLORE else 1), derandomize=not EXPLORE, database=None,
                    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


#: Pieces that YAML reads as something else when written plainly, mixed with any other characters.
TRICKY = [
    "\x85", "\u2028", "\u2029", "\t", "\r", "\n", "\r\n", " ", "  ", "#", " #", "# ", ":", ": ", "-", "- ", "---",
    "...", "?", "'", '"', "\\", "<<", "&a", "*a", "!", "!!str", "%", "@", "`", "|", ">", "[", "]", "{", "}", ",",
    "no", "yes", "No", "off", "on", "y", "null", "Null", "~", "true", "False", "07:30", "1:20:30", "0", "-1", "1e3",
    "0o17", "0x1F", "0b101", "1_000", ".5", "+.inf", ".NaN", "2024-01-31", "\ufeff", "\x00", "\x7f", "é", "日本",
    "\U0001f600",
]

# Any text the reader gives (no lone surrogates: they are not text a UTF-8 file can hold).
texts = st.lists(st.sampled_from(TRICKY) | st.text(max_size=4), max_size=8).map("".join)
values = st.recursive(
    texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=12,
)

#: Each of the texts the writer once lost or could lose, by what it is.
EXAMPLES = {
    "next line U+0085": "0\x850",
    "next line alone": "\x85",
    "line separator U+2028": "a\u2028b",
    "paragraph separator U+2029": "a\u2029b",
    "carriage return": "a\rb",
    "Windows line end": "a\r\nb",
    "line feeds": "a\nb\n\nc\n",
    "a closing marker on a line": "a\n---\nb",
    "tab inside": "a\tb",
    "tabs around": "\ta\t",
    "leading #": "# not a comment",
    "': ' inside": "key: value",
    "' #' inside": "text # not a comment",
    "no": "no",
    "yes": "yes",
    "null": "null",
    "tilde": "~",
    "true": "true",
    "time": "07:30",
    "whole number": "42",
    "octal number": "0o17",
    "hex number": "0x1F",
    "exponent": "1e3",
    "infinity": "-.INF",
    "infinity, then a line break": "+.inf\n",
    "not a number, then a line break": ".nan\n",
    "null, then a line break": "null\n",
    "date": "2024-01-31",
    "leading space": " a",
    "trailing space": "a ",
    "only spaces": "   ",
    "empty": "",
    "non-ASCII": "Café, 日本語 😀",
    "merge key": "<<",
    "byte-order mark": "\ufeffa",
    "NUL": "a\x00b",
    "quotes": "'\"",
    "long, with a marker after the fold": "x " * 600 + "--- # a",
    "long, without spaces": "x" * 2000,
    "long, single-quoted": "it's " * 300 + "no",
    "long, double-quoted": "x\t" * 300 + " \x85 y " * 200,
    "long, spaces at the fold": ("x" * 999 + "  ") * 3,
    "long key-like": "k: " * 400,
}


@budget(300)
@given(data=st.dictionaries(texts, values, max_size=5), body=texts)
@example(data={"title": "0\x850"}, body="")
@example(data={name: text for name, text in EXAMPLES.items()}, body="---\nbody\n")
@example(data={text: [text, {text: text}] for text in EXAMPLES.values()}, body="")
def test_front_matter_file_round_trips_what_the_reader_accepts(data: dict, body: str) -> None:
    parsed, problems = split_front_matter(front_matter_file(data, body), "x.md")
    assert problems == []
    assert parsed is not None
    assert parsed.front_matter.problems == []
    assert parsed.front_matter.data == data
    assert list(parsed.front_matter.data) == list(data)  # in the order given
    assert parsed.body == body


@pytest.mark.parametrize("text", EXAMPLES.values(), ids=list(EXAMPLES))
def test_each_text_as_a_value_and_as_a_key(text: str) -> None:
    data = {"title": text, text: "key", "list": [text], "nested": {"text": text}}
    parsed, problems = split_front_matter(front_matter_file(data), "x.md")
    assert problems == []
    assert parsed is not None and parsed.front_matter.data == data


# Long texts, folded over several lines by the writer: each fold must read back as the space it was.
long_texts = st.lists(st.sampled_from([*TRICKY, "x", "word ", " "]), min_size=150, max_size=500).map("".join)


@budget(50)
@given(text=long_texts)
def test_long_texts_round_trip(text: str) -> None:
    data = {"title": text, "list": [text], text: text}
    parsed, problems = split_front_matter(front_matter_file(data), "x.md")
    assert problems == []
    assert parsed is not None and parsed.front_matter.data == data


@budget(200)
@given(text=texts | long_texts)
@example(text="0\x850")
def test_yaml_scalar_round_trips_on_a_line_of_its_own(text: str) -> None:
    # as `journeymaps new` writes its title and name lines, between others
    written = f"---\ntitle: {yaml_scalar(text)}\nnext: 1\n---\n"
    parsed, problems = split_front_matter(written, "x.md")
    assert problems == []
    assert parsed is not None and parsed.front_matter.data == {"title": text, "next": 1}


def test_front_matter_file_keeps_the_shape_new_and_import_write() -> None:
    written = front_matter_file({"title": "Returning shoes", "tags": ["a", "no"], "phases": [{"stage": "s"}]},
                                "Body\n", comment="A comment\n\nsecond")
    assert written == ("---\n# A comment\n#\n# second\ntitle: Returning shoes\ntags:\n  - a\n  - 'no'\n"
                       "phases:\n  - stage: s\n---\nBody\n")

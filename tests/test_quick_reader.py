"""The fast reading of plain YAML (journeymaps.source.quick) gives what PyYAML's reading gives, or gives up.

``read_plain`` may return None for any text (the reader then uses PyYAML), but when it
answers, its value must be exactly the full reader's: same types (1 is not True, 1 is not
1.0), same keys in the same order. It must also answer for the usual front matter, or
the build and ``validate`` lose their speed without any test noticing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from journeymaps.source.document import YamlError
from journeymaps.source.quick import read_plain
from journeymaps.source.reader import parse_yaml, read_with_pyyaml
from sites import SPEC_JOURNEY, SPEC_PERSONA, SPEC_VOCABULARY

HERE = Path(__file__).parent
REPO = HERE.parent


def same(a: Any, b: Any) -> bool:
    """Equal values of the same types, with mapping keys in the same order (nan equals nan)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b or (a != a and b != b)


def check(text: str) -> Any:
    """read_plain's answer for ``text``, after checking it against the full reader's."""
    quick = read_plain(text)
    try:
        full = read_with_pyyaml(text)
    except YamlError as exc:
        assert quick is None, f"the full reader says {exc.message!r} (line {exc.line}); the quick one answered"
        return None
    if quick is not None:
        assert not full.problems, [p.message for p in full.problems]
        assert same(quick, full.data), (quick, full.data)
    return quick


def front_matter(text: str) -> str:
    lines = text.lstrip("\n").split("\n")
    end = lines.index("---", 1)
    return "".join(line + "\n" for line in lines[1:end])


# --- the usual front matter is read quickly, and right -----------------------------------


@pytest.mark.parametrize("text", [front_matter(SPEC_JOURNEY), front_matter(SPEC_PERSONA)])
def test_the_spec_examples_are_read_quickly(text) -> None:
    assert check(text) is not None


def test_the_spec_vocabulary() -> None:
    check(SPEC_VOCABULARY.lstrip("\n"))  # numbers as keys ({-2: Very negative}): the full reader's


def test_the_sample_journeys_are_read_quickly() -> None:
    files = sorted((REPO / "journeys").rglob("*.md"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            assert check(front_matter(text)) is not None, path


USUAL = [
    "title: A\npersona: maya\n",
    "a: 1\nb: -2\nc: 0.5\nd: -.5\ne: .inf\nf: -.inf\ng: .nan\nh: 0o17\ni: 0x1F\nj: 1e3\nk: +3\n",
    "a: true\nb: False\nc: yes\nd: no\ne: on\nf: null\ng: ~\nh: Null\ni: y\n",
    "reviewed: 2026-09-09\ntime: 07:30\nt2: 12:30:00\n",
    "a: 'it''s'\nb: \"x # y\"\nc: '1'\nd: \"\"\ne: ''\nf: \"a: b\"\n",
    "a: x # a comment\nb: x#y\nc: http://example.org/a#b\n# a comment\n  # indented comment\n",
    "tags: [a, b c, 1, true, null, 'q', \"d\"]\nempty: []\nspaced: [ ]\n",
    "m: {name: Conversion, value: 48, unit: '%'}\nn: {}\n",
    "phases:\n  - stage: a\n    steps:\n      - action: x\n        emotion: -1\n  - stage: b\n",
    "phases:\n- stage: a\n  steps:\n  - action: x\n  - action: y\nother: 1\n",
    "a:\nb:\n  c:\n  d: 1\ne:\n",
    "list:\n  - a\n  -   b\n  - 'c'\n  - [x]\n  - {k: v}\n",
    "a:\n-   key: 1\n    other: 2\n",
    "a:   spaced   \nb: x  # c\nc: (x)\nd: _x\ne: x, y\ng: x]\n",
    "scope:\n    start: A\n    end: B\ngoal: C\n",
    "a: café\nb: 日本\nc: x\u00a0y\nd: 😀\n",
    "a: --x\nb: -x\nc: ---\nd: x - y\n",
]


@pytest.mark.parametrize("text", USUAL)
def test_usual_texts(text) -> None:
    assert check(text) is not None


# --- anything else is left to the full reader --------------------------------------------

UNUSUAL = [
    "",
    "# only a comment\n",
    "a: 1\na: 2\n",  # a duplicate key: reported by the full reader
    "m: {a: 1, a: 2}\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: |\n  text\n",
    "a: >\n  text\n",
    "a: long\n  text\n",
    "a:\n  text\n",
    "a: \"multi\n  line\"\n",
    "a: \"esc\\n\"\n",
    "a:\tb\n",
    "a: b\r\nc: d\r\n",
    "a: b: c\n",
    "a: b:\n",
    "- a\n- b\n",
    "text\n",
    "<<: {a: 1}\n",
    "null: 1\n",
    "1: a\n",
    "\"a\": 1\n",
    "a: [a, [b]]\n",
    "a: [x]y\n",
    "-   key: 1\n",
    "a: [a, , b]\n",
    "a: [- 1]\n",
    "a: {b}\n",
    "a: 1\n - b\n",
    "a:\n  b: 1\n c: 2\n",
    "  a: 1\nb: 2\n",
    "a: 1\n- b\n",
    "a: - b\n",
    "a:\n-\n",
    "a: @x\n",
    "a: `x\n",
    "a: %x\n",
    "a: ? x\n",
    "a: " + "1" * 101 + "\n",
    "a: b\n...\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "a: x\x07\n",
    "a: x\u2028y\n",
    "a: \ufeffx\n",
    "a:\n" + "".join("  " * i + "- x:\n" for i in range(60)),
]


@pytest.mark.parametrize("text", UNUSUAL)
def test_unusual_texts_go_to_the_full_reader(text) -> None:
    assert read_plain(text) is None
    check(text)


def test_parse_yaml_reads_the_unusual_with_pyyaml() -> None:
    doc = parse_yaml("a: 1\na: 2\n")
    assert doc.data == {"a": 1}
    assert [p.message for p in doc.problems] == ["duplicate key 'a' (first on line 1); keep one"]


def test_lines_of_a_quickly_read_text_are_worked_out_on_request() -> None:
    doc = parse_yaml("title: A\nphases:\n  - stage: b\n", line_offset=1)
    assert doc.lines[("phases", 0, "stage")] == 4
    assert doc.key_lines[("phases",)] == 3


@pytest.mark.parametrize("path", sorted((HERE / "hostile").rglob("*.md")), ids=lambda p: p.name)
def test_hostile_files(path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    if text.startswith("---\n") and "\n---" in text[3:]:
        check(front_matter(text))
    check(text)


# --- generated texts: block YAML of every shape, and soup of its lines ------------------------

#: Values read quickly (when they are where a value belongs).
READ_QUICKLY = [
    "", "x", "x y", "1", "-1", "+1", "0o17", "0x1F", "1e3", "1.5", ".5", ".inf", ".nan", "~", "null", "true", "no",
    "07:30", "2026-09-09", "'it''s'", '"a # b"', "a # c", "a#b", "[a, b]", "[ ]", "[1, -1, x y]", "{a: 1, b: '%'}",
    "{}", "http://x", "x  ", "( x )", "--x", "x, y", "é", "x\u00a0",
]
KEYS = ["a", "b", "name", "steps", "y", "_x", "a-b", "null", "true", "2", "<<", "'q'", "a b"]
VALUES = [
    "", "x", "x y", "1", "-1", "-2", "+1", "0o17", "0x1F", "1e3", "1.5", ".5", ".inf", "-.inf", ".nan", "~", "null",
    "Null", "true", "False", "yes", "no", "07:30", "2026-09-09", "'q'", "'it''s'", '"dq"', '"a # b"', '"a\\"b"',
    "a # c", "a#b", "#c", "[a, b]", "[]", "[ ]", "[a, , b]", "[a, b,]", "[1, -1, x y]", "{a: 1, b: '%'}", "{}",
    "{a: 1, a: 2}", "{a: [b]}", "a: b", "a:", "http://x", "&a x", "*a", "!!str 1", "|", ">", "- x", "-", "'open",
    '"open', "x  ", "( x )", "--x", "---", "...", "@x", "`x", "%x", "? x", ": x", "x, y", "[x]y", "1" * 120,
    "é", "\u00a0x", "x\u00a0", "x\ty", "true # c", "'a' # c", "[a] # c", "x \u2028",
]


@st.composite
def soup(draw) -> str:
    """Lines of keys, dashes, values and comments in any arrangement (mostly not YAML at all)."""
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        indent = " " * draw(st.sampled_from([0, 0, 1, 2, 2, 3, 4, 4, 6, 8]))
        kind = draw(st.sampled_from(["key", "key", "dash-key", "dash", "comment", "blank", "value"]))
        key, value = draw(st.sampled_from(KEYS)), draw(st.sampled_from(VALUES))
        gap = draw(st.sampled_from([" ", " ", "  "]))
        if kind == "key":
            lines.append(f"{indent}{key}:{gap + value if value else ''}")
        elif kind == "dash-key":
            lines.append(f"{indent}-{gap}{key}:{gap + value if value else ''}")
        elif kind == "dash":
            lines.append(f"{indent}-{gap + value if value else ''}")
        elif kind == "comment":
            lines.append(f"{indent}# {value}")
        elif kind == "blank":
            lines.append(indent)
        else:
            lines.append(indent + value)
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


def _mapping(draw, column: int, depth: int, lead: str = "") -> list[str]:
    """The lines of a block mapping whose keys are at ``column`` (the first one after ``lead``, a dash)."""
    lines = []
    keys = draw(st.lists(st.sampled_from(KEYS[:7] if draw(st.integers(0, 9)) else KEYS), min_size=1, max_size=4,
                         unique=bool(draw(st.integers(0, 9)))))
    for i, key in enumerate(keys):
        start = lead if i == 0 and lead else " " * column
        kind = draw(st.sampled_from(["scalar", "scalar", "scalar", "mapping", "list"] if depth < 4 else ["scalar"]))
        if kind == "scalar":
            value = draw(st.sampled_from(READ_QUICKLY if draw(st.integers(0, 9)) else VALUES))
            lines.append(f"{start}{key}:{draw(st.sampled_from([' ', '  '])) + value if value else ''}")
        elif kind == "mapping":
            lines.append(f"{start}{key}:")
            lines += _mapping(draw, column + draw(st.integers(1, 4)), depth + 1)
        else:
            lines.append(f"{start}{key}:")
            lines += _list(draw, column + draw(st.integers(0, 3)), depth + 1)
        if draw(st.integers(0, 9)) == 0:
            lines.append(" " * draw(st.integers(0, 8)) + draw(st.sampled_from(["", "# c", "#"])))
    return lines


def _list(draw, column: int, depth: int) -> list[str]:
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        dash = "-" + " " * draw(st.sampled_from([1, 1, 1, 2, 3]))
        if depth < 4 and draw(st.booleans()):
            lines += _mapping(draw, column + len(dash), depth + 1, lead=" " * column + dash)
        else:
            value = draw(st.sampled_from(READ_QUICKLY[1:] if draw(st.integers(0, 9)) else VALUES))
            lines.append(" " * column + dash + value)
    return lines


@st.composite
def documents(draw) -> str:
    """Block YAML as maps are written, with an occasional line moved, repeated or dropped."""
    lines = _mapping(draw, draw(st.sampled_from([0, 0, 0, 2])), 0)
    for _ in range(draw(st.sampled_from([0, 0, 0, 0, 0, 1, 2]))):
        at = draw(st.integers(0, len(lines) - 1))
        change = draw(st.sampled_from(["left", "right", "repeat", "drop"]))
        if change == "left":
            lines[at] = lines[at][1:]
        elif change == "right":
            lines[at] = " " + lines[at]
        elif change == "repeat":
            lines.insert(at, lines[at])
        elif len(lines) > 1:
            del lines[at]
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=600 * (10 if os.environ.get("HYPOTHESIS_PROFILE") == "explore" else 1),
          derandomize=os.environ.get("HYPOTHESIS_PROFILE") != "explore", database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(documents(), soup()))
@example("a:\n  - b: 1\n    c:\n    - d\n  - e\nf: [1, 2]\n")
def test_generated_texts_read_alike(text) -> None:
    check(text)

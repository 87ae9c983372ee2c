"""Unit tests of the YAML reader (journeymaps.source.reader, .frontmatter): YAML 1.2 values with the line of every key
and value."""

from __future__ import annotations

import itertools

import pytest

from journeymaps.problems import Problem
from journeymaps.source.converter import ALIAS_EXPANSION_LIMIT
from journeymaps.source.document import YamlError
from journeymaps.source.frontmatter import split_front_matter
from journeymaps.source.reader import parse_yaml

JOURNEY_YAML = """\
title: Buying running shoes
persona: maya
scope:
  start: Sees a post
  end: Buys
tags: [running, online]
phases:
  - stage: awareness
    name:
      Hears about the shoe
    steps:
      - action: Sees a friend's post
        thinking: |
          Would these help my knee?
          Maybe.
        emotion: 1
"""


@pytest.fixture
def doc():
    return parse_yaml(JOURNEY_YAML)


# --- lines ----------------------------------------------------------------------------


def test_data(doc) -> None:
    assert doc.data == {
        "title": "Buying running shoes",
        "persona": "maya",
        "scope": {"start": "Sees a post", "end": "Buys"},
        "tags": ["running", "online"],
        "phases": [{
            "stage": "awareness",
            "name": "Hears about the shoe",
            "steps": [{
                "action": "Sees a friend's post",
                "thinking": "Would these help my knee?\nMaybe.\n",
                "emotion": 1,
            }],
        }],
    }


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ((), 1),
        (("title",), 1),
        (("persona",), 2),
        (("scope",), 4),  # a block mapping starts at its first key
        (("scope", "start"), 4),
        (("scope", "end"), 5),
        (("tags",), 6),
        (("tags", 0), 6),
        (("tags", 1), 6),
        (("phases",), 8),
        (("phases", 0), 8),
        (("phases", 0, "stage"), 8),
        (("phases", 0, "name"), 10),  # the value is on the line after its key
        (("phases", 0, "steps", 0, "action"), 12),
        (("phases", 0, "steps", 0, "thinking"), 13),  # a block scalar starts at its '|'
        (("phases", 0, "steps", 0, "emotion"), 16),
    ],
)
def test_value_lines(doc, path, line) -> None:
    assert doc.lines[path] == line
    assert doc.line_of(path) == line


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("title",), 1),
        (("scope",), 3),
        (("scope", "end"), 5),
        (("phases",), 7),
        (("phases", 0, "name"), 9),
        (("phases", 0, "steps"), 11),
        (("phases", 0, "steps", 0, "emotion"), 16),
    ],
)
def test_key_lines(doc, path, line) -> None:
    assert doc.key_lines[path] == line
    assert doc.line_of(path, key=True) == line


def test_line_of_falls_back_to_the_nearest_ancestor(doc) -> None:
    assert doc.line_of(("phases", 0, "steps", 0, "touchpoints")) == 12  # missing key: its mapping's line
    assert doc.line_of(("phases", 0, "steps", 0, "touchpoints"), key=True) == 12
    assert doc.line_of(("phases", 3, "stage")) == 8
    assert doc.line_of(("goal",)) == 1
    assert doc.line_of(("tags", 0), key=True) == 6  # list items have no key: the value's line


def test_line_of_an_empty_document() -> None:
    empty = parse_yaml("")
    assert empty.data is None
    assert empty.line_of(("title",)) == 1


def test_line_offset_is_added_to_every_line() -> None:
    doc = parse_yaml("title: A\nphases:\n  - stage: b\n", line_offset=1)
    assert doc.lines == {(): 2, ("title",): 2, ("phases",): 4, ("phases", 0): 4, ("phases", 0, "stage"): 4}
    assert doc.key_lines == {("title",): 2, ("phases",): 3, ("phases", 0, "stage"): 4}


# --- YAML 1.2 scalars -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the Norway problem: YAML 1.1 booleans are text in YAML 1.2
        ("no", "no"), ("yes", "yes"), ("on", "on"), ("off", "off"), ("No", "No"), ("Yes", "Yes"),
        ("y", "y"), ("n", "n"), ("NO", "NO"),
        # YAML 1.2 booleans
        ("true", True), ("false", False), ("True", True), ("FALSE", False),
        # dates and times stay text; the model checks them
        ("2026-09-30", "2026-09-30"), ("2026-09-30T10:00:00", "2026-09-30T10:00:00"),
        # numbers
        ("1", 1), ("-2", -2), ("+3", 3), ("0", 0), ("010", 10), ("0o17", 15), ("0x1f", 31),
        ("1.5", 1.5), ("-0.5", -0.5), (".5", 0.5), ("1e3", 1000.0), ("2.", 2.0),
        # YAML 1.1 numbers that are text in YAML 1.2
        ("1_000", "1_000"), ("0b101", "0b101"), ("12:30", "12:30"), ("017_0", "017_0"),
        # null
        ("~", None), ("null", None), ("Null", None), ("NULL", None), ("", None),
        # quoted values are always text
        ('"1"', "1"), ("'2.5'", "2.5"), ('"true"', "true"), ("'no'", "no"), ('"null"', "null"), ('""', ""),
        # an explicit !!str makes text of what would be another type
        ("!!str 12", "12"), ("!!str true", "true"), ("!!str no", "no"),
        # plain text
        ("Buying running shoes", "Buying running shoes"), ("v1.2", "v1.2"), ("1.2.3", "1.2.3"),
    ],
)
def test_yaml_1_2_scalars(text: str, value: object) -> None:
    parsed = parse_yaml(f"key: {text}\n").data["key"]
    assert parsed == value
    assert type(parsed) is type(value)


@pytest.mark.parametrize(("text", "value"), [("no", "no"), ("1", 1), ("'1'", "1"), ("'true'", "true")])
def test_keys_are_resolved_like_values(text: str, value: object) -> None:
    assert parse_yaml(f"{text}: x\n").data == {value: "x"}


@pytest.mark.parametrize("text", ["true", "~", "null", "1.5"])
def test_keys_that_are_not_names_are_errors_on_their_line(text: str) -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(f"a: 1\n{text}: x\n", line_offset=1)
    assert (caught.value.line, caught.value.message) == (3, f"'{text}' cannot be a key; use a name")


def test_integer_keys_of_emotion_labels() -> None:
    doc = parse_yaml("labels: {-2: Very negative, 0: Neutral, 2: Very positive}\n")
    assert doc.data == {"labels": {-2: "Very negative", 0: "Neutral", 2: "Very positive"}}


@pytest.mark.parametrize("text", [".inf", "-.inf", "+.INF", ".nan", ".NaN"])
def test_infinity_and_not_a_number(text: str) -> None:
    value = parse_yaml(f"key: {text}\n").data["key"]
    assert isinstance(value, float)


def test_block_scalars_are_text() -> None:
    assert parse_yaml("a: |\n  no\nb: >\n  1\n").data == {"a": "no\n", "b": "1\n"}


# --- merge keys and aliases -----------------------------------------------------------


def test_merge_key() -> None:
    doc = parse_yaml(
        "touchpoints:\n"
        "  - &web {name: Checkout, channel: website, device: desktop}\n"
        "  - <<: *web\n"
        "    name: Confirmation page\n"
    )
    assert doc.data["touchpoints"] == [
        {"name": "Checkout", "channel": "website", "device": "desktop"},
        {"name": "Confirmation page", "channel": "website", "device": "desktop"},
    ]
    assert doc.lines[("touchpoints", 1)] == 3
    assert doc.key_lines[("touchpoints", 1, "name")] == 4
    assert doc.lines[("touchpoints", 1, "channel")] == 2  # a merged value keeps the line of its anchor


def test_merge_of_several_mappings_keeps_the_first() -> None:
    doc = parse_yaml(
        "a: &a {x: 1, y: 1}\n"
        "b: &b {y: 2, z: 2}\n"
        "c:\n"
        "  <<: [*a, *b]\n"
        "  z: 3\n"
    )
    assert doc.data["c"] == {"x": 1, "y": 1, "z": 3}


def test_merge_of_a_non_mapping_is_an_error() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml("a: &a [1, 2]\nb:\n  <<: *a\n", line_offset=1)
    assert (caught.value.line, caught.value.field, caught.value.message) == (2, "", "a merge key (<<) needs a mapping")


def test_explicit_key_overrides_merged_value() -> None:
    doc = parse_yaml("a: &a {x: 1}\nb:\n  <<: *a\n  x: 2\n")
    assert doc.data["b"] == {"x": 2}


def test_line_of_a_value_that_overrides_a_merged_key() -> None:
    doc = parse_yaml("a: &a {x: 1}\nb:\n  <<: *a\n  x: 2\n")
    assert doc.lines[("b", "x")] == 4


def test_key_line_of_an_explicit_key_before_a_merge() -> None:
    doc = parse_yaml("b:\n  x: 2\n  <<: {x: 1, y: 1}\n")
    assert doc.data["b"] == {"x": 2, "y": 1}
    assert doc.key_lines[("b", "x")] == 2


def test_keys_inside_a_merged_value_keep_the_lines_written_out() -> None:
    # the merge brings in a.x too, but the value of 'a' written out is the one kept, with its own lines
    doc = parse_yaml("base: &b\n  a: {x: 1}\nm:\n  <<: *b\n  a: {x: 2, y: 3}\n")
    assert doc.data["m"] == {"a": {"x": 2, "y": 3}}
    assert doc.key_lines[("m", "a", "x")] == doc.lines[("m", "a", "x")] == 5


def test_small_aliases_are_expanded() -> None:
    doc = parse_yaml("a: &tags [running, online]\nb: *tags\nc: &t text\nd: *t\n")
    assert doc.data == {"a": ["running", "online"], "b": ["running", "online"], "c": "text", "d": "text"}


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghijklmnopqrstuvwxyz"
    for previous, name in itertools.pairwise(names[:levels]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(billion_laughs(), line_offset=1)
    assert caught.value.message == (
        f"anchors and aliases expand to more than {ALIAS_EXPANSION_LIMIT:,} values; write the values out instead"
    )
    assert caught.value.line == 2


def test_alias_bomb_through_merge_keys_is_refused() -> None:
    # each level merges the previous one ten times: few keys in the result, but 10**6 values to convert
    lines = ["l0: &l0 {" + ", ".join(f"k{i}: v" for i in range(10)) + "}"]
    for level in range(1, 7):
        lines.append(f"l{level}: &l{level}\n  <<: [" + ", ".join([f"*l{level - 1}"] * 10) + "]")
    with pytest.raises(YamlError, match="anchors and aliases expand to more than 10,000 values"):
        parse_yaml("\n".join(lines) + "\n")


# --- what is refused ------------------------------------------------------------------


def problems_of(doc) -> list[tuple[int, str, str]]:
    return [(p.line, p.field, p.message) for p in doc.problems]


def test_duplicate_key_is_reported_and_the_first_value_kept() -> None:
    doc = parse_yaml("title: A\nphases:\n  - stage: a\n    name: B\n    stage: c\n", line_offset=1)
    assert problems_of(doc) == [(6, "phases[0].stage", "duplicate key 'stage' (first on line 4); keep one")]
    assert doc.data == {"title": "A", "phases": [{"stage": "a", "name": "B"}]}
    assert doc.line_of(("phases", 0, "stage")) == 4


def test_duplicate_key_written_differently() -> None:
    doc = parse_yaml("title: A\n'title': B\n")
    assert problems_of(doc) == [(2, "title", "duplicate key 'title' (first on line 1); keep one")]
    assert doc.data == {"title": "A"}


def test_every_duplicate_key_of_a_document_is_reported() -> None:
    doc = parse_yaml("a: 1\nb: {x: 1, x: 2, x: 3}\na: 2\nc: 3\n")
    assert problems_of(doc) == [
        (2, "b.x", "duplicate key 'x' (first on line 2); keep one"),
        (2, "b.x", "duplicate key 'x' (first on line 2); keep one"),
        (3, "a", "duplicate key 'a' (first on line 1); keep one"),
    ]
    assert doc.data == {"a": 1, "b": {"x": 1}, "c": 3}


def test_a_duplicate_repeated_by_an_alias_is_reported_once() -> None:
    doc = parse_yaml("a: &m {x: 1, x: 2}\nb: *m\nc: {<<: *m}\n")
    assert problems_of(doc) == [(1, "a.x", "duplicate key 'x' (first on line 1); keep one")]
    assert doc.data == {"a": {"x": 1}, "b": {"x": 1}, "c": {"x": 1}}


def test_the_value_of_a_duplicate_key_is_still_checked() -> None:
    with pytest.raises(YamlError, match="the YAML tag '!include' is not allowed"):
        parse_yaml("title: A\ntitle: !include b.txt\n")


def test_two_merge_keys_are_a_duplicate_key() -> None:
    doc = parse_yaml("a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: *a\n  z: 3\n  <<: *b\n")
    assert problems_of(doc) == [
        (6, "c.<<", "duplicate key '<<' (first on line 4); merge several mappings with one key: <<: [*a, *b]")
    ]
    assert doc.data["c"] == {"z": 3, "x": 1}
    assert doc.line_of(("c", "z")) == 5


def test_one_merge_key_with_a_list_is_not_a_duplicate() -> None:
    doc = parse_yaml("a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: [*a, *b]\n")
    assert doc.problems == []
    assert doc.data["c"] == {"x": 1, "y": 2}


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("!!python/object/apply:os.system [echo]", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("!!python/name:os.system", "tag:yaml.org,2002:python/name:os.system"),
        ("!!set {a, b}", "tag:yaml.org,2002:set"),
        ("!include other.yml", "!include"),
        ("!<tag:journeymaps,2026:plain> 1", "tag:journeymaps,2026:plain"),  # the reader's own tag once passed
    ],
)
def test_tags_that_build_objects_are_refused(text: str, tag: str) -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(f"title: A\nvalue: {text}\n", line_offset=1)
    error = caught.value
    assert (error.line, error.field, error.message) == (
        3, "value", f"the YAML tag '{tag}' is not allowed; write plain values"
    )


def test_syntax_error_has_the_file_line() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml("title: A\npersona: maya\ngoal: Buy: shoes\n", line_offset=1)
    assert caught.value.line == 4
    assert caught.value.message.startswith("this is not valid YAML: mapping values are not allowed")


def test_non_text_keys_are_refused() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml("title: A\n[a, b]: c\n")
    assert (caught.value.line, caught.value.message) == (2, "a key must be a plain value, not a list or mapping")


# --- front matter ---------------------------------------------------------------------

SOURCE = """\
---
title: Buying running shoes
persona: maya
phases:
  - stage: awareness
---
## Awareness

Body text.
"""


def test_front_matter_lines_are_file_lines() -> None:
    source, problems = split_front_matter(SOURCE, "journeys/a.md")
    assert problems == []
    assert source.front_matter.data == {
        "title": "Buying running shoes", "persona": "maya", "phases": [{"stage": "awareness"}]
    }
    assert source.front_matter.lines[()] == 2
    assert source.front_matter.lines[("title",)] == 2  # the first YAML line is file line 2
    assert source.front_matter.lines[("persona",)] == 3
    assert source.front_matter.key_lines[("phases",)] == 4
    assert source.front_matter.lines[("phases", 0, "stage")] == 5
    assert source.body == "## Awareness\n\nBody text.\n"
    assert source.body_line == 7


def test_front_matter_with_windows_line_endings() -> None:
    source, problems = split_front_matter(SOURCE.replace("\n", "\r\n"), "journeys/a.md")
    assert problems == []
    assert source.front_matter.lines[("phases", 0, "stage")] == 5
    assert source.body_line == 7


def test_front_matter_closing_line_may_have_trailing_spaces() -> None:
    source, problems = split_front_matter("---\ntitle: A\n---  \nBody\n", "a.md")
    assert problems == []
    assert source.body == "Body\n"


def test_empty_body() -> None:
    source, problems = split_front_matter("---\ntitle: A\n---", "a.md")
    assert problems == []
    assert (source.body, source.body_line) == ("", 4)


def test_a_later_horizontal_rule_stays_in_the_body() -> None:
    source, _ = split_front_matter("---\ntitle: A\n---\nOne\n\n---\n\nTwo\n", "a.md")
    assert source.front_matter.data == {"title": "A"}
    assert source.body == "One\n\n---\n\nTwo\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "the file is empty; it needs front matter between two '---' lines"),
        (" \n\n", 1, "the file is empty; it needs front matter between two '---' lines"),
        ("# Title\n", 1, "the file does not start with front matter: its first line must be '---'"),
        ("\n---\ntitle: A\n---\n", 1, "the file does not start with front matter: its first line must be '---'"),
        ("---\ntitle: A\n", 1, "the front matter opened on line 1 is never closed with a '---' line"),
        ("---\ntitle: A\n...\n", 1, "the front matter opened on line 1 is never closed with a '---' line"),
    ],
)
def test_front_matter_problems(text: str, line: int, message: str) -> None:
    source, problems = split_front_matter(text, "journeys/a.md")
    assert source is None
    assert problems == [Problem("journeys/a.md", line, "", message)]


def test_yaml_errors_in_front_matter_become_problems_with_file_lines() -> None:
    source, problems = split_front_matter("---\ntitle: A\ntitle: !!set {b}\n---\n", "journeys/a.md")
    assert source is None
    assert problems == [Problem("journeys/a.md", 3, "title",
                                "the YAML tag 'tag:yaml.org,2002:set' is not allowed; write plain values")]


def test_a_duplicate_key_in_front_matter_has_its_file_line() -> None:
    source, problems = split_front_matter("---\ntitle: A\ntitle: B\n---\n", "journeys/a.md")
    assert problems == []
    assert source.front_matter.data == {"title": "A"}
    assert problems_of(source.front_matter) == [(3, "title", "duplicate key 'title' (first on line 2); keep one")]


def test_empty_front_matter() -> None:
    source, problems = split_front_matter("---\n---\nBody\n", "a.md")
    assert problems == []
    assert source.front_matter.data is None
    assert source.body_line == 3

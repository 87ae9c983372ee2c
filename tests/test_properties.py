"""Property-based tests (hypothesis) of the loader and the model.

* Arbitrary YAML documents, YAML-like token soup and arbitrary mutations of a
  valid map, as a journey, a persona or the vocabulary: the loader never
  raises; a file either loads, or gets problems that each name the file and a
  line within it (a single line of text, no traceback).
* A valid map loaded, dumped back to YAML by the writer of ``new`` and ``import``
  (:func:`journeymaps.source.writer.dump_yaml`) and loaded again is the same model;
  that writer's round trip of any text is in ``test_yaml_writer.py``.

The budget is bounded and the runs are repeatable: the default profile
``ci`` is derandomized (the same examples on every run) and keeps no example
database; ``HYPOTHESIS_PROFILE=explore`` draws new random examples, ten times
as many, for a longer hunt on a developer's machine.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from journeymaps.model.addresses import slugify
from journeymaps.model.load import load_corpus
from journeymaps.model.types import ID_PATTERN, Evidence, Journey, Metric, Opportunity, Persona, Phase, Step, Touchpoint
from journeymaps.source.reader import parse_yaml
from journeymaps.source.writer import dump_yaml
from sites import SPEC_JOURNEY, SPEC_PERSONA, SPEC_VOCABULARY

settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("explore", deadline=None, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
SCALE = 10 if os.environ.get("HYPOTHESIS_PROFILE") == "explore" else 1

#: Examples per property (times 10 under the ``explore`` profile).
BUDGET = {"documents": 400, "tokens": 500, "mutations": 400, "text-mutations": 400, "round-trip": 200}


def budget(name: str):
    return settings(max_examples=BUDGET[name] * SCALE)


pytestmark = pytest.mark.slow  # hundreds of examples per property


# --- a journeys folder that the examples are written into -----------------------------

STAGES = ["awareness", "consideration", "purchase", "retention", "advocacy"]
CHANNELS = ["social-media", "email", "live-chat", "phone", "store", "website", "print"]
DEVICES = ["mobile", "desktop", "in-person"]
DEPARTMENTS = ["marketing", "ecommerce", "customer-service"]
TARGETS = {"journey": "retail/fuzz.md", "persona": "personas/fuzz.md", "vocabulary": "vocabulary.yml"}


class Folder:
    """A valid journeys folder (the spec's examples); one file at a time is replaced by an example."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.journeys = root / "journeys"
        (self.journeys / "personas/images").mkdir(parents=True)
        (self.journeys / "retail").mkdir()
        (self.journeys / "vocabulary.yml").write_text(SPEC_VOCABULARY.lstrip("\n"), encoding="utf-8")
        (self.journeys / "personas/maya.md").write_text(SPEC_PERSONA.lstrip("\n"), encoding="utf-8")
        (self.journeys / "personas/images/maya.png").write_bytes(b"\x89PNG\r\n\x1a\n")
        (self.journeys / "retail/buy-running-shoes.md").write_text(SPEC_JOURNEY.lstrip("\n"), encoding="utf-8")
        self.originals = {rel: (self.journeys / rel).read_bytes() for rel in ("vocabulary.yml",)}

    def load(self, kind: str, content: str | bytes):
        """Put ``content`` in place of the ``kind`` file, load the folder, check the problems, restore."""
        rel = TARGETS[kind]
        path = self.journeys / rel
        raw = content if isinstance(content, bytes) else content.encode("utf-8")
        path.write_bytes(raw)
        try:
            corpus = load_corpus(self.journeys, display_base=self.root)  # must not raise, whatever the content
        finally:
            if rel in self.originals:
                path.write_bytes(self.originals[rel])
            else:
                path.unlink()
        display = f"journeys/{rel}"
        lines = max(1, raw.count(b"\n") + 1)
        for problem in corpus.problems:
            text = problem.format()
            assert problem.path == display, text  # the healthy files beside it have no problem
            assert 1 <= problem.line <= lines, (text, lines)
            assert "\n" not in text and "Traceback" not in text and problem.message, text
        if kind == "journey":
            assert ("retail/fuzz" in corpus.journeys) == (not corpus.problems)
        if kind == "persona":
            assert ("fuzz" in corpus.personas) == (not corpus.problems)
        if kind != "vocabulary":  # the healthy map beside the example is published whatever happens
            assert "retail/buy-running-shoes" in corpus.journeys
        return corpus


@pytest.fixture(scope="module")
def folder() -> Iterator[Folder]:
    root = Path(tempfile.mkdtemp(prefix="journeymaps-properties-"))
    try:
        yield Folder(root)
    finally:
        shutil.rmtree(root)


def front_matter(yaml_text: str, body: str = "Narrative.\n") -> str:
    return "---\n" + yaml_text + ("" if yaml_text.endswith("\n") else "\n") + "---\n" + body


# --- arbitrary documents ----------------------------------------------------------------

FIELD_NAMES = sorted({name for model in (Journey, Phase, Step, Touchpoint, Opportunity, Evidence, Metric, Persona)
                      for name in model.model_fields} | {"emotion_scale", "stages", "channels", "devices",
                                                         "departments", "min", "max", "labels", "id", "description"})
TRICKY = ["no", "yes", "off", "on", "null", "~", "true", "False", "0o17", "0x1F", "1e3", "1_000", ".inf", "-.inf",
          ".nan", "2026-09-30", "2026-02-30", "12:30:00", "+1", "-1", "0.5", ".5", "<<", "&anchor", "*alias",
          "!tag", "%TAG", "@x", "`x`", "- item", "key: value", "# comment", "---", "...", "'quoted'", '"dq"',
          "a\nb", " padded ", "tab\there", "\\", "|", ">", "", " ", "\u2028", "\x85", "\ufeff", "é", "日本",
          "awareness", "website", "maya", "retail/buy-running-shoes", *STAGES[:2], *CHANNELS[:2]]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-3, max_value=3), st.integers(),
    st.floats(), st.text(max_size=12), st.sampled_from(TRICKY), st.dates(),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8), st.integers(-3, 3), st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
                      max_leaves=25)
documents = st.one_of(
    st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=8),
    st.dictionaries(keys, values, max_size=6),
    values,
)


@budget("documents")
@given(kind=st.sampled_from(sorted(TARGETS)), document=documents, flow=st.sampled_from([None, True, False]))
def test_arbitrary_yaml_documents_never_crash_the_loader(folder: Folder, kind: str, document, flow) -> None:
    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    folder.load(kind, text if kind == "vocabulary" else front_matter(text))


TOKENS = ["- ", ": ", "? ", "[", "]", "{", "}", ", ", "&a ", "*a ", "&b ", "*b ", "<<: ", "!!python/object ",
          "!!str ", "!!int ", "!!binary ", "!x ", "'", '"', "#", "|\n", ">\n", "\n", "\n  ", "\n    ", "  ", "\t",
          "---", "...", "%YAML 1.2\n", "title", "persona", "phases", "stage", "steps", "action", "touchpoints",
          "name", "channel", "emotion", "maya", "awareness", "website", "1", "-2", "9" * 120, ".inf", "~", "yes",
          "2026-02-30", "é", "\\", "\x00", "\ufeff"]
soups = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)


@budget("tokens")
@given(kind=st.sampled_from(sorted(TARGETS)), soup=soups, raw=st.booleans())
def test_yaml_token_soup_never_crashes_the_loader(folder: Folder, kind: str, soup: str, raw: bool) -> None:
    folder.load(kind, soup if raw or kind == "vocabulary" else front_matter(soup))


@settings(max_examples=100 * SCALE)
@given(kind=st.sampled_from(sorted(TARGETS)), content=st.binary(max_size=200))
def test_arbitrary_bytes_never_crash_the_loader(folder: Folder, kind: str, content: bytes) -> None:
    folder.load(kind, content)


# --- mutations of a valid map ----------------------------------------------------------

SPEC = parse_yaml(SPEC_JOURNEY.split("---\n")[1]).data
SPEC_TEXT = SPEC_JOURNEY.lstrip("\n")


def paths(node, prefix=()) -> list[tuple]:
    """Every path to a value in ``node``."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += paths(value, (*prefix, i))
    return found


def get(node, path):
    for part in path:
        node = node[part]
    return node


@st.composite
def mutated_maps(draw):
    import copy

    data = copy.deepcopy(SPEC)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(paths(data)))
        kind = draw(st.sampled_from(["replace", "delete", "add-key", "rename-key", "duplicate", "wrap", "none"]))
        parent = get(data, path[:-1]) if path else None
        last = path[-1] if path else None
        if kind == "replace" or not path:
            if path:
                parent[last] = draw(values)
            else:
                data = draw(values)
        elif kind == "delete":
            del parent[last]
        elif kind == "add-key" and isinstance(get(data, path), dict):
            get(data, path)[draw(keys)] = draw(values)
        elif kind == "rename-key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(FIELD_NAMES) | st.text(max_size=6))] = parent.pop(last)
        elif kind == "duplicate" and isinstance(parent, list):
            parent.insert(last, get(data, path))
        elif kind == "wrap":
            parent[last] = [parent[last]]
        elif kind == "none":
            parent[last] = None
    return data


@budget("mutations")
@given(data=mutated_maps(), flow=st.sampled_from([None, True, False]))
def test_mutations_of_a_valid_map_never_crash_the_loader(folder: Folder, data, flow) -> None:
    folder.load("journey", front_matter(yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)))


@st.composite
def mutated_texts(draw) -> str:
    lines = SPEC_TEXT.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "dedent", "cut"]))
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(TOKENS) | st.text(max_size=4)) + lines[i][at:]
        elif kind == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t"])) + lines[i]
        elif kind == "dedent":
            lines[i] = lines[i].lstrip(" ")
        elif kind == "cut":
            lines = lines[:i + 1]
    return "".join(lines)


@budget("text-mutations")
@given(text=mutated_texts())
def test_text_mutations_of_a_valid_map_never_crash_the_loader(folder: Folder, text: str) -> None:
    folder.load("journey", text)


# --- a valid map dumped and loaded again is the same map ------------------------------

texts = st.one_of(st.text(min_size=1, max_size=25), st.sampled_from(TRICKY)).filter(lambda s: s.strip() != "")
ids = st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda s: len(s) <= 20)
numbers = st.one_of(st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False))


def optional(strategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


def mapping(**fields) -> st.SearchStrategy[dict]:
    """A dict with the given fields, leaving out those drawn as None (the key is not written)."""
    return st.fixed_dictionaries(fields).map(lambda d: {k: v for k, v in d.items() if v is not None})


touchpoints = mapping(name=texts, channel=st.sampled_from(CHANNELS), device=optional(st.sampled_from(DEVICES)),
                      department=optional(st.sampled_from(DEPARTMENTS)),
                      contact=optional(st.sampled_from(["direct", "indirect"])))
levels = optional(st.sampled_from(["low", "medium", "high"]))
steps = mapping(
    action=texts, thinking=optional(texts), feeling=optional(texts), emotion=optional(st.integers(-2, 2)),
    moment_of_truth=optional(st.booleans()),
    touchpoints=optional(st.lists(touchpoints, max_size=3, unique_by=lambda t: slugify(t["name"]))),
    pain_points=optional(st.lists(texts, max_size=2)),
    opportunities=optional(st.lists(texts | mapping(title=texts, impact=levels, effort=levels,
                                                    owner=optional(st.sampled_from(DEPARTMENTS))), max_size=2)),
    evidence=optional(st.lists(mapping(kind=st.sampled_from(["quote", "statistic", "observation", "analytics"]),
                                       text=texts, source=optional(texts)), max_size=2)),
    metrics=optional(st.lists(mapping(name=texts, value=optional(numbers), unit=optional(texts),
                                      target=optional(numbers)), max_size=2)),
    time=optional(texts), frontstage=optional(st.lists(texts, max_size=2)),
    backstage=optional(st.lists(texts, max_size=2)), support=optional(st.lists(texts, max_size=2)),
)


@st.composite
def valid_maps(draw) -> dict:
    stages = sorted(draw(st.lists(st.sampled_from(STAGES), min_size=1, max_size=3, unique=True)), key=STAGES.index)
    phases = [draw(mapping(stage=st.just(stage), name=optional(texts), steps=st.lists(steps, min_size=1, max_size=2)))
              for stage in stages]
    return draw(mapping(
        title=texts, persona=st.just("maya"),
        type=optional(st.sampled_from(["current", "future", "day-in-the-life", "blueprint"])),
        status=optional(st.sampled_from(["draft", "review", "approved", "archived"])),
        owner=optional(st.sampled_from(DEPARTMENTS)), reviewed=optional(st.dates(dt.date(1000, 1, 1))),
        scenario=optional(ids), goal=optional(texts),
        scope=optional(mapping(start=optional(texts), end=optional(texts))),
        tags=optional(st.lists(texts, max_size=3)), phases=st.just(phases),
    ))


@budget("round-trip")
@given(data=valid_maps())
# found by the explore profile: PyYAML's dumper wrote U+0085 where YAML reads a line break folded into a space
@example(data={"title": "0", "persona": "maya", "phases": [{"stage": "awareness", "steps": [
    {"action": "0"}, {"action": "0", "evidence": [{"kind": "quote", "text": "\r0\x850"}]}]}]})
def test_a_valid_map_dumped_and_loaded_again_is_the_same_map(folder: Folder, data: dict) -> None:
    # names that differ only in spaces around them share an address once trimmed: not a valid map
    for phase in data["phases"]:
        for step in phase["steps"]:
            names = [slugify(t["name"].strip()) for t in step.get("touchpoints", [])]
            assume(len(names) == len(set(names)))
    first = folder.load("journey", front_matter(dump_yaml(data)))
    assert first.problems == []
    journey = first.journeys["retail/fuzz"].journey
    again = folder.load("journey", front_matter(dump_yaml(journey.model_dump(exclude_none=True))))
    assert again.problems == []
    assert again.journeys["retail/fuzz"].journey == journey


def test_dump_yaml_quotes_what_yaml_1_2_reads_as_numbers() -> None:
    # PyYAML's own dumper writes these unquoted (they are text in YAML 1.1); read back they would be numbers
    for text in ["0o17", "1e3", "-.INF", "0x1F", "no", "~", "a\n---\nb", "", "0\x850", "a\x85", "a\u2028b"]:
        written = dump_yaml({"title": text})
        assert parse_yaml(written).data == {"title": text}, written
    assert yaml.safe_dump({"title": "0o17"}) == "title: 0o17\n"  # the reasons the writer is not PyYAML's own
    assert yaml.safe_load(yaml.safe_dump({"title": "0\x850"}, allow_unicode=True)) == {"title": "0 0"}
    assert not re.search(r"^---$", dump_yaml({"title": "x " * 1000 + "\n---\n"}), re.M)

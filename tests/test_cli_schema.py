"""``journeymaps schema``: the generated JSON Schema accepts what the build accepts and rejects the broken examples.

Each broken example is also run through ``journeymaps validate``, so the test
shows that the schema and the build agree on it.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from journeymaps.cli.main import main
from journeymaps.source.frontmatter import split_front_matter
from journeymaps.source.reader import parse_yaml
from sites import REPO, SPEC_JOURNEY, SPEC_PERSONA, SPEC_VOCABULARY, spec_site


def invoke(*args: str, cwd: Path = REPO):
    """Run ``journeymaps`` in-process from the folder ``cwd``."""
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def schema_of(kind: str, cwd: Path, *extra: str) -> dict:
    result = invoke("schema", kind, *extra, cwd=cwd)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    Draft202012Validator.check_schema(document)
    return document


def front_matter(text: str) -> object:
    """The front matter (or YAML file) as an editor's YAML server sees it: JSON data, keys as text."""
    text = text.lstrip("\n")
    if text.startswith("---"):
        source, problems = split_front_matter(text, "x")
        assert not problems
        data = source.front_matter.data
    else:
        data = parse_yaml(text).data
    return json.loads(json.dumps(data))


def errors(schema: dict, data: object, deep: bool = False) -> list[str]:
    """The schema's error messages; with ``deep``, also those of each alternative of an ``anyOf``."""
    found = []
    todo = list(Draft202012Validator(schema).iter_errors(data))
    while todo:
        error = todo.pop()
        found.append(error.message)
        if deep:
            todo += error.context or []
    return sorted(found)


# --- the sample repository -------------------------------------------------------------

SAMPLE = sorted((REPO / "journeys").rglob("*.md"))


def test_the_sample_has_files_to_check() -> None:
    assert len([p for p in SAMPLE if p.parent.name == "personas"]) >= 4
    assert len([p for p in SAMPLE if p.parent.name != "personas"]) >= 9


@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: p.relative_to(REPO / "journeys").as_posix())
def test_schema_accepts_every_sample_file(path: Path) -> None:
    kind = "persona" if path.parent.name == "personas" else "journey"
    assert errors(schema_of(kind, REPO), front_matter(path.read_text(encoding="utf-8"))) == []


def test_schema_accepts_the_sample_vocabulary() -> None:
    text = (REPO / "journeys/vocabulary.yml").read_text(encoding="utf-8")
    assert errors(schema_of("vocabulary", REPO), front_matter(text)) == []


def test_sample_vocabulary_ids_are_enums() -> None:
    journey = schema_of("journey", REPO)
    defs = journey["$defs"]
    assert defs["Phase"]["properties"]["stage"]["enum"] == [
        "awareness", "consideration", "purchase", "delivery", "retention", "advocacy"]
    assert journey["properties"]["persona"]["enum"] == ["harold", "kofi", "maya", "priya"]
    device = defs["Touchpoint"]["properties"]["device"]["anyOf"]
    assert device == [{"enum": ["mobile", "desktop", "tablet", "in-person", "paper", "phone-line"]}, {"type": "null"}]
    assert {"type": "integer", "minimum": -2, "maximum": 2} in defs["Step"]["properties"]["emotion"]["anyOf"]


# --- the specification's examples --------------------------------------------------------


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    return spec_site(tmp_path)


@pytest.mark.parametrize(("kind", "text"), [
    ("vocabulary", SPEC_VOCABULARY), ("persona", SPEC_PERSONA), ("journey", SPEC_JOURNEY)])
def test_schema_accepts_the_spec_examples(spec: Path, kind: str, text: str) -> None:
    assert errors(schema_of(kind, spec), front_matter(text)) == []


JOURNEY_FILE = "journeys/retail/buy-running-shoes.md"

# (what breaks, file, old text, new text, the schema's error)
BROKEN = [
    ("unknown key", JOURNEY_FILE, "        pain_points:", "        pain_point:",
     "Additional properties are not allowed ('pain_point' was unexpected)"),
    ("wrong map type", JOURNEY_FILE, "type: current", "type: futur",
     "'futur' is not one of ['current', 'future', 'day-in-the-life', 'blueprint']"),
    ("unknown channel", JOURNEY_FILE, "channel: social-media", "channel: fax",
     "'fax' is not one of ['social-media', 'email', 'live-chat', 'phone', 'store', 'website', 'print']"),
    ("unknown stage", JOURNEY_FILE, "stage: awareness", "stage: awarenes",
     "'awarenes' is not one of ['awareness', 'consideration', 'purchase', 'retention', 'advocacy']"),
    ("unknown persona", JOURNEY_FILE, "persona: maya ", "persona: maia ", "'maia' is not one of ['maya']"),
    ("unknown owner", JOURNEY_FILE, "owner: ecommerce ", "owner: sales ",
     "'sales' is not one of ['marketing', 'ecommerce', 'customer-service']"),
    ("emotion outside the scale", JOURNEY_FILE, "emotion: 1 ", "emotion: 3 ",
     "3 is greater than the maximum of 2"),
    ("emotion that is text", JOURNEY_FILE, "emotion: 1 ", "emotion: '1' ",
     "'1' is not of type 'integer'"),
    ("impossible level", JOURNEY_FILE, "impact: high", "impact: huge",
     "'huge' is not one of ['low', 'medium', 'high']"),
    ("date not written YYYY-MM-DD", JOURNEY_FILE, "reviewed: 2026-09-30", "reviewed: 30/09/2026",
     "'30/09/2026' does not match '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'"),
    ("title replaced by an unknown key", JOURNEY_FILE, "title: Buying running shoes online", "goal2: x",
     "Additional properties are not allowed ('goal2' was unexpected)"),
    ("blank action", JOURNEY_FILE, "action: Sees a friend's post about the shoe", "action: ' '",
     "' ' does not match '\\\\S'"),
    ("phase without steps", JOURNEY_FILE, "    steps:                            # required, at least one\n",
     "    steps: []\n    old_steps:\n", "Additional properties are not allowed ('old_steps' was unexpected)"),
    ("evidence kind", JOURNEY_FILE, "kind: quote", "kind: rumour",
     "'rumour' is not one of ['quote', 'statistic', 'observation', 'analytics']"),
    ("persona channel", "journeys/personas/maya.md", "channels: [social-media, live-chat, email]",
     "channels: [social-media, chat]",
     "'chat' is not one of ['social-media', 'email', 'live-chat', 'phone', 'store', 'website', 'print']"),
    ("persona unknown key", "journeys/personas/maya.md", "segment: Millennials", "segmnt: Millennials",
     "Additional properties are not allowed ('segmnt' was unexpected)"),
    ("vocabulary id with capitals", "journeys/vocabulary.yml", "  - phone\n", "  - Phone\n",
     "'Phone' does not match '^[a-z0-9][a-z0-9_-]*$'"),
    ("vocabulary unknown key", "journeys/vocabulary.yml", "devices:", "device:",
     "Additional properties are not allowed ('device' was unexpected)"),
    ("time that is a number", JOURNEY_FILE, "        moment_of_truth: false ",
     "        time: 7.5\n        moment_of_truth: false ", "7.5 is not of type 'string'"),
    ("frontstage that is text", JOURNEY_FILE, "        moment_of_truth: false ",
     "        frontstage: Staff answer\n        moment_of_truth: false ", "'Staff answer' is not of type 'array'"),
    ("support item that is a number", JOURNEY_FILE, "        moment_of_truth: false ",
     "        support: [CRM, 12]\n        moment_of_truth: false ", "12 is not of type 'string'"),
    # the spec's own example puts a baseline on a current map (see sites.SPEC_JOURNEY)
    ("baseline on a current map", JOURNEY_FILE, "scenario: buy-running-shoes ",
     "baseline: retail/buy-running-shoes-v2\nscenario: buy-running-shoes ",
     "'retail/buy-running-shoes-v2' is not of type 'null'"),
]


@pytest.mark.parametrize(("rel", "old", "new", "message"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_schema_rejects_what_the_build_rejects(spec: Path, rel: str, old: str, new: str, message: str) -> None:
    kind = "vocabulary" if rel.endswith(".yml") else "persona" if "/personas/" in rel else "journey"
    schema = schema_of(kind, spec)  # made from the intact folder, as an editor has it
    path = spec / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    found = errors(schema, front_matter(path.read_text(encoding="utf-8")), deep=True)
    assert message in found
    validate = invoke("validate", cwd=spec)
    assert validate.exit_code == 1
    assert validate.stdout.startswith(rel + ":")


def test_baseline_only_on_a_future_map(spec: Path) -> None:
    schema = schema_of("journey", spec)
    journey = {"title": "x", "persona": "maya", "phases": [{"stage": "purchase", "steps": [{"action": "Pays"}]}]}
    assert errors(schema, {**journey, "type": "future", "baseline": "retail/buy-running-shoes"}) == []
    assert errors(schema, {**journey, "baseline": None}) == []  # null is no baseline, for the checks too
    for kind in ({}, {"type": "current"}, {"type": "blueprint"}):  # no type is a current map
        assert errors(schema, {**journey, **kind, "baseline": "retail/buy-running-shoes"}) == [
            "'retail/buy-running-shoes' is not of type 'null'"]


def test_an_empty_optional_key_is_accepted_as_the_checks_accept_it(spec: Path) -> None:
    """``type:`` with no value counts as left out, in the checks and in the editor."""
    text = (spec / "journeys/retail/buy-running-shoes.md").read_text(encoding="utf-8")
    for key in ("type: current", "status: approved", "tags: [running, online]"):
        assert key in text
        text = text.replace(key, key.split(":")[0] + ":", 1)
    text = text.replace("        moment_of_truth: false", "        moment_of_truth:", 1)
    (spec / "journeys/retail/buy-running-shoes.md").write_text(text, encoding="utf-8")
    assert invoke("validate", cwd=spec).exit_code == 0
    data = front_matter(text)
    assert data["type"] is None and data["status"] is None and data["tags"] is None
    assert errors(schema_of("journey", spec), data) == []
    assert errors(schema_of("journey", spec), {**data, "title": None}) != []  # a required key stays required


def test_the_keys_of_format_1_1_are_described_and_typed(spec: Path) -> None:
    schema = schema_of("journey", spec)
    step = schema["$defs"]["Step"]["properties"]
    assert all(prop.get("description") for prop in step.values()), "every step key has a hover text"
    assert step["time"]["description"].startswith("When the step happens, as text shown as written")
    for lane in ("frontstage", "backstage", "support"):
        assert step[lane]["description"].endswith("a lane of a service blueprint.")
        assert {"type": "array", "items": {"type": "string", "pattern": "\\S"}} in step[lane]["anyOf"]
    journey = {"title": "x", "persona": "maya", "phases": [{"stage": "purchase", "steps": [{"action": "Pays"}]}]}
    text = ("---\ntitle: x\npersona: maya\nphases:\n  - stage: purchase\n    steps:\n      - action: Pays\n"
            "        time: 07:30\n        frontstage: [no]\n        support: [Till, 12:30]\n---\n")
    data = front_matter(text)
    assert data["phases"][0]["steps"][0]["time"] == "07:30"  # as the build reads it: text, not 450 minutes
    assert errors(schema, data) == []
    assert errors(schema, journey) == []  # a version 1 map stays valid


def test_missing_required_keys_are_rejected(spec: Path) -> None:
    schema = schema_of("journey", spec)
    assert errors(schema, {"title": "x"}) == ["'persona' is a required property", "'phases' is a required property"]
    assert errors(schema, {"title": "x", "persona": "maya", "phases": []}) == ["[] should be non-empty"]


def test_bare_strings_are_accepted_where_the_model_accepts_them(spec: Path) -> None:
    journey = schema_of("journey", spec)
    step = {"action": "Pays", "opportunities": ["Faster checkout", {"title": "Apple Pay", "impact": "low"}]}
    assert errors(journey, {"title": "x", "persona": "maya", "phases": [{"stage": "purchase", "steps": [step]}]}) == []
    vocabulary = schema_of("vocabulary", spec)
    assert errors(vocabulary, {"stages": ["a", {"id": "b", "name": "B"}], "channels": ["web"]}) == []


# --- the command ----------------------------------------------------------------------


def test_without_a_journeys_folder_the_schema_has_no_enums(tmp_path: Path) -> None:
    result = invoke("schema", "journey", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stderr == "no journeys folder here: the schema has no vocabulary ids (use --journeys DIR)\n"
    schema = json.loads(result.stdout)
    assert schema["$defs"]["Touchpoint"]["properties"]["channel"] == {
        "type": "string", "pattern": "\\S", "description": "A channel id of vocabulary.yml."}
    step = {"action": "Calls", "touchpoints": [{"name": "Hotline", "channel": "fax"}], "emotion": 7}
    assert errors(schema, {"title": "x", "persona": "anyone", "phases": [{"stage": "any", "steps": [step]}]}) == []


def test_journeys_option_and_combined_schema(spec: Path, tmp_path: Path) -> None:
    result = invoke("schema", "--journeys", str(spec / "journeys"), cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    combined = json.loads(result.stdout)
    Draft202012Validator.check_schema(combined)
    for text in (SPEC_VOCABULARY, SPEC_PERSONA, SPEC_JOURNEY):
        assert errors(combined, front_matter(text)) == []
    assert errors(combined, {"title": "x"}) != []


def test_out_writes_the_three_schemas(spec: Path) -> None:
    result = invoke("schema", "--out", ".schemas", cwd=spec)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "wrote .schemas/journey.schema.json", "wrote .schemas/persona.schema.json",
        "wrote .schemas/vocabulary.schema.json"]
    journey = json.loads((spec / ".schemas/journey.schema.json").read_text(encoding="utf-8"))
    assert journey["title"] == "journeymaps journey (front matter of journeys/**/*.md)"
    assert journey["properties"]["persona"]["enum"] == ["maya"]


def test_out_never_replaces_a_file_without_force(spec: Path) -> None:
    (spec / ".schemas").mkdir()
    (spec / ".schemas/persona.schema.json").write_text("{}\n", encoding="utf-8")
    result = invoke("schema", "--out", ".schemas", cwd=spec)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (".schemas/persona.schema.json: exists already; use --force to replace it\n"
                             "nothing was written\n")
    assert sorted(p.name for p in (spec / ".schemas").iterdir()) == ["persona.schema.json"]
    result = invoke("schema", "--out", ".schemas", "--force", cwd=spec)
    assert result.exit_code == 0
    assert json.loads((spec / ".schemas/persona.schema.json").read_text(encoding="utf-8"))["type"] == "object"


def test_broken_vocabulary_gives_its_problems_and_no_schema(spec: Path) -> None:
    path = spec / "journeys/vocabulary.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("devices:", "device:"), encoding="utf-8")
    result = invoke("schema", "journey", cwd=spec)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "journeys/vocabulary.yml:21: device: unknown key 'device'; did you mean 'devices'?",
        "the vocabulary has problems; fix them to get a schema with its ids",
    ]

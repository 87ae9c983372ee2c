"""``journeymaps schema``: JSON Schema of journeys, personas and the vocabulary, generated from the pydantic model.

The model gives the shape (types, required keys, no unknown keys); this module
adds what the model checks in code (bare-string vocabulary entries and
opportunities, non-blank text, dates, ids) and, when a journeys folder is
given, the ids of its vocabulary and its personas as enums, so that an editor
completes them and flags a misspelt one while typing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from journeymaps.cli.options import journeys_option, may_write
from journeymaps.model import load
from journeymaps.model.corpus import Corpus
from journeymaps.model.types import ID_PATTERN, Journey, Persona, Vocabulary
from journeymaps.problems import Problem
from journeymaps.source import files

KINDS = ("journey", "persona", "vocabulary")
DIALECT = "https://json-schema.org/draft/2020-12/schema"
_MODELS = {"journey": Journey, "persona": Persona, "vocabulary": Vocabulary}
_TITLES = {
    "journey": "journeymaps journey (front matter of journeys/**/*.md)",
    "persona": "journeymaps persona (front matter of journeys/personas/*.md)",
    "vocabulary": "journeymaps vocabulary (journeys/vocabulary.yml)",
}

# Hover texts, from the comments of the format specification: (definition, field) -> text.
DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("Journey", "title"): "The map's title.",
    ("Journey", "persona"): "The persona id: the file name of journeys/personas/<id>.md without .md.",
    ("Journey", "type"): "current | future | day-in-the-life | blueprint (default current).",
    ("Journey", "status"): "draft | review | approved | archived (default draft); archived maps are not published.",
    ("Journey", "owner"): "A department id of vocabulary.yml, responsible for the map.",
    ("Journey", "reviewed"): "Date of the last review, YYYY-MM-DD.",
    ("Journey", "scenario"): "Journeys of several personas on the same scenario are compared side by side.",
    ("Journey", "baseline"): "Future maps only: the id of the journey this one improves on.",
    ("Journey", "goal"): "What the customer wants to achieve.",
    ("Journey", "scope"): "Where the mapped journey starts and ends.",
    ("Journey", "tags"): "Free words for search and grouping.",
    ("Journey", "phases"): "At least one; phases follow the order of the vocabulary's stages, one per stage.",
    ("Phase", "stage"): "A stage id of vocabulary.yml.",
    ("Phase", "name"): "Optional label; defaults to the stage's name.",
    ("Phase", "steps"): "At least one step.",
    ("Step", "action"): "What the customer does.",
    ("Step", "thinking"): "What the customer thinks.",
    ("Step", "feeling"): "The emotion, in words.",
    ("Step", "emotion"): "A whole number within the vocabulary's emotion_scale.",
    ("Step", "moment_of_truth"): "true when this step decides whether the customer carries on.",
    ("Step", "touchpoints"): "Where customer and company meet in this step.",
    ("Step", "pain_points"): "Problems the customer meets, one text each.",
    ("Step", "opportunities"): "Ideas to improve the step: a text, or a mapping with title, impact, effort, owner.",
    ("Step", "evidence"): "Research behind the step.",
    ("Step", "metrics"): "Measured figures with their targets.",
    ("Step", "time"): "When the step happens, as text shown as written: \"07:30\", \"Lunch break\", \"Day 3\".",
    ("Step", "frontstage"): "What staff do in the customer's sight: a lane of a service blueprint.",
    ("Step", "backstage"): "What happens out of the customer's sight: a lane of a service blueprint.",
    ("Step", "support"): "Systems and processes that make the step possible: a lane of a service blueprint.",
    ("Touchpoint", "name"): "The touchpoint's name; it makes its address on the journey page.",
    ("Touchpoint", "channel"): "A channel id of vocabulary.yml.",
    ("Touchpoint", "device"): "A device id of vocabulary.yml.",
    ("Touchpoint", "department"): "A department id of vocabulary.yml that owns the touchpoint.",
    ("Touchpoint", "contact"): "direct | indirect (default direct).",
    ("Opportunity", "owner"): "A department id of vocabulary.yml.",
    ("Persona", "name"): "The persona's name, e.g. 'Maya, the weekend runner'.",
    ("Persona", "segment"): "The group this persona stands for.",
    ("Persona", "channels"): "Preferred channels: channel ids of vocabulary.yml.",
    ("Persona", "image"): "Relative to the persona file; must stay inside journeys/.",
    ("Vocabulary", "stages"): "In journey order; phases refer to these ids.",
    ("Vocabulary", "channels"): "Channels that touchpoints refer to.",
    ("Vocabulary", "devices"): "Devices that touchpoints refer to.",
    ("Vocabulary", "departments"): "Departments that own maps, touchpoints and opportunities.",
    ("Vocabulary", "emotion_scale"): "The range of the emotion score (default -2..2) and the words for its values.",
}

_NON_BLANK = r"\S"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def json_schema(kind: str, vocabulary: Vocabulary | None = None, personas: Iterable[str] | None = None) -> dict:
    """The JSON Schema of one kind of file; with a vocabulary, its ids are enums (and personas too, if given)."""
    schema = _MODELS[kind].model_json_schema(mode="validation")
    defs = schema.setdefault("$defs", {})
    defs[kind.capitalize()] = {k: v for k, v in schema.items() if k != "$defs"}
    for name, definition in defs.items():
        for field, prop in definition.get("properties", {}).items():
            _tidy(prop)
            if (name, field) in DESCRIPTIONS:
                prop["description"] = DESCRIPTIONS[name, field]
    _term_and_opportunity(defs)
    _ids(defs)
    if vocabulary is not None:
        _vocabulary_enums(defs, vocabulary, None if personas is None else sorted(personas))
    _empty_is_omitted(defs)
    root = defs.pop(kind.capitalize())
    return {"$schema": DIALECT, **root, "title": _TITLES[kind], "$defs": defs}


def combined_schema(vocabulary: Vocabulary | None = None, personas: Iterable[str] | None = None) -> dict:
    """One document with the three schemas under ``$defs``; it accepts a file of any kind."""
    personas = None if personas is None else list(personas)
    defs: dict[str, Any] = {}
    for kind in KINDS:
        schema = json_schema(kind, vocabulary, personas)
        sub = schema.pop("$defs")
        schema.pop("$schema")
        defs.update(sub)
        defs[kind] = schema
    return {
        "$schema": DIALECT,
        "title": "journeymaps source files (a journey, a persona or the vocabulary)",
        "anyOf": [{"$ref": f"#/$defs/{kind}"} for kind in KINDS],
        "$defs": defs,
    }


def load_context(root: Path, display_base: Path | None = None) -> tuple[Vocabulary | None, list[str], list[Problem]]:
    """The vocabulary and the persona ids of a journeys folder, and the vocabulary's problems."""
    corpus = Corpus(root=root.resolve())
    path = corpus.root / files.VOCABULARY
    shown = files.display_path(path, display_base.resolve() if display_base else None)
    vocabulary = load.load_vocabulary(path, shown, corpus)
    personas = files.persona_ids(corpus.root)
    return (vocabulary if not corpus.problems else None), personas, corpus.problems


@click.command("schema")
@click.argument("kind", required=False, type=click.Choice(KINDS))
@journeys_option("The journeys folder whose vocabulary and personas become enums "
                 "[default: journeys, when it exists].", default=None)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write <kind>.schema.json files into this folder instead of printing.")
@click.option("--force", is_flag=True, help="With --out: replace schema files that exist.")
def schema_command(kind: str | None, journeys_dir: Path | None, out: Path | None, force: bool) -> None:
    """Print the JSON Schema of a journey, a persona or the vocabulary (KIND; all three when left out).

    With a journeys folder, its stage, channel, device, department and persona
    ids are enums, so an editor completes them.
    """
    root = journeys_dir or Path("journeys")
    vocabulary, personas = None, None
    if journeys_dir is not None or root.is_dir():
        vocabulary, personas, problems = load_context(root, Path.cwd())
        if problems:
            for problem in problems:
                click.echo(problem.format(), err=True)
            click.echo("the vocabulary has problems; fix them to get a schema with its ids", err=True)
            raise SystemExit(1)
    else:
        click.echo("no journeys folder here: the schema has no vocabulary ids (use --journeys DIR)", err=True)
    if out is None:
        document = json_schema(kind, vocabulary, personas) if kind else combined_schema(vocabulary, personas)
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    targets = {each: out / f"{each}.schema.json" for each in ([kind] if kind else KINDS)}
    may_write(list(targets.values()), force, root)
    out.mkdir(parents=True, exist_ok=True)
    for each, target in targets.items():
        text = json.dumps(json_schema(each, vocabulary, personas), indent=2, ensure_ascii=False) + "\n"
        target.write_text(text, encoding="utf-8")
        click.echo(f"wrote {target.as_posix()}")


# --- shaping the generated schema ------------------------------------------------------


def _tidy(prop: dict) -> None:
    """Drop pydantic's generated titles, and ask for non-blank text as the model does."""
    prop.pop("title", None)
    for schema in _alternatives(prop):
        items = schema.get("items")
        targets = [schema] + ([items] if isinstance(items, dict) else [])
        for target in targets:
            if target.get("type") == "string" and "enum" not in target and "format" not in target:
                target["pattern"] = _NON_BLANK
            if target.get("format") == "date":
                target["pattern"] = _DATE


def _alternatives(prop: dict) -> list[dict]:
    return [prop, *prop.get("anyOf", [])]


def _term_and_opportunity(defs: dict) -> None:
    """Vocabulary entries may be a bare id, opportunities a bare title."""
    if "Term" in defs:
        mapping = defs["Term"]
        mapping["properties"]["id"]["pattern"] = ID_PATTERN
        defs["Term"] = {
            "description": mapping.pop("description", ""),
            "anyOf": [{"type": "string", "pattern": ID_PATTERN, "description": "A bare id."}, mapping],
        }
    if "Opportunity" in defs:
        mapping = defs["Opportunity"]
        defs["Opportunity"] = {
            "description": mapping.pop("description", ""),
            "anyOf": [{"type": "string", "pattern": _NON_BLANK, "description": "The opportunity's title."}, mapping],
        }
    if "EmotionScale" in defs:
        labels = defs["EmotionScale"]["properties"]["labels"]
        labels["propertyNames"] = {"pattern": "^-?[0-9]+$"}
        labels["description"] = "Words for scores, e.g. {-2: Very negative, 2: Very positive}."


def _ids(defs: dict) -> None:
    if "Journey" in defs:
        for alternative in defs["Journey"]["properties"]["scenario"]["anyOf"]:
            if alternative.get("type") == "string":
                alternative["pattern"] = ID_PATTERN
        # a baseline only on a future map (the type defaults to current); null is "no baseline", as in the checks
        defs["Journey"]["if"] = {"properties": {"type": {"const": "future"}}, "required": ["type"]}
        defs["Journey"]["else"] = {"properties": {"baseline": {
            "type": "null", "description": "Only a map of type: future has a baseline."}}}


def _empty_is_omitted(defs: dict) -> None:
    """An optional key written with no value (``type:``) counts as left out, as in the checks: allow null."""
    for definition in defs.values():
        required = set(definition.get("required", []))
        for field, prop in definition.get("properties", {}).items():
            if field in required or any(a.get("type") == "null" for a in _alternatives(prop)):
                continue
            description = prop.pop("description", None)
            shape = dict(prop)
            prop.clear()
            prop["anyOf"] = [*shape.pop("anyOf", []), *([shape] if shape else []), {"type": "null"}]
            if description:
                prop["description"] = description


def _restrict(prop: dict, ids: list[str], what: str) -> None:
    """Replace the string alternative of ``prop`` (or of its items) by an enum of ``ids``."""
    allowed: dict[str, Any] = {"enum": ids} if ids else {"not": {}, "description": f"the vocabulary lists no {what}"}
    if prop.get("type") == "array":
        prop["items"] = allowed
        return
    if prop.get("type") == "string":
        keep = {k: v for k, v in prop.items() if k not in ("type", "pattern")}
        prop.clear()
        prop.update(keep, **allowed)
        return
    prop["anyOf"] = [allowed if a.get("type") == "string" else a for a in prop.get("anyOf", [])]


def _vocabulary_enums(defs: dict, vocabulary: Vocabulary, personas: list[str] | None) -> None:
    ids = {kind: [term.id for term in getattr(vocabulary, kind)]
           for kind in ("stages", "channels", "devices", "departments")}
    targets = [
        ("Phase", "stage", "stages"), ("Touchpoint", "channel", "channels"), ("Touchpoint", "device", "devices"),
        ("Touchpoint", "department", "departments"), ("Journey", "owner", "departments"),
        ("Persona", "channels", "channels"),
    ]
    for name, field, kind in targets:
        if name in defs:
            _restrict(defs[name]["properties"][field], ids[kind], kind)
    if "Opportunity" in defs:
        mapping = defs["Opportunity"]["anyOf"][1]
        _restrict(mapping["properties"]["owner"], ids["departments"], "departments")
    if "Journey" in defs and personas is not None:
        _restrict(defs["Journey"]["properties"]["persona"], personas, "personas")
    if "Step" in defs:
        scale = vocabulary.emotion_scale
        emotion = defs["Step"]["properties"]["emotion"]
        emotion["anyOf"] = [
            {"type": "integer", "minimum": scale.min, "maximum": scale.max} if a.get("type") == "integer" else a
            for a in emotion["anyOf"]
        ]
        emotion["description"] = f"A whole number from {scale.min} to {scale.max}."


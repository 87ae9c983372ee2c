"""Files -> validated model: read a journeys folder and report every problem at once."""

from __future__ import annotations

import gc
import hashlib
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from journeymaps.model import rules
from journeymaps.model.corpus import Corpus, Entry, JourneyEntry, PersonaEntry
from journeymaps.model.types import Journey, Persona, Vocabulary
from journeymaps.problems import Problem, did_you_mean, quote
from journeymaps.source.document import Document, YamlError, dotted
from journeymaps.source.files import PERSONAS, SOURCE_SUFFIXES, VOCABULARY, display_path, walk
from journeymaps.source.frontmatter import SourceFile, read_text, split_front_matter
from journeymaps.source.reader import parse_yaml

#: What the files of an earlier load said, by a digest of their text (see :func:`load_corpus`).
ReadCache = dict


def load_corpus(root: Path | str, display_base: Path | None = None, cache: ReadCache | None = None) -> Corpus:
    """Read, validate and cross-check every file of a journeys folder.

    Files with problems are left out of the corpus; their problems are listed
    in ``corpus.problems``, sorted by file and line. With a ``cache`` (kept by
    ``mkdocs serve`` from one build to the next), a file whose text has not
    changed is not parsed and validated again; the checks across files run
    every time. The cache keeps the files of this load only.
    """
    # Reading keeps hundreds of thousands of small objects alive, none of them in a reference
    # cycle; the cyclic garbage collector would walk them again and again and took half of the
    # time of validating 1,000 journeys. Pause it while reading.
    paused = gc.isenabled()
    gc.disable()
    try:
        used: ReadCache = {}
        corpus = _load_corpus(root, display_base, cache, used)
        if cache is not None:
            cache.clear()
            cache.update(used)
        return corpus
    finally:
        if paused:
            gc.enable()


def _load_corpus(root: Path | str, display_base: Path | None, cache: ReadCache | None, used: ReadCache) -> Corpus:
    root = Path(root).resolve()
    base = display_base.resolve() if display_base else None
    corpus = Corpus(root=root)
    if not root.is_dir():
        corpus.problems.append(Problem(display_path(root, base), 1, "", "the journeys folder does not exist"))
        return corpus

    files, folder_links = walk(root)
    for rel in folder_links:
        corpus.problems.append(Problem(display_path(root / rel, base), 1, "",
                                       "this folder is a link, which is not followed; move the files here instead"))
    usable = []
    for rel in files:
        problem = rules.check_path(root, rel, display_path(root / rel, base))
        if problem is None:
            usable.append(rel)
        else:
            corpus.problems.append(problem)
    corpus.vocabulary = (
        load_vocabulary(root / VOCABULARY, display_path(root / VOCABULARY, base), corpus)
        if VOCABULARY in usable or VOCABULARY not in files else None
    )
    persona_files, journey_files = [], []
    for rel in usable:
        if rel == VOCABULARY:
            continue
        if not rel.endswith(".md"):
            if not rel.endswith(SOURCE_SUFFIXES):
                corpus.assets.append(rel)
        elif rel.startswith(PERSONAS + "/"):
            persona_files.append(rel)
        else:
            journey_files.append(rel)

    personas = [_read_entry(root, rel, base, corpus, PersonaEntry, cache, used) for rel in persona_files]
    journeys = [_read_entry(root, rel, base, corpus, JourneyEntry, cache, used) for rel in journey_files]
    known_personas = {Path(rel).stem for rel in persona_files}
    known_journeys = {
        e.id: (rules.map_type(e.doc.data) if isinstance(e.doc.data, dict) else None)
        for e in journeys
        if e is not None
    }
    known_journeys.update({rel[:-3]: None for rel in journey_files if rel[:-3] not in known_journeys})

    for entry in rules.case_collisions([e for e in personas if e], corpus.problems):
        personas[personas.index(entry)] = None
    for entry in rules.case_collisions([e for e in journeys if e], corpus.problems):
        journeys[journeys.index(entry)] = None
    for entry in rules.folder_collisions([e for e in journeys if isinstance(e, JourneyEntry)], corpus.problems):
        journeys[journeys.index(entry)] = None

    valid = corpus.vocabulary is not None
    for entry in personas:
        if isinstance(entry, PersonaEntry):
            found = rules.check_persona(entry, corpus)
            corpus.problems += found
            if not found and valid and entry.persona is not None:
                corpus.personas[entry.id] = entry
    for entry in journeys:
        if isinstance(entry, JourneyEntry):
            found = rules.check_journey(entry, corpus, known_personas, known_journeys)
            corpus.problems += found
            if not found and valid and entry.journey is not None:
                corpus.journeys[entry.id] = entry
    corpus.problems.sort()
    return corpus


def load_vocabulary(path: Path, display: str, corpus: Corpus) -> Vocabulary | None:
    """Read and check ``vocabulary.yml``; its problems are added to ``corpus.problems``."""
    if not path.is_file():
        corpus.problems.append(
            Problem(display, 1, "", "the vocabulary file is missing; it lists the stages and channels")
        )
        return None
    text, problems = read_text(path, display)
    if text is None:
        corpus.problems += problems
        return None
    try:
        doc = parse_yaml(text)
    except YamlError as exc:
        corpus.problems.append(Problem(display, exc.line, exc.field, exc.message))
        return None
    vocabulary, problems = _validate(Vocabulary, doc, display)
    corpus.problems += problems
    if vocabulary is not None:  # a repeated id is reported, but the first one still serves the checks
        corpus.problems += rules.check_vocabulary(vocabulary, doc, display)
    # A duplicate key is reported with the vocabulary's other problems; like them, it stops the checks against it.
    return None if doc.problems else vocabulary


def _read_entry(root: Path, rel: str, base: Path | None, corpus: Corpus, cls: type[Entry],
                cache: ReadCache | None, used: ReadCache) -> Entry | None:
    path = root / rel
    display = display_path(path, base)
    text, problems = read_text(path, display)
    if text is None:
        corpus.problems += problems
        return None
    # A digest, not the text: the cache would keep every file's text (12 MB for 1,000 maps) for nothing else.
    key = (cls, display, hashlib.blake2b(text.encode(), digest_size=20).digest()) if cache is not None else None
    known = cache.get(key) if cache is not None else None
    if known is None:
        known = _parse_entry(text, display, Persona if cls is PersonaEntry else Journey)
    if key is not None:
        used[key] = known
    source, value, problems = known
    corpus.problems += problems
    if source is None:
        return None
    ident = Path(rel).stem if cls is PersonaEntry else rel[:-3]
    entry = cls(
        id=ident,
        path=path,
        rel=rel,
        display=display,
        doc=source.front_matter,
        body=source.body,
        body_line=source.body_line,
    )
    if isinstance(entry, PersonaEntry):
        entry.persona = value
    elif isinstance(entry, JourneyEntry):
        entry.journey = value
    return entry


def _parse_entry(text: str, display: str, model: type[BaseModel]) -> tuple[SourceFile | None, Any, list[Problem]]:
    """The front matter and body of a file, its validated model (None if invalid) and its problems."""
    source, problems = split_front_matter(text, display)
    if source is None:
        return None, None, problems
    value, problems = validate(model, source.front_matter, display)
    return source, value, problems


# --- pydantic errors -> problems with lines ---------------------------------------


def validate(model: type[BaseModel], doc: Document, display: str) -> tuple[Any, list[Problem]]:
    """Validate ``doc`` against ``model``; turn every error into a :class:`Problem`.

    The problems found while reading the document (duplicate keys) are among them,
    and make the value None.
    """
    value, problems = _validate(model, doc, display)
    return (None if problems else value), problems


def _validate(model: type[BaseModel], doc: Document, display: str) -> tuple[Any, list[Problem]]:
    """The model of the data as read (the first value of a duplicate key) and every problem of the document."""
    # one line per problem: a key written three times on one line gives the same problem twice
    read = list(dict.fromkeys(Problem(display, p.line, p.field, p.message) for p in doc.problems))
    if not isinstance(doc.data, dict):
        got = describe(doc.data)
        return None, [*read, Problem(display, doc.line_of(()), "", f"expected a mapping of keys and values, got {got}")]
    try:
        return model.model_validate(doc.data), read
    except ValidationError as exc:
        problems: dict[tuple[str, int, str], Problem] = {}
        for error in exc.errors(include_url=False):
            problem = _problem(model, doc, display, error)
            problems.setdefault((problem.path, problem.line, problem.field), problem)
        return None, sorted([*read, *problems.values()])


def describe(value: Any) -> str:
    """Name the kind of a YAML value in plain words."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"the text {quote(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _data_path(data: Any, loc: tuple) -> tuple:
    """Keep the parts of a pydantic location that exist in the data (drop union tags)."""
    path: list = []
    node = data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif i == len(loc) - 1 and isinstance(node, dict) and isinstance(part, str) and part.isidentifier():
            path.append(part)  # a missing key
            break
        else:
            continue
        path.append(part)
    return tuple(path)


def _model_at(model: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path``."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _find_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _find_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is dict:
        return None
    if origin in (list, typing.Union, types.UnionType, typing.Annotated) or origin is not None:
        for arg in typing.get_args(annotation):
            found = _find_model(arg)
            if found is not None:
                return found
    return None


def _problem(model: type[BaseModel], doc: Document, display: str, error: dict) -> Problem:
    kind = error["type"]
    value = error.get("input")
    path = _data_path(doc.data, tuple(error["loc"]))
    field = dotted(path)
    line = doc.line_of(path)
    if kind == "extra_forbidden":
        key = path[-1]
        owner = _model_at(model, path[:-1])
        known = [name for name in owner.model_fields] if owner else []
        # the keys of the format are few and fixed (a step has 14 since format 1.1): always list them
        hint = did_you_mean(key, known, limit=len(known)) if known else ""
        return Problem(display, doc.line_of(path, key=True), field, f"unknown key {quote(key)}{hint}")
    if kind == "invalid_key":  # a number (or true/false) where a key's name belongs: an unknown key too
        key = path[-1]
        owner = _model_at(model, path[:-1])
        hint = did_you_mean(key, list(owner.model_fields), limit=len(owner.model_fields)) if owner else ""
        parent = dotted(path[:-1])
        field = f"{parent}.{key}" if parent else str(key)  # not "[2026]", which would read as a list position
        return Problem(display, doc.line_of(path, key=True), field, f"unknown key {quote(key)[1:-1]}{hint}")
    if kind == "missing":
        return Problem(display, doc.line_of(path[:-1]), field, f"{quote(path[-1])} is required")
    if kind in ("string_type", "str_type"):
        hint = " (put it in quotes to make it text)" if isinstance(value, int | float | bool) else ""
        message = f"expected text, got {describe(value)}{hint}"
    elif kind.startswith("int_") or kind == "int_type":
        message = f"expected a whole number, got {describe(value)}"
    elif kind.startswith("float_") or kind == "float_type":
        message = f"expected a number, got {describe(value)}"
    elif kind.startswith("bool_"):
        message = f"expected true or false, got {describe(value)}"
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",") if o.strip(" '")]
        message = f"expected one of {', '.join(options)}; got {describe(value)}"
        if isinstance(value, str):
            close = did_you_mean(value, options)
            message += close if close.startswith("; did") else ""
    elif kind == "list_type":
        message = f"expected a list, got {describe(value)}"
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message = f"expected a mapping of keys and values, got {describe(value)}"
    elif kind == "too_short":
        message = "needs at least one entry"
    elif kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
    else:
        message = error["msg"]
    return Problem(display, line, field, message)

"""Importers: turn a CSV sheet or a Mermaid ``journey`` diagram into journey (and persona) files.

An importer never writes: it returns the files it would write, the problems
that stop the import (each with the source's line) and notes about what it
had to decide. What cannot be mapped is a problem or a note, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from journeymaps.cli.newfiles import NewFile
from journeymaps.model.corpus import Corpus
from journeymaps.model.load import load_corpus
from journeymaps.model.types import Vocabulary
from journeymaps.problems import Problem
from journeymaps.source.files import is_ignored

#: A journey id the importers accept: path parts of letters, digits, '-' and '_', separated by '/'.
JOURNEY_ID = re.compile(r"^(?![_.])[\w-]+(?:/(?![_.])[\w-]+)*$")


@dataclass
class Imported:
    """What an importer made of its source."""

    files: list[NewFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    vocabulary: str | None = None  # the new text of vocabulary.yml, when the import adds to it


@dataclass
class Context:
    """What the target journeys folder offers: its vocabulary and personas."""

    corpus: Corpus
    persona_ids: set[str]

    @property
    def vocabulary(self) -> Vocabulary | None:
        """The folder's vocabulary (None when it has problems)."""
        return self.corpus.vocabulary


def load_context(root: Path, base: Path | None = None) -> tuple[Context, list[Problem]]:
    """Read the target journeys folder; its vocabulary's problems stop an import."""
    corpus = load_corpus(root, display_base=base)
    personas = {Path(rel).stem for rel in _persona_files(corpus.root)}
    blocking = [p for p in corpus.problems if p.path.endswith("vocabulary.yml") or "journeys folder" in p.message]
    return Context(corpus, personas), blocking


def _persona_files(root: Path) -> list[str]:
    folder = root / "personas"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.glob("*.md") if not is_ignored(p.name))


def journey_id_problem(ident: str) -> str | None:
    """Why ``ident`` cannot be a journey id, or None when it can."""
    if not JOURNEY_ID.match(ident):
        return (f"'{ident}' cannot be a journey id: use parts of letters, digits, '-' and '_' separated by '/', "
                "none starting with '_' or '.'")
    if ident.split("/")[0] == "personas":
        return f"'{ident}' cannot be a journey id: the personas folder holds personas"
    return None

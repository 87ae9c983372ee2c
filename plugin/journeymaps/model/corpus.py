"""The loaded portfolio: the vocabulary, the valid personas and journeys, and the problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from journeymaps.model.types import Journey, Persona, Vocabulary
from journeymaps.problems import Problem
from journeymaps.source.document import Document


@dataclass
class Entry:
    """A source file: its id, where it is, its Markdown body and its line map."""

    id: str
    path: Path  # absolute
    rel: str  # path below the journeys folder, with '/'
    display: str  # path as shown in messages
    doc: Document
    body: str
    body_line: int


@dataclass
class PersonaEntry(Entry):
    """A persona file whose front matter is valid."""

    persona: Persona = None  # type: ignore[assignment]


@dataclass
class JourneyEntry(Entry):
    """A journey file whose front matter is valid."""

    journey: Journey = None  # type: ignore[assignment]

    @property
    def folder(self) -> str:
        """The folder of the journey below ``journeys/`` ('' at the top)."""
        return self.id.rpartition("/")[0]


@dataclass
class Corpus:
    """Everything read from one journeys folder."""

    root: Path
    vocabulary: Vocabulary | None = None
    personas: dict[str, PersonaEntry] = field(default_factory=dict)
    journeys: dict[str, JourneyEntry] = field(default_factory=dict)
    assets: list[str] = field(default_factory=list)  # non-Markdown files, relative to root
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no file has a problem."""
        return not self.problems

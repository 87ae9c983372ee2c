"""A journey as an importer makes it, before it is a file: phases of steps, and what goes into the narrative.

Every importer (Mermaid, the sheets) fills a :class:`DraftJourney`; this module
writes it: the front matter through ``source.writer.front_matter_file``, then the
narrative. What has no key of its own is kept in the narrative: under the
phase's heading (which attaches it to the phase) or under a heading of its own
at the end ("## Comments in the diagram", "## Imported columns").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journeymaps.cli.importers.lanes import STEP_KEYS
from journeymaps.cli.importers.stages import Heading
from journeymaps.cli.importers.vocabulary_edit import VocabularyPlan
from journeymaps.cli.mdtext import escape
from journeymaps.cli.newfiles import NewFile
from journeymaps.source.writer import front_matter_file


@dataclass
class DraftStep:
    """One step: its action, its other keys, and where it came from."""

    action: str
    where: str  # "line 7", "row 4", "column C"
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class DraftPhase:
    """The steps of one section (or one stage of a sheet) and the notes kept under its heading."""

    heading: Heading
    steps: list[DraftStep] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)  # a lead ("Also taking part:") -> Markdown items
    stage: str | None = None

    def note(self, lead: str, item: str) -> None:
        """Keep ``item`` (Markdown) in the narrative under this phase, in the list led by ``lead``."""
        self.notes.setdefault(lead, []).append(item)

    def absorb(self, other: DraftPhase) -> None:
        """Take in the steps and notes of ``other``, a phase on the same stage; the heading names both ("A; B")."""
        if other.heading.name.casefold() != self.heading.name.casefold():
            self.heading = Heading(f"{self.heading.name}; {other.heading.name}", self.heading.line,
                                   self.heading.where)
        self.steps += other.steps
        for lead, items in other.notes.items():
            self.notes.setdefault(lead, []).extend(items)


@dataclass
class DraftJourney:
    """A journey to write."""

    title: str
    ident: str
    display: str  # the source, as messages name it
    line: int
    persona: str | None = None
    type: str = "current"
    status: str = "draft"
    extra: dict[str, Any] = field(default_factory=dict)  # goal, scenario
    phases: list[DraftPhase] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)  # Markdown paragraphs
    sections: dict[str, list[str]] = field(default_factory=dict)  # heading at the end -> Markdown lines


def merge_adjacent(phases: list[DraftPhase], notes: list[str], display: str) -> list[DraftPhase]:
    """Phases on the same stage one after the other become one ("A; B"), with a note."""
    merged: list[DraftPhase] = []
    for phase in phases:
        if merged and merged[-1].stage == phase.stage:
            first = merged[-1]
            notes.append(f"{display}:{phase.heading.line}: '{phase.heading.name}' and '{first.heading.name}' are on "
                         f"the same stage '{phase.stage}' one after the other: one phase")
            first.absorb(phase)
        else:
            merged.append(phase)
    return merged


def _step(step: DraftStep) -> dict[str, Any]:
    data = {"action": step.action, **step.data}
    return {key: data[key] for key in STEP_KEYS if key in data and data[key] not in (None, [], "")}


def _heading(phase: DraftPhase, label: str, taken: set[str]) -> str:
    """The heading that attaches narrative to the phase: its name when Markdown shows it as written, else the id."""
    text = " ".join(label.split())
    return text if escape(text) == text and text.casefold() not in taken else str(phase.stage)


def _block(lead: str, items: list[str]) -> list[str]:
    return [lead, "", *[f"- {item}" for item in items], ""] if lead else [*items, ""]


def journey_text(draft: DraftJourney, plan: VocabularyPlan) -> str:
    """The journey file: front matter, then the introduction, the phases' notes and the sections at the end."""
    data: dict[str, Any] = {"title": draft.title, "persona": draft.persona, "type": draft.type,
                            "status": draft.status, **draft.extra}
    phases = []
    for phase in draft.phases:
        entry: dict[str, Any] = {"stage": phase.stage}
        name = " ".join(phase.heading.name.split())
        if name and name != plan.label("stages", str(phase.stage)):
            entry["name"] = name
        entry["steps"] = [_step(step) for step in phase.steps]
        phases.append(entry)
    data["phases"] = phases
    keys = {str(p.stage).casefold() for p in draft.phases} | {" ".join(p.heading.name.split()).casefold()
                                                              for p in draft.phases}
    lines: list[str] = []
    for paragraph in draft.intro:
        lines += [paragraph, ""]
    tails = {}
    for heading in draft.sections:
        tails[heading] = heading if heading.casefold() not in keys else f"{heading} (imported)"
    taken = {t.casefold() for t in tails.values()}
    for phase in draft.phases:
        label = " ".join(phase.heading.name.split()) or plan.label("stages", str(phase.stage))
        heading = _heading(phase, label, taken)
        taken.add(label.casefold())  # a later phase of the same name is attached by its stage id
        if not phase.notes:
            continue
        lines += [f"## {heading}", ""]
        for lead, items in phase.notes.items():
            lines += _block(lead, items)
    for heading, items in draft.sections.items():
        lines += [f"## {tails[heading]}", "", *items, ""]
    body = "\n".join(lines).rstrip("\n") + "\n" if lines else ""
    return front_matter_file(data, body)


def journey_file(draft: DraftJourney, plan: VocabularyPlan) -> NewFile:
    """The journey as a file to write, below the journeys folder."""
    return NewFile(f"{draft.ident}.md", journey_text(draft, plan))

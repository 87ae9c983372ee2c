"""One run of ``journeymaps import``: the options, the vocabulary and personas it may add to, what it made.

Every input file of the command is read into the same session, so two files
that name the same new stage or persona add it once, and nothing is written
unless every file can be imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from journeymaps.cli.importers import Context, Imported, journey_id_problem
from journeymaps.cli.importers.drafts import DraftJourney, journey_file
from journeymaps.cli.importers.people import Personas
from journeymaps.cli.importers.stages import SectionMap, StageResolver
from journeymaps.cli.importers.vocabulary_edit import VocabularyPlan
from journeymaps.cli.newfiles import NewFile
from journeymaps.model.addresses import slugify
from journeymaps.problems import Problem, did_you_mean
from journeymaps.wording import plural


@dataclass
class Settings:
    """What the user asked for on the command line."""

    persona: str | None = None
    create_personas: bool = False
    extend_vocabulary: bool = False
    sections: SectionMap = field(default_factory=SectionMap)
    scores: tuple[float, float] | None = None
    type: str = "current"
    ident: str | None = None
    title: str | None = None


class Session:
    """The state shared by the files of one import."""

    def __init__(self, context: Context, settings: Settings, vocabulary_text: str) -> None:
        assert context.vocabulary is not None
        self.context = context
        self.settings = settings
        self.plan = VocabularyPlan(context.vocabulary, vocabulary_text, settings.extend_vocabulary)
        self.people = Personas(context, settings.create_personas)
        self.stages = StageResolver(self.plan, settings.sections)
        self.result = Imported()
        self.drafts: list[DraftJourney] = []
        self.files: list[NewFile] = []  # files made whole by an importer (a sheet of our own export)
        self.option_persona: str | None = None
        self.option_checked = False

    def problem(self, display: str, line: int, where: str, message: str) -> None:
        """Record a problem that stops the import."""
        self.result.problems.append(Problem(display, line, where, message))

    def read_text(self, path: Path, display: str) -> str | None:
        """The text of an input file (a byte-order mark dropped); None, with a problem, when it is not UTF-8."""
        try:
            return path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            self.problem(display, 1, "", "the file is not UTF-8 text; save it as UTF-8")
            return None

    def note(self, message: str) -> None:
        """Record something the import decided, for the user to check."""
        if message not in self.result.notes:
            self.result.notes.append(message)

    def persona_option(self, display: str, line: int) -> str | None:
        """The persona ``--persona`` names (made with ``--create-personas``), or None with a problem."""
        wanted = self.settings.persona
        if wanted is None:
            return None
        if self.option_checked:
            return self.option_persona
        self.option_checked = True
        found = self.people.match(wanted)
        if found is None and self.settings.create_personas and self.people.is_id(wanted):
            found = self.people.add(wanted, "`--persona " + wanted + "`", ident=wanted)
        elif found is None:
            self.problem(display, line, "persona", f"unknown persona '{wanted}'{did_you_mean(wanted, self.people.ids)}"
                                                   " (--create-personas writes a new one)")
        self.option_persona = found
        return found

    def journey_id(self, display: str, line: int, title: str, ident: str | None = None) -> str | None:
        """The id of a new journey: ``ident`` or the title's slug, unique within this import."""
        chosen = ident or slugify(title).lstrip("_-") or "imported-journey"
        why = journey_id_problem(chosen)
        if why is not None:
            self.problem(display, line, "title" if ident is None else "id", why + "; name it with --id")
            return None
        taken = {draft.ident for draft in self.drafts}
        base, n = chosen, 2
        while chosen in taken:
            chosen, n = f"{base}-{n}", n + 1
        if chosen != base:
            self.note(f"{display}:{line}: a map of this import is called '{base}' already; this one is '{chosen}'")
        return chosen

    def finish(self) -> Imported:
        """What to write: the journeys, the new personas and the vocabulary (when something was added)."""
        result = self.result
        for option in self.settings.sections.unused():
            self.note(f"--section '{option}' names no section of the input")
        if (self.settings.ident or self.settings.title) and len(self.drafts) > 1:
            second = self.drafts[1]
            self.problem(second.display, second.line, "", f"the input has {len(self.drafts)} maps; --id and --title "
                                                          "name one map: import them one by one")
        if result.problems:
            result.problems.sort()
            return result
        result.files = [*self.files, *(journey_file(draft, self.plan) for draft in self.drafts)]
        result.files += self.people.files()
        result.vocabulary = self.plan.edited()
        if self.plan.added:
            by_kind: dict[str, list[str]] = {}
            for kind, ident, name in self.plan.added:
                by_kind.setdefault(kind, []).append(f"{name} ({ident})" if name != ident else ident)
            for kind, names in by_kind.items():
                self.note(f"vocabulary.yml: {plural(len(names), kind[:-1])} added: {', '.join(names)}")
        return result

"""Import Mermaid user-journey diagrams (``journey``) as journey maps.

    journey
      title My working day
      section Go to work
        Make tea: 5: Me
        Do work: 1: Me, Cat

``mermaid_text.py`` and ``mermaid_diagram.py`` read a diagram exactly as
Mermaid does; this module maps it onto the journeys folder:

* ``title`` is the map's title (else the front matter's, else ``accTitle``);
  ``accDescr`` is the introduction. Sections become phases (``stages.py``);
  tasks become steps; scores go onto the emotion scale (``scores.py``).
* The human actor of most tasks is the persona (``--persona`` names it);
  other people are named under their phase in the narrative (persona files
  only with ``--create-personas``); system actors go into the step's systems
  lane (``lanes.py``) and are never personas.
* Comments, text Mermaid drops after a third ``:`` and scores that are not
  exact on the scale are kept in the narrative, so nothing is lost.

A file may hold several diagrams (Markdown with ```` ```mermaid ```` blocks):
each ``journey`` with tasks is a map; each other block gets a note.
"""

from __future__ import annotations

import re
from collections import Counter

from journeymaps.cli.importers.drafts import DraftJourney, DraftPhase, DraftStep, merge_adjacent
from journeymaps.cli.importers.lanes import SUPPORT_KEY
from journeymaps.cli.importers.mermaid_diagram import Diagram, Task, read
from journeymaps.cli.importers.mermaid_text import Cleaned, blocks, clean
from journeymaps.cli.importers.people import is_system, made_for
from journeymaps.cli.importers.scores import MERMAID_RANGE, js_number, map_score, show
from journeymaps.cli.importers.session import Session
from journeymaps.cli.importers.stages import Heading, check_order
from journeymaps.cli.importers.vocabulary_edit import make_id
from journeymaps.cli.mdtext import code, escape
from journeymaps.wording import plural, verb

_BREAK = re.compile(r"<\s*/?\s*br\s*/?\s*>", re.IGNORECASE)
_QUOTES = (('"', '"'), ("'", "'"), ("“", "”"), ("‘", "’"))


def tidy(text: str) -> str:
    """A name as one line: ``<br>`` as a space, white space collapsed."""
    return " ".join(_BREAK.sub(" ", text).split())


def tidy_title(text: str) -> str:
    """A title without the quotes Mermaid would show around it."""
    text = tidy(text)
    for left, right in _QUOTES:
        if len(text) > 1 and text.startswith(left) and text.endswith(right):
            return text[1:-1].strip()
    return text


def import_mermaid(text: str, display: str, source_name: str, session: Session) -> None:
    """Read every diagram of a file into the session: importable ones as drafts, the others as notes."""
    found, fenced = blocks(text, markdown=source_name.lower().endswith((".md", ".markdown")))
    diagrams: list[tuple[Cleaned, Diagram]] = []
    for block in found:
        cleaned = clean(block)
        if cleaned.kind is None and cleaned.problems:  # front matter that is never closed, or broken
            for line, message in cleaned.problems:
                session.problem(display, line, "", message)
            continue
        if not (cleaned.kind or "").lower().startswith("journey"):
            kind = f"a {cleaned.kind} diagram" if cleaned.kind else "an empty block"
            if fenced:
                session.note(f"{display}:{block.first_line}: {kind}, not a journey: skipped")
            elif not cleaned.text.strip():
                session.problem(display, 1, "", "the file is empty; a Mermaid journey diagram starts with 'journey'")
            else:
                session.problem(display, cleaned.line_of(len(cleaned.text) - len(cleaned.text.lstrip())), "",
                                f"this is not a Mermaid journey diagram: it must start with 'journey'"
                                f"{f' (it is {kind})' if cleaned.kind else ''}")
            continue
        diagrams.append((cleaned, read(cleaned)))
    with_tasks = [(c, d) for c, d in diagrams if d.tasks]
    for cleaned, diagram in diagrams:
        if diagram.tasks:
            continue
        for line, message in diagram.problems + cleaned.problems:
            session.problem(display, line, "", message)
        name = f"the diagram '{tidy_title(diagram.title)}'" if diagram.title else "the diagram"
        if fenced:
            session.note(f"{display}:{diagram.line}: {name} has no tasks; nothing to import")
        elif not diagram.problems:
            session.problem(display, diagram.line, "", f"{name} has no tasks; nothing to import (a task is "
                                                       "written 'Task: score: Actor, Actor' under a section)")
    if fenced and not with_tasks:
        session.problem(display, 1, "", "the file has no ```mermaid block with a journey diagram that has tasks; "
                                        "nothing to import")
    if len(with_tasks) > 1 and (session.settings.ident or session.settings.title):
        session.problem(display, with_tasks[1][1].line, "", f"the file has {len(with_tasks)} diagrams; --id and "
                                                            "--title name one map: import the diagrams one by one")
        return
    for cleaned, diagram in with_tasks:
        DiagramImport(cleaned, diagram, display, source_name, session, fenced).run()


class DiagramImport:
    """One diagram onto the journeys folder."""

    def __init__(self, cleaned: Cleaned, diagram: Diagram, display: str, source: str, session: Session,
                 fenced: bool) -> None:
        self.cleaned, self.diagram, self.display, self.source = cleaned, diagram, display, source
        self.session, self.fenced = session, fenced
        self.problems: list[tuple[int, str, str]] = []  # (line, field, message)
        self.others: dict[str, str | None] = {}  # people other than the persona -> their persona id, if any

    def note(self, line: int | None, message: str) -> None:
        """A note about this diagram (with the file line when there is one)."""
        self.session.note(f"{self.display}:{line}: {message}" if line else f"{self.display}: {message}")

    def run(self) -> None:
        """Map the diagram; its draft is added to the session when nothing stops it."""
        diagram, session = self.diagram, self.session
        for line, message in diagram.problems + self.cleaned.problems:
            session.problem(self.display, line, "", message)
        for line, message in diagram.notes:
            self.note(line, message)
        if self.cleaned.settings:
            names = ", ".join(what for _, what in self.cleaned.settings)
            self.note(self.cleaned.settings[0][0], f"{names} only set how Mermaid draws the diagram; not imported")
        draft = self._draft()
        persona = self._persona()
        phases = self._phases(draft)
        for line, field, message in self.problems:
            session.problem(self.display, line, field, message)
        if draft is None or phases is None or persona is None or self.problems:
            return
        draft.persona = persona
        draft.phases = phases
        session.drafts.append(draft)

    def _draft(self) -> DraftJourney | None:
        diagram, settings = self.diagram, self.session.settings
        titles = [(line, tidy_title(text)) for line, text in diagram.titles if tidy_title(text)]
        accessible = [(line, tidy(text)) for line, text in diagram.acc_titles if tidy(text)]
        if settings.title:
            title, title_line = settings.title, diagram.line
        elif titles or accessible:
            title_line, title = (titles or accessible)[-1]
        else:
            title = self.source.rsplit(".", 1)[0].replace("-", " ").replace("_", " ").strip().capitalize()
            title_line = diagram.line
            self.note(diagram.line, f"the diagram has no title; the map is called '{title}' (change it with --title)")
        ident = self.session.journey_id(self.display, title_line, title, settings.ident)
        if ident is None:
            return None
        where = f" (line {diagram.line})" if self.fenced else ""
        draft = DraftJourney(title, ident, self.display, diagram.line, type=settings.type)
        draft.intro.append(f"Imported from the Mermaid diagram {code(self.source)}{where} with `journeymaps "
                           "import`.")
        for _, text in diagram.acc_descriptions:
            if text.strip():
                draft.intro.append("\n".join(escape(line) for line in text.split("\n") if line.strip()))
        named = [("title", "Also titled", line, text) for line, text in titles]
        named += [("accessible title (accTitle)", "Accessible title", line, text) for line, text in accessible]
        for what, lead, line, text in named:
            if text == title:
                continue
            self.note(line, f"the {what} '{text}' is not the map's title ('{title}'); it is kept in the introduction")
            draft.intro.append(f"{lead} (line {line}): {escape(text)}")
        if diagram.comments:
            draft.sections["Comments in the diagram"] = [f"- Line {line}: {escape(text)}"
                                                         for line, text in diagram.comments]
            self.note(None, f"{plural(len(diagram.comments), 'comment')} kept in the narrative under "
                            "'## Comments in the diagram'")
        return draft

    def _headings(self) -> list[tuple[Heading, list[Task]]]:
        """Each section with its tasks; tasks before the first section join it; a section without tasks is left
        out with a note."""
        diagram = self.diagram
        groups = [(Heading(tidy(s.text), s.line, f"line {s.line}"), [t for t in diagram.tasks if t.section == i])
                  for i, s in enumerate(diagram.sections)]
        early = [t for t in diagram.tasks if t.section < 0]
        if early and groups:
            first = next((g for g in groups if g[1]), groups[0])
            first[1][:0] = early
            joins = verb(len(early), "joins", "join")
            self.note(early[0].line, f"{plural(len(early), 'task')} before the first section {joins} the section "
                                     f"'{first[0].name}' ({first[0].where})")
        elif early:
            groups = [(Heading("", early[0].line, f"line {early[0].line}"), early)]
        for heading, tasks in groups:
            if not tasks:
                self.note(heading.line, f"the section '{heading.name}' has no tasks; no phase is made of it")
        return [(heading, tasks) for heading, tasks in groups if tasks]

    def _phases(self, draft: DraftJourney | None) -> list[DraftPhase] | None:
        session = self.session
        groups = self._headings()
        headings = [heading for heading, _ in groups]
        if headings and headings[0].name == "" and len(headings) == 1:
            option = session.settings.sections.lookup("", 1)
            stages = [option[0] if option else session.plan.ids("stages")[0]]
            if option is None:
                self.note(headings[0].line, f"the diagram has no sections; its tasks are one phase on the first "
                                            f"stage '{stages[0]}' (choose another with --section '=STAGE')")
        else:
            found: list[tuple[int, str]] = []
            stages = session.stages.resolve(headings, found)
            found += check_order(headings, stages, session.plan)
            self.problems += [(line, "section", message) for line, message in found]
        phases = []
        for (heading, tasks), stage in zip(groups, stages, strict=True):
            phase = DraftPhase(heading, stage=stage)
            phase.steps = [self._step(task, phase) for task in tasks]
            phases.append(phase)
        if any(stage is None for stage in stages) or draft is None:
            return None
        merged: list[str] = []
        phases = merge_adjacent(phases, merged, self.display)
        for message in merged:
            session.note(message)
        return phases

    def _step(self, task: Task, phase: DraftPhase) -> DraftStep:
        action = tidy(task.text)
        step = DraftStep(action, f"line {task.line}")
        if not action:
            self.problems.append((task.line, "task", "the task has no text; write 'Task: score: Actor'"))
        score = task.score.strip()
        scale = self.session.plan.scale
        source = self.session.settings.scores or MERMAID_RANGE
        value = js_number(score)
        if not score:
            self.note(task.line, f"'{action}' has no score; the step has no emotion")
        elif value is None:
            self.problems.append((task.line, "score", f"the score '{score}' of '{action}' is not a number; Mermaid "
                                                      f"scores run from {show(source[0])} to {show(source[1])} (a "
                                                      "task is written 'Task: score: Actor, Actor')"))
        else:
            mapped = map_score(value, scale, source)
            step.data["emotion"] = mapped.emotion
            if not mapped.is_exact:
                phase.note("Scores as written:", f"{escape(action)}: {escape(score)}")
            if mapped.clamped:
                self.note(task.line, f"the score {score} of '{action}' lies outside {show(source[0])}.."
                                     f"{show(source[1])}: written as {mapped.emotion}, the end of the scale; if the "
                                     "diagram uses another range, give it with --scores MIN..MAX")
            elif not mapped.is_exact:
                self.note(task.line, f"the score {score} of '{action}' is {show(mapped.exact)} on the scale "
                                     f"{scale.min}..{scale.max}; written as {mapped.emotion}")
        systems = list(dict.fromkeys(a for a in task.actors if a and is_system(a, self.session.plan)))
        if systems:
            step.data[SUPPORT_KEY] = systems
        people = [a for a in dict.fromkeys(task.actors) if a in self.others]
        if people:
            named = ", ".join(escape(a) + (f" (persona `{self.others[a]}`)" if self.others[a] else "") for a in people)
            phase.note("Also taking part:", f"{escape(action)}: {named}")
        for dropped in task.dropped:
            if dropped.strip():
                phase.note("Text after a third ':' (Mermaid does not show it):",
                           f"{escape(action)}: {escape(dropped.strip())}")
                self.note(task.line, f"'{dropped.strip()}' after a third ':' is not shown by Mermaid; it is kept in "
                                     "the narrative")
        return step

    def _people(self) -> Counter[str]:
        """How many tasks name each person (not system, not empty)."""
        plan = self.session.plan
        return Counter(a for task in self.diagram.tasks
                       for a in dict.fromkeys(task.actors) if a and not is_system(a, plan))

    def _persona(self) -> str | None:
        """The persona of the map; the other people are written under their phases (or made personas)."""
        session, diagram = self.session, self.diagram
        people = self._people()
        main = max(people, key=lambda a: people[a]) if people else None
        systems = list(dict.fromkeys(a for t in diagram.tasks for a in t.actors if a and is_system(a, session.plan)))
        if systems:
            self.note(None, f"system actors, on their steps under '{SUPPORT_KEY}' and not made personas: "
                            f"{', '.join(systems)}")
        if session.settings.persona:
            persona = session.persona_option(self.display, diagram.line)
        elif main is None:
            self.problems.append((diagram.line, "persona", "no task names a person (only systems, or no actor); "
                                                           "name the journey's persona with --persona ID"))
            return None
        else:
            persona = session.people.match(main)
            if persona is None and session.settings.create_personas:
                persona = session.people.add(main, made_for("the actor", main, self.source))
            elif persona is None:
                first = next(t.line for t in diagram.tasks if main in t.actors)
                self.problems.append((first, "actor", f"the actor '{main}' (in most tasks) is not a persona; name the "
                                                      "persona with --persona ID, or add --create-personas to "
                                                      f"write personas/{make_id(main, set(), 'persona')}.md"))
                return None
        if persona is None:
            return None
        self._others(main, persona)
        return persona

    def _others(self, main: str | None, persona: str) -> None:
        """Name the people other than the persona under their phases; make them personas with --create-personas."""
        session = self.session
        others = [a for a in self._people() if a != main and session.people.match(a) != persona]
        ids = {}
        for actor in others:
            ids[actor] = session.people.match(actor)
            if ids[actor] is None and session.settings.create_personas:
                ids[actor] = session.people.add(actor, made_for("the actor", actor, self.source))
        if others and not session.settings.create_personas and any(v is None for v in ids.values()):
            self.note(None, f"people other than the persona, named in the narrative under their phases "
                            f"(--create-personas writes persona files for them): {', '.join(others)}")
        self.others = ids

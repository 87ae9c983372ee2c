"""Import a Mermaid user-journey diagram (``journey``) as a journey map.

    journey
      title My working day
      section Go to work
        Make tea: 5: Me
        Do work: 1: Me, Cat

* ``title`` is the map's title; ``section`` lines become phases, matched to
  a vocabulary stage by id or name (or by ``--section NAME=STAGE``); the
  section's text stays the phase's name.
* A task ``Name: score: Actor, Actor`` becomes a step; the score (a whole
  number from 1 to 5) is mapped linearly onto the emotion scale, rounded to
  the nearest whole number.
* The actor of most tasks is the journey's persona (``--persona`` names it);
  every actor is matched to a persona by id or name. With
  ``--create-personas`` a persona file is written for each actor that has
  none; otherwise an unknown main actor stops the import and the other
  actors are noted. Who else takes part in a step is written in the
  narrative under the phase's heading, so nothing is lost.

The source may be a ``.mmd`` file or a Markdown file with ```` ```mermaid ````
blocks; each ``journey`` block becomes one map, and other diagrams are
skipped with a note. Every problem is reported in one run where it can be
found on its own, and titles or descriptions that are not used are noted.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from journeymaps.cli.importers import Context, Imported, journey_id_problem
from journeymaps.cli.mdtext import code as _code
from journeymaps.cli.mdtext import escape as _md
from journeymaps.cli.newfiles import NewFile
from journeymaps.model.addresses import slugify
from journeymaps.problems import Problem, did_you_mean
from journeymaps.source.writer import front_matter_file

SCORES = (1, 5)
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*mermaid\s*$")


@dataclass
class Options:
    """What the user said on the command line."""

    ident: str | None = None
    title: str | None = None
    persona: str | None = None
    type: str = "current"
    sections: dict[str, str] = field(default_factory=dict)
    create_personas: bool = False
    source_name: str = "diagram"


@dataclass
class Task:
    """One task line of the diagram."""

    name: str
    score: int
    actors: list[str]
    line: int


@dataclass
class Section:
    """One ``section`` of the diagram."""

    name: str
    line: int
    tasks: list[Task] = field(default_factory=list)
    lines: int = 0  # lines written under it, tasks or not


@dataclass
class Diagram:
    """A parsed ``journey`` diagram."""

    line: int  # of the 'journey' keyword
    title: str | None = None
    title_line: int = 0
    description: str | None = None
    sections: list[Section] = field(default_factory=list)
    #: every title and description written, as (what, line, text): one of each is used, the others noted
    titles: list[tuple[str, int, str]] = field(default_factory=list)
    descriptions: list[tuple[str, int, str]] = field(default_factory=list)


def parse_section_options(values: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    """``("Go to work=awareness", ...)`` -> {"Go to work": "awareness"}; malformed ones are reported."""
    mapping, problems = {}, []
    for value in values:
        name, sep, stage = value.rpartition("=")
        if not sep or not name.strip() or not stage.strip():
            problems.append(f"--section '{value}' must be written NAME=STAGE, e.g. --section 'Go to work=awareness'")
        else:
            mapping[name.strip()] = stage.strip()
    return mapping, problems


# --- reading the diagram ---------------------------------------------------------------


def blocks(text: str, markdown: bool = False) -> tuple[list[tuple[int, list[str]]], bool]:
    """The diagram sources in ``text`` as (line offset, lines), and whether they come from ```mermaid blocks.

    A Markdown file (``markdown``, or any file with a ```mermaid block) gives
    its blocks, possibly none; any other file is one diagram.
    """
    lines = text.splitlines()
    found = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if match:
            fence = match.group(2)
            end = next((j for j in range(i + 1, len(lines)) if lines[j].strip().startswith(fence[0] * len(fence))),
                       len(lines))
            found.append((i + 1, lines[i + 1:end]))
            i = end + 1
        else:
            i += 1
    if found or markdown:
        return found, True
    return [(0, lines)], False


def diagram_kind(lines: list[str]) -> str | None:
    """The diagram's type keyword (``journey``, ``flowchart``...), after any front matter and comments."""
    index = 0
    if lines and lines[0].strip() == "---":
        index = next((j + 1 for j in range(1, len(lines)) if lines[j].strip() == "---"), len(lines))
    for line in lines[index:]:
        text = line.strip()
        if text and not text.startswith("%%"):
            return text.split(None, 1)[0]
    return None


def parse(lines: list[str], offset: int, display: str, problems: list[Problem],
          notes: list[str] | None = None) -> Diagram | None:
    """Read one diagram; problems name the file line, and notes say what was written but is not used."""
    notes = [] if notes is None else notes

    def problem(index: int, where: str, message: str) -> None:
        problems.append(Problem(display, offset + index + 1, where, message))

    index = 0
    if index < len(lines) and lines[index].strip() == "---":  # Mermaid front matter: title and config
        end = next((j for j in range(1, len(lines)) if lines[j].strip() == "---"), None)
        front_title = None
        if end is None:
            problem(0, "", "the diagram's front matter opened here is never closed with '---'")
            return None
        for j in range(1, end):
            match = re.match(r"^title:\s*(.*?)\s*$", lines[j])
            if match:
                front_title = (j, match.group(1).strip("'\""))
        index = end + 1
    else:
        front_title = None
    body = [(i, line.strip()) for i, line in enumerate(lines) if i >= index]
    body = [(i, line) for i, line in body if line and not line.startswith("%%")]
    if not body or body[0][1].split(None, 1)[0] != "journey":
        first = body[0][0] if body else 0
        problem(first, "", "this is not a Mermaid user-journey diagram: its first line must be 'journey'")
        return None
    diagram = Diagram(line=offset + body[0][0] + 1)
    if front_title:
        diagram.titles.append(("front matter's title", offset + front_title[0] + 1, front_title[1]))
    rest = body[0][1][len("journey"):].strip()
    if rest:
        problem(body[0][0], "", f"unexpected text after 'journey': '{rest}'")
    section: Section | None = None
    items = iter(body[1:])
    for i, line in items:
        keyword, _, value = line.partition(" ")
        value = value.strip()
        if keyword == "title":
            diagram.titles.append(("title", offset + i + 1, value))
        elif line.startswith("accTitle"):
            diagram.titles.append(("accTitle", offset + i + 1, line.partition(":")[2].strip()))
        elif line.startswith("accDescr") and "{" in line:
            text = []
            for _j, more in items:
                if more.startswith("}"):
                    break
                text.append(more)
            diagram.descriptions.append(("accDescr", offset + i + 1, " ".join(text)))
        elif line.startswith("accDescr"):
            diagram.descriptions.append(("accDescr", offset + i + 1, line.partition(":")[2].strip()))
        elif keyword == "section":
            if not value:
                problem(i, "section", "the section has no name; write 'section <name>'")
            section = Section(value, offset + i + 1)
            diagram.sections.append(section)
        elif ":" in line:
            if section is not None:
                section.lines += 1
            task = _task(line, offset + i + 1, display, problems)
            if task is None:
                continue
            if section is None:
                problem(i, "task", f"the task '{task.name}' comes before any section; put it under a "
                                   "'section <stage name>' line")
                continue
            section.tasks.append(task)
        else:
            if section is not None:
                section.lines += 1
            problem(i, "", f"'{line}' is not understood here: expected 'title <text>', 'section <name>' or a "
                           "task 'Task name: score: Actor, Actor'")
    _choose_title(diagram, display, notes)
    for each in diagram.sections:
        if each.name and not each.lines:
            problems.append(Problem(display, each.line, "section", f"the section '{each.name}' has no tasks; "
                                                                    "a phase needs at least one step"))
    if not diagram.sections and not problems:
        problem(body[0][0], "", "the diagram has no sections; a journey needs at least one phase")
    return diagram


#: Which of the titles written names the map: a 'title' line, else the front matter's, else 'accTitle'.
_TITLE_ORDER = ("title", "front matter's title", "accTitle")


def _choose_title(diagram: Diagram, display: str, notes: list[str]) -> None:
    """Take the title and description from what the diagram wrote, and note each other one, which is not used."""
    # as in Mermaid, a later line of the same kind wins
    titles = sorted((t for t in diagram.titles if t[2]), key=lambda t: (_TITLE_ORDER.index(t[0]), -t[1]))
    if titles:
        _, diagram.title_line, diagram.title = titles[0]
    for what, line, text in titles[1:]:
        notes.append(f"{display}:{line}: the {what} '{text}' is not used: the map's title is '{diagram.title}' "
                     f"(line {diagram.title_line}); change it with --title")
    if diagram.descriptions:
        _, used, diagram.description = diagram.descriptions[-1]
        for what, line, text in diagram.descriptions[:-1]:
            notes.append(f"{display}:{line}: the {what} '{text}' is not used: the introduction is the {what} of "
                         f"line {used}")


def _task(line: str, number: int, display: str, problems: list[Problem]) -> Task | None:
    name, _, data = line.partition(":")
    name = name.strip()
    pieces = data.split(":")
    score_text = pieces[0].strip()
    actors = [a.strip() for a in pieces[1].split(",")] if len(pieces) > 1 else []
    if not name:
        problems.append(Problem(display, number, "task", "the task has no name; write 'Task name: score: Actor'"))
        return None
    if len(pieces) > 2:
        problems.append(Problem(display, number, "task", f"the task '{name}' has more than two ':'; "
                                                         "write 'Task name: score: Actor, Actor'"))
        return None
    if not re.fullmatch(r"[+-]?\d+", score_text):
        got = f"'{score_text}'" if score_text else "nothing"
        problems.append(Problem(display, number, "score", f"the score of '{name}' must be a whole number from "
                                                          f"{SCORES[0]} to {SCORES[1]}, got {got}"))
        return None
    score = int(score_text)
    if not SCORES[0] <= score <= SCORES[1]:
        problems.append(Problem(display, number, "score", f"the score of '{name}' is {score}; scores go from "
                                                          f"{SCORES[0]} to {SCORES[1]}"))
        return None
    if any(not actor for actor in actors):
        problems.append(Problem(display, number, "actor", f"the task '{name}' has an empty actor; "
                                                          "separate actors with one ','"))
        return None
    return Task(name, score, actors, number)


# --- mapping it onto the vocabulary ------------------------------------------------------


def emotion_of(score: int, low: int, high: int) -> int:
    """The score 1..5 mapped linearly onto ``low..high``, rounded half away from the middle."""
    exact = low + (score - SCORES[0]) * (high - low) / (SCORES[1] - SCORES[0])
    middle = (low + high) / 2
    return math.floor(exact + 0.5) if exact >= middle else math.ceil(exact - 0.5)


def import_mermaid(text: str, display: str, context: Context, options: Options) -> Imported:
    """The journey (and persona) files a diagram describes, or the problems that stop its import."""
    result = Imported()
    found, fenced = blocks(text, markdown=options.source_name.lower().endswith((".md", ".markdown")))
    if fenced:  # in Markdown, other diagrams (a flowchart beside the journey) are skipped, with a note
        for offset, lines in found:
            kind = diagram_kind(lines)
            if kind != "journey":
                result.notes.append(f"{display}:{offset}: skipped a ```mermaid block that is not a user-journey "
                                    f"diagram ({kind or 'empty'})")
        found = [(offset, lines) for offset, lines in found if diagram_kind(lines) == "journey"]
        if not found:
            result.problems.append(Problem(display, 1, "", "the file has no ```mermaid block with a user-journey "
                                                           "diagram (its first line must be 'journey')"))
            return result
    diagrams = []
    for offset, lines in found:
        before = len(result.problems)
        diagram = parse(lines, offset, display, result.problems, result.notes)
        if diagram is not None:
            diagrams.append((diagram, len(result.problems) > before))
    if len(diagrams) > 1 and (options.ident or options.title):
        result.problems.append(Problem(display, diagrams[1][0].line, "", f"the file has {len(diagrams)} diagrams; "
                                       "--id and --title name one map: import the diagrams one by one"))
    personas: dict[str, str] = {}  # persona id -> file text, for the actors without one
    for diagram, broken in diagrams:
        if broken:  # the sections can still be checked: every problem shows in one run
            _phases(diagram, display, context, options, result)
        else:
            _map(diagram, display, context, options, result, personas)
    if not result.problems:
        result.files += [NewFile(f"personas/{pid}.md", text) for pid, text in sorted(personas.items())]
    result.problems.sort()
    return result


def _stage_for(name: str, context: Context, options: Options) -> str | None:
    if name in options.sections:
        return options.sections[name]
    key = name.casefold()
    for term in context.vocabulary.stages:
        if key in (term.id.casefold(), term.label.casefold()) or slugify(name) == term.id:
            return term.id
    return None


def _persona_for(actor: str, context: Context) -> str | None:
    key = actor.casefold()
    for pid in sorted(context.persona_ids):
        entry = context.corpus.personas.get(pid)
        names = {pid.casefold()}
        if entry is not None:
            names |= {entry.persona.name.casefold(), entry.persona.name.split(",")[0].strip().casefold()}
        if key in names or slugify(actor) == pid:
            return pid
    return None


def _map(diagram: Diagram, display: str, context: Context, options: Options, result: Imported,
         personas: dict[str, str]) -> None:
    problems = result.problems
    title = options.title or diagram.title
    if not title:
        title = options.source_name.rsplit(".", 1)[0].replace("-", " ").replace("_", " ").strip().capitalize()
        result.notes.append(f"{display}: the diagram has no title; the map is called '{title}' (use --title)")
    ident = options.ident or slugify(title)
    if (why := journey_id_problem(ident)) is not None:
        problems.append(Problem(display, diagram.title_line or diagram.line, "title", why + "; name one with --id"))
    phases, placed = _phases(diagram, display, context, options, result)
    persona, main_actor, actor_ids = _persona_and_actors(diagram, display, context, options, result, personas)
    if problems or persona is None:
        return
    data: dict[str, Any] = {"title": title, "persona": persona, "type": options.type, "status": "draft"}
    data["phases"] = phases
    body = _narrative(diagram, placed, main_actor, actor_ids, options, context.vocabulary)
    result.files.append(NewFile(f"{ident}.md", front_matter_file(data, body)))


def _phases(diagram: Diagram, display: str, context: Context, options: Options,
            result: Imported) -> tuple[list[dict[str, Any]], list[tuple[Section, str]]]:
    """The phases the sections become, and each section placed with its stage; what does not fit is a problem."""
    vocabulary = context.vocabulary
    stage_ids = [t.id for t in vocabulary.stages]
    order = {sid: i for i, sid in enumerate(stage_ids)}
    problems = result.problems
    phases: list[dict[str, Any]] = []
    placed: list[tuple[Section, str]] = []
    seen: dict[str, Section] = {}
    last = -1
    for section in diagram.sections:
        stage = _stage_for(section.name, context, options)
        if stage is None:
            problems.append(Problem(display, section.line, "section",
                                    f"the section '{section.name}' is not a stage of the vocabulary"
                                    f"{did_you_mean(section.name, stage_ids)}; map it with "
                                    f"--section '{section.name}=<stage id>'"))
            continue
        if stage not in order:
            problems.append(Problem(display, section.line, "section",
                                    f"--section maps '{section.name}' to '{stage}', which is not a stage id"
                                    f"{did_you_mean(stage, stage_ids)}"))
            continue
        if stage in seen:
            problems.append(Problem(display, section.line, "section",
                                    f"the section '{section.name}' maps to the stage '{stage}' like the section "
                                    f"'{seen[stage].name}' on line {seen[stage].line}; a stage may appear once "
                                    "per journey: merge them or map one to another stage"))
            continue
        if order[stage] < last:
            problems.append(Problem(display, section.line, "section",
                                    f"the section '{section.name}' maps to the stage '{stage}', which comes before "
                                    f"the stage of the section above it; sections must follow the vocabulary's "
                                    f"stages: {', '.join(stage_ids)}"))
            continue
        seen[stage], last = section, order[stage]
        phase: dict[str, Any] = {"stage": stage}
        if section.name != vocabulary.index("stages")[stage].label:
            phase["name"] = section.name
        phase["steps"] = [_step(task, vocabulary.emotion_scale, result, display) for task in section.tasks]
        phases.append(phase)
        placed.append((section, stage))
    return phases, placed


def _persona_and_actors(diagram: Diagram, display: str, context: Context, options: Options, result: Imported,
                        personas: dict[str, str]) -> tuple[str | None, str | None, dict[str, str | None]]:
    """The journey's persona, its main actor and the persona id of each actor (None: no persona)."""
    problems = result.problems
    actors = Counter(actor for section in diagram.sections for task in section.tasks for actor in task.actors)
    main_actor = max(actors, key=lambda a: actors[a]) if actors else None  # Counter keeps first-seen order on ties
    persona = options.persona
    if persona is not None and persona not in context.persona_ids:
        problems.append(Problem(display, diagram.line, "persona",
                                f"unknown persona '{persona}'{did_you_mean(persona, context.persona_ids)}"))
        return None, main_actor, {}
    actor_ids: dict[str, str | None] = {}
    for actor in actors:
        actor_ids[actor] = persona if (persona and actor == main_actor) else _persona_for(actor, context)
    if persona is None:
        if main_actor is None:
            problems.append(Problem(display, diagram.line, "persona", "the tasks name no actors; name the "
                                                                      "journey's persona with --persona"))
            return None, None, actor_ids
        persona = actor_ids[main_actor]
    for actor, pid in actor_ids.items():
        if pid is not None:
            continue
        new_id = slugify(actor)
        first = next(t.line for s in diagram.sections for t in s.tasks if actor in t.actors)
        if options.create_personas and new_id and not new_id.startswith("_"):
            actor_ids[actor] = new_id
            personas.setdefault(new_id, front_matter_file(
                {"name": actor},
                body=f"Created by `journeymaps import` for the actor {_md(actor)} of {_code(options.source_name)}. "
                     "Describe the persona here.\n"))
        elif actor == main_actor:
            problems.append(Problem(display, first, "actor",
                                    f"the actor '{actor}' (in most tasks) is not a persona"
                                    f"{did_you_mean(actor, context.persona_ids)}; name the persona with --persona, "
                                    "or add --create-personas to write one"))
        else:
            result.notes.append(f"{display}:{first}: the actor '{actor}' is not a persona; it is kept in the "
                                "narrative (add --create-personas to write a persona file for it)")
    return persona or actor_ids.get(main_actor), main_actor, actor_ids


def _step(task: Task, scale, result: Imported, display: str) -> dict[str, Any]:
    emotion = emotion_of(task.score, scale.min, scale.max)
    exact = scale.min + (task.score - 1) * (scale.max - scale.min) / 4
    if emotion != exact:
        result.notes.append(f"{display}:{task.line}: the score {task.score} of '{task.name}' is {exact:g} on the "
                            f"scale {scale.min}..{scale.max}; rounded to {emotion}")
    return {"action": task.name, "emotion": emotion}


def _narrative(diagram: Diagram, placed: list[tuple[Section, str]], main_actor: str | None,
               actor_ids: dict[str, str | None], options: Options, vocabulary) -> str:
    """An introduction naming the source, and under each phase's heading (its stage id) who else takes part."""
    lines = [f"Imported from the Mermaid diagram {_code(options.source_name)} with `journeymaps import`: "
             f"task scores 1 to 5 are mapped onto the emotion scale {vocabulary.emotion_scale.min} to "
             f"{vocabulary.emotion_scale.max}."]
    if diagram.description:
        lines += ["", _md(diagram.description)]
    persona = actor_ids.get(main_actor) if main_actor else None

    def other(actor: str) -> bool:  # another person than the journey's persona
        return actor != main_actor and (persona is None or actor_ids.get(actor) != persona)

    for section, stage in placed:
        others = [(task, [a for a in task.actors if other(a)]) for task in section.tasks]
        others = [(task, actors) for task, actors in others if actors]
        if not others:
            continue
        lines += ["", f"## {stage}", ""]
        for task, actors in others:
            named = ", ".join(_md(a) + (f" (persona `{actor_ids[a]}`)" if actor_ids.get(a) else "") for a in actors)
            lines.append(f"- {_md(task.name)}: with {named}")
    return "\n".join(lines) + "\n"

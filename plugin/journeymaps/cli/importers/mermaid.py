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

``mermaid_diagram.py`` reads the diagram; this module maps it onto the
journeys folder and makes the files.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from journeymaps.cli.importers import Context, Imported, journey_id_problem
from journeymaps.cli.importers.mermaid_diagram import SCORES, Diagram, Section, Task, blocks, diagram_kind, parse
from journeymaps.cli.mdtext import code as _code
from journeymaps.cli.mdtext import escape as _md
from journeymaps.cli.newfiles import NewFile
from journeymaps.model.addresses import slugify
from journeymaps.model.types import EmotionScale, Vocabulary
from journeymaps.problems import Problem, did_you_mean
from journeymaps.source.writer import front_matter_file


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
    order = vocabulary.stage_order()
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


def _step(task: Task, scale: EmotionScale, result: Imported, display: str) -> dict[str, Any]:
    emotion = emotion_of(task.score, scale.min, scale.max)
    exact = scale.min + (task.score - 1) * (scale.max - scale.min) / 4
    if emotion != exact:
        result.notes.append(f"{display}:{task.line}: the score {task.score} of '{task.name}' is {exact:g} on the "
                            f"scale {scale.min}..{scale.max}; rounded to {emotion}")
    return {"action": task.name, "emotion": emotion}


def _narrative(diagram: Diagram, placed: list[tuple[Section, str]], main_actor: str | None,
               actor_ids: dict[str, str | None], options: Options, vocabulary: Vocabulary) -> str:
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

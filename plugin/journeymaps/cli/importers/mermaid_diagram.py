"""Reading a Mermaid user-journey diagram: where its blocks are, what kind each is, and its sections and tasks.

Only the diagram is read here; ``mermaid.py`` maps it onto a journeys
folder's vocabulary and personas. Problems name the line of the source file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from journeymaps.problems import Problem

#: The score range of a Mermaid task.
SCORES = (1, 5)
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*mermaid\s*$")


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

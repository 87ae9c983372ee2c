"""Reading a Mermaid ``journey`` diagram as Mermaid's own grammar reads it.

The text is first cleaned as Mermaid cleans it (``mermaid_text.py``); then the
tokens are cut by the rules of Mermaid's lexer, tried in order at each
position, the first that matches winning (not the longest):

1. ``%%`` (not ``%%{``) to the end of the line, or one character and ``%%``: a comment
2. line breaks; other white space is skipped; ``#`` to the end of the line: a comment
3. ``journey``; ``title`` + one white space + text up to ``#``, ``;`` or the line's end
4. ``accTitle:`` / ``accDescr:`` + the rest of the line; ``accDescr {`` … ``}``
5. ``section`` + one white space + text up to ``#``, ``:``, ``;`` or the line's end
6. a task's name (up to ``:``, ``#``, ``;``), then its data (``:`` up to ``#``, ``;``)

Keywords match in any case. A task's data drops its first ``:`` and is split
on every ``:``: the score, then the actors (split on ``,``, trimmed; empty
ones kept, as Mermaid keeps them), then pieces Mermaid drops. Everything is
kept as Mermaid keeps it (untrimmed names); ``mermaid.py`` tidies it.

Where Mermaid refuses a line, a few cases that nobody means otherwise are read
anyway, with a note: a ``:`` in a section's name, and a task whose name starts
with a keyword (``Journey planner opened: 3: Me``). Other errors are problems.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from journeymaps.cli.importers.mermaid_text import Cleaned

_RULES = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in (
    ("comment", r"%%(?!\{)[^\n]*"),
    ("comment", r"[^}]%%[^\n]*"),
    ("newline", r"\n+"),
    ("space", r"\s+"),
    ("comment", r"#[^\n]*"),
    ("journey", r"journey"),
    ("title", r"title\s[^#\n;]+"),
    ("acc_title", r"accTitle\s*:\s*"),
    ("acc_descr", r"accDescr\s*:\s*"),
    ("acc_descr_block", r"accDescr\s*\{\s*"),
    ("section", r"section\s[^#:\n;]+"),
    ("name", r"[^#:\n;]+"),
    ("data", r":[^#\n;]+"),
    ("colon", r":"),
    ("invalid", r"."),
)]
_REST_OF_LINE = re.compile(r"[^\n]*")
_UP_TO_BRACE = re.compile(r"[^}]*")
_SCORE_LIKE = re.compile(r"^\s*[-+]?(?:\d|\.\d)")


@dataclass
class Token:
    """One token: its rule, its text and where it starts in the cleaned text."""

    kind: str
    text: str
    start: int


@dataclass
class Section:
    """A ``section`` line: its text as Mermaid keeps it (entity codes shown), and its line."""

    text: str
    line: int


@dataclass
class Task:
    """A task line, as Mermaid keeps it."""

    text: str  # the name, untrimmed
    score: str  # the first piece of its data, as written
    actors: list[str]  # trimmed; empty ones kept
    line: int
    section: int  # index into Diagram.sections; -1 before any section
    dropped: list[str] = field(default_factory=list)  # pieces after a third ':', which Mermaid drops


@dataclass
class Diagram:
    """What a ``journey`` diagram holds, each thing with its file line."""

    line: int  # of the 'journey' keyword
    keyword: str = "journey"
    titles: list[tuple[int, str]] = field(default_factory=list)
    acc_titles: list[tuple[int, str]] = field(default_factory=list)
    acc_descriptions: list[tuple[int, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    comments: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The title Mermaid shows: the last ``title`` line (the front matter's is added first, so it loses)."""
        return self.titles[-1][1].strip() if self.titles else ""


def tokens(cleaned: Cleaned, comments: list[tuple[int, str]]) -> list[Token]:
    """The tokens of a cleaned diagram, white space left out; comments are added to ``comments``."""
    text, found, at = cleaned.text, [], 0
    while at < len(text):
        kind, match = next((kind, m) for kind, rule in _RULES if (m := rule.match(text, at)))
        token = Token(kind, match.group(0), at)
        at = match.end()
        if kind == "comment":
            body = token.text.lstrip()[1:] if token.text.lstrip().startswith("#") else token.text.split("%%", 1)[1]
            if body.strip():
                start = token.start + len(token.text) - len(token.text.lstrip())
                comments.append((cleaned.line_of(start), cleaned.written(body.strip())))
            continue
        if kind == "space":
            continue
        found.append(token)
        if kind in ("acc_title", "acc_descr"):
            value = _REST_OF_LINE.match(text, at)
            found.append(Token("value", value.group(0), at))
            at = value.end()
        elif kind == "acc_descr_block":
            value = _UP_TO_BRACE.match(text, at)
            found.append(Token("value", value.group(0), at))
            at = value.end() + 1  # the closing '}', when there is one
    return found


def read(cleaned: Cleaned) -> Diagram:
    """Read a cleaned diagram that starts with ``journey`` (in any case)."""
    comments: list[tuple[int, str]] = list(cleaned.comments)
    found = tokens(cleaned, comments)
    line = cleaned.line_of
    first = next((t for t in found if t.kind != "newline"), None)
    diagram = Diagram(line=line(first.start) if first else cleaned.first_line)
    diagram.comments = sorted(comments)
    if first is None or first.kind != "journey":
        diagram.problems.append((diagram.line, "a journey diagram starts with 'journey'"))
        return diagram
    diagram.keyword = first.text
    if first.text != "journey":
        diagram.notes.append((diagram.line, f"the diagram starts with '{first.text}'; Mermaid itself draws a "
                                            "journey only when it starts with 'journey' in lower case"))
    if "title" in cleaned.front_matter and cleaned.front_matter["title"] is not None:
        diagram.titles.append((cleaned.title_line, str(cleaned.front_matter["title"])))
    _statements(cleaned, found[found.index(first) + 1:], diagram)
    return diagram


def _statements(cleaned: Cleaned, found: list[Token], diagram: Diagram) -> None:
    """Read the statements after 'journey' into ``diagram``; a line Mermaid refuses is one problem."""
    shown, line = cleaned.shown, cleaned.line_of
    i = 0
    while i < len(found):
        token = found[i]
        after = found[i + 1] if i + 1 < len(found) else None
        same_line = after is not None and after.kind not in ("newline",) and line(after.start) == line(token.start)
        i += 1
        if token.kind == "newline":
            continue
        where = line(token.start)
        if token.kind == "title":
            text = shown(token.text[6:])
            diagram.titles.append((where, text))
            if re.search(r":\s*[-+]?\d", text):
                diagram.notes.append((where, f"line {where} reads as a title, as in Mermaid: '{text.strip()}'; "
                                             "to make it a task, reword it so that it does not start with 'title'"))
        elif token.kind in ("acc_title", "acc_descr", "acc_descr_block"):
            value = shown(found[i].text) if i < len(found) and found[i].kind == "value" else ""
            i += 1
            target = diagram.acc_titles if token.kind == "acc_title" else diagram.acc_descriptions
            if token.kind == "acc_descr_block":
                value = re.sub(r"\n\s*", "\n", value.strip())
            target.append((where, value.strip()))
        elif token.kind == "section" and same_line and after.kind == "data":
            i += 1
            if _SCORE_LIKE.match(after.text[1:]):  # 'Section 8 voucher: 4: Me' is a task
                _task(diagram, shown(token.text), shown(after.text), where)
                diagram.notes.append((where, f"line {where} starts with '{token.text[:7]}' but is read as a task; "
                                             "Mermaid reads it as a section and refuses the line: reword the task"))
            else:
                text = shown(token.text[8:] + after.text)
                diagram.sections.append(Section(text, where))
                diagram.notes.append((where, f"the section '{text.strip()}' has a ':' in its name, which Mermaid "
                                             "refuses; it is read as one name (in the diagram, write '#58;' for ':')"))
        elif token.kind == "section":
            diagram.sections.append(Section(shown(token.text[8:]), where))
        elif token.kind == "name" and after is not None and after.kind == "data":
            i += 1
            _task(diagram, shown(token.text), shown(after.text), where)
        elif token.kind == "journey" and same_line and after.kind in ("name", "data"):
            if after.kind == "name":
                name, rest = after, (found[i + 1] if i + 1 < len(found) else None)
            else:
                name, rest = token, after
            if rest is not None and rest.kind == "data":
                i += 2 if name is after else 1
                _task(diagram, shown(cleaned.text[token.start:name.start + len(name.text)]), shown(rest.text), where)
                diagram.notes.append((where, f"line {where} starts with '{token.text}' but is read as a task; "
                                             "Mermaid refuses the line: reword the task"))
            else:
                i = _refuse(diagram, found, i - 1, where, "a second 'journey' keyword")
        else:
            i = _refuse(diagram, found, i - 1, where, _why(token, after, shown))


def _why(token: Token, after: Token | None, shown: Callable[[str], str]) -> str:
    """Why Mermaid refuses the line that ``token`` starts."""
    if token.kind == "name" and after is not None and after.kind == "invalid" and after.text == ";":
        return (f"';' cannot be written in '{shown(token.text).strip()};…' (Mermaid refuses it); "
                "write '#59;' for a ';' in a name")
    if token.kind == "name":
        return (f"'{shown(token.text).strip()}' is not understood: Mermaid expects 'title …', 'section …', "
                "'accTitle: …', 'accDescr: …' or a task 'Task: score: Actor, Actor'")
    if token.kind in ("data", "colon"):
        return "the line starts with ':'; a task is written 'Task: score: Actor, Actor'"
    if token.kind == "invalid" and token.text == ";":
        return "';' cannot be written here (Mermaid refuses it); write '#59;' for a ';' in a name"
    return f"'{shown(token.text).strip()}' is not understood here"


def _refuse(diagram: Diagram, found: list[Token], i: int, where: int, why: str) -> int:
    """Record one problem for the line of ``found[i]`` and return the index of the next line's first token."""
    diagram.problems.append((where, why))
    while i < len(found) and found[i].kind != "newline":
        i += 1
    return i


def _task(diagram: Diagram, name: str, data: str, line: int) -> None:
    pieces = data[1:].split(":")
    actors = [actor.strip() for actor in pieces[1].split(",")] if len(pieces) > 1 else []
    diagram.tasks.append(Task(name, pieces[0], actors, line, len(diagram.sections) - 1, pieces[2:]))

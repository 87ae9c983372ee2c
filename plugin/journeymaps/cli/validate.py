"""``journeymaps validate``: check folders or single files, and print the problems in one of three formats.

A single file is checked with everything around it: its journeys folder (the
nearest folder above it that holds ``vocabulary.yml``) is read whole, so that
references to personas, stages and other maps are resolved, and only the
problems of that file (and of the vocabulary, which every file depends on)
are reported.
"""

from __future__ import annotations

import gc
import json
from dataclasses import dataclass, field
from pathlib import Path

import click

from journeymaps.cli.options import enclosing_journeys, find_root
from journeymaps.engines.detect import ignoring_engine, warning
from journeymaps.model import linkcheck
from journeymaps.model.corpus import Corpus
from journeymaps.model.load import load_corpus
from journeymaps.problems import Problem
from journeymaps.source.files import VOCABULARY, display_path, in_ignored
from journeymaps.wording import plural

FORMATS = ("text", "github", "json")


@dataclass
class Report:
    """The outcome of validating some paths."""

    problems: list[Problem] = field(default_factory=list)
    journeys: int = 0  # valid journeys among the files checked
    personas: int = 0
    skipped: list[str] = field(default_factory=list)  # files given that the loader ignores
    roots: list[Path] = field(default_factory=list)  # the journeys folders read


def _ignored(rel: Path) -> bool:
    return in_ignored(rel.parts)


def validate_paths(paths: list[Path], base: Path) -> Report:
    """Check each path (a journeys folder, a folder inside one, or a file); each journeys folder is read once."""
    report = Report()
    corpora: dict[Path, Corpus] = {}
    selections: dict[Path, list[Path]] = {}  # root -> the paths given below it
    for path in paths:
        absolute = path.resolve()
        shown = display_path(absolute, base)
        if not absolute.exists():
            what = "folder" if not path.suffix else "file"
            message = "the journeys folder does not exist" if what == "folder" else "the file does not exist"
            report.problems.append(Problem(shown, 1, "", message))
            continue
        root = find_root(absolute)
        if root is None:
            if absolute.is_dir():  # a folder on its own: read it as a journeys folder (and say what is missing)
                root = absolute
            else:
                report.problems.append(Problem(
                    shown, 1, "", f"no {VOCABULARY} in this file's folder or any folder above it; "
                                  "check files that are inside a journeys folder"))
                continue
        if absolute.is_file() and absolute != root / VOCABULARY and (
            _ignored(absolute.relative_to(root)) or absolute.suffix != ".md"
        ):
            report.skipped.append(shown)
            continue
        selections.setdefault(root, []).append(absolute)
    report.roots = list(selections)
    for root, selected in selections.items():
        corpus = corpora.setdefault(root, load_corpus(root, display_base=base))
        chosen = _Selection(root, selected, base)
        vocabulary = display_path(root / VOCABULARY, base)
        report.problems += [
            p for p in corpus.problems if p.path == vocabulary or chosen(p.path, (base / p.path).resolve())
        ]
        # not a build check: MkDocs itself warns about these links (and fails with --strict)
        report.problems += linkcheck.check(corpus, lambda e, chosen=chosen: chosen(e.display, e.path))
        report.journeys += sum(1 for e in corpus.journeys.values() if chosen(e.display, e.path))
        report.personas += sum(1 for e in corpus.personas.values() if chosen(e.display, e.path))
    report.problems = sorted(set(report.problems))
    return report


class _Selection:
    """Whether a file of a journeys folder is among the paths given."""

    def __init__(self, root: Path, selected: list[Path], base: Path) -> None:
        self.whole = root in selected
        self.files = {display_path(p, base) for p in selected if p.is_file()}
        self.folders = [p for p in selected if p.is_dir()]

    def __call__(self, shown: str, path: Path) -> bool:
        return self.whole or shown in self.files or any(path.is_relative_to(f) for f in self.folders)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: Problem) -> str:
    """A GitHub Actions workflow command that shows the problem on its line in a pull request."""
    props = [f"file={_escape_property(problem.path)}", f"line={problem.line}"]
    if problem.field:
        props.append(f"title={_escape_property(problem.field)}")
    return f"::error {','.join(props)}::{_escape_data(problem.message)}"


def render(report: Report, fmt: str) -> str:
    """The problems as text lines, GitHub annotations or one JSON document (with a final newline)."""
    if fmt == "json":
        data = {
            "ok": not report.problems,
            "problems": [
                {"path": p.path, "line": p.line, "field": p.field, "message": p.message} for p in report.problems
            ],
            "journeys": report.journeys,
            "personas": report.personas,
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    lines = [github_line(p) if fmt == "github" else p.format() for p in report.problems]
    return "".join(line + "\n" for line in lines)


def summary(report: Report) -> str:
    """One line for standard error."""
    if report.problems:
        files = len({p.path for p in report.problems})
        return f"{plural(len(report.problems), 'problem')} in {plural(files, 'file')}"
    return f"{plural(report.journeys, 'journey')} and {plural(report.personas, 'persona')} are valid"


def _warn_of_engine(roots: list[Path]) -> None:
    """Say once when the site a journeys folder belongs to (its parent folder) is built by an engine that ignores
    the plugin: the maps would be valid and yet not published."""
    for root in roots:
        if engine := ignoring_engine(root.parent):
            click.echo(warning(engine, "validate"), err=True)
            return


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: 'path:line: field: message' lines; github: workflow annotations; json: one document.")
def validate(paths: tuple[Path, ...], fmt: str) -> None:
    """Check journeys folders or single files (default: journeys, or the journeys folder the command is run in).

    A single file is checked against its whole journeys folder (the nearest
    folder above it with a vocabulary.yml), and only its problems are shown.
    Prints one line per problem on standard output and a summary on standard
    error; exits with 1 when there is any problem, 0 when there is none. Warns
    (on standard error) when the site is built with Zensical, which ignores the
    journeys plugin.
    """
    default = enclosing_journeys() or Path("journeys")
    if not paths and not default.is_dir():
        report = Report([Problem("journeys", 1, "", "there is no journeys folder here; run the command "
                                 "in the folder that holds journeys/ (or inside journeys/), or name "
                                 "the folder: journeymaps validate path/to/journeys")])
    else:
        # The files read stay alive until the report is made: hundreds of thousands of objects in no reference
        # cycle, which each walk of the cyclic garbage collector went over again (a fifth of a second each).
        paused = gc.isenabled()
        gc.disable()
        try:
            report = validate_paths(list(paths) or [default], Path.cwd())
        finally:
            if paused:
                gc.enable()
    click.echo(render(report, fmt), nl=False)
    for shown in report.skipped:
        click.echo(f"{shown}: skipped: not a journey, persona or vocabulary file "
                   "(names starting with '_' or '.' and files other than .md are not read)", err=True)
    _warn_of_engine(report.roots)
    click.echo(summary(report), err=True)
    if report.problems:
        raise SystemExit(1)

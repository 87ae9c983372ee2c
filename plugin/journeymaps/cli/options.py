"""What the commands share: where the journeys folder is, the ``--journeys`` option, and how a command refuses.

Every command module imports from here and none imports another command
module, so ``main.py`` can gather them without a cycle.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from journeymaps.problems import Problem
from journeymaps.source.files import VOCABULARY
from journeymaps.wording import plural

#: What a command other than new and import must never write in a journeys folder: its sources.
SOURCES = (".md", ".yml", ".yaml")


def find_root(path: Path) -> Path | None:
    """The journeys folder of ``path``: the nearest folder at or above it holding ``vocabulary.yml``.

    A folder without one that has a ``journeys/`` sub-folder (the root of a
    repository) stands for that sub-folder.
    """
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents):
        if (folder / VOCABULARY).is_file():
            return folder
    if path.is_dir() and (path / "journeys").is_dir():
        return path / "journeys"
    return None


def enclosing_journeys() -> Path | None:
    """The journeys folder the command is run in (cwd or a folder above holds vocabulary.yml), when there is
    no journeys/ folder here."""
    here = Path.cwd()
    if (here / "journeys").is_dir():
        return None
    root = find_root(here)
    return None if root is None else Path(os.path.relpath(root, here))


def _default_journeys(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    # run inside a journeys folder, the default 'journeys' means that folder
    if ctx.get_parameter_source(param.name or "") is not click.core.ParameterSource.DEFAULT:
        return value
    return enclosing_journeys() or value


def journeys_option(help: str = "The journeys folder.",
                    default: Path | None = Path("journeys")) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The ``--journeys`` option of every command that reads or writes a journeys folder."""
    shown = {"default": default, "show_default": True} if default is not None else {}
    return click.option("--journeys", "journeys_dir", type=click.Path(file_okay=False, path_type=Path), help=help,
                        callback=_default_journeys, **shown)


def require_vocabulary(journeys_dir: Path) -> None:
    """A usage error, saying which command makes one, when the journeys folder has no vocabulary yet."""
    if not (journeys_dir / VOCABULARY).is_file():
        raise click.UsageError(f"there is no {(journeys_dir / VOCABULARY).as_posix()} yet: write one with "
                               "'journeymaps new vocabulary' (the specification's example, to adapt)")


def may_write(targets: list[Path], force: bool, journeys_dir: Path) -> None:
    """Stop (exit 1, nothing written) when a target is a source of the journeys folder, or exists without --force."""
    root = journeys_dir.resolve()
    refused = [t for t in targets if t.resolve().is_relative_to(root) and t.suffix.lower() in SOURCES]
    there = [t for t in targets if t not in refused and t.exists() and not force]
    for target in refused:
        click.echo(f"{target.as_posix()}: is in the journeys folder, where .md and .yml files are journeys, "
                   "personas and the vocabulary; write somewhere else", err=True)
    for target in there:
        click.echo(f"{target.as_posix()}: exists already; use --force to replace it", err=True)
    if refused or there:
        click.echo("nothing was written", err=True)
        raise SystemExit(1)


def fail(problems: list[Problem], message: str) -> NoReturn:
    """Print the problems on standard output, their count and ``message`` on standard error, and exit with 1."""
    for problem in problems:
        click.echo(problem.format())
    click.echo(f"{plural(len(problems), 'problem')}; {message}", err=True)
    raise SystemExit(1)

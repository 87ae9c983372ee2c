"""The ``journeymaps`` command: the same loading and checks as the site build."""

from __future__ import annotations

from pathlib import Path

import click

from .load import load_corpus


@click.group()
@click.version_option(package_name="journeymaps")
def main() -> None:
    """Journey maps as code: check and publish the maps in a journeys/ folder."""


@main.command()
@click.argument("journeys_dir", default="journeys", type=click.Path(file_okay=False, path_type=Path))
def validate(journeys_dir: Path) -> None:
    """Check every file of JOURNEYS_DIR (default: journeys).

    Prints one 'path:line: field: message' line per problem and exits with 1
    when there is any, 0 when there is none.
    """
    corpus = load_corpus(journeys_dir, display_base=Path.cwd())
    for problem in corpus.problems:
        click.echo(problem.format())
    if corpus.problems:
        files = len({p.path for p in corpus.problems})
        click.echo(f"{len(corpus.problems)} problem(s) in {files} file(s)", err=True)
        raise SystemExit(1)
    click.echo(
        f"{len(corpus.journeys)} journeys and {len(corpus.personas)} personas are valid", err=True
    )

"""The ``journeymaps`` command: the same loading and checks as the site build, and the contributor's tools."""

from __future__ import annotations

from pathlib import Path

import click

from . import validation


@click.group()
@click.version_option(package_name="journeymaps")
def main() -> None:
    """Journey maps as code: check, create, compare, import and export the maps in a journeys/ folder."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(validation.FORMATS), default="text", show_default=True,
              help="text: 'path:line: field: message' lines; github: workflow annotations; json: one document.")
def validate(paths: tuple[Path, ...], fmt: str) -> None:
    """Check journeys folders or single files (default: the folder journeys).

    A single file is checked against its whole journeys folder (the nearest
    folder above it with a vocabulary.yml), and only its problems are shown.
    Prints one line per problem on standard output and a summary on standard
    error; exits with 1 when there is any problem, 0 when there is none.
    """
    report = validation.validate_paths(list(paths) or [Path("journeys")], Path.cwd())
    click.echo(validation.render(report, fmt), nl=False)
    for shown in report.skipped:
        click.echo(f"{shown}: skipped: not a journey, persona or vocabulary file "
                   "(names starting with '_' or '.' and files other than .md are not read)", err=True)
    click.echo(validation.summary(report), err=True)
    if report.problems:
        raise SystemExit(1)

"""The ``journeymaps`` command: the same loading and checks as the site build, and the contributor's tools."""

from __future__ import annotations

import json
from pathlib import Path

import click

from . import schema, validation


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


@main.command("schema")
@click.argument("kind", required=False, type=click.Choice(schema.KINDS))
@click.option("--journeys", "journeys_dir", type=click.Path(file_okay=False, path_type=Path),
              help="The journeys folder whose vocabulary and personas become enums "
                   "[default: journeys, when it exists].")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write <kind>.schema.json files into this folder instead of printing.")
def schema_command(kind: str | None, journeys_dir: Path | None, out: Path | None) -> None:
    """Print the JSON Schema of a journey, a persona or the vocabulary (KIND; all three when left out).

    With a journeys folder, its stage, channel, device, department and persona
    ids are enums, so an editor completes them.
    """
    root = journeys_dir or Path("journeys")
    vocabulary, personas = None, None
    if journeys_dir is not None or root.is_dir():
        vocabulary, personas, problems = schema.load_context(root, Path.cwd())
        if problems:
            for problem in problems:
                click.echo(problem.format(), err=True)
            click.echo("the vocabulary has problems; fix them to get a schema with its ids", err=True)
            raise SystemExit(1)
    else:
        click.echo("no journeys folder here: the schema has no vocabulary ids (use --journeys DIR)", err=True)
    if out is None:
        document = schema.json_schema(kind, vocabulary, personas) if kind else schema.combined_schema(
            vocabulary, personas)
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    out.mkdir(parents=True, exist_ok=True)
    for each in [kind] if kind else schema.KINDS:
        target = out / f"{each}.schema.json"
        text = json.dumps(schema.json_schema(each, vocabulary, personas), indent=2, ensure_ascii=False) + "\n"
        target.write_text(text, encoding="utf-8")
        click.echo(f"wrote {target.as_posix()}")


"""``journeymaps import``: journey (and persona) files from a CSV sheet or a Mermaid user-journey diagram.

The importers make the files and say what stops them; this command checks
them against the journeys folder and writes them only when all is well.
"""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import click

from journeymaps.cli import importers, newfiles
from journeymaps.cli.importers import mermaid, sheet
from journeymaps.cli.options import fail, journeys_option, require_vocabulary
from journeymaps.model.types import MapType
from journeymaps.problems import Problem
from journeymaps.source.files import display_path


@click.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "kind", type=click.Choice(("csv", "mermaid")),
              help="The kind of SOURCE [default: csv for .csv files, else mermaid].")
@journeys_option("The journeys folder to write into.")
@click.option("--id", "ident", help="Mermaid: the journey id (its path below journeys/ without .md) "
                                     "[default: made from the title].")
@click.option("--title", help="Mermaid: the journey's title [default: the diagram's title].")
@click.option("--persona", help="Mermaid: the persona id of the journey [default: the actor of most tasks].")
@click.option("--type", "map_type", type=click.Choice(get_args(MapType)), default="current", show_default=True,
              help="Mermaid: the map type.")
@click.option("--section", "sections", multiple=True, metavar="NAME=STAGE",
              help="Mermaid: map the section NAME to the stage id STAGE (repeat for several).")
@click.option("--create-personas", is_flag=True, help="Mermaid: write a persona file for each actor that has none.")
@click.option("--force", is_flag=True, help="Overwrite files that exist (their other content is lost).")
@click.option("--dry-run", is_flag=True, help="Check and show what would be written, and write nothing.")
def import_command(source: Path, kind: str | None, journeys_dir: Path, ident: str | None, title: str | None,
                   persona: str | None, map_type: str, sections: tuple[str, ...], create_personas: bool,
                   force: bool, dry_run: bool) -> None:
    """Make journey files from a CSV sheet or a Mermaid user-journey diagram (SOURCE).

    A CSV sheet has the columns of 'journeymaps export --format csv'. In a
    Mermaid diagram, sections become phases (matched to the vocabulary's
    stages by id or name, or with --section), tasks become steps, the 1-5
    score is mapped onto the emotion scale and actors become personas.
    Nothing is written when anything cannot be mapped; every problem is
    listed with its line.
    """
    base = Path.cwd()
    kind = kind or ("csv" if source.suffix.lower() == ".csv" else "mermaid")
    if kind == "csv" and (ident or title or persona or sections or create_personas):
        raise click.UsageError("--id, --title, --persona, --section and --create-personas are for Mermaid "
                               "diagrams; a CSV sheet names its journeys and personas in its columns")
    shown = display_path(source.resolve(), base.resolve())
    require_vocabulary(journeys_dir)
    context, blocking = importers.load_context(journeys_dir, base)
    if blocking:
        fail(blocking, "the journeys folder has problems; nothing was written")
    try:
        text = source.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        fail([Problem(shown, 1, "", "the file is not UTF-8 text; save it as UTF-8")], "nothing was written")
    if kind == "csv":
        result = sheet.import_csv(text, shown, context)
    else:
        mapping, problems = mermaid.parse_section_options(sections)
        if problems:
            raise click.UsageError(problems[0])
        options = mermaid.Options(ident=ident, title=title, persona=persona, type=map_type, sections=mapping,
                                  create_personas=create_personas, source_name=source.name)
        result = mermaid.import_mermaid(text, shown, context, options)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    if result.problems:
        fail(result.problems, "nothing was written")
    problems = newfiles.check(journeys_dir, result.files, base)
    if problems:
        fail(problems, "the files made from the source would not validate; nothing was written")
    there = newfiles.existing(journeys_dir, result.files)
    if there and not force:
        for path in there:
            click.echo(f"{display_path(path.resolve(), base)}: exists already; use --force to replace it", err=True)
        click.echo("nothing was written", err=True)
        raise SystemExit(1)
    if dry_run:
        for new in result.files:
            click.echo(f"would write {display_path((journeys_dir / new.rel).resolve(), base)}")
        return
    for path in newfiles.write(journeys_dir, result.files):
        click.echo(f"wrote {display_path(path.resolve(), base)}")

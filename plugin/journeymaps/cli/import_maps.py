"""``journeymaps import``: journey (and persona) files from Mermaid diagrams, CSV sheets and Excel workbooks.

The importers make drafts and say what stops them; this command checks the
files they make against the journeys folder and writes them only when all is
well: every file of the command, or none.
"""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import click

from journeymaps.cli import importers, newfiles
from journeymaps.cli.importers import sheets
from journeymaps.cli.importers.mermaid import import_mermaid
from journeymaps.cli.importers.scores import parse_range
from journeymaps.cli.importers.session import Session, Settings
from journeymaps.cli.importers.stages import SectionMap
from journeymaps.cli.options import fail, journeys_option, require_vocabulary
from journeymaps.model.types import MapType
from journeymaps.source.files import VOCABULARY, display_path
from journeymaps.wording import plural

#: The kind of a source by its suffix; anything else is read as a Mermaid diagram.
SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}


@click.command("import")
@click.argument("sources", nargs=-1, required=True, metavar="FILE...",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "kind", type=click.Choice(("csv", "xlsx", "mermaid")),
              help="The kind of every FILE [default: csv for .csv, xlsx for .xlsx, else mermaid (.mmd, .md)].")
@journeys_option("The journeys folder to write into.")
@click.option("--id", "ident", help="The journey id (its path below journeys/ without .md), when the input is one "
                                    "map [default: made from the title].")
@click.option("--title", help="The journey's title, when the input is one map [default: the diagram's title, the "
                              "sheet's journey column or its file name].")
@click.option("--persona", help="The persona id of the maps where the input names none (a sheet without a persona "
                                "column; a diagram's main actor) [default: the actor of most tasks].")
@click.option("--create-personas", is_flag=True,
              help="Write a persona file for each person the input names that has none (and for --persona).")
@click.option("--extend-vocabulary", is_flag=True,
              help="Add the stages, channels, devices and departments the input names and the vocabulary lacks "
                   "to vocabulary.yml, with their names as written.")
@click.option("--section", "sections", multiple=True, metavar="NAME=STAGE",
              help="Map the section (or sheet stage) NAME to STAGE; NAME#2 is the second section of that name. "
                   "Repeat for several.")
@click.option("--scores", metavar="MIN..MAX", help="The range the input's scores use [default: 1..5 for Mermaid; "
                                                   "worked out from a sheet's column].")
@click.option("--type", "map_type", type=click.Choice(get_args(MapType)), default="current", show_default=True,
              help="The map type, where the input does not say it.")
@click.option("--force", is_flag=True, help="Overwrite files that exist (their other content is lost).")
@click.option("--dry-run", is_flag=True, help="Check and show what would be written, and write nothing.")
def import_command(sources: tuple[Path, ...], kind: str | None, journeys_dir: Path, ident: str | None,
                   title: str | None, persona: str | None, create_personas: bool, extend_vocabulary: bool,
                   sections: tuple[str, ...], scores: str | None, map_type: str, force: bool, dry_run: bool) -> None:
    """Make journey files from Mermaid journey diagrams, CSV sheets and Excel workbooks (FILE...).

    A Mermaid file (.mmd, or the ```mermaid blocks of a .md) gives a map per
    journey diagram. A sheet is read as the export of 'journeymaps export
    --format csv', as one row per step with headers as people write them, or
    as a grid of stages (columns) and lanes (rows). Nothing is written when
    anything cannot be mapped; every problem is listed with its line.
    """
    base = Path.cwd()
    section_map, wrong = SectionMap.parse(sections)
    if wrong:
        raise click.UsageError(wrong[0])
    score_range = parse_range(scores) if scores is not None else None
    if scores is not None and score_range is None:
        raise click.UsageError(f"--scores '{scores}' must be written MIN..MAX with MIN below MAX, e.g. --scores 0..10")
    require_vocabulary(journeys_dir)
    context, blocking = importers.load_context(journeys_dir, base)
    if blocking:
        fail(blocking, "the journeys folder has problems; nothing was written")
    vocabulary_path = journeys_dir / VOCABULARY
    settings = Settings(persona=persona, create_personas=create_personas, extend_vocabulary=extend_vocabulary,
                        sections=section_map, scores=score_range, type=map_type, ident=ident, title=title)
    session = Session(context, settings, vocabulary_path.read_text(encoding="utf-8-sig"))
    for source in sources:
        shown = display_path(source.resolve(), base.resolve())
        what = kind or SUFFIXES.get(source.suffix.lower(), "mermaid")
        if what == "mermaid":
            text = session.read_text(source, shown)
            if text is None:
                continue
            import_mermaid(text, shown, source.name, session)
        else:
            sheets.import_sheet(source, shown, what, session)
    result = session.finish()
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    if result.problems:
        fail(result.problems, "nothing was written")
    vocabulary = [newfiles.NewFile(VOCABULARY, result.vocabulary)] if result.vocabulary is not None else []
    problems = newfiles.check(journeys_dir, [*result.files, *vocabulary], base)
    if problems:
        fail(problems, "the files made from the input would not validate; nothing was written")
    there = newfiles.existing(journeys_dir, result.files)
    if there and not force:
        for path in there:
            click.echo(f"{display_path(path.resolve(), base)}: exists already; use --force to replace it", err=True)
        click.echo("nothing was written", err=True)
        raise SystemExit(1)
    shown_vocabulary = display_path(vocabulary_path.resolve(), base)
    if dry_run:
        for new in result.files:
            click.echo(f"would write {display_path((journeys_dir / new.rel).resolve(), base)}")
        if vocabulary:
            click.echo(f"would add to {shown_vocabulary}:")
            for line in session.plan.added_lines():
                click.echo(f"  {line}")
        return
    if vocabulary:
        _write_vocabulary(vocabulary_path, vocabulary[0].text)
        click.echo(f"updated {shown_vocabulary}: {plural(len(session.plan.added), 'entry', 'entries')} added")
    personas = {f"personas/{pid}.md": name for pid, (name, _) in session.people.created.items()}
    for new, path in zip(result.files, newfiles.write(journeys_dir, result.files), strict=True):
        made = f" (new persona '{personas[new.rel]}')" if new.rel in personas else ""
        click.echo(f"wrote {display_path(path.resolve(), base)}{made}")


def _write_vocabulary(path: Path, text: str) -> None:
    """Write the edited vocabulary with the line ends the file had."""
    crlf = b"\r\n" in path.read_bytes()
    with path.open("w", encoding="utf-8", newline="\r\n" if crlf else "\n") as handle:
        handle.write(text)

"""The ``journeymaps`` command: the same loading and checks as the site build, and the contributor's tools."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import NoReturn, get_args

import click

from journeymaps.cli import diff_report, importers, newfiles, scaffold, schema, validation
from journeymaps.cli.importers import mermaid, sheet
from journeymaps.figures import changes, portfolio
from journeymaps.git import revisions
from journeymaps.git.runner import GitError
from journeymaps.model.addresses import slugify
from journeymaps.model.load import load_corpus
from journeymaps.model.types import ID_PATTERN, MapType, Status
from journeymaps.problems import Problem, did_you_mean
from journeymaps.site import exports
from journeymaps.source.files import VOCABULARY, display_path
from journeymaps.wording import plural

ID = re.compile(ID_PATTERN)


def _journeys_option(help: str = "The journeys folder.", default: Path | None = Path("journeys")):
    """The ``--journeys`` option of every command that reads or writes a journeys folder."""
    shown = {"default": default, "show_default": True} if default is not None else {}
    return click.option("--journeys", "journeys_dir", type=click.Path(file_okay=False, path_type=Path), help=help,
                        callback=_default_journeys, **shown)


def _enclosing_journeys() -> Path | None:
    """The journeys folder the command is run in (cwd or a folder above holds vocabulary.yml), when there is
    no journeys/ folder here."""
    here = Path.cwd()
    if (here / "journeys").is_dir():
        return None
    root = validation.find_root(here)
    return None if root is None else Path(os.path.relpath(root, here))


def _default_journeys(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    # run inside a journeys folder, the default 'journeys' means that folder
    if ctx.get_parameter_source(param.name or "") is not click.core.ParameterSource.DEFAULT:
        return value
    return _enclosing_journeys() or value


@click.group()
@click.version_option(package_name="journeymaps")
def main() -> None:
    """Journey maps as code: check, create, compare, import and export the maps in a journeys/ folder."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(validation.FORMATS), default="text", show_default=True,
              help="text: 'path:line: field: message' lines; github: workflow annotations; json: one document.")
def validate(paths: tuple[Path, ...], fmt: str) -> None:
    """Check journeys folders or single files (default: journeys, or the journeys folder the command is run in).

    A single file is checked against its whole journeys folder (the nearest
    folder above it with a vocabulary.yml), and only its problems are shown.
    Prints one line per problem on standard output and a summary on standard
    error; exits with 1 when there is any problem, 0 when there is none.
    """
    default = _enclosing_journeys() or Path("journeys")
    if not paths and not default.is_dir():
        report = validation.Report([Problem("journeys", 1, "", "there is no journeys folder here; run the command "
                                            "in the folder that holds journeys/ (or inside journeys/), or name "
                                            "the folder: journeymaps validate path/to/journeys")])
    else:
        report = validation.validate_paths(list(paths) or [default], Path.cwd())
    click.echo(validation.render(report, fmt), nl=False)
    for shown in report.skipped:
        click.echo(f"{shown}: skipped: not a journey, persona or vocabulary file "
                   "(names starting with '_' or '.' and files other than .md are not read)", err=True)
    click.echo(validation.summary(report), err=True)
    if report.problems:
        raise SystemExit(1)


@main.command("schema")
@click.argument("kind", required=False, type=click.Choice(schema.KINDS))
@_journeys_option("The journeys folder whose vocabulary and personas become enums "
                  "[default: journeys, when it exists].", default=None)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write <kind>.schema.json files into this folder instead of printing.")
@click.option("--force", is_flag=True, help="With --out: replace schema files that exist.")
def schema_command(kind: str | None, journeys_dir: Path | None, out: Path | None, force: bool) -> None:
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
    targets = {each: out / f"{each}.schema.json" for each in ([kind] if kind else schema.KINDS)}
    _may_write(list(targets.values()), force, root)
    out.mkdir(parents=True, exist_ok=True)
    for each, target in targets.items():
        text = json.dumps(schema.json_schema(each, vocabulary, personas), indent=2, ensure_ascii=False) + "\n"
        target.write_text(text, encoding="utf-8")
        click.echo(f"wrote {target.as_posix()}")


#: What a command other than new and import must never write in a journeys folder: its sources.
_SOURCES = (".md", ".yml", ".yaml")


def _may_write(targets: list[Path], force: bool, journeys_dir: Path) -> None:
    """Stop (exit 1, nothing written) when a target is a source of the journeys folder, or exists without --force."""
    root = journeys_dir.resolve()
    refused = [t for t in targets if t.resolve().is_relative_to(root) and t.suffix.lower() in _SOURCES]
    there = [t for t in targets if t not in refused and t.exists() and not force]
    for target in refused:
        click.echo(f"{target.as_posix()}: is in the journeys folder, where .md and .yml files are journeys, "
                   "personas and the vocabulary; write somewhere else", err=True)
    for target in there:
        click.echo(f"{target.as_posix()}: exists already; use --force to replace it", err=True)
    if refused or there:
        click.echo("nothing was written", err=True)
        raise SystemExit(1)



@main.command()
@click.option("--format", "fmt", type=click.Choice(("json", "csv")), default="json", show_default=True,
              help="json: every journey with its figures; csv: one row per touchpoint (what 'import' reads).")
@_journeys_option()
@click.option("--status", "statuses", multiple=True, type=click.Choice(get_args(Status)),
              help="Export only maps with this status (repeat for several) [default: all].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@click.option("--force", is_flag=True, help="With -o: replace the file if it exists.")
def export(fmt: str, journeys_dir: Path, statuses: tuple[str, ...], output: Path | None, force: bool) -> None:
    """Export the valid journeys as JSON (the site's journeys.json) or CSV (its touchpoints.csv).

    Files with problems are left out and listed on standard error, and the
    command exits with 1; the valid maps are exported all the same.
    """
    if output is not None:
        _may_write([output], force, journeys_dir)
    corpus = load_corpus(journeys_dir, display_base=Path.cwd())
    if corpus.vocabulary is None:  # nothing can be exported without the words every map refers to
        for problem in corpus.problems:
            click.echo(problem.format(), err=True)
        raise SystemExit(1)
    entries = [e for _, e in sorted(corpus.journeys.items()) if not statuses or e.journey.status in statuses]
    if fmt == "csv":
        text = exports.touchpoints_csv(entries)
    else:
        # the same document as the site's journeys.json, over the maps selected here
        selected = {e.id: e for e in entries}
        figures = portfolio.build(corpus.vocabulary, corpus.personas, selected)
        document = json.loads(exports.journeys_json(corpus.vocabulary, corpus.personas, selected, figures))
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        click.echo(f"wrote {output.as_posix()}: {len(entries)} journeys", err=True)
    for problem in corpus.problems:
        click.echo(f"{problem.format()} (left out of the export)", err=True)
    if corpus.problems:
        raise SystemExit(1)


@main.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "kind", type=click.Choice(("csv", "mermaid")),
              help="The kind of SOURCE [default: csv for .csv files, else mermaid].")
@_journeys_option("The journeys folder to write into.")
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
    _require_vocabulary(journeys_dir)
    context, blocking = importers.load_context(journeys_dir, base)
    if blocking:
        _fail(blocking, "the journeys folder has problems; nothing was written")
    try:
        text = source.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        _fail([Problem(shown, 1, "", "the file is not UTF-8 text; save it as UTF-8")], "nothing was written")
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
        _fail(result.problems, "nothing was written")
    problems = newfiles.check(journeys_dir, result.files, base)
    if problems:
        _fail(problems, "the files made from the source would not validate; nothing was written")
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


def _fail(problems: list[Problem], message: str) -> NoReturn:
    for problem in problems:
        click.echo(problem.format())
    click.echo(f"{plural(len(problems), 'problem')}; {message}", err=True)
    raise SystemExit(1)


@main.group()
def new() -> None:
    """Write a new journey, persona or vocabulary file from a template (asks for what is not given as an option)."""


def _require_vocabulary(journeys_dir: Path) -> None:
    """A usage error, saying which command makes one, when the journeys folder has no vocabulary yet."""
    if not (journeys_dir / VOCABULARY).is_file():
        raise click.UsageError(f"there is no {(journeys_dir / VOCABULARY).as_posix()} yet: write one with "
                               "'journeymaps new vocabulary' (the specification's example, to adapt)")


def _context_or_fail(journeys_dir: Path) -> importers.Context:
    _require_vocabulary(journeys_dir)
    context, blocking = importers.load_context(journeys_dir, Path.cwd())
    if blocking:
        _fail(blocking, "the journeys folder has problems; nothing was written")
    return context


def _write_new(journeys_dir: Path, new_file: newfiles.NewFile, next_step: str,
               exists: str = "choose another id") -> None:
    base = Path.cwd()
    target = journeys_dir / new_file.rel
    shown = display_path(target.resolve(), base)
    if target.exists():
        click.echo(f"{shown}: exists already; {exists} (nothing was written)", err=True)
        raise SystemExit(1)
    problems = newfiles.check(journeys_dir, [new_file], base)
    if problems:
        _fail(problems, "nothing was written")
    newfiles.write(journeys_dir, [new_file])
    click.echo(f"wrote {shown}")
    click.echo(next_step.format(shown=shown), err=True)


def _ask(value, text: str, **kwargs):
    return value if value is not None else click.prompt(text, **kwargs)


def _option_value(kind: click.ParamType, value: str, name: str):
    """``value`` of the option ``name`` converted by ``kind``; an error names the option, as click's own do."""
    ctx = click.get_current_context()
    param = next(p for p in ctx.command.params if p.name == name)
    return kind.convert(value, param, ctx)


@new.command("journey")
@_journeys_option()
@click.option("--title", help="The map's title.")
@click.option("--id", "ident", help="Its path below journeys/ without .md [default: made from the title].")
@click.option("--persona", help="The persona id.")
@click.option("--type", "map_type", type=click.Choice(get_args(MapType)), help="The map type.")
@click.option("--stages", help="The stage ids of its phases, separated by commas [default: all].")
def new_journey(journeys_dir: Path, title: str | None, ident: str | None, persona: str | None,
                map_type: str | None, stages: str | None) -> None:
    """Write a new journey map: one phase for each stage chosen, one step a phase, the optional fields as comments."""
    context = _context_or_fail(journeys_dir)
    stage_ids = [t.id for t in context.vocabulary.stages]
    personas = sorted(context.persona_ids)
    if not personas:
        raise click.UsageError("the journeys folder has no persona yet; write one first with "
                               "'journeymaps new persona'")
    interactive = title is None  # asked for the title: ask for the rest too; else the defaults serve
    title = _ask(title, "Title").strip()
    if not title:
        raise click.UsageError("the title must not be empty")
    if ident is None and not interactive:
        ident = slugify(title)
    ident = _ask(ident, "Id (its path below journeys/, without .md)", default=slugify(title))
    why = importers.journey_id_problem(ident)
    if why:
        raise click.BadParameter(why, param_hint="'--id'")
    choose_persona = click.Choice(personas)
    persona = _ask(persona, "Persona", type=choose_persona)
    if persona not in personas:
        raise click.BadParameter(f"unknown persona '{persona}'{did_you_mean(persona, personas)}",
                                 param_hint="'--persona'")
    if map_type is None and not interactive:
        map_type = "current"
    map_type = _ask(map_type, "Type", type=click.Choice(get_args(MapType)), default="current")
    stage_list = scaffold.IdList(stage_ids, "stage")
    if stages is None and not interactive:
        stages = ",".join(stage_ids)
    chosen = (_option_value(stage_list, stages, "stages") if stages is not None else
              click.prompt(f"Stages, separated by commas ({', '.join(stage_ids)})", type=stage_list,
                           default=", ".join(stage_ids)))
    if not chosen:
        raise click.UsageError("a journey needs at least one stage")
    text = scaffold.journey_file(title, persona, map_type, chosen, context.vocabulary)
    _write_new(journeys_dir, newfiles.NewFile(f"{ident}.md", text),
               "Fill in the steps, then check it with: journeymaps validate {shown}")


@new.command("persona")
@_journeys_option()
@click.option("--name", help="The persona's name, e.g. 'Maya, the weekend runner'.")
@click.option("--id", "ident", help="Its file name without .md [default: made from the name].")
@click.option("--channels", help="Preferred channel ids, separated by commas.")
def new_persona(journeys_dir: Path, name: str | None, ident: str | None, channels: str | None) -> None:
    """Write a new persona, with its optional fields as comments."""
    context = _context_or_fail(journeys_dir)
    channel_ids = [t.id for t in context.vocabulary.channels]
    interactive = name is None
    name = _ask(name, "Name").strip()
    if not name:
        raise click.UsageError("the name must not be empty")
    if ident is None and not interactive:
        ident = scaffold.default_persona_id(name)
    ident = _ask(ident, "Id (its file name, without .md)", default=scaffold.default_persona_id(name))
    if not ID.match(ident):
        raise click.BadParameter(f"'{ident}' is not a valid id: use lower-case letters, digits, '-' and '_', "
                                 "starting with a letter or digit", param_hint="'--id'")
    channel_list = scaffold.IdList(channel_ids, "channel", ordered=False)
    if channels is None and not interactive:
        channels = ""
    chosen = (_option_value(channel_list, channels, "channels") if channels is not None else
              click.prompt(f"Preferred channels, separated by commas ({', '.join(channel_ids)})",
                           type=channel_list, default="", show_default=False))
    text = scaffold.persona_file(name, chosen, context.vocabulary)
    _write_new(journeys_dir, newfiles.NewFile(f"personas/{ident}.md", text),
               "Fill in the persona, then check it with: journeymaps validate {shown}")


@new.command("vocabulary")
@_journeys_option()
def new_vocabulary(journeys_dir: Path) -> None:
    """Write the journeys folder's vocabulary.yml: the specification's example, to adapt (never replaces one)."""
    _write_new(journeys_dir, newfiles.NewFile(VOCABULARY, scaffold.VOCABULARY),
               "Adapt its stages, channels, devices and departments, then write a persona with: "
               "journeymaps new persona", exists="edit it instead")


@main.command()
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option("--format", "fmt", type=click.Choice(("markdown", "json")), default="markdown", show_default=True,
              help="markdown: ready to paste into a pull request comment; json: the same as data.")
@_journeys_option()
def diff(base: str | None, head: str | None, fmt: str, journeys_dir: Path) -> None:
    """What changed in the journey maps from BASE to HEAD (git revisions).

    BASE defaults to the merge base of HEAD with main (or master); HEAD
    defaults to the working tree, uncommitted changes included. Maps added
    or removed, steps and touchpoints added, removed or changed, emotion
    changes with their direction, pain points and opportunities added or
    resolved.
    """
    try:
        repo = revisions.repository(journeys_dir.resolve() if journeys_dir.is_dir() else Path.cwd())
        if base is None:
            base_commit, how = revisions.default_base(repo)
        else:
            base_commit, how = revisions.resolve(repo, base), base
        base_side = revisions.load_side(repo, journeys_dir, base_commit, revisions.label(base_commit, how))
        if head is None:
            head_side = revisions.load_side(repo, journeys_dir, None, "the working tree")
        else:
            head_commit = revisions.resolve(repo, head)
            head_side = revisions.load_side(repo, journeys_dir, head_commit, revisions.label(head_commit, head))
        if not base_side.exists and not head_side.exists:
            raise GitError(f"there is no journeys folder '{journeys_dir.as_posix()}' at {base_side.label} "
                           f"or at {head_side.label}; run the command in the folder that holds it, "
                           "or name it with --journeys")
    except (GitError, ValueError) as exc:
        click.echo(f"journeymaps diff: {exc}", err=True)
        raise SystemExit(2) from None
    result = changes.compare(base_side, head_side)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        click.echo(diff_report.markdown(result), nl=False)

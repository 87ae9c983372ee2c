"""``journeymaps new journey|persona|vocabulary``: a new file from a template, asking for what is not given.

The templates are in ``scaffold.py``; this module asks, checks the answers
against the journeys folder and writes the file only if it validates.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, get_args

import click

from journeymaps.cli import importers, newfiles, scaffold
from journeymaps.cli.options import fail, journeys_option, require_vocabulary
from journeymaps.model.addresses import slugify
from journeymaps.model.types import ID_PATTERN, MapType
from journeymaps.problems import did_you_mean
from journeymaps.source.files import VOCABULARY, display_path

ID = re.compile(ID_PATTERN)


@click.group("new")
def new() -> None:
    """Write a new journey, persona or vocabulary file from a template (asks for what is not given as an option)."""


def _context_or_fail(journeys_dir: Path) -> importers.Context:
    require_vocabulary(journeys_dir)
    context, blocking = importers.load_context(journeys_dir, Path.cwd())
    if blocking:
        fail(blocking, "the journeys folder has problems; nothing was written")
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
        fail(problems, "nothing was written")
    newfiles.write(journeys_dir, [new_file])
    click.echo(f"wrote {shown}")
    click.echo(next_step.format(shown=shown), err=True)


def _ask(value: Any, text: str, **kwargs: Any) -> Any:
    return value if value is not None else click.prompt(text, **kwargs)


def _option_value(kind: click.ParamType, value: str, name: str) -> Any:
    """``value`` of the option ``name`` converted by ``kind``; an error names the option, as click's own do."""
    ctx = click.get_current_context()
    param = next(p for p in ctx.command.params if p.name == name)
    return kind.convert(value, param, ctx)


@new.command("journey")
@journeys_option()
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
@journeys_option()
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
@journeys_option()
def new_vocabulary(journeys_dir: Path) -> None:
    """Write the journeys folder's vocabulary.yml: the specification's example, to adapt (never replaces one)."""
    _write_new(journeys_dir, newfiles.NewFile(VOCABULARY, scaffold.VOCABULARY),
               "Adapt its stages, channels, devices and departments, then write a persona with: "
               "journeymaps new persona", exists="edit it instead")

"""``journeymaps export``: the valid journeys as the site's journeys.json or touchpoints.csv."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import click

from journeymaps.cli.options import journeys_option, may_write
from journeymaps.figures import portfolio
from journeymaps.model.load import load_corpus
from journeymaps.model.types import Status
from journeymaps.pages import exports


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(("json", "csv")), default="json", show_default=True,
              help="json: every journey with its figures; csv: one row per touchpoint (what 'import' reads).")
@journeys_option()
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
        may_write([output], force, journeys_dir)
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

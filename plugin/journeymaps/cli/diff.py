"""``journeymaps diff``: what changed in the journey maps between two git revisions, for a pull request."""

from __future__ import annotations

import json
from pathlib import Path

import click

from journeymaps.cli import diff_report
from journeymaps.cli.options import journeys_option
from journeymaps.figures import changes
from journeymaps.git import revisions
from journeymaps.git.runner import GitError


@click.command("diff")
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option("--format", "fmt", type=click.Choice(("markdown", "json")), default="markdown", show_default=True,
              help="markdown: ready to paste into a pull request comment; json: the same as data.")
@journeys_option()
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

"""``journeymaps generate``: write the site as a docs folder and a config for an engine that ignores the plugin.

Zensical reads ``mkdocs.yml`` but runs no third-party plugin; the folder this
writes holds every page the plugin would publish, so ``zensical build -f
generated-site/mkdocs.yml`` publishes the same site. With ``--watch`` it
writes the folder again whenever the journeys folder, the docs, the theme
overrides or the config change, for ``zensical serve`` to pick up.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import click

from journeymaps.engines.detect import ignoring_engine, warning
from journeymaps.engines.docs_folder import Generated, generate, options_of
from journeymaps.engines.site_config import ConfigError, read_config
from journeymaps.wording import plural

#: How long the folders must stay quiet before a change is written out (an editor saves in several steps).
SETTLE = 0.3


def _report(result: Generated, out: Path, took: float) -> str:
    shown = out if not out.is_absolute() else Path(click.format_filename(str(out)))
    problems = f"; {plural(len(result.problems), 'problem')}, run 'journeymaps validate'" if result.problems else ""
    return (f"{plural(result.pages, 'generated page')} and {plural(result.docs, 'page')} of the docs folder in "
            f"{shown}/docs ({result.written} written, {result.removed} removed) in {took:.1f} s{problems}")


def _run(config: Path, out: Path) -> Generated:
    started = time.perf_counter()
    result = generate(config, out, say=lambda line: click.echo(f"warning: {line}", err=True))
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(_report(result, out, time.perf_counter() - started), err=True)
    return result


def _watched(config: Path) -> list[Path]:
    """The config file and the folders a change in which changes the output."""
    site = read_config(config)
    paths = [site.path, site.docs_dir, (site.folder / options_of(site).journeys_dir).resolve()]
    if site.custom_dir is not None:
        paths.append(site.custom_dir)
    return [p for p in paths if p.exists()]


def _watch(config: Path, out: Path) -> None:
    """Write the folder again after each change until interrupted (Ctrl+C)."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    changed = threading.Event()
    output = out.resolve()

    class Changes(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            path = Path(str(event.src_path))
            if event.event_type not in ("opened", "closed_no_write") and not path.is_relative_to(output) and \
                    ".git" not in path.parts:
                changed.set()

    observer = Observer()
    for path in _watched(config):
        observer.schedule(Changes(), str(path if path.is_dir() else path.parent), recursive=path.is_dir())
    observer.start()
    click.echo(f"Watching for changes; serve the site with: zensical serve -f {out}/mkdocs.yml (Ctrl+C stops)",
               err=True)
    try:
        while True:
            changed.wait()
            while changed.wait(SETTLE):  # until the folders stay quiet for a moment
                changed.clear()
            try:
                _run(config, out)
            except ConfigError as error:  # a half-saved config: say so and wait for the next change
                click.echo(f"error: {error}", err=True)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        observer.join()


@click.command("generate")
@click.option("-f", "--config-file", "config", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("mkdocs.yml"), show_default=True, help="The site's MkDocs configuration.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("generated-site"),
              show_default=True, help="The folder to write: OUT/docs and OUT/mkdocs.yml.")
@click.option("--watch", is_flag=True, help="Write the folder again on every change, until Ctrl+C.")
@click.option("--strict", is_flag=True, help="Exit with 1 when a map has a problem (it is left out either way).")
def generate_command(config: Path, out: Path, watch: bool, strict: bool) -> None:
    """Write the site as a docs folder that Zensical, ProperDocs or MkDocs build without the plugin.

    OUT/docs holds the hand-written docs and every page the journeys plugin
    would publish, at the same addresses; OUT/mkdocs.yml is the site's config
    for it, without the plugin and with the navigation written out. Then:
    zensical build -f OUT/mkdocs.yml. Maps with problems are reported and
    left out, as the plugin does.
    """
    try:
        site = read_config(config)
        engine = ignoring_engine(site.folder)
        if engine is not None:
            click.echo(warning(engine, "generate", out=str(out)), err=True)
        result = _run(config, out)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    if watch:
        _watch(config, out)
    elif strict and result.problems:
        raise SystemExit(1)

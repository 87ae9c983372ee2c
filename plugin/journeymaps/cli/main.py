"""The ``journeymaps`` command: the group that gathers one module per command (the console script's entry point).

The command modules never import this one; it imports them and adds their
commands, so there is no cycle.
"""

from __future__ import annotations

import click

from journeymaps.cli.diff import diff
from journeymaps.cli.export import export
from journeymaps.cli.import_maps import import_command
from journeymaps.cli.new import new
from journeymaps.cli.schema import schema_command
from journeymaps.cli.validate import validate


@click.group()
@click.version_option(package_name="journeymaps")
def main() -> None:
    """Journey maps as code: check, create, compare, import and export the maps in a journeys/ folder."""


main.add_command(validate)
main.add_command(schema_command)
main.add_command(export)
main.add_command(import_command)
main.add_command(new)
main.add_command(diff)

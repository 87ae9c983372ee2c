"""The ``journeymaps`` command: the group that gathers one module per command (the console script's entry point).

The command modules never import this one; it names them and imports each
one when its command is run (or listed in ``--help``), so there is no cycle,
and ``journeymaps validate`` does not pay for importing what ``diff`` or
``import`` need (git history, figures, spreadsheet readers).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

import click

#: Each command's name, and the module and attribute that define it.
COMMANDS = {
    "validate": ("journeymaps.cli.validate", "validate"),
    "schema": ("journeymaps.cli.schema", "schema_command"),
    "export": ("journeymaps.cli.export", "export"),
    "import": ("journeymaps.cli.import_maps", "import_command"),
    "new": ("journeymaps.cli.new", "new"),
    "diff": ("journeymaps.cli.diff", "diff"),
    "generate": ("journeymaps.cli.generate", "generate_command"),
}


class _Commands(Mapping[str, click.Command]):
    """The group's commands by name; each module is imported when its command is first looked up."""

    def __init__(self, where: dict[str, tuple[str, str]]) -> None:
        self.where = where
        self.loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self.loaded:
            module, attribute = self.where[name]  # a KeyError for an unknown name, as a dict gives
            self.loaded[name] = getattr(importlib.import_module(module), attribute)
        return self.loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.where)

    def __len__(self) -> int:
        return len(self.where)


@click.group(commands=_Commands(COMMANDS))  # type: ignore[arg-type]
@click.version_option(package_name="journeymaps")
def main() -> None:
    """Journey maps as code: check, create, compare, import and export the maps in a journeys/ folder."""

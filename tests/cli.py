"""Run the ``journeymaps`` command in-process, as a user would from a folder."""

from __future__ import annotations

import contextlib
from pathlib import Path

from click.testing import CliRunner, Result

from journeymaps.cli.main import main


def invoke(cwd: Path, *args: str, input: str | None = None) -> Result:
    """``journeymaps ARGS`` from the folder ``cwd``; an unexpected exception fails the test with its traceback."""
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(main, list(args), input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result

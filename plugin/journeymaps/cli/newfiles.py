"""New source files made by ``journeymaps new`` and ``journeymaps import``: written only when they validate.

Every new file is first checked together with the journeys folder it goes
into (its vocabulary and personas, copied into a temporary folder), so a
command never leaves a file that the build would reject. Existing files are
never overwritten unless the user asks for it.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from journeymaps.model.load import load_corpus
from journeymaps.problems import Problem
from journeymaps.source.files import PERSONAS, VOCABULARY, display_path


@dataclass(frozen=True)
class NewFile:
    """A file to write, by its path below the journeys folder."""

    rel: str
    text: str


def check(root: Path, files: Iterable[NewFile], base: Path | None = None) -> list[Problem]:
    """Problems the new files would have in the journeys folder ``root`` (which is not touched)."""
    files = list(files)
    root = Path(root).resolve()
    with tempfile.TemporaryDirectory(prefix="journeymaps-") as tmp:
        stage = Path(tmp) / "journeys"
        stage.mkdir()
        if (root / VOCABULARY).is_file():
            shutil.copy2(root / VOCABULARY, stage / VOCABULARY)
        if (root / PERSONAS).is_dir():
            shutil.copytree(root / PERSONAS, stage / PERSONAS, ignore=shutil.ignore_patterns(".*"))
        for new in files:
            target = stage / new.rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(new.text, encoding="utf-8")
        corpus = load_corpus(stage, display_base=stage)
    wanted = {new.rel for new in files} | {VOCABULARY}
    return [
        Problem(display_path(root / p.path, base), p.line, p.field, p.message)
        for p in corpus.problems if p.path in wanted
    ]


def existing(root: Path, files: Iterable[NewFile]) -> list[Path]:
    """The files that are there already."""
    return [Path(root) / new.rel for new in files if (Path(root) / new.rel).exists()]


def write(root: Path, files: Iterable[NewFile]) -> list[Path]:
    """Write the files below ``root`` (UTF-8, '\\n' line ends); returns their paths."""
    written = []
    for new in files:
        target = Path(root) / new.rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(new.text)
        written.append(target)
    return written

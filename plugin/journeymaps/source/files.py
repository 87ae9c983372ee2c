"""The files of a journeys folder: which ones a build reads, and how their paths are shown.

The one rule for names: a file or folder whose name starts with ``_`` or ``.`` is
not read, not published and not reported (drafts, editor files, ``.git``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

#: The vocabulary's file and the personas' folder, below the journeys folder.
VOCABULARY = "vocabulary.yml"
PERSONAS = "personas"
#: Files that are read as sources; any other file is an asset (a persona's image...).
SOURCE_SUFFIXES = (".md", ".yml", ".yaml")
_IGNORED_STARTS = ("_", ".")


def is_ignored(name: str) -> bool:
    """True for a file or folder name that the build skips (it starts with ``_`` or ``.``)."""
    return name.startswith(_IGNORED_STARTS)


def in_ignored(parts: Iterable[str]) -> bool:
    """True when any part of a relative path is an ignored name."""
    return any(is_ignored(part) for part in parts)


def display_path(path: Path, base: Path | None) -> str:
    """``path`` relative to ``base`` when it lies below it, with '/' separators."""
    if base is not None:
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def walk(root: Path) -> tuple[list[str], list[str]]:
    """Relative paths of all files below ``root`` and of links to folders, skipping ignored names.

    Links to folders are not followed (a link could lead anywhere on the disk).
    """
    found, folder_links = [], []
    top = os.fspath(root)
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not is_ignored(d))
        # paths as strings: a Path object for each of thousands of files took longer than the walk itself
        rel = folder[len(top):].lstrip(os.sep).replace(os.sep, "/")
        prefix = rel + "/" if rel else ""
        folder_links += [prefix + d for d in dirs if os.path.islink(os.path.join(folder, d))]
        found += [prefix + f for f in sorted(files) if not is_ignored(f)]
    return sorted(found), sorted(folder_links)


def source_files(root: Path) -> list[str]:
    """Paths (relative to ``root``) of the files a build reads or publishes, as the build finds them."""
    return walk(root)[0] if root.is_dir() else []


def persona_ids(root: Path) -> list[str]:
    """The ids of the persona files of a journeys folder, whether they are valid or not."""
    return sorted({
        Path(rel).stem for rel in source_files(root) if rel.startswith(PERSONAS + "/") and rel.endswith(".md")
    })

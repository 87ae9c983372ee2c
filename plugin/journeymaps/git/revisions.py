"""The journeys folder as a git revision left it, or as the working tree holds it (for ``journeymaps diff``).

An old revision is read from git (``git ls-tree`` and one ``git cat-file --batch`` for all its files)
into a temporary folder and loaded like any journeys folder; the working tree is loaded where it is.
Nothing is written into the repository.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from journeymaps.git.runner import Git, GitError
from journeymaps.model.corpus import Corpus
from journeymaps.model.load import load_corpus
from journeymaps.source.files import PERSONAS, in_ignored

#: The branches whose merge base with HEAD is the default base of a comparison, the first found wins.
MAIN_BRANCHES = ("main", "master", "origin/main", "origin/master")
# Files whose content the checks read; the others (images) only need to exist.
_TEXT_FILES = (".md", ".yml", ".yaml")


def _said(exc: GitError) -> str:
    """Git's own words for a failure, for a message that gives its own context."""
    return exc.message if exc.started else "git is not installed (or not on PATH)"


def repository(folder: Path) -> Git:
    """Git run at the top folder of the repository that holds ``folder``."""
    try:
        top = Git(folder).toplevel().path
    except GitError as exc:
        raise GitError(f"{folder.as_posix()} is not in a git repository ({_said(exc)})") from None
    return Git(top)


def resolve(repo: Git, revision: str) -> str:
    """The commit id of ``revision``."""
    try:
        out = repo.run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    except GitError:
        raise GitError(f"unknown revision '{revision}'") from None
    return out.decode().strip()


def label(commit: str, name: str) -> str:
    """``abc1234 (main)``, or just ``abc1234`` when the name is the commit id itself."""
    return commit[:7] if commit.startswith(name) else f"{commit[:7]} ({name})"


def default_base(repo: Git) -> tuple[str, str]:
    """The merge base of HEAD with the main branch: (commit, how it was found)."""
    for branch in MAIN_BRANCHES:
        try:
            resolve(repo, branch)
        except GitError:
            continue
        try:
            base = repo.run("merge-base", "HEAD", branch).decode().strip()
        except GitError as exc:
            raise GitError(f"no merge base of HEAD and {branch} ({_said(exc)}); name BASE") from None
        return base, f"merge base with {branch}"
    raise GitError(f"none of the branches {', '.join(MAIN_BRANCHES)} exists; name BASE")


def materialize(repo: Git, commit: str, prefix: str, dest: Path) -> bool:
    """Write the journeys folder ``prefix`` of ``commit`` into ``dest``; False when the commit has no such folder.

    Text files get their content; other files (images) an empty stand-in,
    which is all the checks need to know that they exist.
    """
    listing = repo.run("ls-tree", "-r", "-z", "--full-tree", commit, "--", prefix or ".")
    if not listing:  # git keeps no empty folders: nothing listed means no folder
        return False
    wanted: list[tuple[str, Path]] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        path = raw_path.decode("utf-8", "surrogateescape")
        rel = path[len(prefix) + 1:] if prefix else path
        if kind != "blob" or mode == "120000" or not rel:
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(_TEXT_FILES):
            wanted.append((sha, target))
        else:
            target.write_bytes(b"")
    contents = repo.objects([sha for sha, _ in wanted])
    for (sha, target), data in zip(wanted, contents, strict=True):
        if data is None:
            raise GitError(f"git has no object {sha} for {target.relative_to(dest).as_posix()}", "git cat-file")
        target.write_bytes(data)
    return True


@dataclass
class Side:
    """One end of the comparison: a loaded journeys folder and what it is."""

    label: str  # "abc1234" or "working tree"
    corpus: Corpus
    present: set[str]  # ids of every journey file there, valid or not
    exists: bool = True  # False: no journeys folder there (before the first map was added, say)


def load_side(repo: Git, journeys: Path, revision: str | None, label: str) -> Side:
    """The journeys folder at ``revision`` (None: the working tree)."""
    if revision is None:
        corpus = load_corpus(journeys, display_base=journeys.resolve())
        return Side(label, corpus, _present(corpus.root), journeys.is_dir())
    prefix = journeys.resolve().relative_to(repo.folder).as_posix()
    prefix = "" if prefix == "." else prefix
    with tempfile.TemporaryDirectory(prefix="journeymaps-diff-") as tmp:
        root = Path(tmp) / "journeys"
        root.mkdir()
        exists = materialize(repo, revision, prefix, root)
        corpus = load_corpus(root, display_base=root)
        return Side(label, corpus, _present(root), exists)


def _present(root: Path) -> set[str]:
    """The id of every journey file below ``root`` (personas and ignored names left out)."""
    if not root.is_dir():
        return set()
    found = set()
    for path in root.rglob("*.md"):
        rel = path.relative_to(root)
        if rel.parts[0] != PERSONAS and not in_ignored(rel.parts):
            found.add(rel.as_posix()[:-3])
    return found

"""What git knows about the journeys folder: who changed each file, when, and what it said then.

Git (started by :mod:`journeymaps.git.runner`) is asked a fixed number of times per build, however many
files there are:

1. ``git rev-parse`` once: is git there, is the folder in a repository, is it a shallow clone;
2. ``git log`` once over the whole folder, parsed into one list of revisions per file;
3. ``git status`` once, for files that are not committed yet or have uncommitted changes;
4. ``git cat-file --batch`` once, fed every old revision that :meth:`GitHistory.contents` is asked for.

Renames are followed: when a commit renames ``a.md`` to ``b.md``, the history of ``b.md``
continues with the commits of ``a.md`` before it (git's own rename detection, ``-M``).
A file deleted and later created again at the same path starts a new history. Merge
commits are left out (the commits they bring in are listed); dates are author dates.

Missing git, a folder outside a repository and a shallow clone are not errors: the
history is then *unavailable*, with a one-line ``notice`` for the build log and a short
``reason`` for the pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from journeymaps.git.runner import GIT, Git, GitError

#: Fields of one commit in ``git log``: hash, short hash, author (mailmap applied), email, date, subject.
_FORMAT = "%x1e%H%x1f%h%x1f%aN%x1f%aE%x1f%aI%x1f%s"


@dataclass(frozen=True)
class Commit:
    """One commit: who wrote it, when, and its subject line."""

    hash: str
    short: str
    author: str
    email: str
    date: dt.datetime  # author date, in the author's time zone
    subject: str


@dataclass(frozen=True)
class Revision:
    """A file as one commit left it."""

    commit: Commit
    path: str  # the file's path at that commit, relative to the repository root
    blob: str  # the object id of the file's content at that commit (abbreviated, unique when read)


@dataclass(frozen=True)
class Author:
    """Someone who changed a file, with how many of its commits are theirs."""

    name: str
    email: str
    commits: int


@dataclass
class FileHistory:
    """The commits that touched one file, newest first."""

    revisions: list[Revision] = field(default_factory=list)
    uncommitted_changes: bool = False  # the working copy differs from the last commit

    @property
    def committed(self) -> bool:
        """True when at least one commit touched the file."""
        return bool(self.revisions)

    @property
    def last(self) -> Commit | None:
        """The newest commit, if any."""
        return self.revisions[0].commit if self.revisions else None

    def authors(self) -> list[Author]:
        """Everyone who changed the file (one entry per email), most commits first, then newest first."""
        found: dict[str, Author] = {}
        for revision in self.revisions:  # newest first: the newest name of an email wins
            c = revision.commit
            key = c.email.casefold() or c.author
            known = found.get(key)
            found[key] = Author(known.name if known else c.author, c.email, (known.commits if known else 0) + 1)
        return sorted(found.values(), key=lambda a: -a.commits)  # stable: ties keep newest-first order


@dataclass
class GitHistory:
    """The history of every file below a folder, or why there is none."""

    toplevel: Path | None = None  # the repository's working tree root
    files: dict[str, FileHistory] = field(default_factory=dict)  # by path relative to ``toplevel``
    reason: str | None = None  # short, for pages: why the history is unavailable
    notice: str | None = None  # one line for the build log
    runner: Git | None = field(default=None, repr=False)  # None: git was not asked

    @property
    def calls(self) -> int:
        """How many times git was started."""
        return self.runner.calls if self.runner else 0

    @property
    def available(self) -> bool:
        """True when git answered for this folder."""
        return self.reason is None and self.toplevel is not None

    def of(self, path: Path) -> FileHistory:
        """The history of a file (empty when it has never been committed)."""
        if self.toplevel is None:
            return FileHistory()
        try:
            rel = path.resolve().relative_to(self.toplevel).as_posix()
        except ValueError:
            return FileHistory()
        return self.files.get(rel, FileHistory())

    def contents(self, blobs: Iterable[str]) -> dict[str, bytes]:
        """The content of each object id, read by one ``git cat-file --batch`` process."""
        wanted = list(dict.fromkeys(blobs))
        if not wanted or not self.available or self.runner is None:
            return {}
        try:
            found = self.runner.objects(wanted)
        except GitError:
            return {}
        return {oid: data for oid, data in zip(wanted, found, strict=False) if data is not None}


def read_history(folder: Path, git: str = GIT) -> GitHistory:
    """The history of every file below ``folder``, from one ``git log`` and one ``git status``."""
    folder = Path(folder).resolve()
    runner = Git(folder, git)
    history = GitHistory(runner=runner)
    if not folder.is_dir():
        return _unavailable(history, "the journeys folder does not exist", f"{folder} does not exist")
    try:
        top = runner.toplevel()
    except GitError as exc:
        if not exc.started:
            return _unavailable(history, "git is not installed",
                                f"git is not installed (no '{git}' on PATH), so pages show no history")
        if "not a git repository" in exc.message:
            return _unavailable(history, "the journeys folder is not in a git repository",
                                f"{folder} is not in a git repository, so pages show no history")
        return _unavailable(history, "git could not read the repository",
                            f"git could not read the repository ({exc.message}), so pages show no history")
    if top.shallow:
        return _unavailable(
            history, "this is a shallow clone, so its history is incomplete",
            "the repository is a shallow clone, so pages show no history; "
            "fetch all of it with 'git fetch --unshallow'",
        )
    history.toplevel = top.path
    if not folder.is_relative_to(history.toplevel):  # e.g. a work tree set elsewhere with core.worktree
        return _unavailable(history, "git could not read the repository",
                            f"{folder} is outside the work tree {history.toplevel}, so pages show no history")
    pathspec = _pathspec(folder, history.toplevel)
    try:
        try:
            log = runner.run("log", "-z", "--raw", "-M", "--root", "--no-merges",
                             "--no-color", f"--format={_FORMAT}", "--", pathspec)
        except GitError as exc:
            if "does not have any commits yet" not in str(exc):
                raise
            log = b""  # a new repository: nothing is committed yet
        status = runner.run("status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames",
                            "--", pathspec)
    except GitError as exc:
        return _unavailable(history, "git could not read the history", f"{exc}, so pages show no history")
    history.files = follow_renames(parse_log(log))
    for path in _parse_status(status):
        if path in history.files:
            history.files[path].uncommitted_changes = True
    return history


def _unavailable(history: GitHistory, reason: str, notice: str) -> GitHistory:
    history.reason, history.notice, history.toplevel = reason, notice, None
    return history


def _pathspec(folder: Path, toplevel: Path) -> str:
    rel = folder.relative_to(toplevel).as_posix()
    return f":(top,literal){rel}" if rel != "." else ":(top)."


@dataclass(frozen=True)
class Change:
    """One file changed by one commit, as ``git log --raw`` lists it."""

    status: str  # A, M, D, T, R (renamed)...
    path: str  # the path after the commit
    old_path: str | None  # the path before a rename
    blob: str  # object id after the commit


def parse_log(out: bytes) -> list[tuple[Commit, list[Change]]]:
    """Parse ``git log -z --raw --format=<_FORMAT>`` into commits with their changes, newest first."""
    tokens = out.decode("utf-8", "surrogateescape").split("\0")
    commits: list[tuple[Commit, list[Change]]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        i += 1
        if token.startswith("\x1e"):
            full, short, author, email, date, subject = _text(token[1:]).split("\x1f", 5)
            commit = Commit(full, short, author, email, dt.datetime.fromisoformat(date), subject)
            commits.append((commit, []))
        elif token.startswith(":") and commits:
            meta = token.split()
            status, blob = meta[-1], meta[3].rstrip(".")  # old gits end abbreviated ids with "..."
            if status[:1] in ("R", "C"):
                old, new = tokens[i], tokens[i + 1]
                i += 2
            else:
                old, new = None, tokens[i]
                i += 1
            commits[-1][1].append(Change(status[:1], new, old if status[:1] == "R" else None, blob))
    return commits


def _text(value: str) -> str:
    """Text for pages: bytes that are not UTF-8 (kept by surrogateescape for paths) become U+FFFD."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def follow_renames(commits: list[tuple[Commit, list[Change]]]) -> dict[str, FileHistory]:
    """Per file (by its newest path), the revisions that touched it, following renames back in time."""
    files: dict[str, FileHistory] = {}
    current: dict[str, str] = {}  # a path at this point in time -> the file's newest path
    gone: set[str] = set()  # paths whose older commits belong to no file of today
    for commit, changes in commits:  # newest first
        renamed: dict[str, str] = {}
        freed: list[str] = []
        for change in changes:
            path = change.path
            if path in gone:
                if change.old_path:
                    gone.add(change.old_path)
                continue
            newest = current.get(path)
            if newest is None:
                if change.status == "D":  # the newest thing that happened to this path is its deletion
                    gone.add(path)
                    continue
                newest = current[path] = path
            if change.status == "D":
                continue
            files.setdefault(newest, FileHistory()).revisions.append(Revision(commit, path, change.blob))
            if change.status in ("A", "R"):  # before this commit the path held another file, or none
                freed.append(path)
                if change.old_path:
                    renamed[change.old_path] = newest
        for path in freed:
            current.pop(path, None)
            gone.add(path)
        for old, newest in renamed.items():
            gone.discard(old)
            current[old] = newest
    return files


def _parse_status(out: bytes) -> set[str]:
    """Paths that ``git status --porcelain -z`` lists as changed (not untracked ones)."""
    paths = set()
    for entry in out.decode("utf-8", "surrogateescape").split("\0"):
        if len(entry) > 3 and entry[:2] != "??":
            paths.add(entry[3:])
    return paths


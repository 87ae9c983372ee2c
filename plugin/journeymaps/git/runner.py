"""The one way journeymaps starts git: fixed locale and output settings, bytes in and out, one error class.

Every git process of the site build (:mod:`journeymaps.git.history`) and of ``journeymaps diff``
(:mod:`journeymaps.git.revisions`) is started by :meth:`Git.run`, which counts them.

The user's git configuration files are read, as git always reads them: they hold settings that describe
the machine rather than the output (``safe.directory``, which git itself tells people to set when a
repository belongs to another user, as in a Docker build; ``core.autocrlf``, set by Git for Windows, without
which ``git status`` would call every file changed). Each setting that would change the output we parse
is fixed with ``-c`` instead.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: The git executable (found on PATH).
GIT = "git"

# Before the command: no pager, no index refresh written by a read-only command, and every setting of the
# user's configuration that would change what we parse set to git's default.
_OPTIONS = (
    "--no-pager", "--no-optional-locks",
    "-c", "log.follow=false", "-c", "log.showSignature=false", "-c", "i18n.logOutputEncoding=UTF-8",
    "-c", "core.quotePath=false", "-c", "core.abbrev=auto", "-c", "diff.renameLimit=1000",
)


def environment() -> dict[str, str]:
    """The caller's environment with git's messages in English (callers match some of them)."""
    return {**os.environ, "LC_ALL": "C", "LANGUAGE": "C"}


class GitError(Exception):
    """Git failed or could not be started, or did not find what was asked.

    ``message`` is git's own last line of error (or, with no ``command``, the caller's words);
    ``str()`` names the command too: ``'git log' failed: fatal: ...``.
    """

    def __init__(self, message: str, command: str = "", *, started: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.command = command  # "git log"; empty for a failure the caller found in git's answer
        self.started = started  # False: there is no git to run (or it could not be run)

    def __str__(self) -> str:
        if not self.started:
            return f"git could not be started ({self.message})"
        return f"'{self.command}' failed: {self.message}" if self.command else self.message


@dataclass(frozen=True)
class Toplevel:
    """Where the repository holding a folder has its working tree, and whether its history is cut short."""

    path: Path
    shallow: bool


@dataclass
class Git:
    """Git run in one folder; counts the processes it starts."""

    folder: Path
    executable: str = GIT
    calls: int = 0

    def run(self, *args: str, stdin: bytes | None = None) -> bytes:
        """The output of ``git ARGS`` (bytes); :class:`GitError` with git's message when it fails."""
        self.calls += 1
        command = f"git {args[0]}" if args else "git"
        try:
            done = subprocess.run([self.executable, *_OPTIONS, *args], cwd=self.folder, input=stdin,
                                  capture_output=True, check=False, env=environment())
        except OSError as exc:
            raise GitError(exc.strerror or str(exc), command, started=False) from None
        if done.returncode != 0:
            lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(lines[-1] if lines else f"exit status {done.returncode}", command)
        return done.stdout

    def toplevel(self) -> Toplevel:
        """The working tree root of the repository that holds the folder (``git rev-parse``)."""
        out = self.run("rev-parse", "--show-toplevel", "--is-shallow-repository")
        lines = out.decode("utf-8", "surrogateescape").splitlines()
        if len(lines) < 2:  # e.g. an old git in a bare repository prints no top folder
            raise GitError("it did not say where the working tree is", "git rev-parse")
        return Toplevel(Path(lines[0]).resolve(), lines[1].strip() == "true")

    def objects(self, ids: Sequence[str]) -> list[bytes | None]:
        """The content of each object, in order (None: git has no such object), from one ``git cat-file --batch``."""
        if not ids:
            return []
        return parse_batch(self.run("cat-file", "--batch", stdin="".join(f"{oid}\n" for oid in ids).encode()))


def parse_batch(out: bytes) -> list[bytes | None]:
    """The objects of ``git cat-file --batch`` output, in the order they were asked for.

    Each answer is ``<oid> <type> <size>\\n<content>\\n``, or ``<name> missing\\n`` (or ``ambiguous``).
    """
    found: list[bytes | None] = []
    pos = 0
    while pos < len(out):
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3:
            size = int(header[2])
            found.append(out[pos : pos + size])
            pos += size + 1
        else:
            found.append(None)
    return found

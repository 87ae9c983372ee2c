"""Real git repositories for tests: fixed authors and dates, and MkDocs builds with a chosen PATH."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sites import BIN, build

GIT = shutil.which("git") or "/usr/bin/git"

ANA = ("Ana Lima", "ana@example.org")
BEN = ("Ben Ode", "ben@example.org")
CHRIS = ("Chris Dee", "chris@example.org")


def git_env(home: Path, author: tuple[str, str] = ANA, date: str = "2026-01-05T09:00:00+00:00") -> dict[str, str]:
    """An environment with a fixed author, committer and date, and no user or system git configuration."""
    home.mkdir(parents=True, exist_ok=True)
    name, email = author
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email, "GIT_COMMITTER_DATE": date,
    }


def git(repo: Path, *args: str, author: tuple[str, str] = ANA, date: str = "2026-01-05T09:00:00+00:00") -> str:
    """Run git in ``repo`` as ``author`` on ``date``; return its output."""
    done = subprocess.run([GIT, *args], cwd=repo, env=git_env(repo.parent / "git-home", author, date),
                          capture_output=True, text=True, check=True)
    return done.stdout


def init(repo: Path) -> None:
    """Make ``repo`` a git repository on branch main."""
    git(repo, "init", "-q", "-b", "main")


def commit(repo: Path, message: str, author: tuple[str, str] = ANA, date: str = "2026-01-05T09:00:00+00:00") -> str:
    """Commit everything in the working tree; return the short hash."""
    git(repo, "add", "-A", author=author, date=date)
    git(repo, "commit", "-q", "-m", message, author=author, date=date)
    return git(repo, "rev-parse", "--short", "HEAD").strip()


def build_with(root: Path, *extra: str, path: str | None = None, env: dict[str, str] | None = None):
    """``mkdocs build`` of ``root`` (in this process, see sites.build) with a chosen PATH (default: this environment
    and /usr/bin:/bin), no user or system git configuration, and ``env``."""
    return build(root, *extra, env={"PATH": path or f"{BIN}:/usr/bin:/bin", "HOME": str(root.parent / "home"),
                                    "GIT_CONFIG_NOSYSTEM": "1", **(env or {})})


def counting_git(folder: Path, log: Path) -> str:
    """A directory holding a ``git`` that logs each start to ``log`` and runs the real git; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    wrapper = folder / "git"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{GIT}" "$@"\n')
    wrapper.chmod(0o755)
    return str(folder)

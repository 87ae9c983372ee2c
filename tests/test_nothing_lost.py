"""Nothing is lost: building and checking never write into the sources, and --strict stops a broken deploy.

A copy of the repository's site, with broken maps from ``tests/hostile`` beside
the healthy ones, is snapshotted (content hash, modification time and inode of
every file, and every folder) before and after ``journeymaps validate``, every
other read-only ``journeymaps`` command (``generate`` writes only its own
``generated-site/``), ``mkdocs build`` into the default
``site/`` folder and into another folder, and ``mkdocs build --strict``.
Only the output folders may change: no file is added, removed or rewritten
(even with the same content) anywhere else, ``journeys/`` and ``docs/``
included. Commands that are meant to write maps (``new``, ``import``) are
left out here and tested with their own features.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from journeymaps.cli.main import main
from sites import BIN, REPO, command_env

pytestmark = pytest.mark.slow  # the sample site built again and again, as commands

#: Commands whose purpose is to write source files when asked to.
WRITERS = {"new", "import"}
ENV = command_env()
BROKEN = ["unknown-references.md", "malformed-yaml.md", "billion-laughs.md", "empty.md"]


def snapshot(root: Path, outputs: tuple[str, ...] = ("site", "elsewhere", "generated-site")) -> dict[str, tuple]:
    """Every file and folder below ``root`` except the output folders, with what would show a rewrite."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if rel.parts[0] in outputs:
            continue
        if path.is_dir():
            found[rel.as_posix() + "/"] = ("folder",)
        else:
            info = path.stat()
            found[rel.as_posix()] = (hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mtime_ns, info.st_ino)
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("mkdocs.yml", "docs", "journeys", "theme_overrides"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    for name in BROKEN:
        shutil.copy(Path(__file__).parent / "hostile" / name, tmp_path / "journeys/retail" / name)
    return tmp_path


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=project, env=ENV, capture_output=True, text=True, timeout=300)


def test_validate_and_every_read_only_command_leave_the_sources_alone(project: Path) -> None:
    before = snapshot(project)
    done = run(project, str(BIN / "journeymaps"), "validate")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(done.stdout.splitlines()) >= len(BROKEN)
    for name in sorted(set(main.commands) - WRITERS - {"validate"}):  # commands added later are checked too
        with contextlib.suppress(subprocess.TimeoutExpired):  # a command that serves until stopped
            run(project, str(BIN / "journeymaps"), name)
    assert snapshot(project) == before
    assert (project / "generated-site/docs/journeys/retail/buy-running-shoes/index.md").is_file()


def test_builds_leave_the_sources_alone(project: Path) -> None:
    before = snapshot(project)
    done = run(project, str(BIN / "mkdocs"), "build")  # into the default site/ folder
    assert done.returncode == 0, done.stderr
    assert (project / "site/journeys/retail/buy-running-shoes/index.html").is_file()
    done = run(project, str(BIN / "mkdocs"), "build", "-d", str(project / "elsewhere"))
    assert done.returncode == 0, done.stderr
    run(project, str(BIN / "mkdocs"), "build", "--strict")
    assert snapshot(project) == before
    assert not (project / "docs/journeys").exists() and not list((project / "journeys").rglob("*.html"))


def test_strict_build_with_problems_exits_non_zero(project: Path) -> None:
    done = run(project, str(BIN / "mkdocs"), "build", "--strict")
    log = done.stdout + done.stderr
    assert done.returncode == 1
    assert "Traceback" not in log
    problems = [line for line in log.splitlines() if line.startswith("WARNING -  journeymaps: ")]
    assert len(problems) >= len(BROKEN)
    assert f"Aborted with {len(problems)} warnings in strict mode!" in log
    # and a deploy step chained to it never runs, even when the build is told to be quiet: MkDocs' --quiet drops
    # warnings before --strict counts them, so the plugin fails that build itself
    for flags in ("", "-q"):
        deploy = run(project, "/bin/sh", "-c", f"{BIN / 'mkdocs'} build --strict {flags} && touch deployed")
        assert deploy.returncode != 0 and not (project / "deployed").exists(), flags
    assert f"journeymaps: {len(problems)} problem(s) in the journeys folder and --strict is set" in deploy.stderr


def test_strict_build_of_the_healthy_sources_succeeds(project: Path) -> None:
    for name in BROKEN:
        (project / "journeys/retail" / name).unlink()
    done = run(project, str(BIN / "mkdocs"), "build", "--strict")
    assert done.returncode == 0, done.stdout + done.stderr

"""bench/run.py with a tiny N: a smoke test of the harness only (speed is measured by the benchmark, not here)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sites import REPO, command_env

pytestmark = pytest.mark.slow  # the benchmark builds a dozen sites as commands


def _repository_state() -> str:
    """Every file git sees as changed, new or ignored in the repository (the benchmark must write none).

    Python's bytecode caches are left out: a first run on a fresh clone makes them, and so do other tests.
    """
    status = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout
    return "\n".join(line for line in status.splitlines() if "__pycache__/" not in line)


def test_the_benchmark_prints_its_tables_and_writes_nothing_into_the_repository() -> None:
    before = _repository_state()
    done = subprocess.run(
        [sys.executable, str(REPO / "bench/run.py"), "--sizes", "4", "6", "--repeat", "1", "--serve-repeat", "1"],
        cwd=REPO, capture_output=True, text=True, timeout=900,
        env=command_env(PYTHONDONTWRITEBYTECODE="1"),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    headings = ("### Builds", "### Ratios and the plugin's share", "### Profile of our build, N = 6", "### Targets")
    for heading in headings:
        assert heading in out, heading
    rows = [line for line in out.splitlines() if line.startswith("| 6 |")]
    assert [row.split("|")[2].strip() for row in rows[:4]] == ["ours", "ours, no git", "b1", "b2"]
    pages = {row.split("|")[2].strip(): int(row.split("|")[3]) for row in rows[:4]}
    assert pages["ours"] == pages["b1"] == pages["b2"] > 6  # the baselines have as many pages as our site
    assert "| plugin: journey pages |" in out and "| search: indexing the pages |" in out
    assert "journeymaps validate of N=6 journeys" in out and "a serve rebuild after one change" in out
    assert _repository_state() == before

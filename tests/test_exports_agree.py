"""`journeymaps export` writes the same documents as the built site's journeys.json and touchpoints.csv."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from sites import BIN, REPO, build


def test_command_and_site_export_the_same_data(tmp_path: Path) -> None:
    for name in ("docs", "journeys", "theme_overrides"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    assert build(tmp_path, "--strict").returncode == 0
    published = ("--status", "draft", "--status", "review", "--status", "approved")  # the site's default

    def export(fmt: str) -> bytes:
        run = subprocess.run([str(BIN / "journeymaps"), "export", "--format", fmt, *published],
                             cwd=tmp_path, capture_output=True, check=True)
        return run.stdout

    site = tmp_path / "site"
    assert json.loads(export("json")) == json.loads((site / "journeys.json").read_text(encoding="utf-8"))
    assert export("csv") == (site / "touchpoints.csv").read_bytes()

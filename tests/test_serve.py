"""``mkdocs serve`` rebuilds when a file under journeys/ (outside docs/) changes."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from sites import BIN, command_env, spec_site

pytestmark = pytest.mark.slow  # a real `mkdocs serve`, waited for


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    body = None
    while time.monotonic() < deadline:
        body = _get(url)
        if body and text in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds}s; last body: {(body or '')[:200]}")


def test_serve_rebuilds_when_a_journey_changes(tmp_path: Path) -> None:
    root = spec_site(tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env=command_env(),
    )
    try:
        url = f"http://127.0.0.1:{port}/journeys/retail/buy-running-shoes/"
        _wait_for(url, "Buying running shoes online")
        journey = root / "journeys/retail/buy-running-shoes.md"
        journey.write_text(journey.read_text().replace("Buying running shoes online", "Buying trail shoes online"))
        _wait_for(url, "Buying trail shoes online")
        assert not (root / "docs").exists() or not any((root / "docs").iterdir()), "serve wrote into docs/"
    finally:
        server.terminate()
        server.wait(timeout=10)

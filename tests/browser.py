"""A real browser for the tests: Debian's Chromium driven by Playwright, and a local server.

The built site is served from a sub-path (as on an intranet server) by a small
HTTP server on 127.0.0.1; every request the browser makes is recorded so a test
can prove that nothing leaves the host.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import axe_playwright_python
from playwright.sync_api import Browser, Page, sync_playwright

from sites import REPO, build

#: Whether the running test may start Chromium: conftest.py allows it to tests marked ``browser`` only, so that
#: ``pytest -m "not browser"`` can never start a browser.
ALLOWED = True
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
#: axe-core as shipped inside a PyPI package: injected from disk, never fetched.
AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
# Without these Chromium calls Google's hosts at start-up, which a closed network refuses.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions"]


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass


@dataclass
class Server:
    """The site served at ``http://127.0.0.1:<port><prefix>``."""

    base: str
    origin: str


@contextmanager
def serve(site: Path, prefix: str = "/intranet/journey-maps/") -> Iterator[Server]:
    """Serve ``site`` below ``prefix`` until the block ends."""
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield Server(origin + prefix, origin)
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def browser() -> Iterator[Browser]:
    """Headless Chromium from the operating system's packages."""
    if not ALLOWED:
        raise RuntimeError("this test starts Chromium: mark it @pytest.mark.browser")
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium is not installed at {CHROMIUM}; `apt-get install chromium` (make test does)")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield instance
        finally:
            instance.close()


@dataclass
class Recorder:
    """What a page did: every request URL, the status of every response, console errors and uncaught exceptions."""

    requests: list[str] = field(default_factory=list)
    responses: list[tuple[str, int]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # requests that got no response at all
    errors: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> Page:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("response", lambda response: self.responses.append((response.url, response.status)))
        page.on("requestfailed", lambda request: self.failed.append(request.url))
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        return page

    @property
    def bad_responses(self) -> list[tuple[str, int]]:
        """The responses with an error status (400 and above)."""
        return [(url, status) for url, status in self.responses if status >= 400]


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return result["violations"]


def describe(violations: list[dict]) -> str:
    """A readable list of violations for an assertion message."""
    lines = []
    for v in violations:
        targets = [", ".join(node["target"]) for node in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} nodes, e.g. {targets}")
    return "\n".join(lines)


def settle(page: Page) -> None:
    """Wait until the touchpoints filters have shown what they found (they fetch the data file the first time)."""
    page.wait_for_function("!document.querySelector('form.jm-filters[aria-busy]')")


def open_page(chromium: Browser, url: str, javascript: bool = True) -> Page:
    """``url`` in a new context (scripts on or off), once the filters have settled; ``page.errors`` collects the
    page's script errors."""
    page = chromium.new_context(java_script_enabled=javascript).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.errors = errors  # type: ignore[attr-defined]
    settle(page)
    return page


def build_sample_site(root: Path, prefix: str = "/intranet/journey-maps/") -> Path:
    """The sample site built in ``root`` with a site_url below ``prefix``, as an intranet server would host it."""
    for name in ("docs", "journeys", "theme_overrides"):
        shutil.copytree(REPO / name, root / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(f"site_url: https://intranet.example{prefix}\n" + config, encoding="utf-8")
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"

"""A real ``mkdocs serve``, and how long a contributor waits for a change to show (used by ``run.py``).

Three changes, in turn, ``repeats`` times, each timed from the moment the file is written:

* **edit**: one map's title is changed; done when its page shows the new title;
* **add**: a new map file (a copy of that map with another title) is written; done when its page
  is served and the journeys index (``journeys/``, its parts ``page/<k>/`` or the folder's page)
  links to it;
* **remove**: that file is deleted; done when its page is not found and no listing links to it.

Each change starts on a quiet server: no rebuild under way or about to start (the edit is undone
after it is measured, and the rebuild that starts is waited for). "Done" is the first moment the
served site shows the change *for good*: the condition holds and still holds once the server has
said that its rebuild is over ("Reloading browsers"). The server holds requests while it rebuilds,
so a page is never seen half built. After an add or a remove, the search index is read once to say
whether it is up to date too.
"""

from __future__ import annotations

import contextlib
import queue
import random
import re
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
# MkDocs logs a message only the first time it sees that text (its DuplicateFilter): a rebuild as long as an earlier
# build to the hundredth of a second says nothing about its time. The end of a rebuild is "Reloading browsers",
# which carries the clock time and so is always new.
RELOADED = "Reloading browsers"
DETECTED = "Detected file changes"
# The watcher looks for changes every 0.5 s and MkDocs waits 0.25 s for more: a server quiet this long is idle.
QUIET = 1.5
KINDS = ("edit", "add", "remove")
HREF = re.compile(r'href="([^"#?]*)')


@dataclass
class Change:
    """One change under ``mkdocs serve``."""

    kind: str  # "edit", "add" or "remove"
    built: float  # from the change until the server logs that the rebuild is done ("Reloading browsers")
    reported: float | None  # MkDocs' own "Documentation built in" figure, when it logs one (see above)
    shown: float  # from the change until the served site shows it for good
    search: bool | None = None  # after an add or a remove: whether the search index agrees (None: not checked)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 just now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 300) -> tuple[int, str]:
    """The status and text of ``url`` (status 0: no answer). The server holds a request while it rebuilds."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # only ever 127.0.0.1
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def links_to(get: Callable[[str], tuple[int, str]], listing: str, target: str, limit: int = 200) -> bool | None:
    """Whether the page ``listing`` or one of its parts (``page/<k>/``, found by following pager links) links to
    ``target`` (absolute URLs); None when a page of the listing could not be read (False when there is no such
    listing)."""
    seen, todo = {listing}, [listing]
    while todo and len(seen) <= limit:
        url = todo.pop()
        status, text = get(url)
        if status == 404 and url == listing:  # the site has no such listing (a folder page, say)
            return False
        if status != 200:
            return None
        hrefs = {urllib.parse.urljoin(url, href) for href in HREF.findall(text)}
        if target in hrefs:
            return True
        for part in hrefs:  # the listing's other parts, at <listing>page/<k>/ (pages/paging.py)
            if re.fullmatch(re.escape(listing) + r"page/\d+/", part) and part not in seen:
                seen.add(part)
                todo.append(part)
    return False


class Server:
    """``mkdocs serve`` of the site at ``root`` on a free port, its log lines collected with their times."""

    def __init__(self, root: Path, command: list[str], env: dict[str, str], timeout: float) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.timeout = timeout
        self.process = subprocess.Popen([*command, "serve", "-a", f"127.0.0.1:{self.port}", "-f", "mkdocs.yml"],
                                        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        text=True)
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.log: list[str] = []
        self.answers: list[float] = []  # when each answer of ``get`` arrived
        self.pending = 0  # rebuilds started ("Detected file changes") and not yet ended ("Reloading browsers")
        self.stirred = time.perf_counter()  # the last sign of a rebuild, or the last change of a file
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put((time.perf_counter(), line))

    def get(self, url: str) -> tuple[int, str]:
        """``fetch(url)``, noting when the answer arrived."""
        answer = fetch(url)
        self.answers.append(time.perf_counter())
        return answer

    def fail(self, why: str) -> SystemExit:
        """The error that stops the benchmark, with the end of the server's log."""
        return SystemExit(f"mkdocs serve {why}:\n" + "".join(self.log[-30:]))

    def started(self) -> None:
        """Wait until the first build is served."""
        deadline = time.perf_counter() + self.timeout
        while not any("Serving on" in line for line in self.log):
            if time.perf_counter() > deadline or self.process.poll() is not None:
                raise self.fail("did not start")
            with contextlib.suppress(queue.Empty):
                self._note(*self.lines.get(timeout=1))

    def _note(self, at: float, line: str) -> None:
        """Keep a log line, and count the rebuilds under way."""
        self.log.append(line)
        if DETECTED in line:
            self.pending += 1
            self.stirred = at
        elif RELOADED in line:
            self.pending = max(0, self.pending - 1)
            self.stirred = at

    def drain(self) -> list[tuple[float, str]]:
        """The log lines that came since the last call, noted."""
        lines = []
        while not self.lines.empty():
            lines.append(self.lines.get())
            self._note(*lines[-1])
        return lines

    def settle(self) -> None:
        """Wait until no rebuild is under way or about to start: the server has been quiet for ``QUIET`` seconds."""
        deadline = time.perf_counter() + self.timeout
        while self.drain() or self.pending or time.perf_counter() - self.stirred < QUIET:
            if time.perf_counter() > deadline:
                raise self.fail("did not settle")
            time.sleep(0.1)

    def change(self, kind: str, act: Callable[[], None], shows: Callable[[], bool]) -> Change:
        """Make a change (``act``) on a quiet server and time it until ``shows()`` holds for good."""
        self.settle()
        started = self.stirred = time.perf_counter()
        act()
        built = reported = since = None
        while built is None or since is None:
            if time.perf_counter() - started > self.timeout:
                raise self.fail(f"did not show the {kind} in time")
            first = len(self.answers)
            # it shows since the first answer of this round (the server holds a request while it rebuilds)
            shown = shows()
            since = None if not shown else since if since is not None else self.answers[first] - started
            for at, line in self.drain():
                found = BUILT.search(line)
                if found and reported is None:
                    reported = float(found.group(1))
                if RELOADED in line and built is None:
                    built = at - started
            if built is not None and since is not None and since < built and not shows():
                since = None  # it showed before the rebuild ended but not after: not for good
            time.sleep(0.05)
        return Change(kind, built, reported, since)

    def touch(self) -> None:
        """Note a change made outside ``change`` (the next change waits for the rebuild it starts)."""
        self.stirred = time.perf_counter()

    def stop(self) -> None:
        """End the server (the one this object started)."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def serve_changes(root: Path, journey: str, repeats: int, command: list[str], env: dict[str, str],
                  timeout: float = 600) -> list[Change]:
    """Edit ``journeys/<journey>.md``, add a map beside it and remove that map, ``repeats`` times each."""
    path = root / "journeys" / f"{journey}.md"
    original = path.read_text(encoding="utf-8")
    folder = posixpath_parent(journey)
    server = Server(root, command, env, timeout)
    page = f"{server.base}journeys/{journey}/"
    index = f"{server.base}journeys/"
    results: list[Change] = []
    added: Path | None = None
    try:
        server.started()
        while "Journey" not in server.get(page)[1]:
            time.sleep(0.1)
        for run in range(repeats):
            marker = f"Edited {run} {random.randrange(10**6)}"
            edited = original.replace('title: "', f'title: "{marker} ', 1)
            results.append(server.change("edit", lambda t=edited: path.write_text(t, encoding="utf-8"),
                                         lambda m=marker: m in server.get(page)[1]))
            path.write_text(original, encoding="utf-8")  # its rebuild ends before the next change starts
            server.touch()
            name = f"journey-added-{run}-{random.randrange(10**6)}"
            added = path.with_name(f"{name}.md")
            title = f"Added map {random.randrange(10**6)}"
            text = re.sub(r'^title: "[^"\n]*"', f'title: "{title}"', original, count=1, flags=re.MULTILINE)
            new_page = f"{server.base}journeys/{folder}{name}/"
            listings = (index, f"{server.base}journeys/{folder}") if folder else (index,)

            def listed(url: str = new_page, pages: tuple[str, ...] = listings) -> bool | None:
                found = [links_to(server.get, listing, url) for listing in pages]
                return None if None in found else any(found)

            def add(file: Path = added, t: str = text) -> None:
                file.write_text(t, encoding="utf-8")

            results.append(server.change("add", add, lambda u=new_page, t=title: (
                t in server.get(u)[1] and listed() is True)))
            results[-1].search = title in fetch(f"{server.base}search/search_index.json")[1]
            results.append(server.change("remove", added.unlink, lambda u=new_page: (
                server.get(u)[0] == 404 and listed() is False)))
            results[-1].search = title not in fetch(f"{server.base}search/search_index.json")[1]
            added = None
    finally:
        path.write_text(original, encoding="utf-8")
        if added is not None:
            added.unlink(missing_ok=True)
        server.stop()
    return results


def posixpath_parent(journey: str) -> str:
    """The folder of a journey's address with a trailing slash ("" at the top)."""
    head, _, _ = journey.rpartition("/")
    return f"{head}/" if head else ""

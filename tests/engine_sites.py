"""One site built four ways, each by the real commands as a user runs them, and what to compare the outputs by.

The four ways (issue 17, publish with any engine):

1. ``mkdocs build -d OUT`` with the ``journeys`` plugin, in the site's folder;
2. ``properdocs build -d OUT`` with the plugin (ProperDocs is a fork of MkDocs 1.6 that loads the same plugins);
3. ``journeymaps generate -f mkdocs.yml --out GEN``, then ``zensical build -f GEN/mkdocs.yml``: Zensical 0.0.73 has
   no ``-d`` and refuses a ``site_dir`` outside the configuration's folder, so it writes ``GEN/site``, which is then
   moved to ``OUT`` (the move is not timed);
4. the same ``journeymaps generate``, then ``mkdocs build -f GEN/mkdocs.yml -d OUT``.

Every command is a fresh process of this virtual environment's ``bin`` folder in the small environment of
``sites.command_env`` and is timed on the wall clock, with its peak memory (as bench/run.py times its builds).
``bench/engines.py`` times the ways with these functions.

``page_addresses``, ``broken_links`` and ``ids`` read a built site: the HTML is parsed with ``html.parser``.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sites import BIN, command_env

#: The ways, in the order above: the key names the way in tests, folders and the benchmark's tables.
WAYS = ("mkdocs", "properdocs", "generate+zensical", "generate+mkdocs")
LABELS = {
    "mkdocs": "mkdocs build (plugin)",
    "properdocs": "properdocs build (plugin)",
    "generate+zensical": "journeymaps generate + zensical build",
    "generate+mkdocs": "journeymaps generate + mkdocs build",
}
# Zensical colours its messages even when its output is not a terminal (NO_COLOR and TERM=dumb do not stop it).
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class Step:
    """One command run: what it said, its exit code, its wall time and its peak resident memory."""

    command: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


@dataclass
class EngineBuild:
    """A site built one way: the output folder and each command run for it (``generate`` for ways 3 and 4, then
    ``build``); a failed ``generate`` leaves ``build`` out."""

    way: str
    site: Path
    steps: dict[str, Step] = field(default_factory=dict)

    @property
    def returncode(self) -> int:
        """The first non-zero exit code of the steps, or 0."""
        return next((s.returncode for s in self.steps.values() if s.returncode), 0)

    @property
    def stdout(self) -> str:
        return "".join(s.stdout for s in self.steps.values())

    @property
    def stderr(self) -> str:
        return "".join(s.stderr for s in self.steps.values())

    @property
    def seconds(self) -> float:
        """Wall time of every step together."""
        return sum(s.seconds for s in self.steps.values())

    def describe(self) -> str:
        """Each step's command, exit code and the end of its output: for assertion messages."""
        return "\n".join(f"$ {' '.join(s.command)}  -> exit {s.returncode}\n{(s.stdout + s.stderr)[-3000:]}"
                         for s in self.steps.values())


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Step:
    """Run ``command`` (its first word from this environment's ``bin`` folder) in ``cwd``, timed, with the
    environment of ``command_env`` plus ``env``."""
    argv = [str(BIN / command[0]), *command[1:]]
    # The output goes to files, not pipes: os.wait4 (for the peak memory) must reap the process, not Popen.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=command_env(**(env or {})), stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        texts = []
        for stream in (out, err):
            stream.seek(0)
            texts.append(_ANSI.sub("", stream.read().decode("utf-8", errors="replace")))
    return Step(command, process.returncode, *texts, seconds, usage.ru_maxrss / 1024)


def generated_folder(out: Path) -> Path:
    """Where ways 3 and 4 let ``journeymaps generate`` write, beside their output folder ``out``."""
    return out.with_name(out.name + "-generated")


def build_way(way: str, root: Path, out: Path, env: dict[str, str] | None = None) -> EngineBuild:
    """Build the site whose ``mkdocs.yml`` is in ``root`` the way ``way`` (one of ``WAYS``) into ``out``
    (emptied first; so is the generated folder of ways 3 and 4)."""
    shutil.rmtree(out, ignore_errors=True)
    built = EngineBuild(way, out)
    if way == "mkdocs":
        built.steps["build"] = run(["mkdocs", "build", "-d", str(out)], root, env)
    elif way == "properdocs":
        built.steps["build"] = run(["properdocs", "build", "-d", str(out)], root, env)
    elif way in ("generate+zensical", "generate+mkdocs"):
        generated = generated_folder(out)
        shutil.rmtree(generated, ignore_errors=True)  # Zensical's cache (.cache/) is in there too: a cold build
        built.steps["generate"] = run(["journeymaps", "generate", "-f", "mkdocs.yml", "--out", str(generated)],
                                      root, env)
        if built.steps["generate"].returncode != 0:
            return built
        config = str(generated / "mkdocs.yml")
        if way == "generate+mkdocs":
            built.steps["build"] = run(["mkdocs", "build", "-f", config, "-d", str(out)], root, env)
        else:
            built.steps["build"] = run(["zensical", "build", "-f", config], root, env)
            if (generated / "site").is_dir():
                shutil.move(generated / "site", out)
    else:
        raise ValueError(f"no way {way!r}: one of {', '.join(WAYS)}")
    return built


def build_all(root: Path, work: Path, env: dict[str, str] | None = None) -> dict[str, EngineBuild]:
    """The site at ``root`` built each of the four ways, into ``work/<way>`` (``+`` spelled ``-``)."""
    return {way: build_way(way, root, work / way.replace("+", "-"), env) for way in WAYS}


# --- reading a built site -------------------------------------------------------------------------------------


def _html_files(site: Path) -> Iterator[str]:
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix()


def address_of(rel: str) -> str:
    """A page's address from its file: ``a/b/index.html`` is ``a/b/``, ``index.html`` is ``""``."""
    return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


def file_of(address: str) -> str:
    """The file of the page at ``address`` (the reverse of ``address_of``)."""
    return address + "index.html" if address == "" or address.endswith("/") else address


def page_addresses(site: Path) -> set[str]:
    """The address of every HTML page of the site, but for what only one engine, or each engine its own way, makes:

    - ``404.html``: the page a server shows for a missing address, not a page of the site; each engine writes its
      own, and MkDocs writes its links from the server's root;
    - everything below ``assets/``: the theme's and the engine's files (Zensical bundles other ones than Material
      for MkDocs), not pages;
    - everything below ``search/``: Material for MkDocs' search plugin writes its index there, Zensical writes
      ``search.json`` at the top instead. Only the top-level folders: a channel may well be called ``search``
      (``channels/search/`` is a page).
    """
    return {address_of(rel) for rel in _html_files(site)
            if rel != "404.html" and not rel.startswith(("assets/", "search/"))}


_LINKS = {"a": "href", "link": "href", "img": "src", "script": "src"}  # the attribute that links, by element


class _Page(HTMLParser):
    """The ``id`` and ``name`` values of a page, and the ``href``/``src`` of its ``a``, ``img``, ``link`` and
    ``script`` elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name):
                self.ids.add(values[name])  # type: ignore[arg-type]
        wanted = _LINKS.get(tag)
        if wanted and values.get(wanted) is not None:
            self.refs.append(values[wanted])  # type: ignore[arg-type]

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def ids(site: Path, address: str) -> set[str]:
    """Every ``id`` (and ``name``) in the page at ``address`` (``a/b/``, ``""`` for the home page, or ``x.html``)."""
    return _parse(site / file_of(address)).ids


def _internal(ref: str) -> bool:
    """A link into the site: no scheme (``https:``, ``mailto:``, ``tel:``, ``javascript:``, ``data:``...) and not
    ``//host``."""
    ref = ref.strip()
    return not ref.startswith("//") and not urlsplit(ref).scheme


def _target(site: Path, page: str, path: str) -> str | None:
    """The file (relative to ``site``) that ``path`` (unquoted, without query and fragment) names from the page
    file ``page``, or None when it is outside the site or not there. A folder means its ``index.html``."""
    if path.startswith("/"):  # from the server's root: the site is served at the root when it is checked
        joined = posixpath.normpath(path.lstrip("/") or ".")
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined == ".." or joined.startswith("../"):
        return None
    rel = "" if joined == "." else joined
    target = site / rel
    if target.is_dir():
        rel, target = posixpath.join(rel, "index.html"), target / "index.html"
    elif path.endswith("/"):
        return None  # a/ names a folder, and there is none
    return rel if target.is_file() else None


def broken_links(site: Path) -> list[str]:
    """Every internal link of every HTML page of the site that leads nowhere, as ``page: link (why)``.

    A link is internal when it has no scheme and does not start with ``//``; it is read relative to the page's URL
    (the page ``a/b/index.html`` is at ``a/b/``), with percent-escapes undone. Its file must exist (a folder means
    its ``index.html``), and its ``#fragment``, in an HTML page, must be an ``id`` or ``name`` there. ``404.html``
    is left out: a server shows it at any missing address, so MkDocs writes its links from the server's root.
    """
    pages = {rel: _parse(site / rel) for rel in _html_files(site) if rel != "404.html"}
    broken: list[str] = []
    for rel, page in pages.items():
        for ref in page.refs:
            if not _internal(ref):
                continue
            parts = urlsplit(ref.strip())
            path, fragment = unquote(parts.path), unquote(parts.fragment)
            target = _target(site, rel, path) if path else rel
            if target is None:
                broken.append(f"{address_of(rel)}: {ref} (no such file)")
                continue
            if not fragment or not target.endswith(".html"):
                continue
            known = pages[target].ids if target in pages else _parse(site / target).ids
            if fragment not in known:
                broken.append(f"{address_of(rel)}: {ref} (no id {fragment!r} in {target})")
    return broken

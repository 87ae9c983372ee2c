"""Helpers to write small sites and build them with MkDocs, as a user would.

``build`` runs MkDocs in this process through its Python API (``load_config`` and
``build``, as the ``mkdocs build`` command does), which spares each test the start of a
new Python and the import of MkDocs and Material, and lets the builds share the code
Jinja compiles the templates to (see ``_shared_template_code``): the many small-site
tests take a fraction of the time. What a user would see is kept: the log as the command
prints it (``WARNING -  ...`` on stderr, "Aborted ..." on stdout), the exit code, the
working folder and the small environment of ``command_env``. ``mkdocs`` and
``build_command`` run the real command, for the tests that are about the command itself
(exit codes of ``--strict``, ``serve``, the CLI).
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import logging
import os
import subprocess
import sys
import textwrap
import traceback
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import CodeType

import click
import jinja2
from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def command_env(**extra: str) -> dict[str, str]:
    """The small environment the tests run commands in. A ``PYTHONPATH`` is passed on, so that a checkout
    tested with another checkout's virtual environment still runs its own code."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}:/usr/bin:/bin"}
    if os.environ.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return {**env, **extra}


def write(root: Path, files: dict[str, str]) -> None:
    """Write ``{relative path: text}`` below ``root`` (text is dedented)."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def mkdocs(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the ``mkdocs`` command of this environment (``env`` adds to ``command_env``)."""
    return subprocess.run([str(BIN / "mkdocs"), *args], cwd=cwd, capture_output=True, text=True,
                          env=command_env(**(env or {})))


def build_command(root: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build`` of the site at ``root`` into ``root/site``, run as a command."""
    return mkdocs("build", "-d", str(root / "site"), *extra, cwd=root, env=env)


def build(root: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build`` of the site at ``root`` into ``root/site``, in this process.

    ``extra`` takes the options of the command that the tests use (``--strict``, ``--quiet``, ``--verbose``);
    ``env`` adds to the environment of ``command_env``.
    """
    args = ["mkdocs", "build", "-d", str(root / "site"), *extra]
    level, strict = logging.INFO, None
    for option in extra:
        if option in ("-s", "--strict"):
            strict = True
        elif option in ("-q", "--quiet"):
            level = logging.ERROR
        elif option in ("-v", "--verbose"):
            level = logging.DEBUG
        else:
            raise ValueError(f"build() does not know the option {option!r}; use build_command()")
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with _mkdocs_log(err, level), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            contextlib.chdir(root), _environment(command_env(**(env or {}))), _shared_template_code():
        try:
            _build_once(root / "mkdocs.yml", root / "site", strict)
        except click.ClickException as e:  # what the command prints: "Aborted ..." or "Error: ..."
            e.show()
            code = e.exit_code
        except Exception:  # the command would end with the traceback
            err.write(traceback.format_exc())
            code = 1
        finally:
            gc.unfreeze()  # the plugin sets the build's objects aside until the process ends
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


@dataclass
class Built:
    """A site written from a tree and built: where it is, and what ``mkdocs build`` said."""

    root: Path
    returncode: int
    stdout: str
    stderr: str

    @property
    def site(self) -> Path:
        """The built site."""
        return self.root / "site"

    def page(self, address: str) -> str:
        """The HTML of the page at ``address`` (``journeys/retail/buy``; ``""`` for the home page)."""
        return (self.site / address / "index.html").read_text(encoding="utf-8")


def build_tree(root: Path, tree: dict[str, str], *extra: str, env: dict[str, str] | None = None) -> Built:
    """Write ``{path: text}`` below ``root`` (an empty ``docs/`` too, when the tree has none) and ``build`` it."""
    write(root, tree)
    (root / "docs").mkdir(exist_ok=True)
    done = build(root, *extra, env=env)
    return Built(root, done.returncode, done.stdout, done.stderr)


def _build_once(config_file: Path, site_dir: Path, strict: bool | None) -> None:
    """What ``mkdocs build`` does, with fresh plugins: MkDocs keeps a plugin that has ``on_startup`` for the next
    build of the same process (that is how ``mkdocs serve`` keeps caches), and each test is a new site."""
    cache = MkDocsConfig.plugins.plugin_cache
    cache.clear()
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(config, dirty=False)
        finally:
            config.plugins.on_shutdown()
    finally:
        cache.clear()  # and none is left for the next build, whoever makes it


@contextlib.contextmanager
def _mkdocs_log(stream: io.StringIO, level: int) -> Iterator[None]:
    """MkDocs' log as the command prints it when its output is not a terminal, into ``stream``."""
    logger = logging.getLogger("mkdocs")
    saved = logger.level, logger.propagate, logger.handlers[:]
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    duplicates = mkdocs_utils.DuplicateFilter()  # the command says a repeated message of the build once
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False
    mkdocs_build.log.addFilter(duplicates)
    try:  # a Python warning goes to pytest's summary here (the command would print it as an INFO line)
        yield
    finally:
        mkdocs_build.log.removeFilter(duplicates)
        logger.handlers[:] = saved[2]
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


#: The code of every template compiled by the builds of this process, by what the code depends on.
_COMPILED: dict[Hashable, CodeType] = {}


def _compile_key(env: jinja2.Environment, source: str, name: str | None, filename: str | None,
                 defer_init: bool) -> Hashable:
    """Everything Jinja reads while it compiles a template: the source, its name and file, the environment's syntax,
    autoescaping, finalize, extensions, and the filters and tests (it checks them, and folds constant calls)."""
    syntax = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
              env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
              env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline)
    escape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    extensions = tuple(sorted(f"{type(e).__module__}.{type(e).__qualname__}" for e in env.extensions.values()))
    return (source, name, filename, defer_init, syntax, escape, env.finalize, env.optimized, env.is_async,
            env.sandboxed, extensions, frozenset(env.filters.items()), frozenset(env.tests.items()))


@contextlib.contextmanager
def _shared_template_code() -> Iterator[None]:
    """Builds in this process reuse the code Jinja compiled a template to in an earlier build.

    MkDocs and the plugin make new Jinja environments for every build, and compiling the templates again is most of
    the time of a small site's build. The compiled code depends only on what ``_compile_key`` names, so a template
    compiled under the same key is the same code; the pages rendered with it are the same, byte for byte.
    """
    compile_template = jinja2.Environment.compile

    def compile_once(self: jinja2.Environment, source, name=None, filename=None, raw=False, defer_init=False):
        if raw or not isinstance(source, str):
            return compile_template(self, source, name, filename, raw, defer_init)
        try:
            key = _compile_key(self, source, name, filename, defer_init)
            code = _COMPILED.get(key)
        except TypeError:  # a filter or test that cannot be a key: compile as usual
            return compile_template(self, source, name, filename, raw, defer_init)
        if code is None:
            code = _COMPILED[key] = compile_template(self, source, name, filename, raw, defer_init)
        return code

    jinja2.Environment.compile = compile_once
    try:
        yield
    finally:
        jinja2.Environment.compile = compile_template


@contextlib.contextmanager
def _environment(env: dict[str, str]) -> Iterator[None]:
    """Exactly ``env`` as the process's environment (git, the reference date and PATH read it) for the block."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def search_index(site: Path) -> list[dict]:
    """The entries of Material's search index."""
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


FRESH_CONFIG = """
site_name: Fresh
theme:
  name: material
plugins:
  - search
  - journeys
"""

# The examples of the format's specification (version 1.0), as written there, except that the
# journey's `baseline:` line is left out: the map it names is not part of these test sites.
SPEC_VOCABULARY = """
emotion_scale:            # optional; this is the default
  min: -2
  max: 2
  labels: {-2: Very negative, -1: Negative, 0: Neutral, 1: Positive, 2: Very positive}
stages:                   # required, in journey order; phases refer to these ids
  - id: awareness
    name: Awareness
    description: The customer learns that the product exists.
  - consideration
  - purchase
  - retention
  - advocacy
channels:                 # required
  - social-media
  - email
  - {id: live-chat, name: Live chat}
  - phone
  - store
  - website
  - print
devices:                  # optional
  - mobile
  - desktop
  - in-person
departments:              # optional
  - {id: marketing, name: Marketing}
  - {id: ecommerce, name: E-commerce}
  - {id: customer-service, name: Customer Service}
"""

SPEC_PERSONA = """
---
name: Maya, the weekend runner        # required
segment: Millennials                  # optional: the group this persona stands for
summary: Runs 10 km on Saturdays, buys on her phone.
quote: "If a friend I trust wears it, I'll try it."
goals: [Shoes that fit first time, Delivery before race day]
frustrations: [Sizing that differs between brands]
channels: [social-media, live-chat, email]   # preferred channels: vocabulary channel ids
image: images/maya.png                # optional; relative to the persona file, must stay inside journeys/
---
Free Markdown: background, research notes.
"""

SPEC_JOURNEY = """
---
title: Buying running shoes online    # required
persona: maya                         # required: a persona id
type: current                         # current | future | day-in-the-life | blueprint (default current)
status: approved                      # draft | review | approved | archived (default draft)
owner: ecommerce                      # optional: a department id, responsible for the map
reviewed: 2026-09-30                  # optional: date of the last review (YYYY-MM-DD)
scenario: buy-running-shoes           # optional: journeys of several personas on the same scenario are compared
goal: Find shoes that fit and arrive before the race.
scope:
  start: Sees a friend's post about the shoe
  end: Recommends the shoe in a review
tags: [running, online]
phases:                               # required, at least one
  - stage: awareness                  # required: a vocabulary stage id; stages appear in vocabulary order
    name: Hears about the shoe        # optional label; defaults to the stage's name
    steps:                            # required, at least one
      - action: Sees a friend's post about the shoe     # required: what the customer does
        thinking: Would these help my knee?             # optional: what they think
        feeling: Curious                                # optional: the emotion, in words
        emotion: 1                                      # optional: an integer within emotion_scale
        moment_of_truth: false                          # optional
        touchpoints:                                    # optional
          - name: Friend's post on Instagram            # required
            channel: social-media                       # required: a vocabulary channel id
            device: mobile                              # optional: a vocabulary device id
            department: marketing                       # optional: a vocabulary department id that owns it
            contact: indirect                           # direct | indirect (default direct)
        pain_points:                                    # optional: strings
          - No size guide in the post
        opportunities:                                  # optional: strings, or mappings
          - Link posts to a fit finder
          - title: Influencer discount code
            impact: high                                # low | medium | high
            effort: low                                 # low | medium | high
            owner: marketing                            # a department id
        evidence:                                       # optional
          - kind: quote                                 # quote | statistic | observation | analytics
            text: "I only buy what my running club wears."
            source: Interview 4, March 2026
        metrics:                                        # optional
          - {name: Click-through, value: 2.1, unit: "%", target: 3}
        backstage:                                      # optional: what happens out of the customer's sight
          - Marketing schedules the influencer campaign
---
## Hears about the shoe

Free Markdown. A level-2 heading whose text is a phase's name or stage id
attaches the section under it to that phase on the published page.
"""

# A 1x1 transparent PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


def spec_site(root: Path, config: str = FRESH_CONFIG) -> Path:
    """A brand-new site made only of the spec's examples."""
    write(root, {
        "mkdocs.yml": config,
        "journeys/vocabulary.yml": SPEC_VOCABULARY,
        "journeys/personas/maya.md": SPEC_PERSONA,
        "journeys/retail/buy-running-shoes.md": SPEC_JOURNEY,
    })
    (root / "docs").mkdir(exist_ok=True)
    (root / "journeys/personas/images").mkdir(parents=True, exist_ok=True)
    (root / "journeys/personas/images/maya.png").write_bytes(PNG)
    return root

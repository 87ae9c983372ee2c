"""One ``mkdocs build`` with a stopwatch on the plugin's hooks and on the main steps of MkDocs.

    python bench/timed_build.py RESULT.json mkdocs build -q -f SITE/mkdocs.yml -d SITE/site

runs the ``mkdocs`` command given after the result path in this process, exactly as the
command line would, after wrapping:

* every ``on_*`` hook of ``JourneysPlugin`` and the plugin's Markdown extension, and the
  steps of the plugin's own work (loading and validation, git history, analysis, each kind
  of page, the exports, the navigation);
* MkDocs' steps: reading and converting each page's Markdown, rendering each page with the
  theme and writing it, Material's search plugin indexing each page and writing its index.

Each timer counts its *own* time: a timed step called inside another one is subtracted
from the outer one, so the figures add up to the time of the build. Sites without the
plugin (the baselines) are timed the same way. The result file holds the timers, the time
spent in the ``mkdocs`` command, the peak resident memory of this process, and the steps of
``PLUGIN_STEPS`` and ``MKDOCS_STEPS`` not found in the code being measured ("missing"): the
plugin changes, and a renamed step is left out of the profile (its time counts in the hook or
step that calls it) rather than stopping the benchmark.
"""

from __future__ import annotations

import functools
import importlib
import json
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

STARTED = time.perf_counter()


class Stopwatch:
    """Exclusive time and calls per label."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._inner: list[float] = []

    def wrap(self, label: str, function: Callable) -> Callable:
        """``function``, timed under ``label``."""

        @functools.wraps(function)
        def timed(*args, **kwargs):
            started = time.perf_counter()
            self._inner.append(0.0)
            try:
                return function(*args, **kwargs)
            finally:
                inner = self._inner.pop()
                elapsed = time.perf_counter() - started
                self.seconds[label] += elapsed - inner
                self.calls[label] += 1
                if self._inner:
                    self._inner[-1] += elapsed

        return timed

    def patch(self, owner: object, name: str, label: str) -> None:
        """Replace ``owner.name`` (a module function or a plain method) by its timed version."""
        setattr(owner, name, self.wrap(label, getattr(owner, name)))


# The plugin's own steps: (module, attribute, label). Several attributes may share a label (their times add up).
# The plugin changes: a step that is not found in this version is left out and named in the result ("missing"),
# so the profile still adds up (its time counts in the hook that calls it) and says what the bench no longer sees.
PLUGIN_STEPS = [
    ("journeymaps.mkdocs.unpublished", "_Unlink.run", "plugin: Markdown extension"),
    ("journeymaps.mkdocs.plugin", "load_corpus", "plugin: loading (reading files)"),
    ("journeymaps.model.load", "split_front_matter", "plugin: loading (YAML)"),
    ("journeymaps.model.load", "validate", "plugin: validation (model)"),
    ("journeymaps.model.rules", "check_journey", "plugin: validation (cross-file rules)"),
    ("journeymaps.model.rules", "check_persona", "plugin: validation (cross-file rules)"),
    ("journeymaps.mkdocs.plugin", "read_history", "plugin: git history"),
    ("journeymaps.pages.history_sections", "emotion_trends", "plugin: git history (old revisions)"),
    ("journeymaps.figures.portfolio", "build", "plugin: analysis"),
    ("journeymaps.pages.journey_page", "JourneyPages.page", "plugin: journey pages"),
    ("journeymaps.pages.persona_page", "PersonaPages.page", "plugin: persona pages"),
    ("journeymaps.pages.listings", "Listings.journeys_index", "plugin: listing pages"),
    ("journeymaps.pages.listings", "Listings.folder_pages", "plugin: listing pages"),
    ("journeymaps.pages.listings", "Listings.personas_index", "plugin: listing pages"),
    ("journeymaps.pages.plan", "reviews_page", "plugin: listing pages"),
    ("journeymaps.pages.navigation", "Navigation.entries", "plugin: navigation"),
    ("journeymaps.pages.compare_pages", "ComparePages.pages", "plugin: pages across maps"),
    ("journeymaps.pages.channel_pages", "ChannelPages.pages", "plugin: pages across maps"),
    ("journeymaps.pages.portfolio_lists", "PortfolioLists.pages", "plugin: pages across maps"),
    ("journeymaps.pages.exports", "journeys_json", "plugin: exports"),
    ("journeymaps.pages.exports", "touchpoints_csv", "plugin: exports"),
    ("journeymaps.mkdocs.search", "SearchHandOff.show_view", "plugin: search views"),
    # A page's HTML is made as MkDocs builds the page (pages.generated.Later), not while the site is planned.
    ("journeymaps.pages.generated", "GeneratedPage.render", "plugin: page HTML (made as each page is built)"),
]
# MkDocs' and Material's steps, on every site (ours and the baselines).
MKDOCS_STEPS = [
    ("mkdocs.commands.build", "build", "mkdocs: other work (files, navigation, copying)"),
    ("mkdocs.commands.build", "_populate_page", "mkdocs: Markdown of the pages"),
    ("mkdocs.commands.build", "_build_page", "mkdocs: theme templates and writing"),
    ("material.plugins.search.plugin", "SearchPlugin.on_page_context", "search: indexing the pages"),
    ("material.plugins.search.plugin", "SearchPlugin.on_post_build", "search: writing the index"),
]


def _patch_step(watch: Stopwatch, module_name: str, attribute: str, label: str) -> bool:
    """Time ``module.attribute`` (``Class.method`` for a method) under ``label``; False if it is not there."""
    try:
        owner: object = importlib.import_module(module_name)
    except ImportError:
        return False
    *path, name = attribute.split(".")
    for part in path:
        owner = getattr(owner, part, None)
        if owner is None:
            return False
    if not callable(getattr(owner, name, None)):
        return False
    watch.patch(owner, name, label)
    return True


def _patch_hooks(watch: Stopwatch) -> None:
    """Every ``on_*`` hook of the plugin, each handler of a combined event on its own."""
    from mkdocs.plugins import CombinedEvent

    from journeymaps.mkdocs import plugin

    cls = plugin.JourneysPlugin
    for name, value in list(vars(cls).items()):
        if isinstance(value, CombinedEvent):  # one event, several handlers: time each of them
            for method in value.methods:
                watch.patch(cls, method.__name__, f"plugin: hook {name} (own work)")
            setattr(cls, name, CombinedEvent(*(getattr(cls, m.__name__) for m in value.methods)))
        elif name.startswith("on_") and callable(value):
            watch.patch(cls, name, f"plugin: hook {name} (own work)")


def install(watch: Stopwatch) -> list[str]:
    """Wrap what is measured (the plugin's parts only when it is installed); the steps not found, by name."""
    missing = [f"{m}.{a}" for m, a, label in MKDOCS_STEPS if not _patch_step(watch, m, a, label)]
    try:
        _patch_hooks(watch)
    except ImportError:  # a baseline site's environment without the plugin
        return missing
    return missing + [f"{m}.{a}" for m, a, label in PLUGIN_STEPS if not _patch_step(watch, m, a, label)]


def main() -> None:
    result = Path(sys.argv[1])
    watch = Stopwatch()
    missing = install(watch)
    from mkdocs.__main__ import cli

    started = time.perf_counter()
    code = 0
    try:
        cli.main(args=sys.argv[3:], prog_name="mkdocs", standalone_mode=False)
    except SystemExit as exc:  # click's way of ending with an error
        code = exc.code if isinstance(exc.code, int) else 1
    except Exception as exc:  # a failed build: report it, the caller stops
        print(f"build failed: {exc!r}", file=sys.stderr)
        code = 1
    finished = time.perf_counter()
    result.write_text(json.dumps({
        "code": code,
        "command": finished - started,
        "imports": started - STARTED,
        "seconds": watch.seconds,
        "calls": watch.calls,
        "missing": missing,
        "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }), encoding="utf-8")
    sys.exit(code)


if __name__ == "__main__":
    main()

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
spent in the ``mkdocs`` command and the peak resident memory of this process.
"""

from __future__ import annotations

import functools
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


def install(watch: Stopwatch) -> None:
    """Wrap what is measured (the plugin's parts only when it is installed)."""
    from mkdocs.commands import build

    watch.patch(build, "build", "mkdocs: other work (files, navigation, copying)")
    watch.patch(build, "_populate_page", "mkdocs: Markdown of the pages")
    watch.patch(build, "_build_page", "mkdocs: theme templates and writing")
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:
        pass
    else:
        watch.patch(SearchPlugin, "on_page_context", "search: indexing the pages")
        watch.patch(SearchPlugin, "on_post_build", "search: writing the index")
    try:
        from journeymaps.figures import portfolio
        from journeymaps.mkdocs import plugin, unpublished
        from journeymaps.model import load
        from journeymaps.pages import (
            channel_pages,
            compare_pages,
            exports,
            history_sections,
            journey_page,
            listings,
            navigation,
            persona_page,
            plan,
            portfolio_lists,
        )
    except ImportError:
        return
    for name, value in vars(plugin.JourneysPlugin).items():
        if isinstance(value, plugin.CombinedEvent):  # one event, several handlers: time each of them
            for method in value.methods:
                watch.patch(plugin.JourneysPlugin, method.__name__, f"plugin: hook {name} (own work)")
            setattr(plugin.JourneysPlugin, name, plugin.CombinedEvent(
                *(getattr(plugin.JourneysPlugin, m.__name__) for m in value.methods)))
        elif name.startswith("on_") and callable(value):
            watch.patch(plugin.JourneysPlugin, name, f"plugin: hook {name} (own work)")
    watch.patch(unpublished._Unlink, "run", "plugin: Markdown extension")
    watch.patch(plugin, "load_corpus", "plugin: loading (reading files)")
    watch.patch(load, "split_front_matter", "plugin: loading (YAML)")
    watch.patch(load, "validate", "plugin: validation (model)")
    watch.patch(load.rules, "check_journey", "plugin: validation (cross-file rules)")
    watch.patch(load.rules, "check_persona", "plugin: validation (cross-file rules)")
    watch.patch(plugin, "read_history", "plugin: git history")
    watch.patch(history_sections, "emotion_trends", "plugin: git history (old revisions)")
    watch.patch(portfolio, "build", "plugin: analysis")
    watch.patch(journey_page.JourneyPages, "page", "plugin: journey pages")
    watch.patch(persona_page.PersonaPages, "page", "plugin: persona pages")
    for name in ("journeys_index", "folder_pages", "personas_index"):
        watch.patch(listings.Listings, name, "plugin: listing pages")
    watch.patch(plan, "reviews_page", "plugin: listing pages")
    watch.patch(navigation.Navigation, "entries", "plugin: navigation")
    for kind in (compare_pages.ComparePages, channel_pages.ChannelPages, portfolio_lists.PortfolioLists):
        watch.patch(kind, "pages", "plugin: pages across maps")
    watch.patch(exports, "journeys_json", "plugin: exports")
    watch.patch(exports, "touchpoints_csv", "plugin: exports")


def main() -> None:
    result = Path(sys.argv[1])
    watch = Stopwatch()
    install(watch)
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
        "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }), encoding="utf-8")
    sys.exit(code)


if __name__ == "__main__":
    main()

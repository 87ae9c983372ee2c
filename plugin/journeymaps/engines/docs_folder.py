"""``journeymaps generate``: the site as a docs folder and a config that any engine builds without the plugin.

Everything the plugin would hand MkDocs is written out: the hand-written
docs, every generated page at ``<address>/index.md``, the journeys folder's
pictures, the exports, our stylesheet and script, the theme partials, and a
config with the navigation written out. A file whose content did not change
is not written again, so that an engine watching the folder (``zensical
serve``) rebuilds only what changed; a file that is no longer made is
removed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from journeymaps.engines.links import LinkMover
from journeymaps.engines.page_text import page_text
from journeymaps.engines.site_config import ConfigError, SiteConfig, read_config, written_config
from journeymaps.figures.reviews import ReviewPolicy, reference_date
from journeymaps.git.history import read_history
from journeymaps.model.load import load_corpus
from journeymaps.pages.generated import search_marks_kept
from journeymaps.pages.options import SiteOptions, read_options
from journeymaps.pages.plan import SitePlan, build_plan, override_dirs, unusable_vocabulary
from journeymaps.pages.site_nav import merge_nav, nav_paths
from journeymaps.pages.static import CSS, FILES, JS, THEME
from journeymaps.problems import Problem

#: The folder of theme overrides in the output (the site's own, with our partials when offline).
OVERRIDES = "overrides"
_PAGES = (".md", ".markdown")


@dataclass
class Generated:
    """What one run wrote, for the command to report."""

    out: Path
    pages: int = 0  # generated pages
    docs: int = 0  # files of the docs folder copied
    written: int = 0  # files whose content changed (or new)
    removed: int = 0  # files of an earlier run no longer made
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things the user should know, one line each


def _address(path: str) -> str:
    """The address a page of the docs folder is published at (``a/b.md`` -> ``a/b/``)."""
    pure = PurePosixPath(path)
    if pure.stem in ("index", "README"):
        return "" if str(pure.parent) == "." else f"{pure.parent}/"
    return f"{pure.with_suffix('')}/"


def _docs_files(docs: Path) -> dict[str, Path]:
    """The docs folder's files by their path in it; hidden files and folders are left out, as MkDocs does."""
    found = {}
    if docs.is_dir():
        for path in sorted(docs.rglob("*")):
            rel = path.relative_to(docs)
            if path.is_file() and not any(part.startswith(".") for part in rel.parts):
                found[rel.as_posix()] = path
    return found


def options_of(config: SiteConfig) -> SiteOptions:
    """The plugin's options from the config; a ConfigError that lists what is wrong."""
    options, errors = read_options(config.plugin)
    if options is None:
        raise ConfigError(f"{config.path}: " + "; ".join(errors))
    return options


def plan_site(config: SiteConfig, options: SiteOptions, has_home: bool) -> tuple[SitePlan, list[Problem]]:
    """Read the journeys folder and plan every page."""
    root = (config.folder / options.journeys_dir).resolve()
    corpus = load_corpus(root, display_base=Path.cwd())
    if (unusable := unusable_vocabulary(corpus)) is not None:
        raise ConfigError(unusable)
    overrides = override_dirs(config.custom_dir)
    history = read_history(root) if options.history else None
    reviews = ReviewPolicy(options.review.interval, reference_date(), options.review.due_soon)
    plan = build_plan(corpus, overrides, options.statuses, with_home=not has_home, history=history,
                      reviews=reviews, navigation=options.navigation)
    return plan, list(corpus.problems)


class _Output:
    """The files of one run, written only where their content changed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.made: set[Path] = set()
        self.written = 0

    def text(self, rel: str, content: str) -> None:
        self.bytes(rel, content.encode("utf-8"))

    def bytes(self, rel: str, content: bytes) -> None:
        path = self.root / rel
        self.made.add(path)
        try:
            if path.read_bytes() == content:
                return
        except OSError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        self.written += 1

    def copy(self, rel: str, source: Path) -> None:
        self.bytes(rel, source.read_bytes())

    def prune(self, below: Path | None = None) -> int:
        """Remove the files under ``below`` (the root by default) that this run did not make, and the folders
        left empty."""
        folder = below or self.root
        removed = 0
        if not folder.is_dir():
            return 0
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file() and path not in self.made:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        return removed


def _overrides(config: SiteConfig, options: SiteOptions, out: _Output) -> str | None:
    """Copy our partials (offline, Material) and the site's overrides into the output; their folder, if any."""
    sources = []
    if options.offline and config.theme_name == "material":
        sources.append(THEME)
    if config.custom_dir is not None and config.custom_dir.is_dir():
        sources.append(config.custom_dir)  # after ours: the site's own win
    for source in sources:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                out.copy(f"{OVERRIDES}/{path.relative_to(source).as_posix()}", path)
    return OVERRIDES if sources else None


def generate(config_path: Path, out_dir: Path, say: Callable[[str], None] = lambda line: None) -> Generated:
    """Write the site for engines without the plugin into ``out_dir`` (see the module's docstring)."""
    with search_marks_kept():  # pages render as they are written: the markers must stay until then
        return _generate(config_path, out_dir, say)


def _generate(config_path: Path, out_dir: Path, say: Callable[[str], None]) -> Generated:
    config = read_config(config_path)
    options = options_of(config)
    out_dir = out_dir.resolve()
    if out_dir == config.folder or config.folder.is_relative_to(out_dir):
        raise ConfigError(f"{out_dir}: the output folder holds the site itself; name another with --out")
    if config.docs_dir.is_relative_to(out_dir) or out_dir.is_relative_to(config.docs_dir):
        raise ConfigError(f"{out_dir}: the output folder must be outside the docs folder {config.docs_dir}")
    result = Generated(out_dir)
    if not config.has_plugin or not options.enabled:
        result.notes.append("the site's config does not use the journeys plugin (or switches it off): "
                            "only its docs are written")
    docs = _docs_files(config.docs_dir)
    has_home = any(name in docs for name in ("index.md", "README.md"))
    plan, result.problems = (plan_site(config, options, has_home) if config.has_plugin and options.enabled
                             else (SitePlan(), []))
    for problem in result.problems:
        say(f"{problem.format()} (this file is left out of the site)")
    moved = {page.src_uri: page.url + "index.md" for page in plan.pages}
    by_address = {page.url: page for page in plan.pages}
    output = _Output(out_dir / "docs")
    site_files = set(docs) | {a.src_uri for a in plan.assets} | set(plan.files) | set(FILES)
    mover = LinkMover(moved, site_files, plan.unpublished)
    for rel, path in docs.items():
        if rel.endswith(_PAGES) and _address(rel) in by_address:
            say(f"'{rel}' in the docs folder is replaced by the page made from the journeys folder")
            continue
        if rel.endswith(_PAGES):
            output.text(rel, mover.rewrite(path.read_text(encoding="utf-8-sig"), rel, rel))
        else:
            output.copy(rel, path)
        result.docs += 1
    for page in plan.pages:
        text, left_out = page_text(page, mover.rewrite(page.markdown, page.src_uri, moved[page.src_uri]))
        output.text(moved[page.src_uri], text)
        page.release()
        result.pages += 1
        for where in left_out:
            say(f"{where}: left out of the search: its text is above what Zensical indexes in one entry")
    for asset in plan.assets:
        output.copy(asset.src_uri, asset.path)
    for name, content in plan.files.items():
        output.text(name, content)
    for name, source in FILES.items():
        if name not in docs:  # a site may ship its own copy to override ours
            output.copy(name, source)
    site = _Output(out_dir)
    overrides = _overrides(config, options, site) if plan.pages else None
    user_nav = config.data.get("nav")
    if isinstance(user_nav, list):
        user_nav = _renamed_nav(user_nav, moved)
    doc_pages = [rel for rel in docs if rel.endswith(_PAGES) and _address(rel) not in by_address]
    nav = merge_nav(user_nav if isinstance(user_nav, list) else None, _renamed_nav(plan.nav, moved), doc_pages,
                    {moved[p.src_uri] for p in plan.pages})
    css, js = ([CSS], [JS]) if plan.pages else ([], [])
    in_nav = set(nav_paths(nav))
    hidden = [moved[p.src_uri] for p in plan.pages if moved[p.src_uri] not in in_nav]
    site.text("mkdocs.yml", written_config(config, out_dir, nav, css, js, overrides, options.offline, hidden))
    result.written = output.written + site.written
    result.removed = output.prune() + site.prune(out_dir / OVERRIDES)  # nothing else of the folder
    return result


def _renamed_nav(nav: object, moved: dict[str, str]) -> object:
    """A navigation with each page path that moved written as its new path."""
    if isinstance(nav, str):
        return moved.get(nav, nav)
    if isinstance(nav, dict):
        return {key: _renamed_nav(value, moved) for key, value in nav.items()}
    if isinstance(nav, list):
        return [_renamed_nav(item, moved) for item in nav]
    return nav


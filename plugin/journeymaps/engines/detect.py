"""Which engine a site is built with: whether it is one that ignores the ``journeys`` plugin (Zensical).

Zensical reads ``mkdocs.yml`` but leaves out the plugins it does not implement,
without a word: a site built with it publishes no journey map. The signs read
here are a handful of small files of the project folder (the folder of
``mkdocs.yml``, above ``journeys/``): a ``zensical.toml``, the declared
dependencies, and the CI and build scripts. A file that cannot be read or
parsed is passed over; nothing here raises.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from journeymaps.source.files import display_path

ZENSICAL = "Zensical"

#: Files that may run the build, relative to the project folder (glob patterns).
SCRIPTS = (
    ".github/workflows/*.yml", ".github/workflows/*.yaml", ".gitlab-ci.yml", "Makefile", "netlify.toml",
    ".readthedocs.yaml", "tox.ini", "noxfile.py", "package.json", "Dockerfile",
)
#: Requirements files, relative to the project folder (glob patterns).
REQUIREMENTS = ("requirements*.txt", "requirements/*.txt")
#: The engines that load MkDocs plugins: a project that depends on one of them is not taken for a Zensical site.
PLUGIN_ENGINES = frozenset({"mkdocs", "properdocs"})
#: A file larger than this is not a script or a list of requirements worth reading.
MAX_BYTES = 1_000_000

# Shell ("zensical build"), and the lists of noxfile.py and Dockerfile ('"zensical", "build"').
_SEP = r"""["',\s]+"""
_ZENSICAL_BUILD = re.compile(rf"\bzensical{_SEP}(?:build|serve)\b", re.IGNORECASE)
_GENERATE = re.compile(rf"\bjourneymaps{_SEP}generate\b", re.IGNORECASE)
# PEP 508: a distribution name starts and ends with a letter or digit.
_NAME = re.compile(r"\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)")


@dataclass(frozen=True)
class IgnoringEngine:
    """An engine that ignores the ``journeys`` plugin, and what says the site is built with it."""

    name: str
    reason: str  # e.g. "zensical.toml exists", ".github/workflows/docs.yml runs zensical build"


def ignoring_engine(project: Path) -> IgnoringEngine | None:
    """The engine that would build the site in ``project`` without the plugin, or None when nothing says Zensical.

    ``project`` is the folder of the site's ``mkdocs.yml`` (the parent of ``journeys/``).
    """
    for check in (_config_file, _dependencies, _scripts):
        try:
            reason = check(project)
        except OSError:  # an unreadable folder says nothing
            reason = None
        if reason:
            return IgnoringEngine(ZENSICAL, reason)
    return None


def warning(engine: IgnoringEngine, command: str, out: str | Path = "generated-site") -> str:
    """What ``validate`` or ``generate`` prints on standard error about ``engine`` (no final newline)."""
    config = f"{Path(out).as_posix()}/mkdocs.yml"
    found = f"warning: this site is built with {engine.name} ({engine.reason}), which ignores the journeys plugin"
    if command == "generate":
        return (f"{found}.\nBuild the generated folder, not the site's own configuration: "
                f"zensical build -f {config}")
    if command == "validate":
        return (f"{found}, so no journey map would be published.\n"
                f"Publish them with 'journeymaps generate', then 'zensical build -f {config}' (see docs/engines.md).")
    raise ValueError(f"no warning for the command {command!r}")


def _shown(path: Path) -> str:
    try:
        return display_path(path.absolute(), Path.cwd())
    except OSError:  # the working folder is gone
        return path.as_posix()


def _read(path: Path) -> str | None:
    """The text of a small file, or None when it is missing, too large or unreadable."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _files(project: Path, patterns: tuple[str, ...]) -> Iterator[Path]:
    for pattern in patterns:
        yield from sorted(project.glob(pattern))


def _config_file(project: Path) -> str | None:
    config = project / "zensical.toml"
    return f"{_shown(config)} exists" if config.is_file() else None


def normalize(name: str) -> str:
    """A distribution name as package indexes compare it: lower case, runs of '-', '_' and '.' as one '-'."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(line: str) -> str | None:
    """The normalized distribution name a requirement names (``Zensical[x]>=1 ; python_version>"3"``: zensical)."""
    match = _NAME.match(line)
    return normalize(match.group(1)) if match else None


def _pyproject_names(text: str) -> set[str]:
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return set()
    project = data.get("project")
    dependencies = project.get("dependencies") if isinstance(project, dict) else None
    if not isinstance(dependencies, list):
        return set()
    # only what the project needs to run: a test or docs extra (optional-dependencies) is not how the site is built
    return {name for item in dependencies if isinstance(item, str) and (name := requirement_name(item))}


def _requirements_names(text: str) -> set[str]:
    names = set()
    for line in text.replace("\\\n", " ").splitlines():
        line = re.sub(r"(^|\s)#.*", "", line).strip()
        if not line or line.startswith("-"):  # options: -r, -c, -e, --index-url...
            continue
        if name := requirement_name(line):
            names.add(name)
    return names


def _dependencies(project: Path) -> str | None:
    declared: list[tuple[Path, set[str]]] = []
    text = _read(project / "pyproject.toml")
    if text is not None:
        declared.append((project / "pyproject.toml", _pyproject_names(text)))
    for path in _files(project, REQUIREMENTS):
        if (text := _read(path)) is not None:
            declared.append((path, _requirements_names(text)))
    everything = set().union(*(names for _, names in declared))
    if "zensical" not in everything or everything & PLUGIN_ENGINES:
        return None
    path = next(path for path, names in declared if "zensical" in names)
    return f"{_shown(path)} depends on zensical, not on mkdocs or properdocs"


def _uncommented(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _scripts(project: Path) -> str | None:
    builds: list[tuple[Path, str]] = []
    for path in _files(project, SCRIPTS):
        text = _read(path)
        if text is None:
            continue
        text = _uncommented(text)
        if _GENERATE.search(text):  # the site already publishes the generated folder
            return None
        if match := _ZENSICAL_BUILD.search(text):
            builds.append((path, match.group(0)))
    if not builds:
        return None
    path, command = builds[0]
    return f"{_shown(path)} runs {' '.join(re.findall(r'[a-z]+', command.lower()))}"

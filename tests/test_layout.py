"""The package's layout follows the flow: files -> source -> model -> figures -> pages -> MkDocs adapter (and,
beside it, the docs folder for other engines and the command line).

These tests read the package's imports (all of them: inside functions and under
``TYPE_CHECKING`` too) and hold the rules the layout rests on: each step imports
only the steps before it, there is no import cycle, nothing outside the adapter
imports MkDocs, no private name crosses a module boundary, and no module is over
400 lines.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugin" / "journeymaps"

#: The steps of the flow, lowest first; a module may import its own step and the ones before it.
LAYERS = {
    "problems": 0, "wording": 0,
    "source": 1,
    "model": 2,
    "git": 3,
    "figures": 4,
    "pages": 5,
    "mkdocs": 6,
    "engines": 6,  # the pages written out for engines without the plugin (journeymaps generate)
    "cli": 6,
}
#: Steps that stand side by side on the core and never import each other (the command line may use engines/).
BESIDE = ({"mkdocs", "cli"}, {"mkdocs", "engines"})
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(("journeymaps", *parts))] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, list[str], int]]:
    """(imported module, names imported from it, line) for every import of journeymaps in a module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names if alias.name.startswith("journeymaps")]
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, target] if target else base)
            if target.startswith("journeymaps"):
                found.append((target, [alias.name for alias in node.names], node.lineno))
    return found


def _edges() -> dict[str, set[str]]:
    """Which modules each module imports (``from package import submodule`` counts as the submodule)."""
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for target, names, _ in _imports(name, path):
            submodules = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
            edges[name].update(submodules or [target])
    return edges


def _step(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_step_imports_only_the_steps_before_it():
    wrong = []
    for name, targets in _edges().items():
        if _step(name) not in LAYERS:
            continue
        for target in targets:
            if _step(target) in LAYERS and LAYERS[_step(target)] > LAYERS[_step(name)]:
                wrong.append(f"{name} imports {target}")
            if {_step(name), _step(target)} in BESIDE:
                wrong.append(f"{name} imports {target}: {' and '.join(sorted({_step(name), _step(target)}))} "
                             "stand side by side")
    assert not wrong, "\n".join(wrong)


def test_every_module_belongs_to_a_step():
    assert {_step(name) for name in MODULES if _step(name)} <= set(LAYERS)


def test_there_is_no_import_cycle():
    edges = _edges()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(edges.get(name, ())):
            if target == name or target not in edges:
                continue
            if state.get(target) == 1:
                cycles.append(" -> ".join([*path[path.index(target):], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
    # A package's __init__ importing its own module is not a cycle of the flow; there are none today.
    assert not cycles, "\n".join(cycles)


def test_nothing_before_the_adapter_imports_mkdocs():
    wrong = []
    for name, path in MODULES.items():
        if _step(name) == "mkdocs":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            wrong += [f"{name} imports {m}" for m in modules if m == "mkdocs" or m.startswith("mkdocs.")]
    assert not wrong, "\n".join(wrong)


def test_no_private_name_is_imported_from_another_module():
    wrong = [
        f"{name}:{line} imports {n} from {target}"
        for name, path in MODULES.items()
        for target, names, line in _imports(name, path)
        for n in names
        if n.startswith("_") and not n.startswith("__")
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_under_400_lines(name):
    lines = len(MODULES[name].read_text().splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines"


def test_every_step_says_what_it_does():
    for step in LAYERS:
        init = PACKAGE / step / "__init__.py"
        if init.exists():
            assert ast.get_docstring(ast.parse(init.read_text())), f"{step}/__init__.py has no docstring"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_imports(name):
    # A name moved to another module and imported from the old one shows here, not only in the build that needs it.
    importlib.import_module(name)

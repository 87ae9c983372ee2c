"""Which engine a site is built with: the signs of Zensical (which ignores the plugin), and the warning of validate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli import invoke
from journeymaps.engines.detect import IgnoringEngine, ignoring_engine, warning
from test_validation import BUY, edit, write, write_corpus

REPO = Path(__file__).resolve().parents[1]
VALID = "2 journeys and 1 persona are valid\n"


def zensical(reason: str) -> IgnoringEngine:
    return IgnoringEngine("Zensical", reason)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder, which is the working folder (so that the reasons name files relative to it)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def pyproject(dependencies: list[str], optional: list[str] | None = None) -> str:
    text = f'[project]\nname = "cx-site"\ndependencies = {json.dumps(dependencies)}\n'
    if optional is not None:
        text += f"\n[project.optional-dependencies]\ntest = {json.dumps(optional)}\n"
    return text


WORKFLOW = """\
name: docs
on: push
jobs:
  pages:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install -r requirements.txt
{extra}      - run: zensical build --clean
"""


# --- the signs, one by one --------------------------------------------------------------------------------------------

def test_nothing_says_zensical(project: Path) -> None:
    assert ignoring_engine(project) is None
    write(project / "mkdocs.yml", "site_name: CX\nplugins:\n  - journeys\n")
    write(project / "requirements.txt", "mkdocs==1.6.1\nmkdocs-material\n")
    assert ignoring_engine(project) is None


def test_a_zensical_toml(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    write(project / "zensical.toml", '[project]\nsite_name = "CX"\n')
    assert ignoring_engine(project) == zensical("zensical.toml exists")
    site = project / "site"
    write(site / "zensical.toml", "")
    assert ignoring_engine(site) == zensical("site/zensical.toml exists")
    # a project that is not below the working folder is named in full
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    write(elsewhere / "zensical.toml", "")
    assert ignoring_engine(elsewhere) == zensical(f"{elsewhere.as_posix()}/zensical.toml exists")


def test_a_folder_called_zensical_toml_is_not_the_file(project: Path) -> None:
    (project / "zensical.toml").mkdir()
    assert ignoring_engine(project) is None


def test_pyproject_dependencies_on_zensical(project: Path) -> None:
    write(project / "pyproject.toml", pyproject(["journeymaps>=0.1", "zensical>=0.0.73"]))
    assert ignoring_engine(project) == zensical("pyproject.toml depends on zensical, not on mkdocs or properdocs")


def test_zensical_only_among_the_optional_dependencies(project: Path) -> None:
    """As in this repository, which tests the generated sites with Zensical."""
    write(project / "pyproject.toml", pyproject(["journeymaps"], optional=["pytest", "zensical==0.0.73"]))
    assert ignoring_engine(project) is None


@pytest.mark.parametrize("engine", ["mkdocs>=1.6,<2", "MkDocs==1.6.1", "properdocs>=1.6.7", "ProperDocs"])
def test_zensical_beside_an_engine_that_loads_plugins(project: Path, engine: str) -> None:
    write(project / "pyproject.toml", pyproject(["zensical", engine]))
    assert ignoring_engine(project) is None


@pytest.mark.parametrize("line", [
    "Zensical==0.0.73",
    'zensical[extra]>=0.0.7 ; python_version>"3"',
    "zensical  # the docs engine",
    "ZENSICAL~=0.0.73 \\\n    --hash=sha256:0123456789abcdef",
    "zensical @ https://example.com/zensical-0.0.73-py3-none-any.whl",
])
def test_requirements_name_zensical(project: Path, line: str) -> None:
    write(project / "requirements.txt", f"# docs\n--index-url https://pypi.example.com/simple\n{line}\n")
    assert ignoring_engine(project) == zensical("requirements.txt depends on zensical, not on mkdocs or properdocs")


@pytest.mark.parametrize("name", ["requirements-docs.txt", "requirements/docs.txt"])
def test_other_requirements_files(project: Path, name: str) -> None:
    write(project / name, "zensical\n")
    assert ignoring_engine(project) == zensical(f"{name} depends on zensical, not on mkdocs or properdocs")


@pytest.mark.parametrize("text", [
    "# zensical==0.0.73\nmkdocs-material\n",  # a comment
    "zensical-theme-extras\n",  # another distribution
    "-r zensical.txt\n",  # an option
])
def test_requirements_that_do_not_name_zensical(project: Path, text: str) -> None:
    write(project / "requirements.txt", text)
    assert ignoring_engine(project) is None


def test_dependencies_are_taken_together(project: Path) -> None:
    """Zensical in the docs requirements and MkDocs in pyproject.toml: MkDocs may well build the site."""
    write(project / "requirements-docs.txt", "zensical\n")
    write(project / "pyproject.toml", pyproject(["mkdocs_material", "MkDocs"]))
    assert ignoring_engine(project) is None
    (project / "pyproject.toml").unlink()
    assert ignoring_engine(project) == zensical(
        "requirements-docs.txt depends on zensical, not on mkdocs or properdocs")


def test_a_workflow_that_builds_with_zensical(project: Path) -> None:
    write(project / ".github/workflows/docs.yml", WORKFLOW.format(extra=""))
    assert ignoring_engine(project) == zensical(".github/workflows/docs.yml runs zensical build")


def test_a_workflow_that_builds_the_generated_folder(project: Path) -> None:
    write(project / ".github/workflows/docs.yml", WORKFLOW.format(extra="      - run: journeymaps generate\n"))
    assert ignoring_engine(project) is None


def test_generate_run_by_another_script_counts_too(project: Path) -> None:
    write(project / ".github/workflows/docs.yml", WORKFLOW.format(extra="      - run: make generated\n"))
    write(project / "Makefile", "generated:\n\tjourneymaps generate --strict\n")
    assert ignoring_engine(project) is None


@pytest.mark.parametrize(("name", "text", "command"), [
    (".gitlab-ci.yml", "pages:\n  script:\n    - python -m zensical build\n", "zensical build"),
    ("Makefile", "serve:\n\t.venv/bin/zensical serve -a 0.0.0.0:8000\n", "zensical serve"),
    ("noxfile.py", 'import nox\n\n@nox.session\ndef docs(session):\n    session.run("zensical", "build")\n',
     "zensical build"),
    ("Dockerfile", 'FROM python:3.12\nRUN pip install zensical\nCMD ["zensical", "serve"]\n', "zensical serve"),
    ("package.json", '{"scripts": {"docs": "zensical build"}}\n', "zensical build"),
    ("netlify.toml", '[build]\ncommand = "pip install zensical && zensical build"\n', "zensical build"),
])
def test_other_scripts_that_build_with_zensical(project: Path, name: str, text: str, command: str) -> None:
    write(project / name, text)
    assert ignoring_engine(project) == zensical(f"{name} runs {command}")


def test_scripts_that_only_mention_zensical(project: Path) -> None:
    write(project / "Makefile", "# zensical build would ignore the plugin\nbuild:\n\tmkdocs build --strict\n")
    write(project / "tox.ini", "[testenv:docs]\ndeps = zensical\ncommands = mkdocs build\n")
    assert ignoring_engine(project) is None


def test_the_signs_are_checked_in_order(project: Path) -> None:
    write(project / ".github/workflows/docs.yml", WORKFLOW.format(extra=""))
    write(project / "requirements.txt", "zensical\n")
    assert ignoring_engine(project) == zensical("requirements.txt depends on zensical, not on mkdocs or properdocs")
    write(project / "zensical.toml", "")
    assert ignoring_engine(project) == zensical("zensical.toml exists")


def test_files_that_cannot_be_read_say_nothing(project: Path) -> None:
    write(project / "pyproject.toml", "[project\ndependencies = zensical\n")
    write(project / "requirements.txt", b"\xff\xfezensical\n")
    write(project / "Makefile", b"docs:\n\tzensical build \xff\n")
    (project / ".github/workflows/site.yml").mkdir(parents=True)  # a folder where a file is expected
    assert ignoring_engine(project) is None
    write(project / "pyproject.toml", '[project]\ndependencies = "zensical"\n')  # not a list
    assert ignoring_engine(project) is None
    write(project / "pyproject.toml", '[project]\ndependencies = [1, {a = "zensical"}]\n')
    assert ignoring_engine(project) is None
    assert ignoring_engine(project / "no-such-folder") is None


def test_this_repository_is_not_taken_for_a_zensical_site() -> None:
    """Its test extras install Zensical, to build the generated sites; the site itself is built with MkDocs."""
    assert "zensical" in (REPO / "pyproject.toml").read_text()
    assert ignoring_engine(REPO) is None


# --- the warning ------------------------------------------------------------------------------------------------------

def test_the_warning_of_validate() -> None:
    text = warning(zensical("zensical.toml exists"), "validate")
    assert text.startswith("warning: this site is built with Zensical (zensical.toml exists), which ignores the "
                           "journeys plugin, so no journey map would be published.\n")
    assert "'journeymaps generate', then 'zensical build -f generated-site/mkdocs.yml'" in text
    assert "docs/engines.md" in text
    assert len(text.splitlines()) <= 3


def test_the_warning_of_generate_names_the_generated_folder() -> None:
    text = warning(zensical("zensical.toml exists"), "generate", out=Path("build/cx"))
    assert text.startswith("warning: this site is built with Zensical (zensical.toml exists), which ignores the "
                           "journeys plugin.\n")
    assert text.endswith("zensical build -f build/cx/mkdocs.yml")
    assert "no journey map" not in text
    assert len(text.splitlines()) <= 3


# --- journeymaps validate ---------------------------------------------------------------------------------------------

def test_validate_warns_of_a_zensical_site_and_still_passes(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    write(tmp_path / "mkdocs.yml", "site_name: CX\nplugins:\n  - journeys\n")
    write(tmp_path / "zensical.toml", '[project]\nsite_name = "CX"\n')
    result = invoke(tmp_path, "validate")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == warning(zensical("zensical.toml exists"), "validate") + "\n" + VALID


def test_validate_warns_once_whatever_is_checked(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    write(tmp_path / "requirements.txt", "zensical==0.0.73\n")
    edit(tmp_path, BUY, "        pain_points:\n", "        pain_point:\n")
    result = invoke(tmp_path, "validate", BUY, "journeys/personas", "--format", "json")
    assert result.exit_code == 1  # the problem decides, not the warning
    assert json.loads(result.stdout)["ok"] is False
    lines = result.stderr.splitlines()
    assert [line for line in lines if line.startswith("warning: ")] == [
        "warning: this site is built with Zensical (requirements.txt depends on zensical, not on mkdocs or "
        "properdocs), which ignores the journeys plugin, so no journey map would be published."]
    assert lines[-1] == "1 problem in 1 file"


def test_validate_inside_the_journeys_folder_looks_at_the_project_around_it(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    write(tmp_path / "zensical.toml", "")
    result = invoke(tmp_path / "journeys" / "retail", "validate")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (0, VALID.strip())
    assert result.stderr.startswith(f"warning: this site is built with Zensical ({tmp_path.as_posix()}/zensical.toml "
                                    "exists)")


def test_validate_says_nothing_of_an_mkdocs_site(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    write(tmp_path / "mkdocs.yml", "site_name: CX\nplugins:\n  - journeys\n")
    write(tmp_path / "pyproject.toml", pyproject(["mkdocs>=1.6", "journeymaps"], optional=["zensical"]))
    result = invoke(tmp_path, "validate")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", VALID)

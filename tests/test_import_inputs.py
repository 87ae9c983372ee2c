"""Every input of ``tests/import_inputs`` imports as a new user would: one command, at most ``--persona``,
``--create-personas`` and ``--extend-vocabulary``; the result validates, builds with ``mkdocs build --strict``,
and holds every task and every cell of the input."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from cli import invoke
from journeymaps.source.frontmatter import split_front_matter
from sites import build, spec_site

INPUTS = Path(__file__).parent / "import_inputs"
MERMAID = sorted(p.name for p in (INPUTS / "mermaid").iterdir() if not p.name.startswith("."))
SHEETS = sorted(p.name for p in (INPUTS / "sheets").glob("*.csv"))
READS = json.loads((INPUTS / "mermaid-reads.json").read_text(encoding="utf-8"))
#: The options a sheet needs: the ones without a persona column name it with --persona.
SHEET_OPTIONS = {
    "home-insurance-renewal": ["--create-personas", "--extend-vocabulary"],
    "mortgage-grid": ["--persona", "maya", "--extend-vocabulary"],
    "phone-upgrade-research": ["--persona", "maya", "--extend-vocabulary"],
}
MERMAID_OPTIONS = ["--create-personas", "--extend-vocabulary"]


def workbooks(out: Path) -> list[Path]:
    """The sheets as .xlsx files, written by make_xlsx.py as Excel would hold them."""
    spec = importlib.util.spec_from_file_location("make_xlsx", INPUTS / "make_xlsx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_workbooks(out)


def site(root: Path) -> Path:
    """A new site of the spec's examples (one map, one persona), as a team starts."""
    return spec_site(root)


def compact(text: str) -> str:
    """Text as the checks compare it: lower case, letters and digits only."""
    return re.sub(r"[\W_]+", "", str(text).casefold())


def _leaves(value: object) -> list[str]:
    """The values of a document, compacted: the plain values of one mapping joined (a metric's name and figure)."""
    if isinstance(value, dict):
        plain = "".join(compact(v) for v in value.values() if not isinstance(v, (dict, list)) and v is not None)
        return [plain] + [leaf for v in value.values() if isinstance(v, (dict, list)) for leaf in _leaves(v)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v)]
    return [] if value is None else [compact(value)]


def written(root: Path) -> str:
    """Every value and every narrative below journeys/, compacted and joined (the values of one mapping next to
    each other, so a metric's name and figure read together)."""
    parts = []
    for path in sorted((root / "journeys").rglob("*")):
        if path.suffix == ".yml":
            parts += _leaves(yaml.safe_load(path.read_text(encoding="utf-8")))
        elif path.suffix == ".md":
            source, problems = split_front_matter(path.read_text(encoding="utf-8"), path.name)
            assert not problems, problems
            parts += _leaves(source.front_matter.data)
            body = source.body
            body = re.sub(r"\\(.)", r"\1", body).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
            parts.append(compact(body))
    return "|".join(parts)


def missing(texts: list[str], root: Path) -> list[str]:
    """The texts that are nowhere in the files written."""
    found = written(root)
    return [text for text in texts if compact(text) and compact(text) not in found]


# --- each input in one command ---------------------------------------------------------------


@pytest.mark.parametrize("name", MERMAID)
def test_each_diagram_imports_in_one_command(tmp_path: Path, name: str) -> None:
    root = site(tmp_path)
    result = invoke(root, "import", str(INPUTS / "mermaid" / name), *MERMAID_OPTIONS)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.count("wrote journeys/") >= 2  # the map and its persona at least
    check = invoke(root, "validate")
    assert check.exit_code == 0, check.stdout


@pytest.mark.parametrize("name", SHEETS)
def test_each_sheet_imports_in_one_command(tmp_path: Path, name: str) -> None:
    root = site(tmp_path)
    result = invoke(root, "import", str(INPUTS / "sheets" / name), *SHEET_OPTIONS[name[:-4]])
    assert result.exit_code == 0, result.stdout + result.stderr
    check = invoke(root, "validate")
    assert check.exit_code == 0, check.stdout


def test_each_workbook_imports_in_one_command_like_its_csv(tmp_path: Path) -> None:
    books = workbooks(tmp_path / "books")
    assert [b.name for b in books] == [n.replace(".csv", ".xlsx") for n in SHEETS]
    for book in books:
        by_csv, by_xlsx = site(tmp_path / f"{book.stem}-csv"), site(tmp_path / f"{book.stem}-xlsx")
        options = SHEET_OPTIONS[book.stem]
        assert invoke(by_csv, "import", str(INPUTS / "sheets" / f"{book.stem}.csv"), *options).exit_code == 0
        result = invoke(by_xlsx, "import", str(book), *options)
        assert result.exit_code == 0, result.stdout + result.stderr
        assert invoke(by_xlsx, "validate").exit_code == 0
        csv_files = {p.relative_to(by_csv).as_posix(): p.read_text(encoding="utf-8")
                     for p in (by_csv / "journeys").rglob("*.*") if p.suffix in (".md", ".yml")}
        xlsx_files = {p.relative_to(by_xlsx).as_posix(): p.read_text(encoding="utf-8")
                      for p in (by_xlsx / "journeys").rglob("*.*") if p.suffix in (".md", ".yml")}
        assert sorted(csv_files) == sorted(xlsx_files)
        for rel, text in csv_files.items():  # the same maps; only the file named in the introduction differs
            assert xlsx_files[rel] == text.replace(f"`{book.stem}.csv`", f"`{book.stem}.xlsx`"), rel


# --- all of them in one site, built with --strict -------------------------------------------------


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One site into which every input was imported, one command after the other (the vocabulary grows)."""
    root = site(tmp_path_factory.mktemp("imported"))
    for name in MERMAID:
        result = invoke(root, "import", str(INPUTS / "mermaid" / name), *MERMAID_OPTIONS)
        assert result.exit_code == 0, result.stdout + result.stderr
    for name in SHEETS:
        result = invoke(root, "import", str(INPUTS / "sheets" / name), *SHEET_OPTIONS[name[:-4]])
        assert result.exit_code == 0, result.stdout + result.stderr
    return root


def test_the_imported_site_validates_and_builds_strictly(imported: Path) -> None:
    check = invoke(imported, "validate")
    assert (check.exit_code, check.stdout) == (0, "")
    # the spec's map, one map per diagram with tasks (12: team-journeys.md has one), four of the sheets
    assert check.stderr.startswith("17 journeys and ")
    done = build(imported, "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (imported / "site/journeys/retail/buy-running-shoes/index.html").is_file()  # the map that was there
    assert (imported / "site/journeys/getting-a-parcel-delivered/index.html").is_file()
    assert (imported / "site/journeys/mortgage-grid/index.html").is_file()


def test_the_extended_vocabulary_keeps_its_comments_and_first_entries(imported: Path) -> None:
    text = (imported / "journeys/vocabulary.yml").read_text(encoding="utf-8")
    assert text.startswith("emotion_scale:            # optional; this is the default\n")
    assert "stages:                   # required, in journey order; phases refer to these ids\n" \
           "  - id: awareness\n    name: Awareness\n" in text
    assert "  - {id: at-the-front-desk-2, name: At the front desk (2)}\n" in text
    assert "  - {id: apply-upload-proof, name: 'Apply: upload proof'}\n" in text


# --- nothing lost -----------------------------------------------------------------------------


def _diagram_texts(read: dict) -> list[str]:
    texts = [read["title"], read["accTitle"], read["accDescr"], *read["sections"]]
    for task in read.get("tasks", []):
        texts += [task["task"], *task["people"], *task.get("dropped", [])]
    return [re.sub(r"<\s*/?\s*br\s*/?\s*>", " ", text) for text in texts if text.strip()]


@pytest.mark.parametrize("name", MERMAID)
def test_every_task_of_a_diagram_is_in_the_files_written(tmp_path: Path, name: str) -> None:
    root = site(tmp_path)
    shutil.rmtree(root / "journeys/retail")
    assert invoke(root, "import", str(INPUTS / "mermaid" / name), *MERMAID_OPTIONS).exit_code == 0
    reads = READS[name] if isinstance(READS[name], list) else [READS[name]]
    texts = [text for read in reads if read.get("tasks") for text in _diagram_texts(read)]
    assert texts
    assert missing(texts, root) == []
    assert missing(["A task that is not there"], root) == ["A task that is not there"]  # the check can fail


def _sheet_cells(path: Path) -> list[str]:
    """Every non-empty cell but the headers (or a grid's lane labels), split into its items; the numbers that
    become scores and the step order, and the moments of truth, are checked by the sheet tests."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if rows[0][0] == "Stage":  # the grid: stages in the first row, lane labels in the first column
        values = rows[0][1:] + [cell for row in rows[1:] for cell in row[1:]]
    else:
        skip = {i for i, h in enumerate(rows[0]) if h.strip().lower() in ("step", "score", "moment of truth")}
        values = [cell for row in rows[1:] for c, cell in enumerate(row) if c not in skip]
    return [part for cell in values for line in cell.split("\n") for piece in line.split(";")
            for part in piece.split(", ") if part.strip()]


@pytest.mark.parametrize("name", SHEETS)
def test_every_cell_of_a_sheet_is_in_the_files_written(tmp_path: Path, name: str) -> None:
    root = site(tmp_path)
    shutil.rmtree(root / "journeys/retail")
    assert invoke(root, "import", str(INPUTS / "sheets" / name), *SHEET_OPTIONS[name[:-4]]).exit_code == 0
    cells = _sheet_cells(INPUTS / "sheets" / name)
    assert len(cells) > 20
    assert missing(cells, root) == []

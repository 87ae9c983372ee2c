"""Write the CSV sheets of ``sheets/`` as Excel workbooks, as a person would have typed them into Excel.

    python tests/import_inputs/make_xlsx.py OUT_DIR

Tests call :func:`write_workbooks` into a temporary folder (openpyxl must be
installed); no ``.xlsx`` file is kept in the repository. Each CSV becomes one
workbook of the same name with one worksheet. What Excel would do differently
from the CSV is done here too: cells that hold a plain number are numbers, a
cell with line breaks wraps, the header row is bold and frozen, and in a grid
(a first cell "Stage") a stage name followed by empty cells is merged across
them, as templates draw a stage over its step columns.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path
from typing import Any

SHEETS = Path(__file__).resolve().parent / "sheets"
_WHOLE = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?\d+\.\d+$")


def typed(text: str) -> str | int | float | None:
    """A CSV cell as Excel stores what was typed: empty is no value, a plain number is a number."""
    if text == "":
        return None
    if _WHOLE.match(text):
        return int(text)
    if _DECIMAL.match(text):
        return float(text)
    return text


def write_workbook(source: Path, target: Path) -> Path:
    """Write the CSV ``source`` as the workbook ``target``; returns ``target``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    book = Workbook()
    sheet = book.active
    sheet.title = source.stem[:31]  # Excel's limit for a worksheet name
    for row in rows:
        sheet.append([typed(cell) for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    if rows and rows[0] and rows[0][0].strip().lower() == "stage":
        _merge_stage_headers(sheet, rows[0])
    book.save(target)
    return target


def _merge_stage_headers(sheet: Any, header: list[str]) -> None:
    """Merge each stage name of the first row over the empty cells that follow it."""
    column = 2
    while column <= len(header):
        end = column
        while end < len(header) and header[end] == "":
            end += 1
        if end > column and header[column - 1]:
            sheet.merge_cells(start_row=1, start_column=column, end_row=1, end_column=end)
        column = end + 1


def write_workbooks(out: Path) -> list[Path]:
    """Write every sheet of ``sheets/`` as ``out/<name>.xlsx``; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    return [write_workbook(source, out / f"{source.stem}.xlsx") for source in sorted(SHEETS.glob("*.csv"))]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_xlsx.py OUT_DIR")
    for path in write_workbooks(Path(sys.argv[1])):
        print(path)

"""A sheet's cells as text, from a CSV file or an Excel workbook, each row with the line problems name.

CSV: UTF-8 (a byte-order mark is allowed), comma-, semicolon- or tab-separated
(the most frequent of the three in the first line), quoted as RFC 4180 says; a
row's line is the file line it starts on. Excel (``.xlsx``, read with
openpyxl): every worksheet with cells is a sheet; numbers are written as
people read them (``4``, not ``4.0``), dates as ``YYYY-MM-DD``, a merged cell
gives its value to its first cell only (the others are empty, as a template's
stage header over several columns is); a row's line is its row number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Table:
    """One sheet: a name for messages, and its rows as (line, cells)."""

    display: str
    name: str  # the worksheet's name, or the file's stem
    rows: list[tuple[int, list[str]]]

    def cell(self, row: int, column: int) -> str:
        """The text of a cell ('' when the row is shorter)."""
        cells = self.rows[row][1]
        return cells[column] if column < len(cells) else ""


class TableError(Exception):
    """The file cannot be read as a sheet; ``line`` says where."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def column_letter(index: int) -> str:
    """The spreadsheet name of a column: 0 -> A, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_csv(text: str, display: str, name: str) -> Table:
    """A CSV text as a table; a malformed file raises :class:`TableError`."""
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows = []
    line = 1
    try:
        for values in reader:
            rows.append((line, [value.replace("\r\n", "\n").replace("\r", "\n").strip() for value in values]))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise TableError(line, f"this is not valid CSV: {exc}") from None
    return Table(display, name, _trim(rows))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def read_workbook(path: Path, display: str) -> list[Table]:
    """Every worksheet of an ``.xlsx`` workbook that has cells, as tables."""
    from openpyxl import load_workbook  # only the import of a workbook needs it

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise TableError(1, f"this is not an Excel workbook (.xlsx) that can be read: {exc}") from None
    tables = []
    try:
        sheets = [sheet for sheet in book.worksheets if hasattr(sheet, "iter_rows")]
        for sheet in sheets:
            rows = [(number, [_text(v) for v in values])
                    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
            rows = _trim(rows)
            if rows:
                shown = display if len(sheets) == 1 else f"{display}[{sheet.title}]"
                tables.append(Table(shown, sheet.title, rows))
    finally:
        book.close()
    return tables


def _trim(rows: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """Rows without their empty cells at the end, and without the empty rows at the end."""
    trimmed = []
    for line, cells in rows:
        while cells and not cells[-1]:
            cells = cells[:-1]
        trimmed.append((line, cells))
    while trimmed and not trimmed[-1][1]:
        trimmed.pop()
    return trimmed

"""Which shape a sheet has, and the importer that reads it.

1. Our own export (``journeymaps export --format csv``): the header is exactly
   its 17 columns (13 before format 1.1), in any order. ``sheet.py`` reads it losslessly, so export ->
   import -> export gives the same bytes.
2. The grid template: the first column labels lanes (``grid.py``).
3. One row per step: the first row has at least two known headers, one of
   them the action or the touchpoint (``rows.py``).

Anything else is a problem that says what was found and what is expected.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from journeymaps.cli.importers import sheet
from journeymaps.cli.importers.grid import import_grid, is_grid
from journeymaps.cli.importers.rows import header_fields, import_rows
from journeymaps.cli.importers.session import Session
from journeymaps.cli.importers.sheet import OPTIONAL_COLUMNS
from journeymaps.cli.importers.table import Table, TableError, read_csv, read_workbook
from journeymaps.pages.exports import CSV_COLUMNS

#: What a problem about an unknown shape lists as expected.
EXPECTED = ("one row per step, whose first row names at least two fields, one of them the action (Step, Action, "
            "Doing, Customer action...) or the touchpoint; or a grid whose first column names the lanes (Doing, "
            "Touchpoints, Thinking...) under a row of stages; or the columns of 'journeymaps export --format csv'")


def _as_csv(table: Table) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for _, row in table.rows:
        writer.writerow(row)
    return out.getvalue()


def import_sheet(path: Path, display: str, kind: str, session: Session) -> None:
    """Read every sheet of a CSV file or an Excel workbook into the session."""
    text = None
    try:
        if kind == "csv":
            text = session.read_text(path, display)
            if text is None:
                return
            tables = [read_csv(text, display, path.stem)]
        else:
            tables = read_workbook(path, display)
    except TableError as exc:
        session.problem(display, exc.line, "", exc.message)
        return
    for table in tables:
        while table.rows and not any(table.rows[0][1]):
            table.rows.pop(0)
    tables = [table for table in tables if table.rows]
    if not tables:
        session.problem(display, 1, "", f"the sheet is empty; expected {EXPECTED}")
        return
    for table in tables:
        _one(table, text if kind == "csv" else None, path.name, session, several=len(tables) > 1)


def _one(table: Table, text: str | None, source_name: str, session: Session, several: bool) -> None:
    header = table.rows[0][1]
    # Our own export, also as written before format 1.1 added its last three columns.
    if len(set(header)) == len(header) and set(CSV_COLUMNS) - set(OPTIONAL_COLUMNS) <= set(header) <= set(CSV_COLUMNS):
        result = sheet.import_csv(text if text is not None else _as_csv(table), table.display, session.context)
        session.result.problems += result.problems
        for note in result.notes:
            session.note(note)
        session.files += result.files
        return
    if is_grid(table):
        import_grid(table, session, source_name, several)
        return
    fields = header_fields(table)
    if sum(f is not None for f in fields) >= 2 and ("action" in fields or "touchpoint" in fields):
        if len(table.rows) < 2:
            session.problem(table.display, table.rows[0][0] + 1, "", "the sheet has no rows below its header")
            return
        import_rows(table, session, source_name, several)
        return
    found = ", ".join(f"'{h}'" for h in header if h) or "nothing"
    session.problem(table.display, table.rows[0][0], "", f"the first row holds {found}; expected {EXPECTED}")

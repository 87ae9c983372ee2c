"""The grid template: stages as columns, lanes as rows (``Doing``, ``Touchpoints``, ``Thinking``, ``Feeling``…).

The first column labels the lanes by the synonym table (``columns.py``). The
stage row is the first row when its first cell is empty or says Stage (or
Phase, Lane…), else the row labelled Stage or Phase; an empty stage cell
continues the stage on its left (a merged cell). Each column is one step of
its stage. A column whose action cell holds N items (lines or ``;``) gives N
steps: each other cell with exactly N items is shared out by position; a cell
with one item goes to every step when it is the department, else to the first
step, with a note naming the cell. Rows that name no field are kept in the
narrative under "## Imported rows".
"""

from __future__ import annotations

from journeymaps.cli.importers import cells
from journeymaps.cli.importers.columns import NAME_LISTS, field_of, normalise
from journeymaps.cli.importers.drafts import DraftJourney, DraftPhase
from journeymaps.cli.importers.rows import SINGLE
from journeymaps.cli.importers.session import Session
from journeymaps.cli.importers.sheet_journeys import JourneyMaker, sheet_title
from journeymaps.cli.importers.sheet_steps import StepReader, score_ranges
from journeymaps.cli.importers.stages import Heading
from journeymaps.cli.importers.table import Table, column_letter
from journeymaps.wording import plural

#: First cells that mark the first row as the stage row.
STAGE_LABELS = ("", "stage", "stages", "phase", "phases", "lane", "lanes", "journey stage", "journey phase")


def is_grid(table: Table) -> bool:
    """Whether the first column labels lanes: at least two known labels, one of them the action."""
    labels = [field_of(row[0]) for _, row in table.rows if row]
    return sum(label is not None for label in labels) >= 2 and "action" in labels


def _stage_row(table: Table) -> int | None:
    first = table.rows[0][1]
    if not first or normalise(first[0]) in STAGE_LABELS:
        return 0
    return next((i for i, (_, row) in enumerate(table.rows) if row and field_of(row[0]) == "stage"), None)


def _split(field: str, text: str) -> list[str]:
    """The items of a lane cell when a column's steps share it out."""
    if field in ("thinking", "feeling", "score", "time"):
        return [line.strip() for line in text.split("\n") if line.strip()]
    return cells.items(text, names=field in NAME_LISTS)


def import_grid(table: Table, session: Session, source_name: str, several: bool) -> None:
    """Read a grid into a draft of the session."""
    maker = JourneyMaker(session, table, source_name)
    stage_row = _stage_row(table)
    if stage_row is None:
        maker.problem(table.rows[0][0], "stage", "the grid has no stage row: put the stages in the first row (its "
                                                 "first cell empty or 'Stage'), or label a row 'Stage'")
        return
    lanes = [(i, line, row[0], field_of(row[0])) for i, (line, row) in enumerate(table.rows)
             if i != stage_row and row and any(row[1:])]
    seen: set[str] = set()
    for n, (i, line, label, found) in enumerate(lanes):  # a second lane of a one-value field is kept as a row
        if found in SINGLE and found in seen:
            lanes[n] = (i, line, label, None)
        seen.add(str(found))
    width = max(len(row) for _, row in table.rows)
    stage, columns = "", []
    for c in range(1, width):
        stage = table.cell(stage_row, c) or stage
        if any(table.cell(i, c) for i, _, _, _ in lanes):
            columns.append((c, stage))
    unknown = [label for _, _, label, found in lanes if found is None]
    kept = f"; rows {', '.join(repr(u) for u in unknown)} kept in the narrative under '## Imported rows'" \
        if unknown else ""
    session.note(f"{table.display}: read as a grid (stages as columns, {len(lanes)} lanes as rows{kept})")
    journey_lane = {found: table.cell(i, c) for i, _, _, found in lanes if found in ("journey", "persona")
                    for c, _ in reversed(columns) if table.cell(i, c)}
    action_line = next(line for _, line, _, found in lanes if found == "action")
    draft = maker.draft(journey_lane.get("journey") or sheet_title(table, source_name, several), action_line, 1)
    persona = maker.persona(journey_lane.get("persona", ""), action_line)
    ranges = score_ranges({f: [table.cell(i, c) for c, _ in columns] for i, _, _, f in lanes
                           if f in ("score", "feeling")}, session)
    reader = StepReader(session, table.display, ranges, {f for _, _, _, f in lanes if f})
    phases: list[DraftPhase] = []
    for c, name in columns:
        if not phases or phases[-1].heading.name != name:
            cell = f"{column_letter(c)}{stage_row + 1}"
            phases.append(DraftPhase(Heading(" ".join(name.split()), table.rows[stage_row][0], f"cell {cell}")))
        _column(table, c, lanes, phases[-1], reader, maker, draft)
    phases = [phase for phase in phases if phase.steps]
    placed = maker.stages(phases, ordered=True) if phases else None
    if draft is None or persona is None or placed is None:
        return
    draft.persona = persona
    draft.phases = placed
    maker.write_kept(draft)
    session.drafts.append(draft)


def _column(table: Table, c: int, lanes: list[tuple[int, int, str, str | None]], phase: DraftPhase,
            reader: StepReader, maker: JourneyMaker, draft: DraftJourney | None) -> None:
    """The steps of one column."""
    values: dict[str, str] = {}
    for i, _, _, found in lanes:  # two lanes of one list field (Pain points, Problems) are both read
        if found and table.cell(i, c):
            values[found] = f"{values[found]}\n{table.cell(i, c)}" if found in values else table.cell(i, c)
    refs = {found: f"{column_letter(c)}{i + 1}" for i, _, _, found in lanes if found}
    lines = {found: line for _, line, _, found in lanes if found}
    line = next(line for _, line, _, found in lanes if found == "action")
    actions = cells.items(values.get("action", ""))
    if not actions:
        maker.problem(line, "action", f"column {column_letter(c)} has cells but no action (cell {refs['action']}); "
                                      "every step needs one")
        return
    shares: list[dict[str, str]] = [{"action": action} for action in actions]
    for found, text in values.items():
        if found in ("action", "journey", "persona"):
            continue
        parts = _split(found, text)
        if len(actions) > 1 and len(parts) == len(actions):
            for share, part in zip(shares, parts, strict=True):
                share[found] = part
        elif len(actions) > 1 and found == "department":
            for share in shares:
                share[found] = text
        else:
            shares[0][found] = text
            if len(actions) > 1:
                reader.note(lines[found], f"cell {refs[found]} has {plural(len(parts), 'item')} for the {len(actions)} "
                                  f"actions of column {column_letter(c)}; it goes to the first, '{actions[0]}'")
    for share in shares:
        step = reader.step(share, line, f"column {column_letter(c)}", phase, lines)
        phase.steps.append(step)
    for i, _, label, found in lanes:
        if found is None and table.cell(i, c) and draft is not None:
            maker.keep(draft, "Imported rows", label, phase, phase.steps[-len(shares)].action, table.cell(i, c))

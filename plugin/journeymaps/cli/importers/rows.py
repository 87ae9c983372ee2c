"""A sheet of one row per step, with headers as people write them (``phase``, ``Customer Action``, ``KPIs``).

Headers name fields by the synonym table (``columns.py``). Rows are grouped by
journey (a Journey column, else one journey), then by stage: all rows of one
stage form one phase, even when they are not next to each other, and phases
follow the vocabulary. Within a stage the rows keep their order, or the order
of a step-number column. An empty journey or stage cell continues the one
above (a merged cell); a row with no action but other cells adds them to the
step above (a second touchpoint on its own row). Columns that name no field
are kept in the narrative under "## Imported columns".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from journeymaps.cli.importers.columns import JOURNEY_FIELDS, field_of, normalise
from journeymaps.cli.importers.drafts import DraftPhase
from journeymaps.cli.importers.session import Session
from journeymaps.cli.importers.sheet_journeys import JourneyMaker, sheet_title
from journeymaps.cli.importers.sheet_steps import StepReader, describe_range, score_ranges
from journeymaps.cli.importers.stages import Heading
from journeymaps.cli.importers.table import Table
from journeymaps.cli.importers.vocabulary_edit import make_id
from journeymaps.cli.mdtext import escape
from journeymaps.wording import plural

#: Fields that take one value per step: a second column of the same field is kept in the narrative.
SINGLE = ("journey", "persona", "stage", "number", "action", "thinking", "feeling", "score", "moment_of_truth",
          "contact", "source", "type", "status", "goal", "scenario", "time")
_WHOLE = re.compile(r"^\d+$")


@dataclass
class Record:
    """The cells of one step: by field, plus the unknown columns'; and the first row's line."""

    line: int
    row: int
    values: dict[str, str] = field(default_factory=dict)
    unknown: list[tuple[str, str]] = field(default_factory=list)
    number: float | None = None


def header_fields(table: Table) -> list[str | None]:
    """The field of each header; a "Step" column of whole numbers numbers the steps, and a field's second
    single-valued column is unknown."""
    header = table.rows[0][1]
    fields: list[str | None] = [field_of(h) for h in header]
    for i, name in enumerate(header):
        cells = [table.cell(r, i) for r in range(1, len(table.rows)) if table.cell(r, i)]
        if fields[i] == "action" and normalise(name) in ("step", "steps") and cells and \
                all(_WHOLE.match(c) for c in cells):
            fields[i] = "number"
    seen: set[str] = set()
    for i, found in enumerate(fields):
        if found in SINGLE and found in seen:
            fields[i] = None
        elif found is not None:
            seen.add(found)
    return fields


def import_rows(table: Table, session: Session, source_name: str, several: bool) -> None:
    """Read a sheet of one row per step into drafts of the session."""
    header = table.rows[0][1]
    fields = header_fields(table)
    maker = JourneyMaker(session, table, source_name)
    journeys = _records(table, header, fields)
    known = [h for h, f in zip(header, fields, strict=False) if f is not None and h]
    unknown = [h for h, f in zip(header, fields, strict=False) if f is None and h]
    kept = f", {', '.join(repr(h) for h in unknown)} kept in the narrative under '## Imported columns'" \
        if unknown else ""
    session.note(f"{table.display}: read as one row per step ({plural(len(header), 'column')}: "
                 f"{len(known)} recognised{kept})")
    if "action" not in fields:
        session.note(f"{table.display}: the sheet has no action column; each step is named after its touchpoint")
    columns = {f: [table.cell(r, i) for r in range(1, len(table.rows))]
               for i, f in enumerate(fields) if f in ("score", "feeling")}
    ranges = score_ranges(columns, session)
    for name, found in ranges.items():
        if found and any(columns[name]):
            column = header[fields.index(name)]
            session.note(f"{table.display}: column '{column}' read as {describe_range(found)}")
    reader = StepReader(session, table.display, ranges, {f for f in fields if f})
    for title, stages in journeys.items():
        _journey(maker, reader, " ".join(title.split()) or sheet_title(table, source_name, several), stages,
                 len(journeys))


def _records(table: Table, header: list[str], fields: list[str | None]) -> dict[str, dict[str, list[Record]]]:
    """The steps of the sheet: journey title -> stage name -> records, in the sheet's order."""
    journeys: dict[str, dict[str, list[Record]]] = {}
    journey = stage = ""
    for index, (line, row) in enumerate(table.rows[1:], start=2):
        if not any(row):
            continue
        record = Record(line, index)
        for i, text in enumerate(row):
            if not text:
                continue
            name = header[i] if i < len(header) else ""
            found = fields[i] if i < len(fields) else None
            if found is None:
                record.unknown.append((name or f"column {i + 1}", text))
            elif found in SINGLE or found not in record.values:
                record.values[found] = text
            else:  # two columns of one list field (Pain point, Problem): both
                record.values[found] += "\n" + text
        journey = record.values.get("journey", journey)
        stage = record.values.get("stage", stage)
        if "number" in record.values:
            record.number = float(record.values["number"])
        steps = journeys.setdefault(journey, {}).setdefault(stage, [])
        has_action = record.values.get("action") or ("action" not in fields and record.values.get("touchpoint"))
        if not has_action and steps:
            _continue(steps[-1], record)
        else:
            steps.append(record)
    return journeys


def _continue(step: Record, record: Record) -> None:
    """Add a row without an action to the step above it."""
    for name, text in record.values.items():
        if name in JOURNEY_FIELDS or name in ("stage", "number"):
            continue
        if name not in step.values:
            step.values[name] = text
        elif name in SINGLE:
            step.unknown.append((name.replace("_", " ").capitalize(), text))
        else:
            step.values[name] += "\n" + text
    step.unknown += record.unknown


def _journey(maker: JourneyMaker, reader: StepReader, title: str, stages: dict[str, list[Record]],
             count: int) -> None:
    records = [r for rs in stages.values() for r in rs]
    first = records[0]
    draft = maker.draft(title, first.line, count)
    persona_cell = next((r.values["persona"] for r in records if r.values.get("persona")), "")
    persona = maker.persona(persona_cell, first.line)
    settings = {name: next((r.values[name] for r in records if r.values.get(name)), "")
                for name in ("type", "status", "goal", "scenario")}
    phases = []
    for name, steps in stages.items():
        phase = DraftPhase(Heading(" ".join(name.split()), steps[0].line, f"line {steps[0].line}"))
        steps = sorted(steps, key=lambda r: r.number if r.number is not None else float("inf")) \
            if any(r.number is not None for r in steps) else steps
        for record in steps:
            values = dict(record.values)
            if not values.get("action"):
                values["action"] = values.get("touchpoint", "").split("\n")[0]
            if not values["action"].strip():
                maker.problem(record.line, "action", "the row has no action; every step needs one")
                continue
            step = reader.step(values, record.line, f"row {record.row}", phase)
            phase.steps.append(step)
            if draft is not None:
                for column, text in record.unknown:
                    maker.keep(draft, "Imported columns", column, phase, step.action, text)
                for field in ("persona", *settings):  # a journey has one of each: other values are kept
                    first_value = persona_cell if field == "persona" else settings[field]
                    if record.values.get(field) and record.values[field] != first_value:
                        maker.keep(draft, "Imported columns", field.capitalize(), phase, step.action,
                                   record.values[field])
        if phase.steps:
            phases.append(phase)
    placed = maker.stages(phases, ordered=False) if phases else None
    if draft is None or persona is None or placed is None:
        return
    draft.persona = persona
    draft.type = maker.choice(settings["type"], first.line, "type", draft.type)
    draft.status = maker.choice(settings["status"], first.line, "status", "draft")
    if settings["goal"]:
        draft.extra["goal"] = " ".join(settings["goal"].split())
    if settings["scenario"]:
        draft.extra["scenario"] = make_id(settings["scenario"], set(), "scenario")
        if draft.extra["scenario"] != settings["scenario"]:
            draft.intro.append(f"Scenario: {escape(settings['scenario'])}")
    draft.phases = placed
    maker.write_kept(draft)
    maker.session.drafts.append(draft)

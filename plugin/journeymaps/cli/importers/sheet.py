"""Import journeys from a CSV sheet with the columns of ``journeymaps export --format csv``.

One row per touchpoint (a step without touchpoints has one row with empty
touchpoint columns). Rows are grouped by ``journey``, then ``stage`` (in the
vocabulary's order) and ``step`` number; the touchpoints of a step keep the
order of their rows. A sheet exported and imported again exports the same.
A sheet without the columns of the step's time and lanes (``time``,
``frontstage``, ``backstage``, ``support``) imports as if they were empty.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any, get_args

from journeymaps.cli.importers import Context, Imported, journey_id_problem
from journeymaps.cli.newfiles import NewFile
from journeymaps.model.addresses import slugify
from journeymaps.model.types import MapType, Status, humanize
from journeymaps.pages.exports import CSV_COLUMNS, CSV_LIST_COLUMNS, CSV_TEXT_COLUMNS, cell_list, from_cell
from journeymaps.problems import Problem, did_you_mean
from journeymaps.source.writer import front_matter_file

_TOUCHPOINT_COLUMNS = ("touchpoint", "channel", "device", "department", "contact")
#: The columns of format 1.1, which a sheet exported before it does not have: read as empty.
#: The step's time and lanes, at the end of the export: a sheet exported before they were added still imports.
OPTIONAL_COLUMNS = ("time", "frontstage", "backstage", "support")


@dataclass
class _Step:
    action: str
    emotion: int | None
    line: int
    extra: dict[str, Any] = field(default_factory=dict)  # time and the lanes: only those given
    touchpoints: list[dict[str, str]] = field(default_factory=list)
    names: dict[str, int] = field(default_factory=dict)  # touchpoint slug -> line


@dataclass
class _Journey:
    persona: str
    type: str
    status: str
    line: int
    steps: dict[tuple[str, int], _Step] = field(default_factory=dict)


class _Reader:
    def __init__(self, display: str, context: Context) -> None:
        self.display = display
        self.context = context
        self.problems: list[Problem] = []

    def problem(self, line: int, column: str, message: str) -> None:
        """Record a problem of the sheet's ``line`` and ``column``."""
        self.problems.append(Problem(self.display, line, column, message))

    def known(self, line: int, column: str, value: str, ids: list[str] | set[str], what: str) -> bool:
        """Whether ``value`` is one of ``ids``; when not, record a problem with the nearest id."""
        if value in ids:
            return True
        self.problem(line, column, f"unknown {what} '{value}'{did_you_mean(value, ids)}")
        return False


def import_csv(text: str, display: str, context: Context) -> Imported:
    """The journey files a sheet describes, or the problems that stop its import."""
    result = Imported()
    reader = _Reader(display, context)
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = next(rows)
    except (StopIteration, csv.Error):
        header = []
    header = [name.strip() for name in header]
    if not any(header):
        reader.problem(1, "", "the sheet is empty; its first row must name the columns: " + ", ".join(CSV_COLUMNS))
        result.problems = reader.problems
        return result
    for name in header:
        if name not in CSV_COLUMNS:
            hint = did_you_mean(name, CSV_COLUMNS, limit=len(CSV_COLUMNS))  # every column, not "see ..."
            reader.problem(1, name, f"unknown column '{name}'{hint}")
    for name in CSV_COLUMNS:
        if name not in header and name not in OPTIONAL_COLUMNS:
            reader.problem(1, name, f"the sheet has no column '{name}'; it needs the columns of "
                                    "'journeymaps export --format csv'")
    if len(set(header)) != len(header):
        reader.problem(1, "", "a column is named twice; keep one")
    if reader.problems:
        result.problems = reader.problems
        return result

    journeys: dict[str, _Journey] = {}
    line = rows.line_num + 1
    try:
        for values in rows:
            start, line = line, rows.line_num + 1
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                reader.problem(start, "", f"the row has {len(values)} cells; the header has {len(header)}")
                continue
            cells = {k: v.strip() for k, v in zip(header, values, strict=True)}
            for column in OPTIONAL_COLUMNS:
                cells.setdefault(column, "")
            for column in CSV_TEXT_COLUMNS:  # the export marks a text that would start a formula with a "'"
                cells[column] = from_cell(cells[column])
            _row(reader, start, cells, journeys)
    except csv.Error as exc:
        reader.problem(line, "", f"this is not valid CSV: {exc}")
    if not journeys and not reader.problems:
        reader.problem(2, "", "the sheet has no rows below its header")
    result.problems = sorted(reader.problems)
    if result.problems:
        return result
    order = context.vocabulary.stage_order()
    for ident, journey in journeys.items():
        result.files.append(NewFile(f"{ident}.md", _file(ident, journey, order)))
        result.notes.append(f"{ident}: the title '{humanize(ident.rsplit('/', 1)[-1])}' is made from the id "
                            "(a sheet has no titles); change it in the file")
        for stage in sorted({stage for stage, _ in journey.steps}, key=order.__getitem__):
            numbers = sorted(n for s, n in journey.steps if s == stage)
            if numbers != list(range(1, len(numbers) + 1)):
                result.notes.append(f"{ident}: the steps of {stage} are numbered {', '.join(map(str, numbers))} "
                                    f"in the sheet; they become steps 1 to {len(numbers)}")
    return result


def _row(reader: _Reader, line: int, row: dict[str, str], journeys: dict[str, _Journey]) -> None:
    """Check one row and add it to its journey and step."""
    vocabulary = reader.context.vocabulary
    ident = row["journey"]
    before = len(reader.problems)
    if not ident:
        reader.problem(line, "journey", "the journey id is empty")
    elif (why := journey_id_problem(ident)) is not None:
        reader.problem(line, "journey", why)
    if not row["persona"]:
        reader.problem(line, "persona", "the persona id is empty")
    else:
        reader.known(line, "persona", row["persona"], reader.context.persona_ids, "persona")
    kind = row["type"] or "current"
    reader.known(line, "type", kind, list(get_args(MapType)), "map type")
    status = row["status"] or "draft"
    reader.known(line, "status", status, list(get_args(Status)), "status")
    stage = row["stage"]
    if not stage:
        reader.problem(line, "stage", "the stage is empty")
    else:
        reader.known(line, "stage", stage, [t.id for t in vocabulary.stages], "stage")
    number = _integer(reader, line, "step", row["step"], minimum=1)
    if not row["action"]:
        reader.problem(line, "action", "the action is empty; every step needs one")
    emotion = _integer(reader, line, "emotion", row["emotion"]) if row["emotion"] else None
    scale = vocabulary.emotion_scale
    if emotion is not None and not scale.min <= emotion <= scale.max:
        reader.problem(line, "emotion", f"{emotion} is outside the emotion scale {scale.min}..{scale.max}")
    extra: dict[str, Any] = {"time": row["time"]} if row["time"] else {}
    extra.update({column: items for column in CSV_LIST_COLUMNS if (items := cell_list(row[column]))})
    touchpoint = _touchpoint(reader, line, row)
    if len(reader.problems) > before or number is None:
        return

    journey = journeys.setdefault(ident, _Journey(row["persona"], kind, status, line))
    for column, value in (("persona", row["persona"]), ("type", kind), ("status", status)):
        if getattr(journey, column) != value:
            reader.problem(line, column, f"'{value}' differs from '{getattr(journey, column)}' on line "
                                         f"{journey.line} for the same journey; use one")
    step = journey.steps.setdefault((stage, number), _Step(row["action"], emotion, line, extra))
    if step.action != row["action"]:
        reader.problem(line, "action", f"step {number} of {stage} has the action '{step.action}' on line "
                                       f"{step.line}; rows of one step must have the same action")
    if step.emotion != emotion:
        reader.problem(line, "emotion", f"step {number} of {stage} has the emotion {_show(step.emotion)} on line "
                                        f"{step.line}; rows of one step must have the same emotion")
    for column in OPTIONAL_COLUMNS:
        if step.extra.get(column) != extra.get(column):
            had = (f"the time {_show(step.extra.get('time'))}" if column == "time"
                   else f"other {column} texts")
            reader.problem(line, column, f"step {number} of {stage} has {had} on line {step.line}; "
                                         f"rows of one step must have the same {column}")
    if touchpoint is not None:
        slug = slugify(touchpoint["name"])
        if slug in step.names:
            reader.problem(line, "touchpoint", f"'{touchpoint['name']}' has the same address as the touchpoint on "
                                               f"line {step.names[slug]}; give touchpoints of one step different names")
        step.names.setdefault(slug, line)
        step.touchpoints.append(touchpoint)


def _touchpoint(reader: _Reader, line: int, row: dict[str, str]) -> dict[str, str] | None:
    vocabulary = reader.context.vocabulary
    if not row["touchpoint"]:
        for column in _TOUCHPOINT_COLUMNS[1:]:
            if row[column]:
                reader.problem(line, column, f"'{row[column]}' is given but the touchpoint name is empty; "
                                             "name the touchpoint or empty the cell")
        return None
    touchpoint = {"name": row["touchpoint"]}
    if not row["channel"]:
        reader.problem(line, "channel", "the channel is empty; every touchpoint needs one")
    elif reader.known(line, "channel", row["channel"], [t.id for t in vocabulary.channels], "channel"):
        touchpoint["channel"] = row["channel"]
    for column, terms in (("device", vocabulary.devices), ("department", vocabulary.departments)):
        if row[column] and reader.known(line, column, row[column], [t.id for t in terms], column):
            touchpoint[column] = row[column]
    contact = row["contact"] or "direct"
    if reader.known(line, "contact", contact, ["direct", "indirect"], "contact") and contact != "direct":
        touchpoint["contact"] = contact
    return touchpoint


def _integer(reader: _Reader, line: int, column: str, value: str, minimum: int | None = None) -> int | None:
    try:
        number = int(value)
    except ValueError:
        reader.problem(line, column, f"expected a whole number, got '{value}'")
        return None
    if minimum is not None and number < minimum:
        reader.problem(line, column, f"expected a whole number from {minimum}, got {number}")
        return None
    return number


def _show(value: int | str | None) -> str:
    return "(none)" if value is None else f"'{value}'" if isinstance(value, str) else str(value)


def _file(ident: str, journey: _Journey, order: dict[str, int]) -> str:
    phases: dict[str, list[dict[str, Any]]] = {}
    for (stage, _number), step in sorted(journey.steps.items(), key=lambda item: (order[item[0][0]], item[0][1])):
        data: dict[str, Any] = {"action": step.action}
        if step.emotion is not None:
            data["emotion"] = step.emotion
        if step.touchpoints:
            data["touchpoints"] = step.touchpoints
        data.update(step.extra)
        phases.setdefault(stage, []).append(data)
    return front_matter_file({
        "title": humanize(ident.rsplit("/", 1)[-1]),
        "persona": journey.persona,
        "type": journey.type,
        "status": journey.status,
        "phases": [{"stage": stage, "steps": steps} for stage, steps in phases.items()],
    })

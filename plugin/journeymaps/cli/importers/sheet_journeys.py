"""What both sheet shapes do for a whole journey: its title, persona, map type, phases and kept columns.

A sheet names its persona in a column, or ``--persona`` does (and fills the
empty cells of that column); a persona the folder lacks is one problem per
name, or a new persona file with ``--create-personas``. Phases come from the
stage names (``stages.py``), in the vocabulary's order. Cells of columns (or
grid rows) that name no field are kept in the narrative under "## Imported
columns" (or "## Imported rows"), one list per column.
"""

from __future__ import annotations

from typing import get_args

from journeymaps.cli.importers.drafts import DraftJourney, DraftPhase
from journeymaps.cli.importers.people import made_for
from journeymaps.cli.importers.session import Session
from journeymaps.cli.importers.stages import StageResolver, check_order
from journeymaps.cli.importers.table import Table
from journeymaps.cli.mdtext import code, escape
from journeymaps.model.types import MapType, Status, humanize


def sheet_title(table: Table, source_name: str, several: bool) -> str:
    """The title of a sheet's one journey: the worksheet's name when a workbook has several, else the file's."""
    stem = table.name if several else source_name.rsplit(".", 1)[0]
    return humanize(stem.replace(" ", "-")).strip() or "Imported journey"


class JourneyMaker:
    """Makes the drafts of one sheet's journeys; problems that would repeat on every row are said once."""

    def __init__(self, session: Session, table: Table, source_name: str) -> None:
        self.session = session
        self.table = table
        self.source = source_name
        self.told: set[str] = set()
        self.kept: dict[str, dict[str, dict[str, list[str]]]] = {}  # journey id -> heading -> column -> items

    def problem(self, line: int, field: str, message: str, once: str | None = None) -> None:
        """A problem of the sheet; with ``once``, only the first with that key."""
        if once is not None:
            if once in self.told:
                return
            self.told.add(once)
        self.session.problem(self.table.display, line, field, message)

    def persona(self, written: str, line: int) -> str | None:
        """The persona of a journey: the cell's, else --persona; a problem (once per name) when there is none."""
        session = self.session
        if not written:
            if session.settings.persona:
                return session.persona_option(self.table.display, line)
            self.problem(line, "persona", "the sheet names no persona for this journey (no persona column, or "
                                          "empty cells); name it with --persona ID (personas: "
                                          f"{', '.join(session.people.ids) or 'none yet'}; --create-personas writes "
                                          "a new one)", once="no persona")
            return None
        found = session.people.match(written)
        if found is None and session.settings.create_personas:
            found = session.people.add(written, made_for("the persona", written, self.source))
        if found is None:
            self.problem(line, "persona", f"the persona '{written}' has no file in personas/; add --create-personas "
                                          "to write one, or write the id of an existing persona "
                                          f"({', '.join(session.people.ids) or 'none yet'})", once=written.casefold())
        return found

    def choice(self, value: str, line: int, field: str, default: str) -> str:
        """A map type or status from its cell (any case), or the default; another value is a problem."""
        if not value:
            return default
        allowed = get_args(MapType) if field == "type" else get_args(Status)
        key = value.strip().casefold().replace(" ", "-")
        if key in allowed:
            return key
        self.problem(line, field, f"'{value}' is not a map {field}: {', '.join(allowed)}", once=f"{field}:{key}")
        return default

    def draft(self, title: str, line: int, count: int) -> DraftJourney | None:
        """A new draft, or None when its id cannot be made."""
        session = self.session
        title = session.settings.title if session.settings.title and count == 1 else title
        ident = session.journey_id(self.table.display, line, title,
                                   session.settings.ident if count == 1 else None)
        if ident is None:
            return None
        draft = DraftJourney(title, ident, self.table.display, line, type=session.settings.type)
        where = f" (worksheet {code(self.table.name)})" if "[" in self.table.display else ""
        draft.intro.append(f"Imported from the sheet {code(self.source)}{where} with `journeymaps import`.")
        return draft

    def stages(self, phases: list[DraftPhase], ordered: bool) -> list[DraftPhase] | None:
        """Each phase's stage (added to the vocabulary with --extend-vocabulary); None when one has none."""
        session = self.session
        headings = [phase.heading for phase in phases]
        problems: list[tuple[int, str]] = []
        if len(headings) == 1 and not headings[0].name:
            option = session.settings.sections.lookup("", 1)
            stages = [option[0] if option else session.plan.ids("stages")[0]]
            if stages[0] not in session.plan.ids("stages"):
                problems.append((headings[0].line, f"--section '={stages[0]}' names no stage"))
            elif option is None:
                session.note(f"{self.table.display}: the sheet names no stages; its steps are one phase on the "
                             f"first stage '{stages[0]}' (choose another with --section '=STAGE')")
        else:
            what = "stage name"
            stages = StageResolver(session.plan, session.settings.sections, what).resolve(headings, problems)
            if ordered:
                problems += check_order(headings, stages, session.plan, what)
        for line, message in problems:
            self.problem(line, "stage", message, once=message)
        if problems or any(stage is None for stage in stages):
            return None
        for phase, stage in zip(phases, stages, strict=True):
            phase.stage = stage
        order = {ident: n for n, ident in enumerate(session.plan.ids("stages"))}
        merged: dict[str, DraftPhase] = {}
        for phase in sorted(phases, key=lambda p: order[str(p.stage)]):
            if phase.stage in merged:  # two stage names of a sheet on one stage
                merged[str(phase.stage)].absorb(phase)
            else:
                merged[str(phase.stage)] = phase
        return list(merged.values())

    def keep(self, draft: DraftJourney, heading: str, column: str, phase: DraftPhase, action: str,
             text: str) -> None:
        """Keep a cell of an unknown column (or grid row) in the narrative, under ``heading`` and the column."""
        columns = self.kept.setdefault(draft.ident, {}).setdefault(heading, {})
        value = " / ".join(escape(part.strip()) for part in text.split("\n") if part.strip())
        where = escape(phase.heading.name or "the sheet")
        columns.setdefault(column, []).append(f"- {where}, {escape(action) or 'no action'}: {value}")

    def write_kept(self, draft: DraftJourney) -> None:
        """Put the kept cells into the draft's narrative, one list per column."""
        for heading, columns in self.kept.get(draft.ident, {}).items():
            lines = draft.sections.setdefault(heading, [])
            for column, items in columns.items():
                lines += ([""] if lines else []) + [f"### {escape(column)}", "", *items]

"""Machine-readable exports of the portfolio: ``touchpoints.csv`` and ``journeys.json``.

The CSV has one row per touchpoint with the columns of :data:`CSV_COLUMNS`; a
step without touchpoints still gets one row (with empty touchpoint columns)
so that no step is lost. ``journeymaps import`` reads the same columns. The
step's columns (action, emotion, time and the lanes) repeat on each of its rows.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Container, Iterable, Mapping
from typing import Any

from journeymaps.figures import analysis
from journeymaps.figures.futures import FutureComparison
from journeymaps.figures.handoffs import Handoff
from journeymaps.figures.places import TouchpointUse
from journeymaps.figures.portfolio import Group, Portfolio
from journeymaps.model.corpus import JourneyEntry, PersonaEntry
from journeymaps.model.types import AS_IS_TYPES, Vocabulary

CSV_COLUMNS = (
    "journey", "persona", "type", "status", "stage", "step", "action",
    "touchpoint", "channel", "device", "department", "contact", "emotion",
    # the step's time and lanes: at the end, so that a script reading columns by number still works
    "time", "frontstage", "backstage", "support",
)

#: The free-text columns of the CSV (the others hold ids, numbers and fixed words).
CSV_TEXT_COLUMNS = ("action", "touchpoint", "time", "frontstage", "backstage", "support")
#: The columns that hold a list of texts, one a line within the cell.
CSV_LIST_COLUMNS = ("frontstage", "backstage", "support")
#: What a spreadsheet reads as the start of a formula in a cell; and the quote that marks a cell as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"

#: Version of the shape of ``journeys.json``; raise it when the shape changes.
JSON_FORMAT = 1


def touchpoint_rows(entries: Iterable[JourneyEntry]) -> list[dict[str, str]]:
    """One row per touchpoint (or per step without any), in map order."""
    rows = []
    for entry in sorted(entries, key=lambda e: e.id):
        j = entry.journey
        for view in analysis.steps(j):
            base = {
                "journey": entry.id, "persona": j.persona, "type": j.type, "status": j.status,
                "stage": view.phase.stage, "step": str(view.number), "action": view.step.action,
                "emotion": "" if view.step.emotion is None else str(view.step.emotion),
                "time": view.step.time or "", "frontstage": list_cell(view.step.frontstage),
                "backstage": list_cell(view.step.backstage),
                "support": list_cell(view.step.support),
            }
            empty = {"touchpoint": "", "channel": "", "device": "", "department": "", "contact": ""}
            for tp in view.step.touchpoints or [None]:
                row = dict(base, **empty)
                if tp is not None:
                    row.update(touchpoint=tp.name, channel=tp.channel, device=tp.device or "",
                               department=tp.department or "", contact=tp.contact)
                rows.append({column: row[column] for column in CSV_COLUMNS})
    return rows


_LINE_BREAK = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


def list_cell(items: Iterable[str]) -> str:
    """A list of texts as one cell: one text a line (the line breaks within a text become spaces)."""
    return "\n".join(_LINE_BREAK.sub(" ", item) for item in items)


def cell_list(cell: str) -> list[str]:
    """The texts of a cell that :func:`list_cell` made (or a person typed, one a line); blank lines are skipped."""
    return [line.strip() for line in cell.split("\n") if line.strip()]


def as_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it and never runs it: a leading ``'`` when it would start a formula.

    A text that already starts with ``'`` gets one more, so :func:`from_cell`
    gives back exactly the text of the map.
    """
    return TEXT_MARK + text if text.startswith((*FORMULA_STARTS, TEXT_MARK)) else text


def from_cell(cell: str) -> str:
    """The text :func:`as_cell` made ``cell`` from."""
    return cell[1:] if cell.startswith(TEXT_MARK) and cell[1:].startswith((*FORMULA_STARTS, TEXT_MARK)) else cell


def touchpoints_csv(entries: Iterable[JourneyEntry]) -> str:
    """``touchpoints.csv`` as text (UTF-8, comma-separated, header row, CRLF as RFC 4180 says).

    A front-matter text that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``)
    is written with a leading ``'`` (see :func:`as_cell`): a map from a pull request cannot
    make a department's spreadsheet run anything. ``journeymaps import`` takes the mark off.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for row in touchpoint_rows(entries):
        for column in CSV_TEXT_COLUMNS:
            row[column] = as_cell(row[column])
        writer.writerow(row)
    return out.getvalue()


def journey_data(entry: JourneyEntry, published: Container[str] | None = None) -> dict[str, Any]:
    """One journey as JSON-ready data: its id, its validated fields and its main figures.

    A ``baseline`` that is not among the ``published`` ids is ``null``: the export names no
    map that the site leaves out (an approved-only site does not give away a draft's id).
    """
    data = entry.journey.model_dump(mode="json", exclude_none=True)
    if published is not None and data.get("baseline") is not None and data["baseline"] not in published:
        data["baseline"] = None
    return {
        "id": entry.id,
        "source": f"journeys/{entry.rel}",
        **data,
        "figures": {
            "average_emotion": _round(analysis.journey_average(entry.journey)),
            "stage_averages": {stage: _round(v) for stage, v in analysis.stage_averages(entry.journey)},
            "steps": len(analysis.steps(entry.journey)),
            "touchpoints": analysis.touchpoint_count(entry.journey),
        },
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _change(before: float | None, after: float | None) -> float | None:
    """The difference of the two averages as exported (two decimals), so that it agrees with them."""
    a, b = _round(before), _round(after)
    return None if a is None or b is None else round(b - a, 2)


def journeys_json(vocabulary: Vocabulary, personas: Mapping[str, PersonaEntry], journeys: Mapping[str, JourneyEntry],
                  portfolio: Portfolio) -> str:
    """``journeys.json``: the validated vocabulary, personas and published journeys, and the derived figures.

    The shape is documented in ``docs/exports.md``; :data:`JSON_FORMAT` is its version.
    """
    p = portfolio
    data = {
        "format": JSON_FORMAT,
        "vocabulary": vocabulary.model_dump(mode="json", exclude_none=True),
        "personas": [
            {"id": pid, "source": f"journeys/{e.rel}", **e.persona.model_dump(mode="json", exclude_none=True)}
            for pid, e in sorted(personas.items())
        ],
        "journeys": [
            _with_handoffs(journey_data(e, journeys), p.handoffs.get(jid, [])) for jid, e in sorted(journeys.items())
        ],
        "figures": {
            "compared_types": list(AS_IS_TYPES),
            "emotion_by_persona_and_stage": [
                {"persona": pid, "stage": s, "average_emotion": _round(cell.average), "steps": cell.steps,
                 "scored_steps": cell.rated}
                for pid in p.personas for s in p.stages if (cell := p.heatmap.get((pid, s))) is not None
            ],
            "worst_stage": [
                {"persona": pid, "stage": worst[0], "average_emotion": _round(worst[1])}
                for pid in p.personas if (worst := p.worst_stage(pid)) is not None
            ],
            "touchpoints_by_persona_and_channel": [
                {"persona": pid, "channel": c, "touchpoints": p.channel_counts[(pid, c)]}
                for pid in p.personas for c in p.channels if p.channel_counts[(pid, c)]
            ],
            "scenarios": {name: [e.id for e in entries] for name, entries in p.scenarios.items()},
            "futures": [_future(fc) for _, fc in sorted(p.futures.items())],
            "handoffs": [_handoff(h) for jid in sorted(p.handoffs) for h in p.handoffs[jid]],
            "department_pairs": [
                {"from": pair.source, "to": pair.target, "handoffs": pair.count, "emotion_drops": pair.drops}
                for pair in p.department_pairs
            ],
            "channels": [_group({"channel": c}, p.by_channel[c]) for c in p.channels],
            "departments": [
                _group({"department": d}, p.by_department[d], pain_points=len(p.department_pains[d]),
                       opportunities=len(p.department_opportunities[d]),
                       maps_owned=[e.id for e in p.maps_owned[d]])
                for d in p.departments
            ],
            "opportunities": [
                {"journey": o.entry.id, "stage": o.stage, "step": o.view.number, "title": o.opportunity.title,
                 "impact": o.opportunity.impact, "effort": o.opportunity.effort, "owner": o.opportunity.owner,
                 "quadrant": o.quadrant}
                for o in p.opportunities
            ],
            "unowned_touchpoints": [_touchpoint(t) for t in p.unowned],
        },
    }
    # Compact: Python's JSON encoder is only fast without indentation, and the file is for programs.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _touchpoint(t: TouchpointUse) -> dict[str, Any]:
    tp = t.touchpoint
    return {"journey": t.entry.id, "stage": t.stage, "step": t.view.number, "touchpoint": tp.name,
            "anchor": t.anchor, "channel": tp.channel, "device": tp.device, "department": tp.department,
            "emotion": t.emotion}


def _handoff(h: Handoff) -> dict[str, Any]:
    return {"journey": h.source.entry.id, "from": _touchpoint(h.source), "to": _touchpoint(h.target),
            "changes": list(h.changes), "emotion_drops": h.drop}


def _with_handoffs(data: dict[str, Any], handoffs: list[Handoff]) -> dict[str, Any]:
    data["figures"]["handoffs"] = len(handoffs)
    data["figures"]["handoffs_where_emotion_drops"] = sum(h.drop for h in handoffs)
    return data


def _future(fc: FutureComparison) -> dict[str, Any]:
    def names(uses) -> list[dict[str, str]]:
        return [{"touchpoint": t.touchpoint.name, "anchor": t.anchor} for t in uses]

    return {
        "journey": fc.future.id, "baseline": fc.baseline.id,
        "average_emotion": {"baseline": _round(fc.baseline_average), "future": _round(fc.future_average),
                            "change": _change(fc.baseline_average, fc.future_average)},
        "stages": [
            {"stage": s.stage, "baseline": _round(s.baseline), "future": _round(s.future),
             "change": _change(s.baseline, s.future), "added": names(s.added), "removed": names(s.removed),
             "kept": s.kept}
            for s in fc.stages
        ],
    }


def _group(key: dict[str, str], group: Group, **extra: Any) -> dict[str, Any]:
    return {**key, "touchpoints": len(group.touchpoints), "journeys": len(group.journeys),
            "personas": len(group.personas), "average_emotion": _round(group.emotion.average),
            "scored_steps": group.emotion.rated, **extra}

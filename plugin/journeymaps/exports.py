"""Machine-readable exports of the portfolio: ``touchpoints.csv`` and ``journeys.json``.

The CSV has one row per touchpoint with the columns of :data:`CSV_COLUMNS`; a
step without touchpoints still gets one row (with empty touchpoint columns)
so that no step is lost. ``journeymaps import`` reads the same columns.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from . import analysis
from .corpus import JourneyEntry

CSV_COLUMNS = (
    "journey", "persona", "type", "status", "stage", "step", "action",
    "touchpoint", "channel", "device", "department", "contact", "emotion",
)

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
            }
            empty = {"touchpoint": "", "channel": "", "device": "", "department": "", "contact": ""}
            for tp in view.step.touchpoints or [None]:
                row = dict(base, **empty)
                if tp is not None:
                    row.update(touchpoint=tp.name, channel=tp.channel, device=tp.device or "",
                               department=tp.department or "", contact=tp.contact)
                rows.append({column: row[column] for column in CSV_COLUMNS})
    return rows


def touchpoints_csv(entries: Iterable[JourneyEntry]) -> str:
    """``touchpoints.csv`` as text (UTF-8, comma-separated, header row, CRLF as RFC 4180 says)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(touchpoint_rows(entries))
    return out.getvalue()


def journey_data(entry: JourneyEntry) -> dict[str, Any]:
    """One journey as JSON-ready data: its id, its validated fields and its main figures."""
    data = entry.journey.model_dump(mode="json", exclude_none=True)
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

"""The data file of ``touchpoints/``: every row of the listing, compact, for the filters in the browser.

The listing is published in parts (``paging.py``); its filters must find a row on any part, so the
browser fetches this file once, when a filter is first set, and shows the matching rows itself
(``journeymaps.js``). To keep it small, what rows repeat (a map, a persona, a vocabulary term, a
badge, a step) is written once in a lookup table and a row holds its index there; a touchpoint's
anchor is left out when the script can make it from the step's anchor and the name (printable
ASCII names, slugged as ``addresses.slugify`` does). Texts are plain text
(the script escapes them); the badges are HTML made here, escaped like every row; links are
relative to the data file, so that the site works under any path. ``docs/format.md`` describes
the format. No MkDocs here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from markupsafe import escape

from journeymaps.figures.places import TouchpointUse
from journeymaps.model import addresses
from journeymaps.model.types import MAP_TYPE_NAMES
from journeymaps.pages.badges import Badges
from journeymaps.pages.context import RenderContext

#: What each row holds, in order (the file says it too, so that a reader of the file needs no other document).
ROW_FIELDS = ("name", "step", "anchor", "channel", "device", "department", "indirect")
#: What each step of the ``steps`` table holds.
STEP_FIELDS = ("journey", "stage", "number", "action", "anchor", "emotion")
#: The version of the format: a script reading another version shows the part's rows and says why.
VERSION = 1


class _Table:
    """A lookup table: each distinct key once, in the order first met, and its index."""

    def __init__(self) -> None:
        self.index: dict[object, int] = {}
        self.rows: list[list] = []

    def add(self, key: object, make: Callable[[], list]) -> int:
        """The index of ``key``, made with ``make`` the first time."""
        found = self.index.get(key)
        if found is None:
            found = self.index[key] = len(self.rows)
            self.rows.append(make())
        return found


def _anchor(t: TouchpointUse) -> str | int:
    """0 when the script makes the touchpoint's anchor itself (see journeymaps.js, slug), else the anchor after
    the step's and its ``-``, or the whole anchor after a ``#`` when it does not start with the step's."""
    name, anchor, prefix = t.touchpoint.name, t.anchor, t.view.anchor + "-"
    if not anchor.startswith(prefix):
        return "#" + anchor
    if all(" " <= ch <= "~" for ch in name) and anchor == prefix + (addresses.slugify(name) or "touchpoint"):
        return 0
    return anchor[len(prefix):]


def rows_json(ctx: RenderContext, badges: Badges, rows: Iterable[TouchpointUse], at: str) -> str:
    """The data file (JSON) of the touchpoints ``rows``, published at the site address ``at``."""

    def href(to: str) -> str:
        return addresses.href(at, to)

    journeys, personas, steps = _Table(), _Table(), _Table()
    terms = {kind: _Table() for kind in ("stages", "channels", "devices", "departments")}
    out = []
    for t in rows:
        tp, pid = t.touchpoint, t.journey.persona

        def persona(pid: str = pid) -> list:
            entry = ctx.personas.get(pid)
            return [pid, entry.persona.name if entry else pid, href(addresses.persona_url(pid)) if entry else ""]

        p = personas.add(pid, persona)
        journey = journeys.add(t.entry.id, lambda e=t.entry, p=p: [
            e.journey.title, href(addresses.journey_url(e.id)), e.journey.type, e.journey.status, p])
        stage = terms["stages"].add(t.stage, lambda s=t.stage: [s, ctx.term("stages", s)])
        step = steps.add((t.entry.id, t.view.anchor), lambda v=t.view, j=journey, s=stage: [
            j, s, v.number, v.step.action, v.anchor, v.step.emotion])
        channel = terms["channels"].add(tp.channel, lambda c=tp.channel: [
            c, ctx.term("channels", c), href(addresses.channel_url(c))])
        device = terms["devices"].add(tp.device or "-", lambda d=tp.device: [d or "-", ctx.term("devices", d)])
        department = terms["departments"].add(tp.department or "-", lambda d=tp.department: [
            d or "-", ctx.term("departments", d), href(addresses.department_url(d)) if d else ""])
        out.append([tp.name, step, _anchor(t), channel, device, department, 1 if tp.contact == "indirect" else 0])
    stage_rank = ctx.vocabulary.stage_order()
    data = {
        "version": VERSION,
        "fields": list(ROW_FIELDS),
        "count": len(out),
        "step_fields": list(STEP_FIELDS),
        "steps": steps.rows,
        "journeys": journeys.rows,  # [title, link, type, status, persona]
        "personas": personas.rows,  # [id, name, link ("" when its file is not published)]
        "stages": [[*s, stage_rank.get(s[0], len(stage_rank))] for s in terms["stages"].rows],  # [id, label, rank]
        "channels": terms["channels"].rows,  # [id, label, link]
        "devices": terms["devices"].rows,  # [id ("-": none given), label]
        "departments": terms["departments"].rows,  # [id ("-": none), label, link ("" for none)]
        # Badges as the pages draw them (escaped HTML).
        "types": {k: "" if k == "current" else
                  f'<span class="jm-badge jm-type jm-type-{escape(k)}">{escape(v)}</span>'
                  for k, v in MAP_TYPE_NAMES.items()},
        "statuses": {k: str(v) for k, v in badges.statuses.items()},
        "scores": {str(k): str(v) for k, v in badges.scores.items()},
        "no_score": str(badges.score(None)),
        "rows": out,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

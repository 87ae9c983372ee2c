"""Reads the data file of ``touchpoints/`` as the browser's script does (journeymaps.js, readRows), in Python."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin


def slug(name: str) -> str:
    """journeymaps.js's slug: a printable ASCII name's anchor after its step's."""
    kept = re.sub(r"[^a-z0-9\s_-]", "", name.lower())
    return re.sub(r"[\s_-]+", "-", kept).strip("-") or "touchpoint"


def read_rows(site: Path, address: str = "touchpoints/rows.json") -> list[dict]:
    """Every row of the data file at ``address`` of the built ``site``, its links resolved to site addresses."""
    data = json.loads((site / address).read_text(encoding="utf-8"))
    base = "http://site/" + address

    def link(rel: str) -> str:
        return urljoin(base, rel).removeprefix("http://site/") if rel else ""

    f = {name: i for i, name in enumerate(data["fields"])}
    g = {name: i for i, name in enumerate(data["step_fields"])}
    personas = [{"id": p[0], "name": p[1], "url": link(p[2])} for p in data["personas"]]
    journeys = [{"title": j[0], "url": link(j[1]), "type": j[2], "status": j[3], "persona": personas[j[4]]}
                for j in data["journeys"]]
    out = []
    for r in data["rows"]:
        step = data["steps"][r[f["step"]]]
        journey, stage = journeys[step[g["journey"]]], data["stages"][step[g["stage"]]]
        anchor = r[f["anchor"]]
        if anchor == 0:
            anchor = f"{step[g['anchor']]}-{slug(r[f['name']])}"
        elif anchor.startswith("#"):
            anchor = anchor[1:]
        else:
            anchor = f"{step[g['anchor']]}-{anchor}"
        channel, device = data["channels"][r[f["channel"]]], data["devices"][r[f["device"]]]
        department = data["departments"][r[f["department"]]]
        out.append({
            "name": r[f["name"]], "journey": journey["title"], "url": f"{journey['url']}#{anchor}",
            "step_url": f"{journey['url']}#{step[g['anchor']]}", "action": step[g["action"]],
            "persona": journey["persona"]["id"], "type": journey["type"], "status": journey["status"],
            "stage": stage[0], "channel": channel[0], "device": device[0], "department": department[0],
            "emotion": step[g["emotion"]], "indirect": bool(r[f["indirect"]]),
        })
    assert data["count"] == len(out)
    return out

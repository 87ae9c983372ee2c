"""A persona's portrait address and card, shared by the persona's page and the journey pages beside their maps."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from journeymaps.model import addresses
from journeymaps.model.corpus import PersonaEntry
from journeymaps.pages.views import PersonaCard

_WORD = re.compile(r"[^\W\d_]+")


def portrait_url(entry: PersonaEntry, root: Path) -> str | None:
    """The site address of the persona's portrait (``root``: the journeys folder), if it has one."""
    if not entry.persona.image:
        return None
    rel = (entry.path.parent / entry.persona.image).resolve().relative_to(root).as_posix()
    # a file name is not a URL: '#', '?', '%' or a space in it must be escaped in the src
    return addresses.asset_url("/".join(quote(part, safe="") for part in rel.split("/")))


def initials(name: str) -> str:
    """Up to two initials of a persona's name before any comma: "Maya, the weekend runner" gives "M"."""
    words = _WORD.findall(name.split(",")[0])
    return "".join(w[0] for w in words[:2]).upper() or "?"


def card(entry: PersonaEntry, root: Path) -> PersonaCard:
    """What a journey page shows of its persona beside the map."""
    p = entry.persona
    return PersonaCard(name=p.name, url=addresses.persona_url(entry.id), image=portrait_url(entry, root),
                       initials=initials(p.name), segment=p.segment, quote=p.quote)

"""Which field a sheet's column header (or a grid's row label) names: the synonym table.

The table is documented in docs/reference.md ("Import and export"); keep the
two in step. Matching ignores case; ``&`` is read as "and"; every run of
characters other than letters, digits and ``#`` is one space; ``(s)`` and a
final ``s`` are dropped when the plain form is not known. A header made of
alternatives (``Thought / Quote``, ``Pain point or problem``) names a field
when all its parts name the same one.
"""

from __future__ import annotations

import re

#: Field -> the headers and row labels that name it.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "journey": ("journey", "journey name", "journey title", "map", "map title"),
    "persona": ("persona", "personas", "customer", "user", "actor", "who"),
    "stage": ("stage", "stages", "phase", "phases", "journey stage", "journey phase", "stage name"),
    "number": ("step #", "step no", "step number", "no", "#", "order", "seq", "sequence"),
    "action": ("step", "steps", "action", "actions", "user action", "user actions", "customer action",
               "customer actions", "doing", "does", "activity", "activities", "task", "tasks", "what they do"),
    "touchpoint": ("touchpoint", "touchpoints", "touch point", "touch points", "where"),
    "channel": ("channel", "channels", "medium"),
    "device": ("device", "devices", "platform"),
    "department": ("department", "departments", "team", "teams", "owner", "owners", "dept", "responsible",
                   "business unit"),
    "contact": ("contact", "direct indirect"),
    "thinking": ("thought", "thoughts", "thinking", "quote", "quotes", "thinks", "says", "thinks and says",
                 "customer quote", "verbatim", "what they think"),
    "feeling": ("feeling", "feelings", "emotion", "emotions", "mood", "sentiment", "feels"),
    "score": ("score", "emotion score", "feeling score", "rating", "satisfaction", "sentiment score", "csat"),
    "pain_points": ("pain point", "pain points", "pain", "pains", "problem", "problems", "frustration",
                    "frustrations", "issue", "issues", "barrier", "barriers", "lows"),
    "opportunities": ("opportunity", "opportunities", "idea", "ideas", "improvement", "improvements",
                      "recommendation", "recommendations", "how might we", "hmw", "solution", "solutions"),
    "metrics": ("metric", "metrics", "kpi", "kpis", "measure", "measures", "data point"),
    "evidence": ("evidence", "research", "insight", "insights", "finding", "findings"),
    "source": ("source", "sources"),
    "moment_of_truth": ("moment of truth", "moments of truth", "mot", "key moment"),
    "frontstage": ("frontstage", "front stage", "frontstage actions", "staff actions", "employee actions",
                   "onstage"),
    "backstage": ("backstage", "back stage", "backstage actions", "behind the scenes", "back office"),
    "support": ("support", "support processes", "systems", "tools", "support systems", "technology"),
    "time": ("time", "when", "time of day", "day", "timing"),
    "type": ("type", "map type"),
    "status": ("status",),
    "goal": ("goal", "customer goal"),
    "scenario": ("scenario",),
}
#: Fields that hold one value for a whole journey.
JOURNEY_FIELDS = ("journey", "persona", "type", "status", "goal", "scenario")
#: Fields whose cells are lists of names, so ', ' separates items too.
NAME_LISTS = ("touchpoint", "channel", "device", "department", "support", "persona")

_ALTERNATIVES = re.compile(r"\s*(?:/|\bor\b|\|)\s*")


def normalise(header: str) -> str:
    """A header as the table is looked up: lower case, ``&`` as "and", punctuation other than ``#`` as spaces."""
    text = header.casefold().replace("&", " and ").replace("(s)", "")
    return " ".join(re.sub(r"[^\w#]+|_", " ", text).split())


_LOOKUP = {normalise(name): field for field, names in SYNONYMS.items() for name in names}


def _one(text: str) -> str | None:
    key = normalise(text)
    if key in _LOOKUP:
        return _LOOKUP[key]
    if key.endswith("s") and key[:-1] in _LOOKUP:
        return _LOOKUP[key[:-1]]
    return None


def field_of(header: str) -> str | None:
    """The field a header names (``"Pain Point(s)"`` -> ``pain_points``), or None."""
    found = _one(header)
    if found is not None or not header.strip():
        return found
    parts = [part for part in _ALTERNATIVES.split(header.casefold().replace("&", " and ")) if part.strip()]
    fields = {_one(part) for part in parts}
    if len(parts) > 1 and len(fields) == 1 and None not in fields:
        return fields.pop()
    return None

"""Split a journey's Markdown narrative into the parts attached to its phases.

A level-2 ATX heading (``## Name``) whose text is a phase's name or stage id
(case and surrounding spaces ignored) attaches the section under it to that
phase. Text before the first such heading is the introduction; sections under
other level-2 headings are kept, in order, as further notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_H2 = re.compile(r"^ {0,3}##(?!#)[ \t]*(.+?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass
class Narrative:
    """The narrative of one journey, cut at its phase headings."""

    intro: str = ""
    phases: dict[str, str] = field(default_factory=dict)  # stage id -> Markdown
    notes: str = ""  # level-2 sections that match no phase, headings kept


def split(body: str, phase_keys: dict[str, str]) -> Narrative:
    """Cut ``body`` at level-2 headings; ``phase_keys`` maps lower-cased names/ids to stage ids."""
    result = Narrative()
    current: str | None = None  # stage id, "" for unmatched notes, None for the intro
    chunks: dict[str | None, list[str]] = {None: []}
    fence: str | None = None
    for line in body.splitlines(keepends=True):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
        elif opened:
            fence = opened.group(1)
        else:
            heading = _H2.match(line)
            if heading:
                stage = phase_keys.get(heading.group(1).strip().lower())
                current = stage if stage is not None else ""
                chunks.setdefault(current, [])
                if stage is not None:
                    continue  # the page draws the phase heading itself
        chunks.setdefault(current, []).append(line)
    result.intro = "".join(chunks.pop(None, [])).strip("\n")
    result.notes = "".join(chunks.pop("", [])).strip("\n")
    result.phases = {stage: "".join(lines).strip("\n") for stage, lines in chunks.items()}
    return result

"""Sections (or a sheet's stage names) onto the vocabulary's stages: matching, ``--section``, new stages.

1. ``--section NAME=STAGE`` says it; ``NAME#k`` names the k-th section of that
   name (``At the front desk#2``), ``NAME`` alone every other one, and an
   empty ``NAME`` the tasks of a diagram without sections. The same NAME twice
   is an error, never "the last one wins".
2. Otherwise a section matches the stage whose id or name it is, ignoring case,
   spaces and punctuation.
3. A section that matches nothing (or repeats the stage of an earlier,
   non-adjacent section of its name) is a problem that names both fixes;
   with ``--extend-vocabulary`` it becomes a new stage, placed right after the
   stage of the nearest section before it (or before the stage of the nearest
   one after it, or at the end), so every existing map stays valid.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from journeymaps.cli.importers.vocabulary_edit import VocabularyPlan, compact

_OCCURRENCE = re.compile(r"^(.*)#(\d+)$")
#: How many stages a problem lists before it stops.
LISTED = 12


@dataclass
class Heading:
    """A section of a diagram, or a stage named in a sheet: its text and where it is."""

    name: str
    line: int
    where: str  # as messages say it: "line 5", "cell B1"

    def own(self) -> str:
        """Where it is, when a problem on its line does not say it already: " (cell B1)"."""
        return "" if self.where.startswith("line ") else f" ({self.where})"


@dataclass
class SectionMap:
    """The ``--section NAME=STAGE`` options, by NAME (case ignored), and which were used."""

    entries: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (stage, option as written)
    used: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, values: tuple[str, ...]) -> tuple[SectionMap, list[str]]:
        """The options, and what is wrong with them (malformed, or one NAME given twice)."""
        mapping, problems = cls(), []
        for value in values:
            name, sep, stage = value.rpartition("=")
            if not sep or not stage.strip():
                problems.append(f"--section '{value}' must be written NAME=STAGE, e.g. --section 'Go to work=awareness'"
                                " (NAME#2=STAGE for the second section of that name)")
                continue
            key = " ".join(name.split()).casefold()
            if key in mapping.entries:
                problems.append(f"--section '{value}' names the section '{name.strip()}' again (already "
                                f"--section '{mapping.entries[key][1]}'); give each section once")
                continue
            mapping.entries[key] = (stage.strip(), value)
        return mapping, problems

    def lookup(self, name: str, occurrence: int) -> tuple[str, str] | None:
        """The option for the ``occurrence``-th section called ``name``: ``NAME#k`` first, then ``NAME``."""
        key = " ".join(name.split()).casefold()
        for candidate in (f"{key}#{occurrence}", key):
            if candidate in self.entries:
                self.used.add(candidate)
                return self.entries[candidate]
        return None

    def unused(self) -> list[str]:
        """The options that named no section."""
        return [option for key, (_, option) in self.entries.items() if key not in self.used]


def close_match(value: str, known: list[str]) -> str:
    """A "did you mean" only when really close (so 'Documentation' suggests no 'retention')."""
    found = difflib.get_close_matches(value.casefold(), [k.casefold() for k in known], n=1, cutoff=0.8)
    return f"; did you mean '{known[[k.casefold() for k in known].index(found[0])]}'?" if found else ""


class StageResolver:
    """Maps a list of headings onto stage ids, adding stages to the plan when it may."""

    def __init__(self, plan: VocabularyPlan, sections: SectionMap, what: str = "section") -> None:
        self.plan = plan
        self.sections = sections
        self.what = what

    def listed(self) -> str:
        """The stages a problem names."""
        ids = self.plan.ids("stages")
        return ", ".join(ids[:LISTED]) + (f" and {len(ids) - LISTED} more" if len(ids) > LISTED else "")

    def _explicit(self, heading: Heading, occurrence: int, problems: list[tuple[int, str]]) -> str | bool | None:
        """The stage ``--section`` gives (False when no option names the heading)."""
        option = self.sections.lookup(heading.name, occurrence)
        if option is None:
            return False
        stage = option[0] if option[0] in self.plan.ids("stages") else self.plan.match("stages", option[0])
        if stage is None:
            hint = close_match(option[0], self.plan.ids("stages")) or f"; stages: {self.listed()}"
            problems.append((heading.line, f"--section '{option[1]}' maps the {self.what} '{heading.name}' to "
                                           f"'{option[0]}', which is not a stage{hint}"))
        return stage

    def resolve(self, headings: list[Heading], problems: list[tuple[int, str]]) -> list[str | None]:
        """The stage of each heading (None where a problem was recorded)."""
        stages: list[str | None] = []
        seen: dict[str, int] = {}
        for i, heading in enumerate(headings):
            key = " ".join(heading.name.split()).casefold()
            seen[key] = occurrence = seen.get(key, 0) + 1
            stage = self._explicit(heading, occurrence, problems)
            if stage is None:
                stages.append(None)
                continue
            repeated = False
            if stage is False:
                stage = self.plan.match("stages", heading.name)
                earlier = [j for j in range(i) if stages[j] == stage and stage is not None]
                if stage is not None and occurrence > 1 and earlier and stages[-1] != stage:
                    repeated, stage = True, None
            if stage is None:
                stage = self._new_stage(headings, i, stages, occurrence if repeated else 1, problems)
            stages.append(stage)
        return stages

    def _new_stage(self, headings: list[Heading], i: int, stages: list[str | None], occurrence: int,
                   problems: list[tuple[int, str]]) -> str | None:
        heading = headings[i]
        name = heading.name if occurrence == 1 else f"{heading.name} ({occurrence})"
        if not self.plan.extend:
            option = f"{heading.name}#{occurrence}" if occurrence > 1 else heading.name
            if occurrence > 1:
                why = (f"the {self.what} '{heading.name}'{heading.own()} comes again after other "
                       f"{self.what}s; a stage has one phase per map, so map this one to another stage")
            else:
                why = (f"the {self.what} '{heading.name}'{heading.own()} matches no stage"
                       f"{close_match(heading.name, [label for _, label in self.plan.terms('stages')])}")
            problems.append((heading.line, f"{why}: --section '{option}=STAGE' maps it to a stage "
                                           f"({self.listed()}), or --extend-vocabulary adds it as a new stage"))
            return None
        existing = self.plan.match("stages", name)
        if existing is not None and existing not in stages:
            return existing
        return self.plan.add("stages", name, self._place(headings, i, stages))

    def _place(self, headings: list[Heading], i: int, stages: list[str | None]) -> int | None:
        """Where a new stage goes: after the stage of the nearest heading before it, else before the stage of the
        nearest heading after it, else at the end."""
        ids = self.plan.ids("stages")
        before = next((s for s in reversed(stages) if s is not None), None)
        if before is not None:
            at = ids.index(before) + 1
            later = {compact(h.name) for h in headings[i + 1:]}
            # stages this import added there for other maps come first, unless this map names them later
            while at < len(ids) and self.plan.is_new("stages", ids[at]) and \
                    compact(self.plan.label("stages", ids[at])) not in later:
                at += 1
            return at
        for heading in headings[i + 1:]:
            stage = self.plan.match("stages", heading.name)
            if stage is not None:
                return ids.index(stage)
        return None


def check_order(headings: list[Heading], stages: list[str | None], plan: VocabularyPlan,
                what: str = "section") -> list[tuple[int, str]]:
    """Problems of headings whose stages do not follow the vocabulary (adjacent headings on one stage merge)."""
    order = {ident: n for n, ident in enumerate(plan.ids("stages"))}
    problems = []
    last: tuple[int, Heading] | None = None
    first_of: dict[str, Heading] = {}
    previous: str | None = None
    counts: dict[str, int] = {}
    for heading, stage in zip(headings, stages, strict=True):
        key = " ".join(heading.name.split()).casefold()
        counts[key] = counts.get(key, 0) + 1
        if stage is None:
            continue
        if stage in first_of and stage != previous:
            other = first_of[stage]
            problems.append((heading.line, f"the {what} '{heading.name}'{heading.own()} maps to the stage "
                                           f"'{stage}' like the {what} '{other.name}' ({other.where}), with other "
                                           f"{what}s between; a stage has one phase per map: map it to another "
                                           f"stage with --section '{heading.name}#{counts[key]}=STAGE'"))
        elif last is not None and order[stage] < last[0]:
            problems.append((heading.line, f"the {what} '{heading.name}'{heading.own()} maps to the stage "
                                           f"'{stage}', which comes before the stage '{previous}' of the {what} "
                                           f"'{last[1].name}' ({last[1].where}); {what}s must follow the "
                                           f"vocabulary's stages: {', '.join(plan.ids('stages'))}"))
        else:
            last = (order[stage], heading)
        first_of.setdefault(stage, heading)
        previous = stage
    return problems

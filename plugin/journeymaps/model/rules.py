"""Rules that need more than one file: references, stage order, the emotion scale, images."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from journeymaps.model.addresses import step_anchor, touchpoint_anchor
from journeymaps.model.corpus import Corpus, Entry, JourneyEntry, PersonaEntry
from journeymaps.model.types import Vocabulary
from journeymaps.problems import Problem, did_you_mean, printable, quote
from journeymaps.source.document import Document, dotted
from journeymaps.source.files import PERSONAS, VOCABULARY, in_ignored

#: What a persona's ``image`` may be (compared in lower case): the formats every browser shows.
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")

_KIND_LIST = {"stage": "stages", "channel": "channels", "device": "devices", "department": "departments"}
_TOUCHPOINT_REFS = ("channel", "device", "department")  # a touchpoint's keys that name a vocabulary id


def check_vocabulary(vocabulary: Vocabulary, doc: Document, display: str) -> list[Problem]:
    """Ids must be unique within each list of the vocabulary."""
    problems = []
    for kind in ("stages", "channels", "devices", "departments"):
        seen: dict[str, int] = {}
        for i, term in enumerate(getattr(vocabulary, kind)):
            path = (kind, i)
            if term.id in seen:
                problems.append(
                    Problem(display, doc.line_of(path), dotted(path), f"{quote(term.id)} is listed twice "
                            f"(first as entry {seen[term.id] + 1}); ids must be unique")
                )
            seen.setdefault(term.id, i)
    return problems


def case_collisions(entries: Iterable[Entry], problems: list[Problem]) -> list[Entry]:
    """Entries left out because another one has the same id after case folding (they would share an address).

    Of each such group, the entry whose id is already lower case is kept (the first in
    path order when none is, or when several are), so that a new ``MAYA.md`` beside
    ``maya.md`` cannot take over ``maya``'s address. The others get a problem naming the kept file.
    """
    groups: dict[str, list[Entry]] = {}
    for entry in sorted(entries, key=lambda e: e.rel):
        groups.setdefault(entry.id.casefold(), []).append(entry)
    left_out = []
    for group in groups.values():
        if len(group) == 1:
            continue
        kept = next((e for e in group if e.id == e.id.casefold()), group[0])
        where = printable(kept.display)
        for entry in group:
            if entry is kept:
                continue
            if entry.id == kept.id:
                message = f"the id {quote(entry.id)} is also the id of {where}, which keeps it; ids must be unique: " \
                          "rename this file"
            else:
                message = f"the id {quote(entry.id)} differs from {quote(kept.id)} ({where}) only in upper/lower " \
                          f"case; both would publish at the same address, which {where} keeps: rename this file"
            problems.append(Problem(entry.display, 1, "", message))
            left_out.append(entry)
    return left_out


def folder_collisions(entries: Iterable[JourneyEntry], problems: list[Problem]) -> list[JourneyEntry]:
    """Maps left out because their address is also a folder page's (``journeys/<folder>/``).

    * Folders whose names differ only in case (``H/`` and ``h/``) are one folder on
      Windows and macOS, and their pages one page: the maps of every spelling but
      one (the lower-case one, else the first in path order) are left out.
    * A map ``retail.md`` beside a folder ``retail/`` of maps would take the address
      of the folder's page: the map is left out, and the folder keeps its page.
    * A map ``page/2.md`` (in any folder) would take the address of part 2 of the list
      of maps above it, once that list is long enough to come in parts: left out too.
    """
    entries = sorted(entries, key=lambda e: e.rel)
    spellings: dict[str, list[str]] = {}  # the spellings of each folder of maps, by its case-folded path
    for entry in entries:
        for folder in _folders(entry.id):
            found = spellings.setdefault(folder.casefold(), [])
            if folder not in found:
                found.append(folder)
    kept: dict[str, str] = {}
    for key in sorted(spellings, key=lambda k: k.count("/")):  # a folder's spelling is kept within the kept parent
        parent = key.rpartition("/")[0]
        options = [f for f in spellings[key] if not parent or f.rpartition("/")[0] == kept.get(parent)]
        if options:
            kept[key] = next((f for f in options if f == f.casefold()), options[0])
    left_out = []
    for entry in entries:
        for folder in _folders(entry.id):
            other = kept[folder.casefold()]  # the folders above it are the kept ones, so there is one
            if other != folder:
                this, other = _shown(entry, folder + "/"), _shown(entry, other + "/")
                problems.append(Problem(
                    entry.display, 1, "",
                    f"the folder {this} differs from {other} only in upper/lower case; on Windows and macOS they "
                    f"are one folder, and their pages one page: move this file to {other} or rename the folder"))
                left_out.append(entry)
                break
        else:
            key = entry.id.casefold()
            if key in spellings:
                folder = _shown(entry, kept.get(key, spellings[key][0]) + "/")
                problems.append(Problem(
                    entry.display, 1, "", f"this map would take the address of the page of the folder {folder}, "
                                          "which lists the maps in it; rename the map or the folder"))
                left_out.append(entry)
            elif part := _PART.search(entry.id):
                listing = _shown(entry, entry.id[:part.start()] + "/" if part.start() else "")
                problems.append(Problem(
                    entry.display, 1, "", f"this map would take the address of part {part.group(1)} of the list of "
                                          f"maps at {listing}, which a long list is published in; rename the map or "
                                          "the folder 'page'"))
                left_out.append(entry)
    return left_out


# A long list's later parts are at <its address>page/<k>/ (pages.paging.part_url): k from 2, without leading zeros.
_PART = re.compile(r"(?:^|/)page/([2-9]|[1-9][0-9]+)$")


def _folders(ident: str) -> list[str]:
    """``retail/online/buy`` -> ``['retail', 'retail/online']``."""
    parts = ident.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _shown(entry: Entry, rel: str) -> str:
    """A path of the journeys folder as ``entry``'s path is shown (``journeys/vocabulary.yml``)."""
    return printable(entry.display[: len(entry.display) - len(entry.rel)] + rel)


def _name_problem(part: str) -> str | None:
    """Why a file or folder name cannot be part of a published address, if it cannot."""
    bad = sorted({ch for ch in part if not (ch.isalnum() or ch in "-_.")})
    if not bad:
        return None
    shown = ", ".join(quote(ch) for ch in bad)
    return (f"the name {quote(part)} has characters that do not belong in a web address ({shown}); "
            "rename it using letters, digits, '-', '_' and '.'")


def check_path(root: Path, rel: str, display: str) -> Problem | None:
    """A file that cannot be published safely: a link leading out of ``root`` or nowhere, or a map or persona
    whose path has characters that would break its address (``#``, ``?``, ``:``, spaces...)."""
    path = root / rel
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root):
            return Problem(display, 1, "", "this file is a link to a file outside the journeys folder, "
                                           "which is not published; copy the file here instead")
        if not target.is_file():
            return Problem(display, 1, "", "this file is a link to a file that does not exist")
    if rel.endswith(".md"):
        for part in rel[:-3].split("/"):
            message = _name_problem(part)
            if message:
                return Problem(display, 1, "", message)
    return None


class _Checker:
    """Collects problems for one file, with the line of each field."""

    def __init__(self, entry: Entry, corpus: Corpus) -> None:
        self.entry = entry
        self.vocabulary = corpus.vocabulary
        self.problems: list[Problem] = []
        self.known: dict[str, dict] = {}  # the vocabulary's ids by list, looked up once per file

    def add(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.entry.display, self.entry.doc.line_of(path), dotted(path), message))

    def ids(self, kind: str) -> dict:
        """The ids of the vocabulary list for ``kind`` (none without a vocabulary)."""
        known = self.known.get(kind)
        if known is None:
            known = self.known[kind] = self.vocabulary.index(_KIND_LIST[kind]) if self.vocabulary else {}
        return known

    def ref(self, path: tuple, kind: str, value: str | None) -> None:
        """Report ``value`` unless it is an id of the vocabulary list for ``kind``."""
        if value is None or self.vocabulary is None:
            return
        known = self.ids(kind)
        if value in known:
            return
        if not known:
            self.add(path, f"unknown {kind} {quote(value)}: the vocabulary lists no {_KIND_LIST[kind]}; add it there")
        else:
            where = f"{_KIND_LIST[kind]} in {_shown(self.entry, VOCABULARY)}"
            self.add(path, f"unknown {kind} {quote(value)}{did_you_mean(value, known, where)}")


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _str(value: object) -> str | None:
    """A text to check, or None: not a text, or a blank one (the model reports those on their own)."""
    return value if isinstance(value, str) and value.strip() else None


def check_persona(entry: PersonaEntry, corpus: Corpus) -> list[Problem]:
    """References and the image of one persona (on the raw data, so files with other errors are checked too)."""
    check = _Checker(entry, corpus)
    data = _dict(entry.doc.data)
    for i, channel in enumerate(_list(data.get("channels"))):
        check.ref(("channels", i), "channel", _str(channel))
    image = _str(data.get("image"))
    if image:
        target = (entry.path.parent / image).resolve()
        if Path(image).is_absolute() or not target.is_relative_to(corpus.root):
            check.add(("image",), f"the image {quote(image)} must stay inside the journeys folder")
        elif Path(image).suffix.lower() not in IMAGE_TYPES:
            check.add(("image",), f"{quote(image)} is not an image file: use a "
                                  f"{', '.join(IMAGE_TYPES[:-1])} or {IMAGE_TYPES[-1]} file")
        elif not target.is_file():
            check.add(("image",), f"the image {quote(image)} does not exist (relative to this file)")
        elif in_ignored(target.relative_to(corpus.root).parts):
            check.add(("image",), f"the image {quote(image)} is in a file or folder whose name starts with '_' or '.', "
                                  "which are not published; move it")
    return check.problems


def check_journey(
    entry: JourneyEntry, corpus: Corpus, personas: set[str], journeys: dict[str, str | None]
) -> list[Problem]:
    """References, stage order, emotion scale, baseline and touchpoint addresses of one journey.

    Works on the raw data, so a file with a misspelt key also gets its
    reference errors in the same run.
    """
    check = _Checker(entry, corpus)
    data = _dict(entry.doc.data)
    persona = _str(data.get("persona"))
    if persona is not None and persona not in personas:
        where = f"personas in {_shown(entry, PERSONAS + '/')}"
        check.add(("persona",), f"unknown persona {quote(persona)}{did_you_mean(persona, personas, where)}")
    check.ref(("owner",), "department", _str(data.get("owner")))
    _check_baseline(check, entry, data, journeys)
    if corpus.vocabulary is None:
        return check.problems
    scale = corpus.vocabulary.emotion_scale
    order = corpus.vocabulary.stage_order()
    known = {key: check.ids(key) for key in _TOUCHPOINT_REFS}
    seen: dict[str, int] = {}  # the phase of each stage (lines are looked up only for a message)
    last = -1
    for p, phase in enumerate(_list(data.get("phases"))):
        phase = _dict(phase)
        stage = _str(phase.get("stage"))
        path = ("phases", p, "stage")
        if stage is None:
            pass
        elif stage not in order:
            check.ref(path, "stage", stage)
        elif stage in seen:
            first = entry.doc.line_of(("phases", seen[stage], "stage"))
            check.add(path, f"stage {quote(stage)} already has a phase (line {first}); "
                            "a stage may appear once per journey")
        elif order[stage] < last:
            stages = ", ".join(order)
            check.add(path, f"stage {quote(stage)} is out of order; phases follow the vocabulary's stages: {stages}")
        if stage in order:
            seen.setdefault(stage, p)
            last = max(last, order[stage])
        for s, step in enumerate(_list(phase.get("steps"))):
            step = _dict(step)
            at = ("phases", p, "steps", s)
            emotion = step.get("emotion")
            if isinstance(emotion, int) and not isinstance(emotion, bool) and not scale.min <= emotion <= scale.max:
                check.add((*at, "emotion"), f"{emotion} is outside the emotion scale {scale.min}..{scale.max}")
            for t, touchpoint in enumerate(_list(step.get("touchpoints"))):
                touchpoint = _dict(touchpoint)
                for key in _TOUCHPOINT_REFS:
                    value = touchpoint.get(key)
                    if isinstance(value, str) and value not in known[key]:  # a known id: nothing more to do
                        check.ref((*at, "touchpoints", t, key), key, _str(value))
            for o, opportunity in enumerate(_list(step.get("opportunities"))):
                owner = _dict(opportunity).get("owner")
                if isinstance(owner, str) and owner not in known["department"]:
                    check.ref((*at, "opportunities", o, "owner"), "department", _str(owner))
    _check_addresses(check, _list(data.get("phases")))
    return check.problems


def _check_addresses(check: _Checker, phases: list) -> None:
    """Every touchpoint of a journey needs an address (``<stage>-<step>-<slug>``) of its own.

    Stage ids may hold '-' and digits, and names may start with digits, so
    touchpoints of different stages can get the same address ('1 Hotline' in
    step 2 of 'buy' and 'Hotline' in step 1 of 'buy-2'), and so can a
    touchpoint and a step ('1' in step 2 of 'buy' and step 1 of 'buy-2').
    """
    steps: dict[str, tuple[str, int]] = {}
    touchpoints: list[tuple[tuple, str, str, int]] = []  # (path of the name, name, stage, step number)
    stages: set[str] = set()
    for p, phase in enumerate(phases):
        phase = _dict(phase)
        stage = _str(phase.get("stage"))
        if stage is None or stage in stages:  # a repeated stage is a problem of its own
            continue
        stages.add(stage)
        for s, step in enumerate(_list(phase.get("steps"))):
            steps[step_anchor(stage, s + 1)] = (stage, s + 1)
            for t, touchpoint in enumerate(_list(_dict(step).get("touchpoints"))):
                name = _str(_dict(touchpoint).get("name"))
                if name is not None:
                    touchpoints.append((("phases", p, "steps", s, "touchpoints", t, "name"), name, stage, s + 1))
    taken: dict[str, tuple[tuple, str, str, int]] = {}
    for place in touchpoints:
        path, name, stage, number = place
        anchor = touchpoint_anchor(stage, number, name)
        if anchor in taken:
            other_path, other, other_stage, other_number = taken[anchor]
            if (other_stage, other_number) == (stage, number):
                check.add(path, f"{quote(name)} has the same address as {quote(other)} in this step; "
                                "give touchpoints of one step different names")
            else:
                line = check.entry.doc.line_of(other_path)
                check.add(path, f"{quote(name)} has the same address ({quote(anchor)}) as {quote(other)} in step "
                                f"{other_number} of stage {quote(other_stage)} (line {line}); "
                                "give the touchpoints different names")
        elif anchor in steps:
            step_stage, step_number = steps[anchor]
            check.add(path, f"{quote(name)} gets the address {quote(anchor)}, which is the address of step "
                            f"{step_number} of stage {quote(step_stage)}; give the touchpoint another name")
        taken.setdefault(anchor, place)


def map_type(data: dict) -> object:
    """The ``type`` of a map's raw data: left out or empty, the default."""
    kind = data.get("type")
    return "current" if kind is None else kind


def _check_baseline(check: _Checker, entry: JourneyEntry, data: dict, journeys: dict[str, str | None]) -> None:
    baseline = _str(data.get("baseline"))
    if baseline is None:
        return
    kind = map_type(data)
    path = ("baseline",)
    if kind != "future":
        check.add(path, f"baseline is allowed on future maps only; this map's type is {quote(kind)}")
    elif baseline == entry.id:
        check.add(path, "a map cannot be its own baseline; name the current-state map it improves on")
    elif baseline not in journeys:
        hint = did_you_mean(baseline, journeys, f"maps in {_shown(entry, '') or 'the journeys folder'}")
        check.add(path, f"unknown journey {quote(baseline)}{hint}")
    elif journeys[baseline] == "future":
        check.add(path, f"{quote(baseline)} is a future map too; a baseline must be a map of another type")

"""``journeymaps diff``: what changed in the journey maps between two git revisions, in words.

Old revisions are read from git (``git ls-tree`` and one ``git cat-file
--batch`` for all files) into a temporary folder and loaded like any
journeys folder; the working tree is read where it is. Nothing is written
into the repository.

Steps are matched within each stage by their action text, then by position
(a reworded step in the same place is one changed step, not a removal and an
addition; a step found elsewhere, even in another stage, has moved);
touchpoints by name; pain points and opportunities by their text. A pain
point or opportunity that is no longer in the map is "resolved".
"""

from __future__ import annotations

import difflib
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeymaps.cli.mdtext import code, escape
from journeymaps.figures import analysis
from journeymaps.model.corpus import Corpus, JourneyEntry
from journeymaps.model.load import load_corpus
from journeymaps.model.types import EmotionScale, Journey, Phase, Step
from journeymaps.source.files import PERSONAS, VOCABULARY, in_ignored
from journeymaps.wording import plural

WORKING_TREE = "working tree"
MAIN_BRANCHES = ("main", "master", "origin/main", "origin/master")
_TEXT_FILES = (".md", ".yml", ".yaml")
_MAP_FIELDS = ("title", "persona", "type", "status", "owner", "reviewed", "scenario", "baseline", "goal", "scope",
               "tags")
_TOUCHPOINT_FIELDS = ("channel", "device", "department", "contact")
_OTHER_STEP_FIELDS = ("thinking", "feeling", "moment_of_truth", "evidence", "metrics", "backstage")


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a revision is unknown."""


# --- reading revisions -----------------------------------------------------------------


def git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    """Run git in ``repo``; raise :class:`GitError` with git's own message on failure."""
    try:
        done = subprocess.run(["git", *args], cwd=repo, input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def repository(folder: Path) -> Path:
    """The top folder of the git repository that holds ``folder``."""
    try:
        top = git(folder, "rev-parse", "--show-toplevel").decode().strip()
    except GitError as exc:
        raise GitError(f"{folder.as_posix()} is not in a git repository ({exc})") from None
    return Path(top).resolve()


def resolve(repo: Path, revision: str) -> str:
    """The commit id of ``revision``."""
    try:
        out = git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
        return out.decode().strip()
    except GitError:
        raise GitError(f"unknown revision '{revision}'") from None


def label(commit: str, name: str) -> str:
    """``abc1234 (main)``, or just ``abc1234`` when the name is the commit id itself."""
    return commit[:7] if commit.startswith(name) else f"{commit[:7]} ({name})"


def default_base(repo: Path) -> tuple[str, str]:
    """The merge base of HEAD with the main branch: (commit, how it was found)."""
    for branch in MAIN_BRANCHES:
        try:
            resolve(repo, branch)
        except GitError:
            continue
        try:
            base = git(repo, "merge-base", "HEAD", branch).decode().strip()
        except GitError as exc:
            raise GitError(f"no merge base of HEAD and {branch} ({exc}); name BASE") from None
        return base, f"merge base with {branch}"
    raise GitError(f"none of the branches {', '.join(MAIN_BRANCHES)} exists; name BASE")


def materialize(repo: Path, commit: str, prefix: str, dest: Path) -> bool:
    """Write the journeys folder ``prefix`` of ``commit`` into ``dest``; False when the commit has no such folder.

    Text files get their content; other files (images) an empty stand-in,
    which is all the checks need to know that they exist.
    """
    listing = git(repo, "ls-tree", "-r", "-z", "--full-tree", commit, "--", prefix or ".")
    if not listing:  # git keeps no empty folders: nothing listed means no folder
        return False
    wanted: list[tuple[str, Path]] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        path = raw_path.decode("utf-8", "surrogateescape")
        rel = path[len(prefix) + 1:] if prefix else path
        if kind != "blob" or mode == "120000" or not rel:
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(_TEXT_FILES):
            wanted.append((sha, target))
        else:
            target.write_bytes(b"")
    if not wanted:
        return True
    out = git(repo, "cat-file", "--batch", data="".join(f"{sha}\n" for sha, _ in wanted).encode())
    position = 0
    for _sha, target in wanted:
        header_end = out.index(b"\n", position)
        size = int(out[position:header_end].split()[2])
        start = header_end + 1
        target.write_bytes(out[start:start + size])
        position = start + size + 1
    return True


@dataclass
class Side:
    """One end of the comparison: a loaded journeys folder and what it is."""

    label: str  # "abc1234" or "working tree"
    corpus: Corpus
    present: set[str]  # ids of every journey file there, valid or not
    exists: bool = True  # False: no journeys folder there (before the first map was added, say)


def load_side(repo: Path, journeys: Path, revision: str | None, label: str) -> Side:
    """The journeys folder at ``revision`` (None: the working tree)."""
    if revision is None:
        corpus = load_corpus(journeys, display_base=journeys.resolve())
        return Side(label, corpus, _present(corpus.root), journeys.is_dir())
    prefix = journeys.resolve().relative_to(repo).as_posix()
    prefix = "" if prefix == "." else prefix
    with tempfile.TemporaryDirectory(prefix="journeymaps-diff-") as tmp:
        root = Path(tmp) / "journeys"
        root.mkdir()
        exists = materialize(repo, revision, prefix, root)
        corpus = load_corpus(root, display_base=root)
        return Side(label, corpus, _present(root), exists)


def _present(root: Path) -> set[str]:
    if not root.is_dir():
        return set()
    found = set()
    for path in root.rglob("*.md"):
        rel = path.relative_to(root)
        if rel.parts[0] != PERSONAS and not in_ignored(rel.parts):
            found.add(rel.as_posix()[:-3])
    return found


# --- comparing ---------------------------------------------------------------------------


def _json(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, list):
        return [_json(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def _direction(before: float | None, after: float | None) -> str:
    if before is None:
        return "set"
    if after is None:
        return "cleared"
    return "better" if after > before else "worse" if after < before else "same"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _summary(entry: JourneyEntry) -> dict[str, Any]:
    journey = entry.journey
    steps = analysis.steps(journey)
    return {
        "id": entry.id,
        "title": journey.title,
        "persona": journey.persona,
        "type": journey.type,
        "status": journey.status,
        "steps": len(steps),
        "touchpoints": analysis.touchpoint_count(journey),
        "pain_points": sum(len(v.step.pain_points) for v in steps),
        "opportunities": sum(len(v.step.opportunities) for v in steps),
        "average_emotion": _round(analysis.journey_average(journey)),
    }


def _step_ref(phase: Phase, number: int, step: Step, phase_name: str) -> dict[str, Any]:
    return {"stage": phase.stage, "phase": phase_name, "number": number, "action": step.action}


def _touchpoint(tp) -> dict[str, Any]:
    return tp.model_dump(mode="json", exclude_none=True)


def _compare_steps(before: Step, after: Step) -> dict[str, Any]:
    change: dict[str, Any] = {}
    if before.action != after.action:
        change["action_before"] = before.action
    if before.emotion != after.emotion:
        change["emotion"] = {"before": before.emotion, "after": after.emotion,
                             "direction": _direction(before.emotion, after.emotion)}
    old_tp = {tp.name: tp for tp in before.touchpoints}
    new_tp = {tp.name: tp for tp in after.touchpoints}
    touchpoints = {
        "added": [_touchpoint(tp) for name, tp in new_tp.items() if name not in old_tp],
        "removed": [_touchpoint(tp) for name, tp in old_tp.items() if name not in new_tp],
        "changed": [],
    }
    for name, tp in new_tp.items():
        if name in old_tp:
            fields = [{"field": f, "before": getattr(old_tp[name], f), "after": getattr(tp, f)}
                      for f in _TOUCHPOINT_FIELDS if getattr(old_tp[name], f) != getattr(tp, f)]
            if fields:
                touchpoints["changed"].append({"name": name, "changes": fields})
    if any(touchpoints.values()):
        change["touchpoints"] = touchpoints
    pains = {"added": [p for p in after.pain_points if p not in before.pain_points],
             "resolved": [p for p in before.pain_points if p not in after.pain_points]}
    if any(pains.values()):
        change["pain_points"] = pains
    old_ops = [o.title for o in before.opportunities]
    new_ops = [o.title for o in after.opportunities]
    ops = {"added": [o for o in new_ops if o not in old_ops], "resolved": [o for o in old_ops if o not in new_ops]}
    if any(ops.values()):
        change["opportunities"] = ops
    other = [f for f in _OTHER_STEP_FIELDS if _json(getattr(before, f)) != _json(getattr(after, f))]
    if "opportunities" not in change and _json(before.opportunities) != _json(after.opportunities):
        other.append("opportunities")  # same titles, other impact, effort or owner
    if other:
        change["other"] = other
    return change


def _added_step(ref: dict[str, Any], step: Step) -> dict[str, Any]:
    return {**ref, "emotion": step.emotion, "touchpoints": [tp.name for tp in step.touchpoints],
            "pain_points": list(step.pain_points), "opportunities": [o.title for o in step.opportunities]}


def _match_steps(old: list[Step], new: list[Step]) -> tuple[list[tuple[int, int, bool]], list[int], list[int]]:
    """The steps of one phase paired as (old index, new index, moved), then the old and new steps left over.

    Steps that keep their order and action pair first (difflib's alignment).
    A step whose action is found elsewhere in the phase is the same step,
    moved. What is left is paired by position within the aligned gaps, so a
    reworded step in the same place is one changed step.
    """
    matcher = difflib.SequenceMatcher(None, [s.action for s in old], [s.action for s in new], autojunk=False)
    opcodes = matcher.get_opcodes()
    pairs = [(i1 + k, j1 + k, False) for tag, i1, i2, j1, _ in opcodes if tag == "equal" for k in range(i2 - i1)]
    gone = [i for tag, i1, i2, _, _ in opcodes if tag in ("delete", "replace") for i in range(i1, i2)]
    came = [j for tag, _, _, j1, j2 in opcodes if tag in ("insert", "replace") for j in range(j1, j2)]
    pairs += [(gone[a], came[b], True) for a, b in _pair_by_action([old[i].action for i in gone],
                                                                     [new[j].action for j in came])]
    taken_old, taken_new = {p[0] for p in pairs}, {p[1] for p in pairs}
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "replace":
            left = [i for i in range(i1, i2) if i not in taken_old]
            right = [j for j in range(j1, j2) if j not in taken_new]
            pairs += [(i, j, False) for i, j in zip(left, right, strict=False)]
    taken_old, taken_new = {p[0] for p in pairs}, {p[1] for p in pairs}
    return (pairs, [i for i in range(len(old)) if i not in taken_old],
            [j for j in range(len(new)) if j not in taken_new])


def _pair_by_action(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """Index pairs of equal texts: the n-th occurrence of a text in ``old`` with its n-th in ``new``."""
    waiting: dict[str, list[int]] = {}
    for j, text in enumerate(new):
        waiting.setdefault(text, []).append(j)
    return [(i, waiting[text].pop(0)) for i, text in enumerate(old) if waiting.get(text)]


def compare_journeys(old: Journey, new: Journey, vocabulary) -> dict[str, Any]:
    """What changed in one map: its fields, its average emotion and its steps."""
    change: dict[str, Any] = {"fields": [], "steps": {"added": [], "removed": [], "changed": []}}
    for name in _MAP_FIELDS:
        before, after = _json(getattr(old, name)), _json(getattr(new, name))
        if before != after:
            change["fields"].append({"field": name, "before": before, "after": after})
    avg_old, avg_new = _round(analysis.journey_average(old)), _round(analysis.journey_average(new))
    if avg_old != avg_new:
        change["average_emotion"] = {"before": avg_old, "after": avg_new, "direction": _direction(avg_old, avg_new)}
    old_phases = {p.stage: p for p in old.phases}
    new_phases = {p.stage: p for p in new.phases}
    order = [p.stage for p in new.phases] + [s for s in old_phases if s not in new_phases]
    pairs: list[tuple[dict[str, Any], Step, dict[str, Any], Step, bool]] = []
    removed: list[tuple[dict[str, Any], Step]] = []
    added: list[tuple[dict[str, Any], Step]] = []
    for stage in order:
        before, after = old_phases.get(stage), new_phases.get(stage)
        b_steps = before.steps if before else []
        a_steps = after.steps if after else []
        name_b = analysis.phase_name(before, vocabulary) if before else ""
        name_a = analysis.phase_name(after, vocabulary) if after else name_b
        matched, gone, came = _match_steps(b_steps, a_steps)
        pairs += [(_step_ref(before, i + 1, b_steps[i], name_b), b_steps[i],
                   _step_ref(after, j + 1, a_steps[j], name_a), a_steps[j], moved) for i, j, moved in matched]
        removed += [(_step_ref(before, i + 1, b_steps[i], name_b), b_steps[i]) for i in gone]
        added += [(_step_ref(after, j + 1, a_steps[j], name_a), a_steps[j]) for j in came]
    # a step taken out of one phase and put into another with the same action has moved too
    crossed = _pair_by_action([s.action for _, s in removed], [s.action for _, s in added])
    pairs += [(*removed[a], *added[b], True) for a, b in crossed]
    position = {stage: n for n, stage in enumerate(order)}
    for ref_b, step_b, ref_a, step_a, moved in sorted(pairs, key=lambda p: (position[p[2]["stage"]],
                                                                             p[2]["number"])):
        diff = _compare_steps(step_b, step_a)
        if moved:
            diff = {"moved_from": {key: ref_b[key] for key in ("stage", "phase", "number")}, **diff}
        if diff:
            change["steps"]["changed"].append({**ref_a, **diff})
    gone_too, came_too = {a for a, _ in crossed}, {b for _, b in crossed}
    change["steps"]["removed"] = [_added_step(ref, s) for n, (ref, s) in enumerate(removed) if n not in gone_too]
    change["steps"]["added"] = [_added_step(ref, s) for n, (ref, s) in enumerate(added) if n not in came_too]
    return change


def compare(base: Side, head: Side) -> dict[str, Any]:
    """The semantic diff of two journeys folders, as JSON-ready data."""
    old, new = base.corpus.journeys, head.corpus.journeys
    result: dict[str, Any] = {
        "base": base.label, "head": head.label,
        "added": [], "removed": [], "changed": [], "not_compared": [],
        "no_folder_at": [side.label for side in (base, head) if not side.exists],
        "personas": {"added": sorted(set(head.corpus.personas) - set(base.corpus.personas)),
                     "removed": sorted(set(base.corpus.personas) - set(head.corpus.personas)),
                     "changed": sorted(pid for pid in set(base.corpus.personas) & set(head.corpus.personas)
                                       if base.corpus.personas[pid].persona != head.corpus.personas[pid].persona)},
    }
    vocabulary = head.corpus.vocabulary or base.corpus.vocabulary
    scale = vocabulary.emotion_scale if vocabulary else None
    result["emotion_scale"] = {"min": scale.min, "max": scale.max} if scale else None
    for side in (base, head):
        if side.exists and side.corpus.vocabulary is None:  # nothing can be checked: compare nothing, not guess
            problems = sum(1 for p in side.corpus.problems if p.path == VOCABULARY)
            result["not_compared"].append({"file": VOCABULARY, "at": side.label, "problems": problems})
    if result["not_compared"]:
        result["personas"] = {"added": [], "removed": [], "changed": []}
        result["summary"] = {k: len(result[k]) for k in ("added", "changed", "removed", "not_compared")}
        return result
    for side in (base, head):
        for ident in sorted(side.present - set(side.corpus.journeys)):
            problems = sum(1 for p in side.corpus.problems if p.path == f"{ident}.md")
            result["not_compared"].append({"id": ident, "file": f"{ident}.md", "at": side.label,
                                           "problems": problems})
    broken = {item["id"] for item in result["not_compared"]}
    vocabulary = head.corpus.vocabulary or base.corpus.vocabulary
    for ident in sorted(set(old) | set(new)):
        if ident in broken:
            continue
        if ident not in old:
            result["added"].append(_summary(new[ident]))
        elif ident not in new:
            result["removed"].append(_summary(old[ident]))
        elif old[ident].journey != new[ident].journey:
            change = compare_journeys(old[ident].journey, new[ident].journey, vocabulary)
            if change["fields"] or change.get("average_emotion") or any(change["steps"].values()):
                result["changed"].append({"id": ident, "title": new[ident].journey.title, **change})
    result["summary"] = {k: len(result[k]) for k in ("added", "changed", "removed", "not_compared")}
    return result


# --- Markdown ------------------------------------------------------------------------------


def _score(value: float | int | None, scale: EmotionScale | None) -> str:
    """A score as the site writes it: signed only on a scale with negative values (``+1``; ``4`` on 1..5)."""
    if value is None:
        return "none"
    return analysis.format_score(value, scale) if isinstance(value, float) else analysis.format_level(value, scale)


def _emotion_line(change: dict[str, Any], what: str, scale: EmotionScale | None) -> str:
    direction = change["direction"]
    word = {"better": " (better ↑)", "worse": " (worse ↓)", "set": " (new)", "cleared": " (removed)"}.get(direction, "")
    return f"{what}: {_score(change['before'], scale)} → {_score(change['after'], scale)}{word}"


def _step_title(step: dict[str, Any]) -> str:
    return f"{escape(step['phase'])}, step {step['number']}: “{escape(step['action'])}”"


def _touchpoint_text(tp: dict[str, Any]) -> str:
    where = ", ".join(code(str(tp[f])) for f in ("channel", "device", "department") if tp.get(f))
    return f"“{escape(tp['name'])}” ({where})"


def _value(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, list):
        return ", ".join(escape(str(v)) for v in value) or "none"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {escape(str(v))}" for k, v in value.items())
    return escape(str(value))


def markdown(result: dict[str, Any]) -> str:
    """The diff as Markdown for a pull request comment."""
    s = result["summary"]
    bounds = result.get("emotion_scale")
    scale = EmotionScale.model_construct(**bounds, labels={}) if bounds else None  # only its range is used
    parts = [f"{s['added']} added", f"{s['changed']} changed", f"{s['removed']} removed"]
    if s["not_compared"]:
        parts.append(f"{s['not_compared']} not compared")
    changed_any = any(s.values()) or any(result["personas"].values())
    lines = [f"## Journey maps: {', '.join(parts) if changed_any else 'no changes'}", "",
             f"Compared {escape(result['base'])} with {escape(result['head'])}."]
    for where in result["no_folder_at"]:
        lines[-1] += f" There is no journeys folder at {escape(where)}."
    if not changed_any:
        lines += ["", "No journey map or persona changed."]
    if result["added"]:
        lines += ["", "### Added", ""]
        for j in result["added"]:
            facts = [code(j["persona"]), j["type"], j["status"], plural(j["steps"], "step"),
                     plural(j["touchpoints"], "touchpoint"), plural(j["pain_points"], "pain point"),
                     plural(j["opportunities"], "opportunity", "opportunities")]
            if j["average_emotion"] is not None:
                facts.append(f"average emotion {_score(j['average_emotion'], scale)}")
            lines.append(f"- **{escape(j['title'])}** ({code(j['id'])}): {' · '.join(facts)}")
    if result["removed"]:
        lines += ["", "### Removed", ""]
        lines += [f"- **{escape(j['title'])}** ({code(j['id'])})" for j in result["removed"]]
    if result["changed"]:
        lines += ["", "### Changed"]
        for j in result["changed"]:
            lines += ["", f"#### {escape(j['title'])} ({code(j['id'])})", ""]
            lines += _changed_lines(j, scale)
    if result["not_compared"]:
        lines += ["", "### Not compared", ""]
        for item in result["not_compared"]:
            consequence = "; no map can be compared until it is fixed" if item["file"] == VOCABULARY else ""
            lines.append(f"- {code(item['file'])} has {plural(item['problems'], 'problem')} at "
                         f"{escape(item['at'])}{consequence}; run `journeymaps validate` to see them")
    personas = result["personas"]
    if any(personas.values()):
        lines += ["", "### Personas", ""]
        for key in ("added", "removed", "changed"):
            if personas[key]:
                lines.append(f"- {key}: {', '.join(code(p) for p in personas[key])}")
    return "\n".join(lines) + "\n"


def _changed_lines(j: dict[str, Any], scale: EmotionScale | None) -> list[str]:
    lines = [f"- {f['field']}: {_value(f['before'])} → {_value(f['after'])}" for f in j["fields"]]
    if "average_emotion" in j:
        lines.append("- " + _emotion_line(j["average_emotion"], "average emotion", scale))
    steps = j["steps"]
    for step in steps["changed"]:
        lines.append(f"- {_step_title(step)}:")
        if "moved_from" in step:
            origin = step["moved_from"]
            where = "" if origin["stage"] == step["stage"] else f"{escape(origin['phase'])}, "
            lines.append(f"  - moved from {where}step {origin['number']}")
        if "action_before" in step:
            lines.append(f"  - was “{escape(step['action_before'])}”")
        if "emotion" in step:
            lines.append("  - " + _emotion_line(step["emotion"], "emotion", scale))
        tps = step.get("touchpoints", {})
        lines += [f"  - touchpoint added: {_touchpoint_text(tp)}" for tp in tps.get("added", [])]
        lines += [f"  - touchpoint removed: {_touchpoint_text(tp)}" for tp in tps.get("removed", [])]
        for tp in tps.get("changed", []):
            what = "; ".join(f"{c['field']} {_value(c['before'])} → {_value(c['after'])}" for c in tp["changes"])
            lines.append(f"  - touchpoint changed: “{escape(tp['name'])}”: {what}")
        for key, label in (("pain_points", "pain point"), ("opportunities", "opportunity")):
            group = step.get(key, {})
            lines += [f"  - {label} added: “{escape(text)}”" for text in group.get("added", [])]
            lines += [f"  - {label} resolved: “{escape(text)}”" for text in group.get("resolved", [])]
        if step.get("other"):
            lines.append(f"  - also changed: {', '.join(step['other'])}")
    for key, verb in (("added", "new step"), ("removed", "step removed")):
        for step in steps[key]:
            facts = []
            if step["emotion"] is not None:
                facts.append(f"emotion {_score(step['emotion'], scale)}")
            for name, count in (("touchpoint", len(step["touchpoints"])), ("pain point", len(step["pain_points"])),
                                ("opportunity", len(step["opportunities"]))):
                if count:
                    facts.append(plural(count, name, "opportunities" if name == "opportunity" else None))
            suffix = f" ({', '.join(facts)})" if facts else ""
            lines.append(f"- {verb}: {_step_title(step)}{suffix}")
            # what a new step brings is added; what leaves with a removed step is resolved
            outcome = "added" if key == "added" else "resolved"
            lines += [f"  - pain point {outcome}: “{escape(text)}”" for text in step["pain_points"]]
            lines += [f"  - opportunity {outcome}: “{escape(text)}”" for text in step["opportunities"]]
    return lines


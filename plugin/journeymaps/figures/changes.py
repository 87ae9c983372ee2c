"""What changed in the journey maps between two loaded journeys folders, as JSON-ready data (``journeymaps diff``).

Steps are matched within each stage by their action text, then by position
(a reworded step in the same place is one changed step, not a removal and an
addition; a step found elsewhere, even in another stage, has moved);
touchpoints by name; pain points, opportunities and the texts of the
blueprint lanes by their text. A pain point or opportunity that is no longer
in the map is "resolved"; a lane's text is "removed".
"""

from __future__ import annotations

import difflib
from typing import Any

from journeymaps.figures import analysis
from journeymaps.git.revisions import Side
from journeymaps.model.corpus import JourneyEntry
from journeymaps.model.types import Journey, Phase, Step, Touchpoint, Vocabulary
from journeymaps.source.files import VOCABULARY

_MAP_FIELDS = ("title", "persona", "type", "status", "owner", "reviewed", "scenario", "baseline", "goal", "scope",
               "tags")
_TOUCHPOINT_FIELDS = ("channel", "device", "department", "contact")
_OTHER_STEP_FIELDS = ("thinking", "feeling", "moment_of_truth", "evidence", "metrics")
#: The lanes of a service blueprint: lists of texts, compared text by text.
_LANES = ("frontstage", "backstage", "support")


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


def _touchpoint(tp: Touchpoint) -> dict[str, Any]:
    return tp.model_dump(mode="json", exclude_none=True)


def _compare_steps(before: Step, after: Step) -> dict[str, Any]:
    change: dict[str, Any] = {}
    if before.action != after.action:
        change["action_before"] = before.action
    if before.emotion != after.emotion:
        change["emotion"] = {"before": before.emotion, "after": after.emotion,
                             "direction": _direction(before.emotion, after.emotion)}
    if before.time != after.time:
        change["time"] = {"before": before.time, "after": after.time}
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
    for lane in _LANES:
        old_texts, new_texts = getattr(before, lane), getattr(after, lane)
        texts = {"added": [t for t in new_texts if t not in old_texts],
                 "removed": [t for t in old_texts if t not in new_texts]}
        if any(texts.values()):
            change[lane] = texts
        elif old_texts != new_texts:
            other.append(lane)  # the same texts in another order (or one written twice)
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


def compare_journeys(old: Journey, new: Journey, vocabulary: Vocabulary) -> dict[str, Any]:
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


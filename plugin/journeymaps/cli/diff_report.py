"""The result of ``journeymaps diff`` written as Markdown, for a pull request comment."""

from __future__ import annotations

from typing import Any

from journeymaps.cli.mdtext import code, escape
from journeymaps.figures import analysis
from journeymaps.model.types import EmotionScale
from journeymaps.source.files import VOCABULARY
from journeymaps.wording import plural

#: A text of each lane of a service blueprint, in words (the lanes as the format specification names them).
_LANE_LABELS = (("frontstage", "frontstage action"), ("backstage", "backstage action"),
                ("support", "support process"))


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
        if "time" in step:
            lines.append(f"  - time: {_value(step['time']['before'])} → {_value(step['time']['after'])}")
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
        for key, label in _LANE_LABELS:
            group = step.get(key, {})
            lines += [f"  - {label} added: “{escape(text)}”" for text in group.get("added", [])]
            lines += [f"  - {label} removed: “{escape(text)}”" for text in group.get("removed", [])]
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

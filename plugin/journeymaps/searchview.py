"""What the site search indexes of a journey map instead of its timeline.

The timeline is a wide table with a chart; Material's search plugin reads every
page's HTML with Python's HTML parser, and reading the timelines of a thousand
maps took longer than building the rest of the site. The search indexes this
plain view instead: the same words (steps, thoughts, feelings, pain points,
opportunities, backstage, evidence, metrics) without the table, and a heading
for every touchpoint with the touchpoint's anchor, so that a search for a
touchpoint lands on it. It is never shown: the page shows the timeline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import escape

from .analysis import StepView
from .model import EmotionScale, Journey

ONLY, END_ONLY = "<!--search:only-->", "<!--/search:only-->"


def _e(text: object) -> str:
    return str(escape(text))


def map_view(j: Journey, phases: Sequence[dict], views: Sequence[StepView], scale: EmotionScale,
             term: Callable[[str, str | None], str]) -> str:
    """The plain view of a map's timeline, between the markers of what only the search sees."""
    out = [ONLY, f"<p>{_e(j.title)}: {len(phases)} phase{'s' if len(phases) != 1 else ''} and "
                 f"{len(views)} step{'s' if len(views) != 1 else ''}.</p>"]
    for p in phases:
        stage = f" ({_e(p['stage_name'])})" if p["name"] != p["stage_name"] else ""
        out.append(f"<p>{_e(p['name'])}{stage}</p>")
        items = []
        for v in p["steps"]:
            s = v.step
            words = [_e(s.action)]
            if s.moment_of_truth:
                words.append(" (moment of truth)")
            if s.thinking:
                words.append(f" “{_e(s.thinking)}”")
            if s.feeling:
                words.append(f" {_e(s.feeling)}")
            if s.emotion is not None:
                words.append(f" ({_e(scale.label(s.emotion))})")
            words += [f" · {_e(text)}" for text in (*s.pain_points, *(o.title for o in s.opportunities),
                                                      *s.backstage)]
            words += [f" · {_e(e.text)}" + (f" ({_e(e.source)})" if e.source else "") for e in s.evidence]
            words += [f" · {_e(m.name)}" for m in s.metrics]
            items.append("".join(words))
        out.append(f"<p>{' | '.join(items)}</p>")  # few tags: the search plugin's parser takes its time per tag
    for v in views:
        for tp in v.step.touchpoints:
            facts = [term("channels", tp.channel)]
            if tp.device:
                facts.append(term("devices", tp.device))
            if tp.department:
                facts.append(term("departments", tp.department))
            facts.append(tp.contact)
            out.append(f'<h3 id="{_e(v.touchpoint_anchor(tp))}">{_e(tp.name)}</h3>{_e(" · ".join(facts))}')
    out.append(END_ONLY)
    return "\n".join(out)

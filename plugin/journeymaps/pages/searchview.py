"""What the site search indexes of a journey map instead of its timeline, and how it weighs each section.

The timeline is a wide table with a chart; Material's search plugin reads every
page's HTML with Python's HTML parser, and reading the timelines of a thousand
maps took longer than building the rest of the site. The search indexes this
plain view instead: the same words (steps, times, thoughts, feelings, pain
points, opportunities, the frontstage, backstage and support lanes, evidence,
metrics) without the table, a heading for every step at the step's anchor, one
for every pain point at its own anchor, and one for every touchpoint at the
touchpoint's anchor, so that a search for a touchpoint or a pain point lands
on it. It is never shown: the page shows the timeline. It is made here, not
in a template, for speed, and a site cannot override it (a
``journey/map.html`` of its own without the skip markers has its table
indexed instead).

Material's search weighs a title match a thousand times a text match, and
scores a page's own entry (its title and first lines) 2.5 times a section of
the page. The boosts below (Material's ``boost`` of an index entry; 1 is a
page of the docs folder) put the page that is about a thing first when its
name is searched: a touchpoint's section before a page whose title merely has
the same words, the page of a channel, department or persona before the maps
that name it in their title or their header.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from markupsafe import escape

from journeymaps.figures.analysis import StepView
from journeymaps.model.addresses import pain_anchor
from journeymaps.model.types import EmotionScale, Journey
from journeymaps.pages.views import PhaseView
from journeymaps.wording import plural

ONLY, END_ONLY = "<!--search:only-->", "<!--/search:only-->"

#: The boost of a page's own entry, by kind of generated page (others: 1).
PAGE_BOOST: dict[str, float] = {"persona": 5, "channel": 5, "department": 5}
#: A touchpoint's section: more than 2.5 times any page's own entry, whose title may have the same words.
TOUCHPOINT_BOOST = 8
#: A step's section (its action, thought, feeling, opportunities...).
STEP_BOOST = 3
#: A pain point's section, titled with its words: below a touchpoint, whose title is its whole name.
PAIN_BOOST = 4


def _e(text: object) -> str:
    return str(escape(text))


def map_view(j: Journey, phases: Sequence[PhaseView], views: Sequence[StepView], scale: EmotionScale,
             term: Callable[[str, str | None], str]) -> str:
    """The plain view of a map's timeline, between the markers of what only the search sees."""
    names = ", ".join(p.name + (f" ({p.stage_name})" if p.name != p.stage_name else "") for p in phases)
    out = [ONLY, f"<p>{_e(j.title)}: {plural(len(phases), 'phase')} and {plural(len(views), 'step')}: {_e(names)}.</p>"]
    for v in views:  # few tags: the search plugin's parser takes its time per tag
        s = v.step
        words = [f"{_e(phases[v.phase_index].name)}, step {v.number}"]
        if s.time:
            words.append(f", {_e(s.time)}")
        if s.moment_of_truth:
            words.append(" (moment of truth)")
        if s.thinking:
            words.append(f" “{_e(s.thinking)}”")
        if s.feeling:
            words.append(f" {_e(s.feeling)}")
        if s.emotion is not None:
            words.append(f" ({_e(scale.label(s.emotion))})")
        words += [f" · {_e(text)}" for text in (*(o.title for o in s.opportunities), *s.frontstage, *s.backstage,
                                                 *s.support)]
        words += [f" · {_e(e.text)}" + (f" ({_e(e.source)})" if e.source else "") for e in s.evidence]
        words += [f" · {_e(m.name)}" for m in s.metrics]
        out.append(f'<h3 id="{_e(v.anchor)}">{_e(s.action)}</h3>{"".join(words)}')
        for number, pain in enumerate(s.pain_points, start=1):  # a pain point is titled with itself
            out.append(f'<h3 id="{_e(pain_anchor(v.anchor, number))}">{_e(pain)}</h3>Pain point: {_e(s.action)}')
        for tp in s.touchpoints:
            facts = [term("channels", tp.channel)]
            if tp.device:
                facts.append(term("devices", tp.device))
            if tp.department:
                facts.append(term("departments", tp.department))
            facts.append(tp.contact)
            out.append(f'<h3 id="{_e(v.touchpoint_anchor(tp))}">{_e(tp.name)}</h3>{_e(" · ".join(facts))}')
    out.append(END_ONLY)
    return "\n".join(out)


def map_boosts(views: Sequence[StepView]) -> dict[str, float]:
    """The boost of each section of a map's plain view, by anchor."""
    boosts: dict[str, float] = {}
    for v in views:
        boosts[v.anchor] = STEP_BOOST
        for number in range(1, len(v.step.pain_points) + 1):
            boosts[pain_anchor(v.anchor, number)] = PAIN_BOOST
        for tp in v.step.touchpoints:
            boosts[v.touchpoint_anchor(tp)] = TOUCHPOINT_BOOST
    return boosts


def boost(kind: str, anchor: str, sections: Mapping[str, float]) -> float:
    """The boost of one index entry of a generated page: its own entry (``anchor`` '') or one of its sections."""
    return sections.get(anchor, 1) if anchor else PAGE_BOOST.get(kind, 1)

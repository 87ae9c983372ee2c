"""What the site search indexes of each generated page, and how it weighs each entry.

Material's search plugin reads every page's HTML with Python's HTML parser,
and the browser of every reader downloads the index and builds its own
index of it before the first result shows. So each thing is indexed once,
where it lives, with a short text:

- A journey map is indexed with its own entry (title and goal) and one
  entry per touchpoint and per pain point at its anchor, titled with its name:
  a search for either lands on it in the timeline. The timeline itself (a
  wide table with a chart) is not parsed: the search gets a plain view made
  here, never shown, with a heading for each of those things. On a site of
  at most :data:`DETAIL_LIMIT` maps the view also has a heading for each step
  with what its lanes say, and the map's facts and narrative are indexed; on
  a larger site (:data:`NAMED`) they are not, and the things have no text: a
  thousand maps would otherwise make an index of 16 MB (see
  docs/reference.md, "Search").
- A page across maps is indexed by its kind (:data:`BY_KIND`): "title" is one
  entry with its title and introduction (the page of a channel is found by
  the channel's name), "none" leaves it out (the later parts of a listing,
  whose rows are indexed where they live), "full" indexes its search view.

Material's search weighs a title match a thousand times a text match, and
scores a page's own entry 2.5 times a section of the page. The boosts below
(Material's ``boost`` of an index entry) put the page or section that is about
a thing first when its name is searched: a touchpoint or a pain point before a
page whose title merely has the same words, the page of a channel, department
or persona before the maps that name it and the touchpoints and pain points
that have its name among their words. Boosts are relative, and the index is
mostly touchpoints: they have 1, which the index does not write, and every
other page 1/10 (a page of the docs folder too, times the boost its meta
gives it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from markupsafe import escape

from journeymaps.figures.analysis import StepView
from journeymaps.model.addresses import pain_anchor
from journeymaps.model.types import EmotionScale, Journey
from journeymaps.pages.views import PhaseView
from journeymaps.wording import plural

ONLY, END_ONLY = "<!--search:only-->", "<!--/search:only-->"
#: Where the search view of a map indexed NAMED ends (see named_view).
END_NAMED = "<!--journeymaps:end-of-named-view-->"

#: How much of a page the site search indexes (GeneratedPage.search).
FULL, TITLE, NONE = "full", "title", "none"
#: By kind of generated page (others: FULL). A listing's rows repeat the pages they link, where they are indexed;
#: the home page the plugin makes is the overview again, indexed at ``overview/``.
BY_KIND: dict[str, str] = {
    "home": NONE,
    **dict.fromkeys(("journeys-index", "folder", "personas-index", "reviews-index", "touchpoints", "opportunities",
                     "gaps", "channels-index", "channel", "departments-index", "department", "compare",
                     "compare-stage", "compare-scenario", "scenarios-index"), TITLE),
}
#: A journey map on a site of more than DETAIL_LIMIT maps: its own entry and one entry per thing where it lives
#: (an anchor with a boost: a touchpoint, a pain point), without text.
NAMED = "named"
#: Most published maps for which a map's search view keeps its steps (actions, thoughts, feelings, lanes,
#: evidence), its facts and its narrative: some 16 KB of index a map, 5 KB with NAMED. Above it, the index of a
#: thousand maps would be 16 MB, for every reader's browser to download and build before its first result. The
#: same size as the navigation's (navigation.NAV_LIMIT): above it a site is a large site in both.
DETAIL_LIMIT = 100

#: The boost of a page's own entry, by kind of generated page: the page about a thing, found by its name.
PAGE_BOOST: dict[str, float] = {"persona": 1, "channel": 1, "department": 1}
#: Any other entry: a page of the docs folder (times its meta's boost), another generated page or its sections.
#: A touchpoint is found before a page whose title has its words, which scores 2.5 times as much for the same match.
OTHER_BOOST = 0.1
#: A touchpoint's section.
TOUCHPOINT_BOOST = 1
#: A step's section on a map indexed in full: its action, its lanes and its evidence, below the things it holds.
STEP_BOOST = 0.4
#: A pain point's section, titled with its words: below a touchpoint whose name is the words searched for, above
#: one whose name merely begins like one of them ("off" finds "official").
PAIN_BOOST = 0.7


def _e(text: object) -> str:
    return str(escape(text))


def map_view(views: Sequence[StepView]) -> str:
    """The plain view of a map's timeline, between the markers of what only the search sees: a heading for
    each pain point and each touchpoint at its anchor, titled with its words, and no text."""
    out = [ONLY]
    for v in views:  # few tags: the search plugin's parser takes its time per tag
        out += [f'<h3 id="{_e(v.touchpoint_anchor(tp))}">{_e(tp.name)}</h3>' for tp in v.step.touchpoints]
        out += [f'<h3 id="{_e(pain_anchor(v.anchor, number))}">{_e(pain)}</h3>'
                for number, pain in enumerate(v.step.pain_points, start=1)]
    out += [END_NAMED, END_ONLY]
    return "\n".join(out)


def named_view(html: str) -> str:
    """What the search gets of a map indexed :data:`NAMED`: its search view up to the end of :func:`map_view`.

    What follows (the narrative, and the sections the search gets nothing of) would be
    indexed as the text of the last touchpoint or pain point.
    """
    end = html.find(END_NAMED)
    return html if end == -1 else html[:end]


def map_detail_view(j: Journey, phases: Sequence[PhaseView], views: Sequence[StepView], scale: EmotionScale,
                    term: Callable[[str, str | None], str]) -> str:
    """The plain view of a map's timeline on a site of at most :data:`DETAIL_LIMIT` maps: :func:`map_view`'s
    headings with their facts, and a heading for each step at its anchor with what the step's lanes say."""
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


def map_boosts(views: Sequence[StepView], steps: bool = False) -> dict[str, float]:
    """The boost of each section of a map's plain view, by anchor (with ``steps``, the steps' of its detail)."""
    boosts: dict[str, float] = {}
    for v in views:
        if steps:
            boosts[v.anchor] = STEP_BOOST
        for number in range(1, len(v.step.pain_points) + 1):
            boosts[pain_anchor(v.anchor, number)] = PAIN_BOOST
        for tp in v.step.touchpoints:
            boosts[v.touchpoint_anchor(tp)] = TOUCHPOINT_BOOST
    return boosts


def boost(kind: str, anchor: str, sections: Mapping[str, float]) -> float:
    """The boost of one index entry of a generated page: its own entry (``anchor`` '') or one of its sections."""
    return sections.get(anchor, OTHER_BOOST) if anchor else PAGE_BOOST.get(kind, OTHER_BOOST)


def written(weight: float) -> float | None:
    """The boost written in the index for ``weight`` (None: none, as a touchpoint's)."""
    return None if weight == 1 else round(weight, 6)  # 0.1 times 3 is written 0.3


def indexes(indexed: str, anchor: str, sections: Mapping[str, float]) -> bool:
    """Whether an index entry of a generated page indexed ``indexed`` stays: its own entry (``anchor`` ''), or a
    section (with :data:`NAMED`, only one where a thing lives)."""
    return not anchor or indexed != NAMED or anchor in sections


# A title view keeps the paragraphs of a listing's introduction, nothing that holds rows. The page's title comes
# from its meta: a heading without an id does not start an entry of Material's search, whose text it would repeat.
_HEAD_END = re.compile(r"<h[2-6][\s>]")
_BLOCKS = re.compile(r"<(table|form|ul|ol|dl|figure|svg|nav|details|script|style)[\s>].*?</\1>", re.S)
_PARAGRAPH = re.compile(r"<p(?![^>]*\shidden[\s>=])[\s>].*?</p>", re.S)  # not a hidden one


def title_view(html: str) -> str:
    """What the search indexes of a page indexed by its title: the paragraphs before its first section."""
    found = _HEAD_END.search(html)
    kept = _PARAGRAPH.findall(_BLOCKS.sub("", html[:found.start()] if found else html))
    return "\n".join(kept) or "<p></p>"  # Material's search makes no entry of a page without a tag or text

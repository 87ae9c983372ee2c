"""``channels/`` and ``departments/``: every channel and department of the vocabulary, and a page for each.

A channel's or department's page says how customers feel where they meet it (a small chart of
the emotion by stage at its touchpoints), what goes wrong there (the pain points of those steps,
the lowest-scored first) and what could be done (the ideas), with today's maps apart from future
ones, and a sentence wherever a list is empty for a reason. A channel of a large portfolio has
thousands of touchpoints: they are paged (``paging.py``), the summary on the first part only, and
the page lists the lowest-scored pain points and the first ideas (all are on their maps' pages and
on ``opportunities/``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from journeymaps.figures.groups import GroupSides, sides, step_key
from journeymaps.figures.ideas import Idea
from journeymaps.figures.places import PainPoint
from journeymaps.figures.portfolio import Group
from journeymaps.model import addresses
from journeymaps.model.types import AS_IS_TYPES
from journeymaps.pages import paging
from journeymaps.pages.across_views import (
    ChannelView,
    DepartmentView,
    GroupPage,
    GroupRow,
    GroupRows,
    GroupsView,
    Preferred,
)
from journeymaps.pages.generated import GeneratedPage
from journeymaps.pages.portfolio_shared import PortfolioShared
from journeymaps.pages.stage_chart import stage_chart

#: Pain points (of today's maps, and of future ones) and ideas a channel's or department's page lists at most.
SHOWN = 50


def worst_first(pains: Iterable[PainPoint]) -> list[PainPoint]:
    """Pain points by the score of their step, lowest first (unscored steps last); map order otherwise."""
    return sorted(pains, key=lambda pain: (pain.emotion is None, pain.emotion or 0))


class ChannelPages:
    """Renders the pages of the channels and of the departments."""

    def __init__(self, shared: PortfolioShared) -> None:
        self.s = shared
        self.ctx = shared.ctx
        self.p = shared.p

    def _page(self, kind: str, ident: str, group: Group) -> tuple[GroupPage, GroupSides]:
        """What a channel's and a department's page share."""
        term = self.ctx.terms[kind][ident]
        split = sides(group.touchpoints)
        stages = [(s, self.ctx.term("stages", s)) for s in self.s.stage_ids]
        chart = stage_chart(stages, split.today.by_stage, split.future.by_stage, self.s.scale,
                            f"Average emotion by stage at the touchpoints of {term.label} in today's maps")
        return GroupPage(name=term.label, description=term.description, group=group, today=split.today,
                         future=split.future, pains=worst_first(split.today.pains)[:SHOWN],
                         future_pains=split.future.pains[:SHOWN], shown=SHOWN, chart=chart), split

    def _parts(self, url: str, page: GroupPage) -> list[GroupRows]:
        """The parts of a group's touchpoints: today's maps' first, then future maps'."""
        today, future = page.today.touchpoints, page.future.touchpoints
        parts = paging.split(url, [*today, *future])
        future_part = len(today) // paging.ROWS_PER_PAGE + 1
        out = []
        for part in parts:
            cut = max(0, len(today) - part.first)  # this part's rows before it are today's
            out.append(GroupRows(part=part, today=list(part.rows[:cut]), future=list(part.rows[cut:]),
                                 future_part=future_part))
        return out

    def _group_pages(self, url: str, page: GroupPage, template: str, kind: str,
                     view: Callable[[GroupRows], object]) -> list[GeneratedPage]:
        """A channel's or a department's page in its parts: the summary on the first, touchpoints on each."""
        return [self.s.part_page(rows.part, page.name, template, kind, view(rows))
                for rows in self._parts(url, page)]

    def _ideas_at(self, split: GroupSides) -> list[Idea]:
        """The ideas written at the steps of a group's touchpoints."""
        steps = split.steps
        return [idea for idea in self.s.ideas if any(step_key(use) in steps for use in idea.uses)]

    def channels_index(self) -> GeneratedPage:
        """``channels/``: every channel of the vocabulary with its figures."""
        rows = [GroupRow(url=addresses.channel_url(c), name=self.ctx.term("channels", c),
                         description=self.ctx.terms["channels"][c].description, group=self.p.by_channel[c], extra=[])
                for c in self.p.channels]
        return self.s.page(addresses.CHANNELS_INDEX, "Channels", "portfolio/channels.html", "channels-index",
                           GroupsView(heading="Channels", noun="Channel", rows=rows, extra_columns=[], intro=(
                               "Every channel of the vocabulary, with the touchpoints of the published maps on it.")))

    def channel_pages(self, channel: str) -> list[GeneratedPage]:
        """``channels/<id>/`` and its parts: how customers feel on a channel, what goes wrong there, its touchpoints."""
        page, split = self._page("channels", channel, self.p.by_channel[channel])
        preferred = []
        for pid, e in self.ctx.personas.items():
            if channel in e.persona.channels:
                today = [m for m in self.ctx.by_persona.get(pid, []) if m.journey.type in AS_IS_TYPES]
                preferred.append(Preferred(id=pid, maps=len(today), touchpoints=sum(
                    t.entry.journey.persona == pid for t in split.today.touchpoints)))
        ideas = self._ideas_at(split)
        return self._group_pages(addresses.channel_url(channel), page, "portfolio/channel.html", "channel",
                                 lambda rows: ChannelView(channel=channel, page=page, rows=rows, ideas=ideas[:SHOWN],
                                                          ideas_total=len(ideas), preferred=preferred))

    def departments_index(self) -> GeneratedPage:
        """``departments/``: every department of the vocabulary with its figures."""
        p = self.p
        owned = {d: sum(1 for i in self.s.ideas if i.owner == d) for d in p.departments}
        rows = [GroupRow(url=addresses.department_url(d), name=self.ctx.term("departments", d),
                         description=self.ctx.terms["departments"][d].description, group=p.by_department[d],
                         extra=[len(p.department_pains[d]), owned[d], len(p.maps_owned[d])])
                for d in p.departments]
        intro = ("Every department of the vocabulary: the touchpoints it owns, the pain points at them, "
                 "the opportunities it would own and the maps it is responsible for.")
        if not rows:
            intro = "The vocabulary lists no departments. Add them under departments: in journeys/vocabulary.yml."
        return self.s.page(addresses.DEPARTMENTS_INDEX, "Departments", "portfolio/channels.html", "departments-index",
                           GroupsView(heading="Departments", noun="Department", rows=rows,
                                      extra_columns=["Pain points", "Opportunities owned", "Maps owned"], intro=intro))

    def department_pages(self, department: str) -> list[GeneratedPage]:
        """``departments/<id>/`` and its parts: how customers feel at its touchpoints, pain points, ideas, hand-offs."""
        page, _ = self._page("departments", department, self.p.by_department[department])
        flow = self.s.department_flow
        links = [x for x in (*flow.between, *flow.within) if department in (x.source, x.target)]
        links.sort(key=lambda x: -x.count)
        ideas = [i for i in self.s.ideas if i.owner == department]
        return self._group_pages(addresses.department_url(department), page, "portfolio/department.html",
                                 "department", lambda rows: DepartmentView(
            department=department, page=page, rows=rows, ideas=ideas[:SHOWN], ideas_total=len(ideas),
            owned=self.p.maps_owned[department], links=links,
            handoffs_in=flow.into(department)[0], handoffs_out=flow.out_of(department)[0],
            handoffs_within=sum(x.count for x in flow.within if x.source == department),
        ))

    def pages(self) -> list[GeneratedPage]:
        """The channel and department pages, each list first."""
        return [self.channels_index(), *(page for c in self.p.channels for page in self.channel_pages(c)),
                self.departments_index(), *(page for d in self.p.departments for page in self.department_pages(d))]

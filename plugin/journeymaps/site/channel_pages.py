"""``channels/`` and ``departments/``: every channel and department of the vocabulary, and a page for each."""

from __future__ import annotations

from journeymaps.model import addresses
from journeymaps.site.across_views import ChannelView, DepartmentView, GroupRow, GroupsView
from journeymaps.site.generated import GeneratedPage
from journeymaps.site.portfolio_shared import PortfolioShared


class ChannelPages:
    """Renders the pages of the channels and of the departments."""

    def __init__(self, shared: PortfolioShared) -> None:
        self.s = shared
        self.ctx = shared.ctx
        self.p = shared.p

    def channels_index(self) -> GeneratedPage:
        """``channels/``: every channel of the vocabulary with its figures."""
        rows = [GroupRow(url=addresses.channel_url(c), name=self.ctx.term("channels", c),
                         description=self.ctx.terms["channels"][c].description, group=self.p.by_channel[c], extra=[])
                for c in self.p.channels]
        return self.s.page(addresses.CHANNELS_INDEX, "Channels", "portfolio/channels.html", "channels-index",
                           GroupsView(heading="Channels", noun="Channel", rows=rows, extra_columns=[], intro=(
                               "Every channel of the vocabulary, with the touchpoints of the published maps on it.")))

    def channel_page(self, channel: str) -> GeneratedPage:
        """``channels/<id>/``: every touchpoint on one channel."""
        term = self.ctx.terms["channels"][channel]
        preferred = [pid for pid, e in self.ctx.personas.items() if channel in e.persona.channels]
        return self.s.page(addresses.channel_url(channel), term.label, "portfolio/channel.html", "channel",
                           ChannelView(channel=channel, name=term.label, description=term.description,
                                       group=self.p.by_channel[channel], preferred=preferred))

    def departments_index(self) -> GeneratedPage:
        """``departments/``: every department of the vocabulary with its figures."""
        p = self.p
        rows = [GroupRow(url=addresses.department_url(d), name=self.ctx.term("departments", d),
                         description=self.ctx.terms["departments"][d].description, group=p.by_department[d],
                         extra=[len(p.department_pains[d]), len(p.department_opportunities[d]), len(p.maps_owned[d])])
                for d in p.departments]
        intro = ("Every department of the vocabulary: the touchpoints it owns, the pain points at them, "
                 "the opportunities it owns and the maps it is responsible for.")
        if not rows:
            intro = "The vocabulary lists no departments. Add them under departments: in journeys/vocabulary.yml."
        return self.s.page(addresses.DEPARTMENTS_INDEX, "Departments", "portfolio/channels.html", "departments-index",
                           GroupsView(heading="Departments", noun="Department", rows=rows,
                                      extra_columns=["Pain points", "Opportunities", "Maps owned"], intro=intro))

    def department_page(self, department: str) -> GeneratedPage:
        """``departments/<id>/``: its touchpoints, the pain points at them, its opportunities and hand-offs."""
        p = self.p
        term = self.ctx.terms["departments"][department]
        pairs = p.department_handoffs(department)
        return self.s.page(addresses.department_url(department), term.label, "portfolio/department.html",
                           "department", DepartmentView(
            department=department, name=term.label, description=term.description,
            group=p.by_department[department], pains=p.department_pains[department],
            opportunities=p.department_opportunities[department], owned=p.maps_owned[department], pairs=pairs,
            handoffs_in=sum(x.count for x in pairs if x.target == department and x.source != department),
            handoffs_out=sum(x.count for x in pairs if x.source == department and x.target != department),
        ))

    def pages(self) -> list[GeneratedPage]:
        """The channel and department pages, each list first."""
        return [self.channels_index(), *(self.channel_page(c) for c in self.p.channels),
                self.departments_index(), *(self.department_page(d) for d in self.p.departments)]

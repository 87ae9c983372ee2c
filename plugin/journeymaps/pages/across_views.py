"""The template contract of the pages across maps (``compare/`` and ``portfolio/`` templates).

Each of these templates gets the fields of :class:`AcrossView` and of its own
view (see :meth:`journeymaps.pages.context.RenderContext.render`); the rows of
the long tables are joined in Python (``table_rows``), not in a template.
``docs/reference.md`` lists the fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from journeymaps.figures.analysis import Tally
from journeymaps.figures.flows import Flow, Link, NodeDrops
from journeymaps.figures.futures import FutureComparison
from journeymaps.figures.groups import Side
from journeymaps.figures.handoffs import Handoff
from journeymaps.figures.ideas import Idea
from journeymaps.figures.overview import Change, Due, Headline, LowStep
from journeymaps.figures.places import PainPoint, Place, TouchpointUse
from journeymaps.figures.portfolio import Group, Portfolio, StageMap
from journeymaps.figures.reviews import ReviewPolicy
from journeymaps.model.corpus import JourneyEntry, PersonaEntry
from journeymaps.model.types import EmotionScale
from journeymaps.pages.paging import Part
from journeymaps.pages.table_rows import TableRows


@dataclass(frozen=True)
class AcrossView:
    """What every template of the pages across maps gets."""

    portfolio: Portfolio
    personas: dict[str, PersonaEntry]  # the published personas, by id
    scale: EmotionScale
    heat: Callable[[float | None], str]  # the heatmap class of an average (format.heat_class)
    neutral: float  # the scale's neutral score
    charts: dict[str, Markup]  # each future map's curve against its baseline's, by future map id
    badge: Callable[[int | None], Markup]  # a step's score badge (a dash without a score)
    table_rows: TableRows  # the rows of the long tables, joined in Python
    few: int  # an average over fewer scored steps than this is drawn faint: it rests on little


# --- compare/ -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeatCell:
    """A cell of the heatmap: a persona's steps in one stage."""

    stage: str
    tally: Tally


@dataclass(frozen=True)
class WorstStage:
    """A persona's worst-rated stage, and its lowest step there."""

    stage: str
    average: float
    tally: Tally
    lowest: Place | None


@dataclass(frozen=True)
class CompareRow:
    """A persona's row of the heatmap and of the worst stages."""

    id: str
    cells: list[HeatCell]
    total: Tally
    worst: WorstStage | None


@dataclass(frozen=True)
class ChannelRow:
    """A persona's touchpoints on each channel (as-is maps)."""

    id: str
    counts: list[int]
    total: int


@dataclass(frozen=True)
class Unapproved:
    """The maps behind a persona's row that are not approved: their statuses, and a note "1 draft of 2 maps"."""

    statuses: list[str]
    note: str


@dataclass(frozen=True)
class CompareView:
    """``compare/index.html`` (which includes ``compare/heatmap.html``, and ``compare/future.html`` per future map)."""

    rows: list[CompareRow]
    stages: list[str]
    channels: list[str]
    channel_rows: list[ChannelRow]
    unapproved: dict[str, Unapproved]
    persona_name: Callable[[str], str]
    channel_totals: list[int]
    maps: int  # the as-is maps compared
    as_is_names: str
    stage_counts: dict[str, int]  # the personas with a map in each stage
    legend: list[tuple[float, str]]  # (score, heat class) of each whole score
    scenarios: dict[str, list[JourneyEntry]]
    futures: list[FutureComparison]  # one row each; the full comparison is on the future map's page
    unbased: list[JourneyEntry]
    column_url: Callable[[str, str], str]  # (stage, persona) -> the persona's column on the stage's page


@dataclass(frozen=True)
class FutureView:
    """``compare/future.html`` on a future map's page (``compare/index.html`` includes it with ``f`` alone)."""

    f: FutureComparison
    on_journey_page: bool


@dataclass(frozen=True)
class StageColumn:
    """One persona's column on a stage's page."""

    id: str
    name: str
    maps: list[StageMap]  # on the summary: all the persona's maps in the stage; in a column: those of this part
    tally: Tally  # the persona's steps in the whole stage
    touchpoints: list[TouchpointUse]  # at the steps of ``maps``
    pains: list[PainPoint]  # the same
    url: str  # the address of the persona's column (on the part with its first map)
    continued: bool  # in a column: the persona's first maps are on the part before
    items: Markup  # in a column: the ``<li>`` of each map (its name, badges and phase), rendered once per map


@dataclass(frozen=True)
class StageView:
    """``compare/stage.html``: one part of a stage across personas."""

    stage: str
    description: str | None
    summary: list[StageColumn]  # every persona with a map in the stage, all its maps there
    columns: list[StageColumn]  # the columns of this part
    part: Part[StageMap]  # this part: its maps, their range and the links to the other parts
    missing: list[str]  # personas without an as-is map in the stage
    futures: list[JourneyEntry]  # future maps with a phase in the stage
    previous: str | None
    next: str | None


@dataclass(frozen=True)
class ScenarioPhase:
    """A map's phase in one stage, on a scenario's page."""

    name: str
    average: float | None
    places: list[Place]


@dataclass(frozen=True)
class ScenarioMap:
    """One map of a scenario: its phases by stage, its average and its key in the chart."""

    entry: JourneyEntry
    phases: dict[str, ScenarioPhase]
    average: float | None
    swatch: Markup


@dataclass(frozen=True)
class ScenarioView:
    """``compare/scenario.html``."""

    scenario: str
    maps: list[ScenarioMap]
    stages: list[str]
    chart: Markup
    has_index: bool  # whether compare/scenarios/ exists (not when a stage is called "scenarios")


@dataclass(frozen=True)
class ScenariosView:
    """``compare/scenarios.html``."""

    scenarios: dict[str, list[JourneyEntry]]


# --- channels/ and departments/ -----------------------------------------------------------------


@dataclass(frozen=True)
class GroupRow:
    """A channel's or a department's row on its list page."""

    url: str
    name: str
    description: str | None
    group: Group
    extra: list[int]  # the values of the list's extra columns


@dataclass(frozen=True)
class GroupsView:
    """``portfolio/channels.html``: the list of channels, or of departments."""

    heading: str
    noun: str
    rows: list[GroupRow]
    extra_columns: list[str]
    intro: str


@dataclass(frozen=True)
class Preferred:
    """A persona that prefers a channel, and how many touchpoints its maps of today have on it."""

    id: str
    touchpoints: int  # in the persona's maps of today
    maps: int  # the persona's published maps of today


@dataclass(frozen=True)
class GroupPage:
    """What a channel's and a department's page share: today's maps apart from future ones."""

    name: str
    description: str | None
    group: Group  # every touchpoint of the channel or department, today's and future maps'
    today: Side  # its touchpoints, steps by stage and pain points in today's maps
    future: Side  # the same in future maps
    pains: list[PainPoint]  # today's lowest-scored (at most `shown`), the lowest-scored step first
    future_pains: list[PainPoint]  # future maps' first (at most `shown`)
    shown: int  # how many pain points and ideas the page lists at most (all are on their maps' pages)
    chart: Markup  # emotion by stage at its touchpoints (stage_chart.py)


@dataclass(frozen=True)
class GroupRows:
    """One part of a channel's or a department's touchpoints: today's maps' first, then future maps'."""

    part: Part[TouchpointUse]  # of all its touchpoints, today's then future's
    today: list[TouchpointUse]  # this part's touchpoints of today's maps
    future: list[TouchpointUse]  # this part's touchpoints of future maps
    future_part: int  # the part where the future maps' touchpoints start


@dataclass(frozen=True)
class ChannelView:
    """``portfolio/channel.html``."""

    channel: str
    page: GroupPage
    rows: GroupRows  # this part's touchpoints
    ideas: list[Idea]  # the first (at most page.shown) opportunities of the steps with a touchpoint on the channel
    ideas_total: int
    preferred: list[Preferred]  # the personas that prefer it


@dataclass(frozen=True)
class DepartmentView:
    """``portfolio/department.html``."""

    department: str
    page: GroupPage
    rows: GroupRows  # this part's touchpoints
    ideas: list[Idea]  # the first (at most page.shown) opportunities it owns
    ideas_total: int
    owned: list[JourneyEntry]
    links: list[Link]  # hand-offs to, from and within it (today's maps), most first
    handoffs_in: int
    handoffs_out: int
    handoffs_within: int


# --- touchpoints/, opportunities/, gaps/ -----------------------------------------------------------


@dataclass(frozen=True)
class Facet:
    """A filter of the touchpoints table: its name, its label and its (value, label) options."""

    name: str
    label: str
    options: list[tuple[str, str]]


@dataclass(frozen=True)
class TouchpointsView:
    """``portfolio/touchpoints.html``."""

    rows: list[TouchpointUse]  # this part's
    part: Part[TouchpointUse]  # where this part stands among all of them
    facets: list[Facet]
    journeys: int  # the published maps
    data: str  # the address of the data file that the filters read (every row, compact)


@dataclass(frozen=True)
class OpportunitiesView:
    """``portfolio/opportunities.html``."""

    ideas: list[Idea]  # this part's, quick wins first; an idea's number is its place among all, from 1
    part: Part[Idea]  # where this part stands among all of them
    opportunities: int  # every opportunity of the maps (an idea of two maps counts twice)
    rated: int  # ideas with both impact and effort
    merged: int  # ideas a future map repeats from its baseline
    plot: Markup  # the impact × effort plot (opportunity_plot.py), on the first part only
    marks: bool  # whether the plot marks each idea (False: only a count in each cell, for thousands of ideas)
    quadrants: Mapping[tuple[str, str], str]


@dataclass(frozen=True)
class GapsMap:
    """A map's hand-offs on ``gaps/``."""

    entry: JourneyEntry
    anchor: str
    handoffs: list[Handoff]  # those on this part
    drops: int  # of all its hand-offs
    count: int  # all its hand-offs
    continued: bool  # True when its first hand-offs are on the part before


@dataclass(frozen=True)
class GapsView:
    """``portfolio/gaps.html``."""

    maps: list[GapsMap]  # this part's maps, with this part's hand-offs
    part: Part  # of every hand-off of every map (a map without any takes one row)
    departments: Flow  # hand-offs between and within departments, today's maps
    channels: Flow  # the same between channels
    department_figure: Markup  # the flow between departments (handoff_flow.py)
    channel_figure: Markup
    total: int
    total_drops: int
    future_count: int  # hand-offs of future maps, not counted in the flows
    as_is_names: str
    unowned: list[TouchpointUse]  # the first (at most `shown`) touchpoints no department owns
    unowned_total: int
    shown: int


# --- overview/ --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewView:
    """``overview/index.html``: the overview page, and the home page of a site without its own."""

    headline: Headline
    rows: list[CompareRow]  # the persona × stage heatmap (no worst stage)
    stages: list[str]
    unapproved: dict[str, Unapproved]
    lowest: list[LowStep]  # the lowest-rated steps of today's maps, below neutral only
    lowest_limit: int  # how many the overview lists at most
    quick_wins: list[Idea]
    ideas: int  # every idea
    departments: list[NodeDrops]  # the departments with the most hand-offs where emotion drops
    flow: Flow  # hand-offs between and within departments, today's maps
    recent: list[Change]  # the maps changed last (empty without history)
    history_reason: str | None  # why there is no history, if there is none
    due: list[Due]  # the maps that need a review first
    due_total: int  # every map overdue, never reviewed or due soon
    policy: ReviewPolicy
    on_home: bool  # rendered as the site's home page
    column_url: Callable[[str, str], str]  # (stage, persona) -> the persona's column on the stage's page

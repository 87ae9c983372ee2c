"""The template contract of the pages across maps (``compare/`` and ``portfolio/`` templates).

Each of these templates gets the fields of :class:`AcrossView` and of its own
view (see :meth:`journeymaps.site.context.RenderContext.render`); the rows of
the long tables are joined in Python (``table_rows``), not in a template.
``docs/reference.md`` lists the fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from journeymaps.figures.analysis import Tally
from journeymaps.figures.futures import FutureComparison
from journeymaps.figures.handoffs import DepartmentPair, Handoff
from journeymaps.figures.places import OpportunityUse, PainPoint, Place, TouchpointUse
from journeymaps.figures.portfolio import Group, Portfolio, StageMap
from journeymaps.model.corpus import JourneyEntry, PersonaEntry
from journeymaps.model.types import EmotionScale
from journeymaps.site.table_rows import TableRows


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
    futures: list[FutureComparison]
    unbased: list[JourneyEntry]


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
    maps: list[StageMap]
    tally: Tally
    touchpoints: list[TouchpointUse]
    pains: list[PainPoint]


@dataclass(frozen=True)
class StageView:
    """``compare/stage.html``: one stage across personas."""

    stage: str
    description: str | None
    columns: list[StageColumn]
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
class ChannelView:
    """``portfolio/channel.html``."""

    channel: str
    name: str
    description: str | None
    group: Group
    preferred: list[str]  # the personas that prefer it


@dataclass(frozen=True)
class DepartmentView:
    """``portfolio/department.html``."""

    department: str
    name: str
    description: str | None
    group: Group
    pains: list[PainPoint]
    opportunities: list[OpportunityUse]
    owned: list[JourneyEntry]
    pairs: list[DepartmentPair]
    handoffs_in: int
    handoffs_out: int


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

    rows: list[TouchpointUse]
    facets: list[Facet]
    journeys: int  # the published maps


@dataclass(frozen=True)
class OpportunitiesView:
    """``portfolio/opportunities.html``."""

    items: list[OpportunityUse]  # quick wins first
    rated: list[OpportunityUse]
    unrated: list[OpportunityUse]
    matrix: dict[tuple[str, str], list[OpportunityUse]]  # by (impact, effort)
    impacts: tuple[str, ...]
    efforts: tuple[str, ...]
    quadrants: Mapping[tuple[str, str], str]


@dataclass(frozen=True)
class GapsMap:
    """A map's hand-offs on ``gaps/``."""

    entry: JourneyEntry
    anchor: str
    handoffs: list[Handoff]
    drops: int


@dataclass(frozen=True)
class GapsView:
    """``portfolio/gaps.html``."""

    maps: list[GapsMap]
    pairs: list[DepartmentPair]
    pair_departments: list[str | None]
    pair_index: dict[tuple[str | None, str | None], DepartmentPair]
    total: int
    total_drops: int
    future_count: int  # hand-offs of future maps, not counted by department
    as_is_names: str
    unowned: list[TouchpointUse]

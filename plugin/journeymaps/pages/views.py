"""The template contract of the map, persona, list and review pages: what each template receives.

A template gets the fields of its views as variables (see
:meth:`journeymaps.pages.context.RenderContext.render`), besides what every
template gets: ``link(address)``, ``term(kind, id)``, ``page_url`` and the
environment's globals. A site that overrides a template through its theme's
``custom_dir`` can rely on these fields; ``docs/reference.md`` lists them.
The views of the pages across maps are in :mod:`journeymaps.pages.across_views`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from markupsafe import Markup

from journeymaps.figures.analysis import StepView
from journeymaps.figures.handoffs import Handoff
from journeymaps.figures.reviews import ReviewPolicy, ReviewState
from journeymaps.figures.trend import Trend, TrendPoint
from journeymaps.git.history import Author, FileHistory
from journeymaps.model.corpus import JourneyEntry, PersonaEntry
from journeymaps.model.types import EmotionScale, Journey, Persona, Phase
from journeymaps.pages.icons import Icons
from journeymaps.pages.paging import Part


def variables(view: object) -> dict[str, object]:
    """The fields of a view (a dataclass) as template variables: the objects themselves, not copies."""
    return {f.name: getattr(view, f.name) for f in fields(view)}  # type: ignore[arg-type]


# --- shared by several templates -------------------------------------------------------


@dataclass(frozen=True)
class Crumb:
    """A folder in a breadcrumb trail: its name and the address of its page (or of its heading on ``journeys/``)."""

    name: str
    url: str


@dataclass(frozen=True)
class MapRow:
    """A map's row in the journey lists (``_macros.html``'s ``journey_table``)."""

    entry: JourneyEntry
    j: Journey
    url: str
    persona: PersonaEntry | None  # None: the persona's file is not published
    average: float | None
    sparkline: Markup  # the average emotion of each stage, drawn in Python (charts.py)
    steps: int
    touchpoints: int
    review: ReviewState


# --- index/ ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FolderGroup:
    """The maps directly in one folder, on ``journeys/``."""

    anchor: str
    folder: str  # '' for the top of the journeys folder
    name: str
    journeys: list[MapRow]  # those on this part of the list
    rows: Markup  # their rows, rendered (``_macros.html``'s ``journey_row``)
    url: str | None  # the folder's own page, if it has one
    continued: bool  # the folder's first maps are on the part before


@dataclass(frozen=True)
class JourneysIndexView:
    """``index/journeys.html``: one part of the list of every published map, grouped by folder."""

    groups: list[FolderGroup]  # the folders of this part's maps
    count: int
    part: Part[MapRow]  # this part of the list: its number, its rows' range and the links to the others


@dataclass(frozen=True)
class SubFolder:
    """A sub-folder on a folder's page, with the number of maps in it at any depth."""

    name: str
    count: int
    url: str


@dataclass(frozen=True)
class FolderView:
    """``index/folder.html``: the maps of one folder, and its sub-folders."""

    name: str
    folder: str
    crumbs: list[Crumb]  # the folders above this one
    journeys: list[MapRow]  # the maps on this part of the folder's list
    rows: Markup  # their rows, rendered
    below: int  # the maps in its sub-folders
    subfolders: list[SubFolder]
    part: Part[MapRow]  # this part of the list of the folder's own maps


@dataclass(frozen=True)
class PersonaRow:
    """A persona's card on ``personas/``."""

    entry: PersonaEntry
    p: Persona
    url: str
    count: int  # its published maps


@dataclass(frozen=True)
class PersonasIndexView:
    """``index/personas.html``."""

    personas: list[PersonaRow]


# --- journey/ and history/ ------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseView:
    """One phase of a map: its name, its stage's name, its anchor, its steps and their average emotion."""

    phase: Phase
    name: str
    stage_name: str
    anchor: str
    steps: list[StepView]
    average: float | None


@dataclass(frozen=True)
class Lanes:
    """Which optional lanes of the timeline have content in at least one step."""

    thinking: bool
    feeling: bool
    touchpoints: bool
    pain_points: bool
    opportunities: bool
    backstage: bool
    evidence: bool
    metrics: bool
    emotion: bool
    frontstage: bool = False
    support: bool = False
    time: bool = False


@dataclass(frozen=True)
class Lane:
    """A row of the map, top to bottom: what it draws (``kind``), its name and a quiet note under the name.

    ``kind`` is ``doing`` or a step key (``thinking``, ``feeling``, ``emotion``,
    ``touchpoints``, ``pain_points``, ``opportunities``, ``evidence``, ``metrics``,
    ``frontstage``, ``backstage``, ``support``), or ``line`` for one of the
    three lines a service blueprint draws between its lanes.
    """

    kind: str
    name: str
    note: str = ""


@dataclass(frozen=True)
class PersonaCard:
    """The persona beside the map: portrait (or initials), name, segment and quote, and its page."""

    name: str
    url: str
    image: str | None  # the portrait's address
    initials: str
    segment: str | None
    quote: str | None


@dataclass(frozen=True)
class JourneyView:
    """``journey/header.html`` and ``journey/map.html`` (and, with :class:`PhaseSection`, ``journey/phase.html``)."""

    entry: JourneyEntry
    j: Journey
    views: list[StepView]  # every step, in order
    phases: list[PhaseView]
    persona: PersonaEntry | None
    average: float | None
    lowest: StepView | None  # the first step with the lowest score
    scale: EmotionScale
    chart: Markup  # the emotion curve, drawn in Python (charts.py)
    baseline: JourneyEntry | None
    baseline_published: bool
    futures: list[JourneyEntry]  # the published future maps with this map as their baseline
    lanes: Lanes
    crumbs: list[Crumb]
    handoffs: list[Handoff]
    handoffs_in: dict[str, Handoff]  # by the anchor of the touchpoint the customer is handed to
    map_anchor: str  # the map's section on gaps/
    handoffs_url: str  # the address of that section: the part of gaps/ that lists the map's hand-offs, and its anchor
    rows: list[Lane]  # the lanes the map draws, top to bottom (a blueprint's in the spec's order, with its lines)
    axis: Markup  # the emotion curve's axis, drawn in Python (emotion_chart.py)
    icons: Icons  # icons.channel(id), icons.mark(name): inline SVG (icons.py)
    card: PersonaCard | None  # None: the persona's file is not published
    review: ReviewState | None  # the review state shown beside the status: approved maps only


@dataclass(frozen=True)
class PhaseSection:
    """``journey/phase.html`` gets the fields of :class:`JourneyView` and this phase as ``p``."""

    p: PhaseView


@dataclass(frozen=True)
class FreshnessView:
    """``history/freshness.html``: next review, last change and contributors of a page's file."""

    review: ReviewState | None  # None on a persona page
    history_on: bool  # False: the site switched git history off
    reason: str | None  # why the history is not available, if it is not
    file: FileHistory | None
    authors: list[Author]


@dataclass(frozen=True)
class HistoryView:
    """``journey/history.html``: the commits that changed a map's file, and its average emotion at each."""

    j: Journey
    reason: str | None
    file: FileHistory | None
    trend: Trend
    charted: list[TrendPoint]  # the revisions with an average, oldest first
    chart: Markup | None
    current_path: str | None  # the file's path from the top of the repository, to tell renames apart


# --- persona/ -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonaProfileView:
    """``persona/profile.html``."""

    p: Persona
    entry: PersonaEntry
    image: str | None  # the address of the portrait


@dataclass(frozen=True)
class PersonaJourneysView:
    """``persona/journeys.html``: the persona's maps, and the numbers behind their curves."""

    p: Persona
    journeys: list[MapRow]
    rows: Markup  # their rows, rendered (without the persona column)
    stages: list[str]  # the stages of these maps, in vocabulary order
    averages: dict[str, dict[str, float | None]]  # by map id, then by stage


# --- reviews/ -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewRow:
    """A map in the review tables."""

    entry: JourneyEntry
    j: Journey
    url: str
    review: ReviewState
    owner: str | None  # the owner department's name


@dataclass(frozen=True)
class ReviewGroup:
    """The maps of one owner department that need a review."""

    anchor: str
    name: str
    rows: list[ReviewRow]


@dataclass(frozen=True)
class ReviewCounts:
    """How many published maps are in each review state."""

    never: int
    overdue: int
    soon: int
    current: int
    draft: int  # drafts are never due


@dataclass(frozen=True)
class ReviewsView:
    """``reviews/index.html``."""

    groups: list[ReviewGroup]
    soon: list[ReviewRow]
    drafts: list[ReviewRow]
    counts: ReviewCounts
    total: int
    policy: ReviewPolicy

"""The validated model of vocabulary, personas and journeys (format version 1.1).

One pydantic model gives validation, types and the JSON Schema. Checks that
need more than one file (references, order of stages, emotion within the
scale) live in :mod:`journeymaps.model.rules`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    model_validator,
)

from journeymaps.problems import quote

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
_ID = re.compile(ID_PATTERN)

MapType = Literal["current", "future", "day-in-the-life", "blueprint"]
Status = Literal["draft", "review", "approved", "archived"]
#: Every status, and the ones a site publishes unless its configuration says otherwise.
STATUSES: tuple[str, ...] = get_args(Status)
DEFAULT_STATUSES: tuple[str, ...] = ("draft", "review", "approved")
Level = Literal["low", "medium", "high"]
# One set object for each combination of fields given (see Strict.model_post_init).
_FIELD_SETS: dict[frozenset[str], set[str]] = {}

MAP_TYPE_NAMES: dict[str, str] = {
    "current": "Current state",
    "future": "Future state",
    "day-in-the-life": "Day in the life",
    "blueprint": "Service blueprint",
}
#: Map types compared as they are today (future maps are compared with their baseline).
AS_IS_TYPES = ("current", "blueprint", "day-in-the-life")


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


def _id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(
            f"{quote(value)} is not a valid id: use lower-case letters, digits, '-' and '_', "
            "starting with a letter or digit"
        )
    return value


def _date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        shown = quote(value) if isinstance(value, str) else quote(repr(value))[1:-1]
        raise ValueError(f"expected a date written YYYY-MM-DD, got {shown}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value} is not a real date ({exc})") from None


def _finite(value: float | int) -> float | int:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {str(value).replace('inf', '.inf').replace('nan', '.nan')}")
    return value


Text = Annotated[str, AfterValidator(_text)]
#: A figure: .inf and .nan are refused (they print as "inf", and JSON cannot hold them).
Number = Annotated[StrictFloat | StrictInt, AfterValidator(_finite)]
Id = Annotated[str, AfterValidator(_id)]
Ref = Annotated[str, AfterValidator(_text)]  # resolved against the vocabulary in rules.py
Date = Annotated[dt.date, BeforeValidator(_date)]


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt key must not vanish silently.

    An empty value (``type:`` with nothing after it) of an optional field counts
    as leaving the field out: it gets the field's default. A required field
    stays required, and an empty unknown key is still unknown.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    def model_post_init(self, context: Any, /) -> None:
        """Share one set of the fields given between the models given the same fields.

        Pydantic gives every model its own ``__pydantic_fields_set__``: a third of the
        memory of the models of 1,000 maps (23 MB), for a few hundred different sets.
        The models are frozen, so nothing adds to a set (``model_copy`` copies it first).
        """
        given = self.__pydantic_fields_set__
        object.__setattr__(self, "__pydantic_fields_set__", _FIELD_SETS.setdefault(frozenset(given), given))

    @model_validator(mode="before")
    @classmethod
    def _empty_is_left_out(cls, value: Any) -> Any:
        if isinstance(value, dict) and None in value.values():
            fields = cls.model_fields
            return {k: v for k, v in value.items()
                    if v is not None or k not in fields or fields[k].is_required()}
        return value


def humanize(identifier: str) -> str:
    """``social-media`` -> ``Social media``."""
    words = re.sub(r"[-_]+", " ", identifier).strip()
    return words[:1].upper() + words[1:]


class Term(Strict):
    """A vocabulary entry: a bare id, or a mapping with id, name and description."""

    id: Id
    name: Text | None = None
    description: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_id(cls, value: Any) -> Any:
        return {"id": value} if isinstance(value, str) else value

    @property
    def label(self) -> str:
        """The display name (given, or made from the id)."""
        return self.name or humanize(self.id)


class EmotionScale(Strict):
    """The range of the ``emotion`` score and the words for its values."""

    min: StrictInt = -2
    max: StrictInt = 2
    labels: dict[StrictInt, Text] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> EmotionScale:
        if self.min >= self.max:
            raise ValueError(f"min ({self.min}) must be below max ({self.max})")
        outside = sorted(k for k in self.labels if not self.min <= k <= self.max)
        if outside:
            raise ValueError(f"labels {outside} are outside the scale {self.min}..{self.max}")
        return self

    @property
    def signed(self) -> bool:
        """Whether scores are written with a sign: only on a scale with negatives (``+3`` means nothing on 1..5)."""
        return self.min < 0

    def word(self, value: int) -> str | None:
        """The word for a whole score (``Very positive``), or None when the scale has none for it.

        A scale without labels on the default range ``-2..2`` uses :data:`DEFAULT_LABELS`.
        """
        if value in self.labels:
            return self.labels[value]
        if not self.labels and (self.min, self.max) == (-2, 2):
            return DEFAULT_LABELS.get(value)
        return None

    def label(self, value: int) -> str:
        """The word for a score, or its number when the scale has none (signed only on a scale with negatives)."""
        word = self.word(value)
        if word is not None:
            return word
        if not self.signed:
            return str(value)
        return f"{value:+d}" if value else "0"


DEFAULT_LABELS = {-2: "Very negative", -1: "Negative", 0: "Neutral", 1: "Positive", 2: "Very positive"}


class Vocabulary(Strict):
    """``journeys/vocabulary.yml``: the shared words every map refers to."""

    emotion_scale: EmotionScale = Field(default_factory=EmotionScale)
    stages: Annotated[list[Term], Field(min_length=1)]
    channels: Annotated[list[Term], Field(min_length=1)]
    devices: list[Term] = Field(default_factory=list)
    departments: list[Term] = Field(default_factory=list)

    def index(self, kind: str) -> dict[str, Term]:
        """The terms of one list (``stages``, ``channels``...) by id."""
        return {term.id: term for term in getattr(self, kind)}

    def stage_order(self) -> dict[str, int]:
        """The position of each stage id in the vocabulary: the one order of stages everywhere."""
        return {term.id: i for i, term in enumerate(self.stages)}


class Persona(Strict):
    """The front matter of ``journeys/personas/<id>.md``."""

    name: Text
    segment: Text | None = None
    summary: Text | None = None
    quote: Text | None = None
    goals: list[Text] = Field(default_factory=list)
    frustrations: list[Text] = Field(default_factory=list)
    channels: list[Ref] = Field(default_factory=list)
    image: Text | None = None


class Touchpoint(Strict):
    """Where customer and company meet, on a channel and a device."""

    name: Text
    channel: Ref
    device: Ref | None = None
    department: Ref | None = None
    contact: Literal["direct", "indirect"] = "direct"


class Opportunity(Strict):
    """An idea to improve a step; a bare string is its title."""

    title: Text
    impact: Level | None = None
    effort: Level | None = None
    owner: Ref | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_title(cls, value: Any) -> Any:
        return {"title": value} if isinstance(value, str) else value


class Evidence(Strict):
    """Research behind a step: a quote, a statistic, an observation or analytics."""

    kind: Literal["quote", "statistic", "observation", "analytics"]
    text: Text
    source: Text | None = None


class Metric(Strict):
    """A measured figure of a step, with its target."""

    name: Text
    value: Number | None = None  # float first: its error message says "a number"
    unit: Text | None = None
    target: Number | None = None


class Step(Strict):
    """One thing the customer does within a phase."""

    action: Text
    thinking: Text | None = None
    feeling: Text | None = None
    emotion: StrictInt | None = None
    moment_of_truth: bool = False
    touchpoints: list[Touchpoint] = Field(default_factory=list)
    pain_points: list[Text] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    # Format 1.1: when the step happens (text: "07:30" stays "07:30"), and the blueprint lanes around backstage.
    time: Text | None = None
    frontstage: list[Text] = Field(default_factory=list)
    backstage: list[Text] = Field(default_factory=list)
    support: list[Text] = Field(default_factory=list)


class Phase(Strict):
    """The steps of one stage of the journey."""

    stage: Ref
    name: Text | None = None
    steps: Annotated[list[Step], Field(min_length=1)]


class Scope(Strict):
    """Where the mapped journey starts and ends."""

    start: Text | None = None
    end: Text | None = None


class Journey(Strict):
    """The front matter of one journey map."""

    title: Text
    persona: Ref
    type: MapType = "current"
    status: Status = "draft"
    owner: Ref | None = None
    reviewed: Date | None = None
    scenario: Id | None = None
    baseline: Ref | None = None
    goal: Text | None = None
    scope: Scope | None = None
    tags: list[Text] = Field(default_factory=list)
    phases: Annotated[list[Phase], Field(min_length=1)]

"""The options of the ``journeys`` plugin as ``journeymaps generate`` reads them from ``mkdocs.yml`` (no MkDocs).

Under MkDocs (or ProperDocs) the plugin's own ``Config`` (``mkdocs/config.py``)
checks them; ``generate`` serves engines that have no plugins, and reads the
same entry here. ``tests/test_generate.py`` holds the two to the same names
and defaults.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from journeymaps.figures.reviews import DEFAULT_INTERVAL, DEFAULT_SOON
from journeymaps.model.types import DEFAULT_STATUSES, Status
from journeymaps.pages.navigation import NAVIGATION


class ReviewOptions(BaseModel):
    """``review:`` - when a map is due for its next review."""

    model_config = ConfigDict(extra="forbid", strict=True)
    interval: int = Field(DEFAULT_INTERVAL, ge=1)
    due_soon: int = Field(DEFAULT_SOON, ge=0)


class SiteOptions(BaseModel):
    """The ``journeys`` plugin's entry in ``mkdocs.yml``."""

    model_config = ConfigDict(extra="forbid", strict=True)
    enabled: bool = True
    journeys_dir: str = "journeys"
    statuses: list[Status] = Field(default_factory=lambda: list(DEFAULT_STATUSES))
    offline: bool = True
    history: bool = True
    review: ReviewOptions = Field(default_factory=ReviewOptions)
    navigation: Literal[NAVIGATION] = "auto"  # type: ignore[valid-type]
    # the names of earlier versions, still read (review_interval is review.interval)
    review_interval: int | None = Field(None, ge=1)
    review_due_soon: int | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _old_names(self) -> SiteOptions:
        fields = self.review.model_fields_set
        if self.review_interval is not None and "interval" not in fields:
            self.review.interval = self.review_interval
        if self.review_due_soon is not None and "due_soon" not in fields:
            self.review.due_soon = self.review_due_soon
        return self


def read_options(entry: object) -> tuple[SiteOptions | None, list[str]]:
    """The options of the plugin's entry (None or a mapping), or None and a message per wrong option."""
    try:
        return SiteOptions.model_validate(entry or {}), []
    except ValidationError as error:
        return None, [f"plugins: journeys: {'.'.join(map(str, e['loc']))}: {e['msg']} (got {e.get('input')!r})"
                      for e in error.errors()]

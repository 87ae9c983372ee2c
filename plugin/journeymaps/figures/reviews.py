"""Review state of journey maps: when each is due for its next review, and which are overdue.

A map is due ``interval`` days after its ``reviewed`` date. It is *overdue* from the
day after that, *due soon* within ``soon`` days before it, and *never reviewed* when it
has no ``reviewed`` date. A *draft* is never due: it is reviewed once it is finished,
so it is neither overdue nor never reviewed, whatever its ``reviewed`` date says. The
reference date is the day of the build (UTC), or the day of ``SOURCE_DATE_EPOCH`` when
that is set, so that a build can be repeated exactly.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_INTERVAL = 180
DEFAULT_SOON = 30

#: Badge text of each state.
LABELS = {"never": "Never reviewed", "overdue": "Review overdue", "soon": "Review due soon", "current": "Reviewed",
          "draft": "Not due: draft"}


def reference_date(environ: Mapping[str, str] = os.environ) -> dt.date:
    """Today in UTC, or the date of ``SOURCE_DATE_EPOCH`` (seconds since 1970) when it is set."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            pass  # a broken value is ignored, as reproducible-builds.org asks of tools that cannot use it
    return dt.datetime.now(dt.UTC).date()


@dataclass(frozen=True)
class ReviewPolicy:
    """How often maps are reviewed, and the date they are judged on."""

    interval: int = DEFAULT_INTERVAL  # days between reviews
    today: dt.date = field(default_factory=reference_date)
    soon: int = DEFAULT_SOON  # days before the due date at which a map is "due soon"

    def state(self, reviewed: dt.date | None, status: str | None = None) -> ReviewState:
        """The review state of a map last reviewed on ``reviewed``; a map of ``status`` draft is never due."""
        if status == "draft":
            return ReviewState("draft", reviewed, None, 0)
        if reviewed is None:
            return ReviewState("never", None, None, 0)
        due = reviewed + dt.timedelta(days=self.interval)
        days = (due - self.today).days
        if days < 0:
            return ReviewState("overdue", reviewed, due, -days)
        return ReviewState("soon" if days <= self.soon else "current", reviewed, due, days)


@dataclass(frozen=True)
class ReviewState:
    """Where a map stands: ``never``, ``overdue``, ``soon``, ``current``, or ``draft`` (never due)."""

    state: str
    reviewed: dt.date | None
    due: dt.date | None  # the date of the next review (None: never reviewed, or a draft)
    days: int  # days overdue (overdue) or days left until due (soon, current)

    @property
    def label(self) -> str:
        """Text of the state's badge."""
        return LABELS[self.state]

    @property
    def needs_review(self) -> bool:
        """True when the map is overdue or has never been reviewed."""
        return self.state in ("never", "overdue")

    @property
    def flagged(self) -> bool:
        """True when the state deserves a badge in listings (not ``current``; a draft has its status badge)."""
        return self.state not in ("current", "draft")

"""The average emotion of each journey at every revision of its file, read from git.

Old revisions are read with the loader's own code (front matter split, YAML with
lines, the pydantic model), so a revision counts exactly as it would have been
published. A revision that does not validate (the format was stricter or the
file was broken at the time) is kept in the history table but left out of the
trend, with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from journeymaps.figures import analysis
from journeymaps.git.history import GitHistory, Revision
from journeymaps.model.corpus import JourneyEntry
from journeymaps.model.load import validate
from journeymaps.model.types import Journey
from journeymaps.problems import Problem
from journeymaps.source.frontmatter import split_front_matter


@dataclass(frozen=True)
class TrendPoint:
    """One revision of a journey and its average emotion then."""

    revision: Revision | None  # None: the working copy, which has changes not committed yet
    average: float | None = None
    problem: str | None = None  # why this revision is left out of the trend

    @property
    def charted(self) -> bool:
        """True when the revision has an average to draw."""
        return self.problem is None and self.average is not None


@dataclass
class Trend:
    """Every revision of one journey, newest first (as the history table lists them)."""

    points: list[TrendPoint] = field(default_factory=list)

    @property
    def charted(self) -> list[TrendPoint]:
        """The points with an average, oldest first (as the chart draws them)."""
        return [p for p in reversed(self.points) if p.charted]

    @property
    def change(self) -> float | None:
        """From the first charted revision to the last, as a reader works it out from the two averages shown."""
        charted = self.charted
        return analysis.shown_change(charted[0].average, charted[-1].average) if len(charted) > 1 else None

    @property
    def skipped(self) -> list[TrendPoint]:
        """Revisions left out because they did not validate."""
        return [p for p in self.points if p.problem is not None]


def revision_average(data: bytes) -> tuple[float | None, str | None]:
    """(average emotion, None) of one old revision of a journey file, or (None, why it does not count)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "the file was not UTF-8 text"
    source, problems = split_front_matter(text, "")
    if source is None:
        return None, _describe(problems[0])
    journey, problems = validate(Journey, source.front_matter, "")
    if journey is None:
        return None, _describe(problems[0])
    return analysis.journey_average(journey), None


def _describe(problem: Problem) -> str:
    where = f"line {problem.line}: " + (f"{problem.field}: " if problem.field else "")
    return f"it did not validate ({where}{problem.message})"


def emotion_trends(history: GitHistory, entries: Iterable[JourneyEntry],
                   known: dict[str, tuple[float | None, str | None]] | None = None) -> dict[str, Trend]:
    """The trend of every journey, reading all old revisions with one ``git cat-file --batch``.

    ``known`` holds the average of revisions read before, by object id (``mkdocs serve``
    keeps it from one build to the next: an old revision never changes).
    """
    entries = list(entries)
    if not history.available:
        return {}
    by_blob = known if known is not None else {}  # identical contents are read once
    files = {entry.id: history.of(entry.path) for entry in entries}
    # The newest revision of a file without uncommitted changes is the file as it was loaded: it is not read again.
    contents = history.contents(r.blob for f in files.values()
                                for r in (f.revisions if f.uncommitted_changes else f.revisions[1:])
                                if r.blob not in by_blob)
    trends: dict[str, Trend] = {}
    for entry in entries:
        file = files[entry.id]
        if not file.committed:
            continue
        trend = Trend()
        if file.uncommitted_changes:
            trend.points.append(TrendPoint(None, analysis.journey_average(entry.journey)))
        else:
            by_blob.setdefault(file.revisions[0].blob, (analysis.journey_average(entry.journey), None))
        for revision in file.revisions:
            if revision.blob not in by_blob:
                data = contents.get(revision.blob)
                by_blob[revision.blob] = (None, "git could not read it") if data is None else revision_average(data)
            average, problem = by_blob[revision.blob]
            trend.points.append(TrendPoint(revision, average, problem))
        trends[entry.id] = trend
    return trends

"""What git knows about a page's file, as sections of the page: its freshness and a map's change history."""

from __future__ import annotations

from functools import cached_property

from journeymaps import wording
from journeymaps.figures import analysis
from journeymaps.figures.reviews import ReviewState
from journeymaps.figures.trend import Trend, emotion_trends
from journeymaps.git.history import GitHistory, Revision
from journeymaps.model.corpus import Entry, JourneyEntry
from journeymaps.pages import charts
from journeymaps.pages.context import RenderContext
from journeymaps.pages.format import long_date
from journeymaps.pages.generated import Html
from journeymaps.pages.views import FreshnessView, HistoryView


class HistorySections:
    """The freshness facts of journey and persona pages, and the change history of journey pages."""

    def __init__(self, ctx: RenderContext, trend_cache: dict | None = None) -> None:
        self.ctx = ctx
        self.history = ctx.history  # None: git history is switched off
        self.trend_cache = trend_cache  # averages of old revisions read by an earlier build

    @cached_property
    def trends(self) -> dict[str, Trend]:
        """The emotion trend of every published map (one ``git cat-file`` for all of them)."""
        return emotion_trends(self.history, self.ctx.journeys.values(), self.trend_cache) if self.history else {}

    def freshness(self, entry: Entry, url: str, review: ReviewState | None) -> Html:
        """Next review, last change and contributors of a page's source file."""
        file = self.history.of(entry.path) if self.history and self.history.available else None
        return self.ctx.render("history/freshness.html", url, FreshnessView(
            review=review, history_on=self.history is not None, reason=self.history.reason if self.history else None,
            file=file, authors=file.authors() if file else [],
        ))

    def change_history(self, entry: JourneyEntry, url: str) -> str:
        """The commits that touched a map's file and its average emotion at each of them ('' without history)."""
        if self.history is None:
            return ""
        scale = self.ctx.scale
        file = self.history.of(entry.path) if self.history.available else None
        trend = self.trends.get(entry.id, Trend())
        charted = trend.charted
        chart = None
        if charted:
            ticks = [tick(p.revision) for p in charted]
            description = "; ".join(
                f"{tick(p.revision)}{f' ({p.revision.commit.short})' if p.revision else ''}: "
                f"{analysis.format_score(p.average, scale)}"
                for p in charted
            )
            chart = charts.trend(
                [p.average for p in charted], ticks, scale,
                f"Average emotion of the map at {wording.plural(len(charted), 'revision')} with scores, oldest first",
                description,
            )
        return self.ctx.render("journey/history.html", url, HistoryView(
            j=entry.journey, reason=self.history.reason, file=file, trend=trend, charted=charted, chart=chart,
            current_path=rel_to_toplevel(entry, self.history),
        ))


def tick(revision: Revision | None) -> str:
    """A revision's point on the trend's axis: its commit's date, written as every date of the site."""
    return long_date(revision.commit.date.date()) if revision else "not committed"


def rel_to_toplevel(entry: Entry, history: GitHistory) -> str | None:
    """The path of an entry's file from the top of the repository (None when it is outside it)."""
    if history.toplevel is None:
        return None
    try:
        return entry.path.resolve().relative_to(history.toplevel).as_posix()
    except ValueError:
        return None

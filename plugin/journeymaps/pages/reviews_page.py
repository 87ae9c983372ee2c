"""``reviews/``: the maps overdue for review (or never reviewed) by owner department, the maps due soon, the drafts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from journeymaps.model import addresses
from journeymaps.pages.context import RenderContext
from journeymaps.pages.generated import GeneratedPage
from journeymaps.pages.views import ReviewCounts, ReviewGroup, ReviewRow, ReviewsView


def reviews_page(ctx: RenderContext) -> GeneratedPage:
    """Maps overdue for review (or never reviewed) by owner department, then maps due soon; drafts are never due."""
    url = addresses.REVIEWS_INDEX
    rows = sorted(
        (ReviewRow(entry=e, j=e.journey, url=addresses.journey_url(e.id), review=ctx.review(e),
                   owner=ctx.term("departments", e.journey.owner) if e.journey.owner else None)
         for e in ctx.journeys.values()),
        key=lambda r: (r.review.due or dt.date.min, r.j.title.casefold(), r.entry.id),
    )
    owners: dict[str | None, list[ReviewRow]] = defaultdict(list)
    for row in rows:
        if row.review.needs_review:
            owners[row.j.owner].append(row)
    groups = [
        ReviewGroup(anchor=f"owner-{owner or 'none'}",
                    name=ctx.term("departments", owner) if owner else "No owner", rows=owned)
        for owner, owned in sorted(owners.items(), key=lambda kv: (kv[0] is None, ctx.term("departments", kv[0])))
    ]
    counts = ReviewCounts(**{state: sum(r.review.state == state for r in rows)
                             for state in ("never", "overdue", "soon", "current", "draft")})
    body = ctx.render("reviews/index.html", url, ReviewsView(
        groups=groups, soon=[r for r in rows if r.review.state == "soon"],
        drafts=sorted((r for r in rows if r.review.state == "draft"), key=lambda r: (r.j.title.casefold(), r.entry.id)),
        counts=counts, total=len(rows),
        policy=ctx.reviews,
    ))
    return GeneratedPage.virtual(url, "Reviews", body, "reviews-index")

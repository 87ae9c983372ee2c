"""The review workflow: next review dates, the reviews/ page by owner department, badges in every listing."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from gitrepo import build_with
from journeymaps.figures.reviews import ReviewPolicy, reference_date
from sites import FRESH_CONFIG, SPEC_JOURNEY, search_index, spec_site, write

#: 1 June 2026, 00:00 UTC: the date every build below is judged on.
JUNE_1 = str(int(dt.datetime(2026, 6, 1, tzinfo=dt.UTC).timestamp()))


def journey(title: str, status: str = "approved", owner: str | None = "ecommerce", reviewed: str | None = None) -> str:
    """The spec's journey with another title, status, owner and review date (None leaves the key out)."""
    text = SPEC_JOURNEY.lstrip("\n").replace("Buying running shoes online", title)
    text = re.sub(r"^status: \w+", f"status: {status}", text, flags=re.M)
    text = re.sub(r"^owner: .*\n", f"owner: {owner}\n" if owner else "", text, flags=re.M)
    return re.sub(r"^reviewed: .*\n", f"reviewed: {reviewed}\n" if reviewed else "", text, flags=re.M)


def text_of(fragment: str) -> str:
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    return re.sub(r" ([,.;)])", r"\1", words)


def rows(table: str) -> list[str]:
    return [text_of(row) for row in re.findall(r"<tr>.*?</tr>", table, re.S)[1:]]


def page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def content(site: Path, address: str) -> str:
    """The page's article, without the navigation around it."""
    return re.search(r'<article class="md-content__inner.*?</article>', page(site, address), re.S).group(0)


def review_site(root: Path, options: str = "") -> Path:
    config = FRESH_CONFIG.replace("  - journeys", "  - journeys:\n" + options) if options else FRESH_CONFIG
    spec_site(root, config)  # its map: reviewed 2026-09-30, owner ecommerce
    write(root, {
        "journeys/retail/overdue.md": journey("Overdue map", reviewed="2025-11-01"),
        "journeys/retail/never.md": journey("Never reviewed map", status="draft", owner="marketing"),
        "journeys/retail/unreviewed.md": journey("Unreviewed map", owner="marketing"),
        "journeys/service/soon.md": journey("Soon map", owner="customer-service", reviewed="2025-12-15"),
        "journeys/service/orphan.md": journey("Orphan map", status="review", owner=None, reviewed="2025-01-01"),
        "journeys/service/old.md": journey("Archived map", status="archived", reviewed="2020-01-01"),
    })
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = review_site(tmp_path_factory.mktemp("reviews"))
    result = build_with(root, "--strict", env={"SOURCE_DATE_EPOCH": JUNE_1})
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_reviews_page_lists_overdue_maps_by_owner_department(site: Path) -> None:
    text = page(site, "reviews")
    assert "<title>Reviews - Fresh</title>" in text
    summary = text_of(re.search(r"<p>A journey map is only useful.*?</p>", text, re.S).group(0))
    assert summary == ("A journey map is only useful while it still describes what customers live. The department "
                       "that owns a map checks it every 180 days; a map past that is due for review. As of 1 June "
                       "2026, of 6 published maps: 2 overdue, 1 never reviewed, 1 due in the next 30 days, 1 up to "
                       "date and 1 draft, which is not due.")
    overdue = text[text.index('<h2 id="overdue"'):text.index('<h2 id="due-soon"')]
    groups = re.findall(r'<h3 id="([^"]+)">(.*?)</h3>(.*?)</table>', overdue, re.S)
    assert [(anchor, name) for anchor, name, _ in groups] == [
        ("owner-ecommerce", "E-commerce"), ("owner-marketing", "Marketing"), ("owner-none", "No owner")]
    # dates as journey pages write them; the draft is not among them, however long ago it was reviewed
    assert [rows(table) for _, _, table in groups] == [
        ["Overdue map Approved 1 November 2025 Review overdue 30 April 2026, 32 days overdue"],
        ["Unreviewed map Approved never Never reviewed"],
        ["Orphan map Review 1 January 2025 Review overdue 30 June 2025, 336 days overdue"],
    ]
    soon = text[text.index('<h2 id="due-soon"'):text.index('<h2 id="drafts"')]
    assert rows(soon[: soon.index("</table>")]) == [
        "Soon map Customer Service Approved 15 December 2025 Review due soon 13 June 2026, in 12 days"]
    drafts = text[text.index('<h2 id="drafts"'):]
    assert rows(drafts[: drafts.index("</table>")]) == [
        "Never reviewed map Marketing Draft never not due: a draft is reviewed once it is finished"]
    assert "Archived map" not in text
    assert "Buying running shoes online" not in content(site, "reviews")  # up to date: not listed
    assert '<a href="../journeys/retail/overdue/">Overdue map</a>' in text
    assert not re.search(r">\d{4}-\d\d-\d\d<", content(site, "reviews"))  # no ISO date shown to readers
    assert "commit" not in text_of(content(site, "reviews"))  # the how-to is in the docs


def test_reviews_page_is_in_the_navigation_and_the_search(site: Path) -> None:
    assert re.search(r'href="reviews/"[^>]*>\s*<span class="md-ellipsis">\s*Reviews', page(site, ""))
    # a list of maps: by its title and introduction, the maps themselves are indexed on their pages
    assert [e["location"] for e in search_index(site) if e["location"].startswith("reviews/")] == ["reviews/"]


def test_journey_page_shows_its_next_review(site: Path) -> None:
    def facts(address: str) -> str:
        text = page(site, address)
        return text_of(re.search(r'<dl class="jm-facts jm-freshness">.*?</dl>', text, re.S).group(0))

    assert facts("journeys/retail/overdue").startswith(
        "Next review Review overdue due 30 April 2026, 32 days ago · all reviews")
    assert facts("journeys/retail/unreviewed").startswith(
        "Next review Never reviewed this map has no reviewed date yet · all reviews")
    assert facts("journeys/retail/never").startswith(  # a draft
        "Next review Not due: draft it is reviewed once it is finished · all reviews")
    assert facts("journeys/service/soon").startswith("Next review Review due soon due 13 June 2026, in 12 days")
    assert facts("journeys/retail/buy-running-shoes").startswith(
        'Next review Reviewed due 29 March 2027, in 301 days')
    assert '<a href="../../../reviews/">all reviews</a>' in page(site, "journeys/retail/overdue")


def test_every_listing_shows_status_and_review_badges(site: Path) -> None:
    for address in ("journeys", "personas/maya", "reviews"):
        text = page(site, address)
        for title, status in (("Overdue map", "Approved"), ("Never reviewed map", "Draft"), ("Soon map", "Approved"),
                              ("Orphan map", "Review")):
            row = re.search(rf"<tr>\s*<td><a [^>]*>{title}</a>.*?</tr>", text, re.S)
            assert row, (address, title)
            assert f'jm-status-{status.lower()}">{status}</span>' in row.group(0), (address, title)
    index = page(site, "journeys")
    row = re.search(r"<tr>\s*<td><a [^>]*>Overdue map</a>.*?</tr>", index, re.S).group(0)
    assert 'jm-review-overdue">Review overdue</span>' in row
    row = re.search(r"<tr>\s*<td><a [^>]*>Buying running shoes online</a>.*?</tr>", index, re.S).group(0)
    assert "jm-review" not in row  # an up-to-date map carries only its status


def test_review_options_change_the_interval(tmp_path: Path) -> None:
    root = review_site(tmp_path, "      review_interval: 400\n      review_due_soon: 0\n")
    result = build_with(root, "--strict", env={"SOURCE_DATE_EPOCH": JUNE_1})
    assert result.returncode == 0, result.stderr
    text = text_of(content(root / "site", "reviews"))
    assert "The department that owns a map checks it every 400 days" in text
    assert ("of 6 published maps: 1 overdue, 1 never reviewed, 0 due in the next 0 days, 3 up to date and 1 draft, "
            "which is not due.") in text


@pytest.mark.parametrize("value", ["0", "soon", "-5"])
def test_a_bad_review_interval_is_a_clear_config_error(tmp_path: Path, value: str) -> None:
    root = review_site(tmp_path, f"      review_interval: {value}\n")
    result = build_with(root)
    assert result.returncode == 1
    assert "review_interval" in result.stderr and "Traceback" not in result.stderr


def test_reference_date_is_source_date_epoch_when_set() -> None:
    assert reference_date({"SOURCE_DATE_EPOCH": JUNE_1}) == dt.date(2026, 6, 1)
    assert reference_date({"SOURCE_DATE_EPOCH": str(int(JUNE_1) - 1)}) == dt.date(2026, 5, 31)
    today = dt.datetime.now(dt.UTC).date()
    assert reference_date({}) in (today, today + dt.timedelta(days=1))  # the test may run across midnight
    assert reference_date({"SOURCE_DATE_EPOCH": "not a number"}) in (today, today + dt.timedelta(days=1))


def test_review_states_at_the_edges() -> None:
    policy = ReviewPolicy(interval=10, today=dt.date(2026, 6, 1), soon=3)
    due_today = policy.state(dt.date(2026, 5, 22))
    assert (due_today.state, due_today.due, due_today.days) == ("soon", dt.date(2026, 6, 1), 0)
    overdue = policy.state(dt.date(2026, 5, 21))
    assert (overdue.state, overdue.days, overdue.needs_review) == ("overdue", 1, True)
    assert policy.state(dt.date(2026, 5, 25)).state == "soon"  # due in 3 days
    assert policy.state(dt.date(2026, 5, 26)).state == "current"  # due in 4 days
    assert policy.state(None).state == "never" and policy.state(None).label == "Never reviewed"


def test_a_docs_page_at_the_reviews_address_is_replaced_with_a_warning(tmp_path: Path) -> None:
    root = review_site(tmp_path)
    write(root, {"docs/reviews.md": "# My reviews\n"})
    result = build_with(root, env={"SOURCE_DATE_EPOCH": JUNE_1})
    assert result.returncode == 0, result.stderr
    assert "'reviews.md' in the docs folder is replaced by the page made from the journeys folder" in result.stderr
    assert "My reviews" not in page(root / "site", "reviews")

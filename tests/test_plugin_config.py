"""The plugin's options in mkdocs.yml: ``enabled``, the ``review`` group and the old flat names of its options."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from sites import FRESH_CONFIG, SPEC_JOURNEY, SPEC_PERSONA, SPEC_VOCABULARY, Built

#: 1 June 2026, 00:00 UTC: the date the review states are judged on.
JUNE_1 = {"SOURCE_DATE_EPOCH": str(int(dt.datetime(2026, 6, 1, tzinfo=dt.UTC).timestamp()))}


def tree(options: str = "", **more: str) -> dict[str, str]:
    """The spec's examples with ``options`` under the plugin, and ``more`` files."""
    config = FRESH_CONFIG.replace("  - journeys", "  - journeys:\n" + options) if options else FRESH_CONFIG
    return {"mkdocs.yml": config, "journeys/vocabulary.yml": SPEC_VOCABULARY,
            "journeys/personas/maya.md": SPEC_PERSONA.replace("image: images/maya.png", ""),
            "journeys/retail/buy-running-shoes.md": SPEC_JOURNEY, **more}


def files_of(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, but the compressed sitemap (gzip stores the time it was made)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.name != "sitemap.xml.gz"}


def reviews_text(built: Built) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", built.page("reviews")).split())


def test_the_tree_builds_as_it_is(site_from: Callable[..., Built]) -> None:
    built = site_from(tree(), "--strict")
    assert built.returncode == 0, built.stderr
    assert (built.site / "journeys/retail/buy-running-shoes/index.html").is_file()
    assert (built.site / "assets/journeymaps/journeymaps.css").is_file()


def test_switched_off_the_site_is_what_mkdocs_alone_builds(site_from: Callable[..., Built]) -> None:
    broken = {"journeys/retail/broken.md": "---\ntitle: [unclosed\n---\n", "docs/index.md": "# Docs\n"}
    off = site_from(tree("      enabled: false\n", **broken), "--strict")
    assert off.returncode == 0, off.stderr
    alone = site_from({**tree(**broken), "mkdocs.yml": FRESH_CONFIG.replace("  - journeys\n", "")}, "--strict")
    assert alone.returncode == 0, alone.stderr
    assert files_of(off.site) == files_of(alone.site)
    assert "journeymaps" not in off.stderr and "journeymaps" not in off.stdout  # no page, no asset, no message
    assert not (off.site / "journeys").exists() and not (off.site / "assets/journeymaps").exists()


def test_switched_off_from_the_environment(site_from: Callable[..., Built]) -> None:
    options = "      enabled: !ENV [JOURNEYMAPS, true]\n"
    assert not (site_from(tree(options), env={"JOURNEYMAPS": "false"}).site / "journeys").exists()
    assert (site_from(tree(options)).site / "journeys/retail/buy-running-shoes/index.html").is_file()


def test_the_review_group_and_the_old_names_give_the_same_site(site_from: Callable[..., Built]) -> None:
    group = site_from(tree("      review:\n        interval: 400\n        due_soon: 0\n"), "--strict", env=JUNE_1)
    assert group.returncode == 0, group.stderr
    assert "checks it every 400 days" in reviews_text(group)
    assert "old name" not in group.stderr
    old = site_from(tree("      review_interval: 400\n      review_due_soon: 0\n"), "--strict", env=JUNE_1)
    assert old.returncode == 0, old.stderr  # an old name is not a warning: --strict builds keep passing
    assert files_of(old.site) == files_of(group.site)
    notes = [line for line in old.stderr.splitlines() if "the old name still works" in line]
    assert notes == [
        "INFO    -  journeymaps: the option 'review_interval' is now 'interval' in the group 'review' "
        "(review: {interval: ...}); the old name still works",
        "INFO    -  journeymaps: the option 'review_due_soon' is now 'due_soon' in the group 'review' "
        "(review: {due_soon: ...}); the old name still works",
    ]


def test_the_group_wins_over_an_old_name(site_from: Callable[..., Built]) -> None:
    both = site_from(tree("      review_interval: 30\n      review:\n        interval: 400\n"), env=JUNE_1)
    assert both.returncode == 0, both.stderr
    assert "checks it every 400 days" in reviews_text(both)


def test_a_bad_value_in_the_group_is_a_clear_config_error(site_from: Callable[..., Built]) -> None:
    for options, named in (("      review:\n        interval: 0\n", "'review': Sub-option 'interval'"),
                           ("      review:\n        due_soon: soon\n", "'review': Sub-option 'due_soon'"),
                           ("      review: 30\n", "'review'"),
                           ("      review_due_soon: -1\n", "'review_due_soon'"),
                           ("      enabled: maybe\n", "'enabled'")):
        built = site_from(tree(options))
        assert built.returncode == 1, options
        assert f"Plugin 'journeys' option {named}" in built.stderr and "Traceback" not in built.stderr, built.stderr


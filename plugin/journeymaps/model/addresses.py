"""The published addresses of the spec, and links between them.

Addresses are site-relative directory URLs (``journeys/retail/buy/``); links
in generated pages are made relative to the page, so the site works from any
sub-path of an intranet server.
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata

_DASHES = re.compile(r"[\s_-]+")


@functools.lru_cache(maxsize=65536)  # the same names are slugged for the map, its phases and the lists across maps
def slugify(text: str) -> str:
    """Lower case, punctuation dropped, spaces and runs of ``-``/``_`` become one ``-``.

    Letters and digits of every script are kept; every other character
    (punctuation and symbols such as ``'``, ``&`` or ``+``) is dropped.
    """
    kept = "".join(
        ch for ch in unicodedata.normalize("NFC", text.lower())
        if ch.isalnum() or ch in "-_" or ch.isspace()
    )
    return _DASHES.sub("-", kept).strip("-")


def touchpoint_anchor(stage: str, step_number: int, name: str) -> str:
    """``<stage id>-<step number within the phase, from 1>-<touchpoint slug>``."""
    return f"{stage}-{step_number}-{slugify(name) or 'touchpoint'}"


def step_anchor(stage: str, step_number: int) -> str:
    """Anchor of a step's column on its journey page."""
    return f"{stage}-{step_number}"


def pain_anchor(step: str, number: int) -> str:
    """Anchor of a step's pain point (``number`` from 1) on its journey page; ``jm-`` keeps it apart from headings."""
    return f"jm-pain-{step}-{number}"


def phase_anchor(stage: str) -> str:
    """Anchor of a phase's notes on its journey page."""
    return f"phase-{stage}"


def journey_url(journey_id: str) -> str:
    """``journeys/<journey-id>/``."""
    return f"journeys/{journey_id}/"


def persona_url(persona_id: str) -> str:
    """``personas/<persona-id>/``."""
    return f"personas/{persona_id}/"


JOURNEYS_INDEX = "journeys/"
PERSONAS_INDEX = "personas/"


def asset_url(rel: str) -> str:
    """A non-Markdown file of the journeys folder keeps its path below ``journeys/``."""
    return f"journeys/{rel}"


def href(from_url: str, to_url: str) -> str:
    """A relative link from the page at ``from_url`` to ``to_url`` (both site-relative)."""
    to_path, _, fragment = to_url.partition("#")
    return _relative(from_url, to_path, bool(fragment)) + (f"#{fragment}" if fragment else "")


@functools.lru_cache(maxsize=1 << 17)  # pages link the same few pages many times (one per touchpoint)
def _relative(from_url: str, to_path: str, has_fragment: bool) -> str:
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    if to_path == base.rstrip("/") + "/" and to_path.endswith("/") and has_fragment:
        return ""
    # posixpath.relpath of two site-relative addresses (no '.' or '..' in them), without its calls to the disk
    target = [part for part in (to_path or base).split("/") if part]
    start = [part for part in base.split("/") if part]
    common = 0
    for a, b in zip(target, start, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(start) - common) + target[common:]) or "."
    if to_path.endswith("/") or not to_path:
        rel = "./" if rel == "." else rel + "/"
    return rel


# --- the portfolio pages (compare, channels, departments, touchpoints, opportunities, gaps) ---

COMPARE = "compare/"
SCENARIOS_INDEX = "compare/scenarios/"
CHANNELS_INDEX = "channels/"
DEPARTMENTS_INDEX = "departments/"
TOUCHPOINTS = "touchpoints/"
OPPORTUNITIES = "opportunities/"
GAPS = "gaps/"
JOURNEYS_JSON = "journeys.json"
TOUCHPOINTS_CSV = "touchpoints.csv"
#: Every row of ``touchpoints/``, compact, for its filters (beside the listing, so that it moves with it).
TOUCHPOINTS_DATA = "touchpoints/rows.json"


def stage_compare_url(stage: str) -> str:
    """``compare/<stage-id>/``: one stage across personas."""
    return f"compare/{stage}/"


def scenario_url(scenario: str) -> str:
    """``compare/scenarios/<scenario>/``: the maps that share a scenario."""
    return f"compare/scenarios/{scenario}/"


def channel_url(channel: str) -> str:
    """``channels/<channel-id>/``."""
    return f"channels/{channel}/"


def department_url(department: str) -> str:
    """``departments/<department-id>/``."""
    return f"departments/{department}/"


def map_anchor(journey_id: str) -> str:
    """Anchor of a journey's section on a page that lists several maps (e.g. ``gaps/``)."""
    return "map-" + (slugify(journey_id.replace("/", " ")) or "journey")


REVIEWS_INDEX = "reviews/"
#: The overview of the whole portfolio (also the home page of a site whose docs folder has none).
OVERVIEW = "overview/"

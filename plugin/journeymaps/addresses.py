"""The published addresses of the spec, and links between them.

Addresses are site-relative directory URLs (``journeys/retail/buy/``); links
in generated pages are made relative to the page, so the site works from any
sub-path of an intranet server.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

_DASHES = re.compile(r"[\s_-]+")


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
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    if to_path == base.rstrip("/") + "/" and to_path.endswith("/") and fragment:
        return f"#{fragment}"
    rel = posixpath.relpath(to_path or base, base or ".")
    if to_path.endswith("/") or not to_path:
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


REVIEWS_INDEX = "reviews/"

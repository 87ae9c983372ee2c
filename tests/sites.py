"""Helpers to write small sites and build them with MkDocs, as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def write(root: Path, files: dict[str, str]) -> None:
    """Write ``{relative path: text}`` below ``root`` (text is dedented)."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the ``mkdocs`` command of this environment (with the tests' PYTHONPATH, so a worktree's code is built)."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": str(BIN) + ":/usr/bin:/bin"}
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run([str(BIN / "mkdocs"), *args], cwd=cwd, capture_output=True, text=True, env=env)


def build(root: Path, *extra: str) -> subprocess.CompletedProcess:
    """``mkdocs build`` of the site at ``root`` into ``root/site``."""
    return mkdocs("build", "-d", str(root / "site"), *extra, cwd=root)


def search_index(site: Path) -> list[dict]:
    """The entries of Material's search index."""
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


FRESH_CONFIG = """
site_name: Fresh
theme:
  name: material
plugins:
  - search
  - journeys
"""

# The examples of ../shared/spec/journey-format.md, as written there, except that the
# journey's `baseline:` line is left out: the spec's example puts it on a `type: current`
# map, which its own rules forbid.
SPEC_VOCABULARY = """
emotion_scale:            # optional; this is the default
  min: -2
  max: 2
  labels: {-2: Very negative, -1: Negative, 0: Neutral, 1: Positive, 2: Very positive}
stages:                   # required, in journey order; phases refer to these ids
  - id: awareness
    name: Awareness
    description: The customer learns that the product exists.
  - consideration
  - purchase
  - retention
  - advocacy
channels:                 # required
  - social-media
  - email
  - {id: live-chat, name: Live chat}
  - phone
  - store
  - website
  - print
devices:                  # optional
  - mobile
  - desktop
  - in-person
departments:              # optional
  - {id: marketing, name: Marketing}
  - {id: ecommerce, name: E-commerce}
  - {id: customer-service, name: Customer Service}
"""

SPEC_PERSONA = """
---
name: Maya, the weekend runner        # required
segment: Millennials                  # optional: the group this persona stands for
summary: Runs 10 km on Saturdays, buys on her phone.
quote: "If a friend I trust wears it, I'll try it."
goals: [Shoes that fit first time, Delivery before race day]
frustrations: [Sizing that differs between brands]
channels: [social-media, live-chat, email]   # preferred channels: vocabulary channel ids
image: images/maya.png                # optional; relative to the persona file, must stay inside journeys/
---
Free Markdown: background, research notes.
"""

SPEC_JOURNEY = """
---
title: Buying running shoes online    # required
persona: maya                         # required: a persona id
type: current                         # current | future | day-in-the-life | blueprint (default current)
status: approved                      # draft | review | approved | archived (default draft)
owner: ecommerce                      # optional: a department id, responsible for the map
reviewed: 2026-09-30                  # optional: date of the last review (YYYY-MM-DD)
scenario: buy-running-shoes           # optional: journeys of several personas on the same scenario are compared
goal: Find shoes that fit and arrive before the race.
scope:
  start: Sees a friend's post about the shoe
  end: Recommends the shoe in a review
tags: [running, online]
phases:                               # required, at least one
  - stage: awareness                  # required: a vocabulary stage id; stages appear in vocabulary order
    name: Hears about the shoe        # optional label; defaults to the stage's name
    steps:                            # required, at least one
      - action: Sees a friend's post about the shoe     # required: what the customer does
        thinking: Would these help my knee?             # optional: what they think
        feeling: Curious                                # optional: the emotion, in words
        emotion: 1                                      # optional: an integer within emotion_scale
        moment_of_truth: false                          # optional
        touchpoints:                                    # optional
          - name: Friend's post on Instagram            # required
            channel: social-media                       # required: a vocabulary channel id
            device: mobile                              # optional: a vocabulary device id
            department: marketing                       # optional: a vocabulary department id that owns it
            contact: indirect                           # direct | indirect (default direct)
        pain_points:                                    # optional: strings
          - No size guide in the post
        opportunities:                                  # optional: strings, or mappings
          - Link posts to a fit finder
          - title: Influencer discount code
            impact: high                                # low | medium | high
            effort: low                                 # low | medium | high
            owner: marketing                            # a department id
        evidence:                                       # optional
          - kind: quote                                 # quote | statistic | observation | analytics
            text: "I only buy what my running club wears."
            source: Interview 4, March 2026
        metrics:                                        # optional
          - {name: Click-through, value: 2.1, unit: "%", target: 3}
        backstage:                                      # optional: what happens out of the customer's sight
          - Marketing schedules the influencer campaign
---
## Hears about the shoe

Free Markdown. A level-2 heading whose text is a phase's name or stage id
attaches the section under it to that phase on the published page.
"""

# A 1x1 transparent PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


def spec_site(root: Path, config: str = FRESH_CONFIG) -> Path:
    """A brand-new site made only of the spec's examples."""
    write(root, {
        "mkdocs.yml": config,
        "journeys/vocabulary.yml": SPEC_VOCABULARY,
        "journeys/personas/maya.md": SPEC_PERSONA,
        "journeys/retail/buy-running-shoes.md": SPEC_JOURNEY,
    })
    (root / "docs").mkdir(exist_ok=True)
    (root / "journeys/personas/images").mkdir(parents=True, exist_ok=True)
    (root / "journeys/personas/images/maya.png").write_bytes(PNG)
    return root

"""Templates of ``journeymaps new``: a journey or a persona that validates, with the optional fields as comments.

The comments list the vocabulary's ids, so a contributor sees the words
there are without opening ``vocabulary.yml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import click

from journeymaps.model.addresses import slugify
from journeymaps.model.types import Term, Vocabulary
from journeymaps.problems import did_you_mean
from journeymaps.source.writer import yaml_scalar as scalar

PLACEHOLDER_ACTION = "Describe what the customer does"


def _ids(terms: Iterable[Term]) -> str:
    return ", ".join(term.id for term in terms) or "(none in the vocabulary yet)"


def _note(line: str, comment: str) -> str:
    """``line`` with a comment lined up at column 40 (or one space after a long line)."""
    return f"{line.ljust(39)} # {comment}"


def default_persona_id(name: str) -> str:
    """``Maya, the weekend runner`` -> ``maya``."""
    return slugify(name.split(",")[0]) or slugify(name)


def journey_file(title: str, persona: str, map_type: str, stages: Sequence[str], vocabulary: Vocabulary) -> str:
    """A new journey: its front matter with one step a phase, and a narrative to write."""
    scale = vocabulary.emotion_scale
    labels = vocabulary.index("stages")
    lines = [
        "---",
        f"title: {scalar(title)}",
        f"persona: {persona}",
        f"type: {map_type}",
        _note("status: draft", "draft | review | approved | archived"),
        _note("# owner: <department>", f"the department responsible: {_ids(vocabulary.departments)}"),
        _note("# reviewed: YYYY-MM-DD", "the date of the last review"),
    ]
    if map_type == "future":
        lines.append(_note("# baseline: <journey id>", "the current-state map this one improves on"))
    lines += [
        "# goal: What the customer wants to achieve.",
        "# scope: {start: Where the journey starts, end: Where it ends}",
        "# tags: [a, few, words]",
        "phases:",
    ]
    for i, stage in enumerate(stages):
        lines += [f"  - stage: {stage}", "    steps:", f"      - action: {PLACEHOLDER_ACTION}"]
        if i == 0:  # the optional fields of a step, once
            lines += [
                "        # thinking: What the customer thinks",
                "        # feeling: The emotion, in words",
                _note("        # emotion: 0", f"a whole number from {scale.min} to {scale.max}"),
                "        # moment_of_truth: true",
                "        # touchpoints:",
                "        #   - name: Where the customer meets us",
                _note("        #     channel: <channel>", _ids(vocabulary.channels)),
                _note("        #     device: <device>", _ids(vocabulary.devices)),
                "        #     department: <department>",
                _note("        #     contact: indirect", "direct (the default) | indirect"),
                "        # pain_points: [What goes wrong]",
                "        # opportunities: [An idea to improve the step]",
                "        # evidence:",
                "        #   - {kind: quote, text: What a customer said, source: Interview 1}",
                _note('        # time: "07:30"', "when the step happens, as text: 07:30, Day 3, Week 2"),
                "        # frontstage: [What staff do in the customer's sight]",
                "        # backstage: [What happens out of the customer's sight]",
                "        # support: [Systems and processes that make it possible]",
            ]
    lines.append("---")
    lines.append("<!-- The story of the journey: research, context, quotes. A '## heading' with a phase's name or "
                 "stage id attaches the text below it to that phase. -->")
    for stage in stages:
        lines += ["", f"## {labels[stage].label}", ""]
    return "\n".join(lines) + "\n"


def persona_file(name: str, channels: Sequence[str], vocabulary: Vocabulary) -> str:
    """A new persona: the name, the preferred channels, the other fields as comments."""
    lines = [
        "---",
        f"name: {scalar(name)}",
        "# segment: The group this persona stands for",
        "# summary: One or two sentences about who they are.",
        "# quote: \"Something they said in research.\"",
        "# goals: [What they want]",
        "# frustrations: [What gets in their way]",
    ]
    if channels:
        lines.append(_note(f"channels: [{', '.join(channels)}]", f"preferred channels: {_ids(vocabulary.channels)}"))
    else:
        lines.append(_note("# channels: [<channel>]", f"preferred channels: {_ids(vocabulary.channels)}"))
    lines += [
        _note("# image: images/<file>.png", "relative to this file; it must stay inside journeys/"),
        "---",
        "<!-- Background and research notes. -->",
    ]
    return "\n".join(lines) + "\n"


#: An example vocabulary, to adapt: what ``journeymaps new vocabulary`` writes (docs/format.md describes every key).
VOCABULARY = """\
# The words every journey map and persona of this folder uses: an example to adapt. Replace its stages,
# channels, devices and departments with your own. Every key is described in the journeymaps documentation,
# "The format" (docs/format.md in its repository).
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


class IdList(click.ParamType):
    """A list of vocabulary ids written with commas or spaces; returned in the vocabulary's order, once each."""

    name = "ids"

    def __init__(self, known: Sequence[str], what: str, ordered: bool = True) -> None:
        self.known = list(known)
        self.what = what
        self.ordered = ordered

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> list[str]:
        """The ids written in ``value`` (a prompt's default may already be a list); an unknown id is an error."""
        if isinstance(value, list):
            return value
        given = [part for part in str(value).replace(",", " ").split() if part]
        for part in given:
            if part not in self.known:
                self.fail(f"unknown {self.what} '{part}'{did_you_mean(part, self.known)}", param, ctx)
        unique = list(dict.fromkeys(given))
        return sorted(unique, key=self.known.index) if self.ordered else unique

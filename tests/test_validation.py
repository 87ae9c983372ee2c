"""Validation of a journeys/ folder, run the way a contributor runs it.

Every test writes a small valid corpus into ``tmp_path`` (see :func:`write_corpus`),
breaks one thing, runs ``journeymaps validate journeys`` from ``tmp_path`` and
compares the exact ``path:line: field: message`` lines and the exit code.

Line numbers in the expected output refer to the templates below; the numbers
in their right-hand comments are file lines.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from journeymaps.cli.main import main
from journeymaps.model.load import load_corpus

BIN = Path(sys.executable).parent

VOCABULARY = """\
stages:
  - awareness
  - consideration
  - purchase
  - retention
channels:
  - social-media
  - email
  - {id: live-chat, name: Live chat}
  - website
devices:
  - mobile
  - desktop
departments:
  - {id: marketing, name: Marketing}
  - {id: ecommerce, name: E-commerce}
"""
# line  1 stages:            6 channels:        11 devices:      14 departments:
#       2..5 the stages      7 social-media     12 mobile        15 marketing
#                            8 email            13 desktop       16 ecommerce
#                            9 live-chat
#                           10 website

PERSONA = """\
---
name: Maya, the weekend runner
segment: Millennials
channels: [social-media, email]
image: images/maya.png
---
Maya runs 10 km on Saturdays and buys on her phone.
"""
# line 2 name, 3 segment, 4 channels, 5 image

JOURNEY = """\
---
title: Buying running shoes
persona: maya
type: current
status: approved
owner: ecommerce
reviewed: 2026-04-14
tags: [running, online]
phases:
  - stage: awareness
    steps:
      - action: Sees a friend's post
        emotion: 1
        touchpoints:
          - name: Friend's post
            channel: social-media
            device: mobile
            department: marketing
        pain_points:
          - No size guide in the post
        opportunities:
          - title: Link posts to a fit finder
            owner: marketing
  - stage: purchase
    steps:
      - action: Pays on the website
        emotion: -1
        touchpoints:
          - name: Checkout
            channel: website
            device: desktop
---
## Sees a friend's post

She taps the post on the bus home.
"""
#  2 title          10 - stage: awareness        24 - stage: purchase
#  3 persona        11 steps:                    25 steps:
#  4 type           12 - action                  26 - action
#  5 status         13 emotion: 1                27 emotion: -1
#  6 owner          14 touchpoints:              28 touchpoints:
#  7 reviewed       15 - name: Friend's post     29 - name: Checkout
#  8 tags           16 channel: social-media     30 channel: website
#  9 phases:        17 device: mobile            31 device: desktop
#                   18 department: marketing
#                   19 pain_points: / 20 item
#                   21 opportunities:
#                   22 - title / 23 owner: marketing

FUTURE = """\
---
title: Buying running shoes in one tap
persona: maya
type: future
baseline: retail/buy-shoes
phases:
  - stage: purchase
    steps:
      - action: Pays in one tap
        emotion: 2
---
"""
# 2 title, 3 persona, 4 type, 5 baseline, 6 phases, 7 stage, 8 steps, 9 action, 10 emotion

BUY = "journeys/retail/buy-shoes.md"
FUT = "journeys/retail/buy-shoes-future.md"
MAYA = "journeys/personas/maya.md"
VOCAB = "journeys/vocabulary.yml"

CLEAN_SUMMARY = "2 journeys and 1 persona are valid\n"


def yaml_says(libyaml: str, pure_python: str) -> str:
    """PyYAML words syntax errors differently with and without libyaml (the package uses libyaml when present)."""
    return libyaml if yaml.__with_libyaml__ else pure_python


# --- helpers ------------------------------------------------------------------------


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def write_corpus(base: Path) -> Path:
    """A small valid journeys folder below ``base``; returns the journeys folder."""
    journeys = base / "journeys"
    write(journeys / "vocabulary.yml", VOCABULARY)
    write(journeys / "personas" / "maya.md", PERSONA)
    write(journeys / "personas" / "images" / "maya.png", b"\x89PNG\r\n\x1a\n")
    write(journeys / "retail" / "buy-shoes.md", JOURNEY)
    write(journeys / "retail" / "buy-shoes-future.md", FUTURE)
    return journeys


def edit(base: Path, rel: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``base/rel`` by ``new``."""
    path = base / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur exactly once in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def summary(lines: list[str]) -> str:
    files = len({line.split(":", 1)[0] for line in lines})
    return f"{len(lines)} problem{'s' * (len(lines) != 1)} in {files} file{'s' * (files != 1)}\n"


class Run:
    """The outcome of one ``journeymaps validate``."""

    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code = code
        self.stdout = stdout
        self.stderr = stderr
        self.lines = stdout.splitlines()

    def assert_problems(self, expected: list[str]) -> None:
        assert self.lines == expected
        assert self.code == 1
        assert self.stderr == summary(expected)

    def assert_clean(self, summary_line: str = CLEAN_SUMMARY) -> None:
        assert self.lines == []
        assert self.code == 0
        assert self.stderr == summary_line


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid corpus in ``tmp_path``, which is also the working directory."""
    write_corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def validate(*args: str) -> Run:
    """``journeymaps validate`` in-process through click, from the current directory."""
    result = CliRunner().invoke(main, ["validate", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def validate_subprocess(cwd: Path, *args: str) -> Run:
    """``journeymaps validate`` as a separate process, as a user types it."""
    done = subprocess.run(
        [str(BIN / "journeymaps"), "validate", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


# --- the valid corpus ---------------------------------------------------------------


def test_valid_corpus_passes(corpus: Path) -> None:
    validate("journeys").assert_clean()


def test_default_folder_is_journeys(corpus: Path) -> None:
    validate().assert_clean()


def test_valid_corpus_passes_in_a_subprocess(corpus: Path) -> None:
    validate_subprocess(corpus, "journeys").assert_clean()


def test_missing_journeys_folder(corpus: Path) -> None:
    validate("nowhere").assert_problems(["nowhere:1: the journeys folder does not exist"])


# --- one broken thing a test --------------------------------------------------------

# (file to edit, old text, new text, expected lines)
RULES = [
    # unknown keys, with the nearest known key
    pytest.param(
        BUY, "        pain_points:\n", "        pain_point:\n",
        [f"{BUY}:19: phases[0].steps[0].pain_point: unknown key 'pain_point'; did you mean 'pain_points'?"],
        id="unknown-key-pain_point",
    ),
    pytest.param(
        BUY, "status: approved\n", "status: approved\nsumary: Buys shoes\n",
        [f"{BUY}:6: sumary: unknown key 'sumary'; expected one of: baseline, goal, owner, persona, phases, "
         "reviewed, scenario, scope, status, tags, title, type"],
        id="unknown-key-no-close-match-lists-the-keys",
    ),
    pytest.param(
        BUY, "            device: desktop\n", "            device: desktop\n            chanel: email\n",
        [f"{BUY}:32: phases[1].steps[0].touchpoints[0].chanel: unknown key 'chanel'; did you mean 'channel'?"],
        id="unknown-key-in-touchpoint",
    ),
    pytest.param(
        MAYA, "segment: Millennials\n", "segmnet: Millennials\n",
        [f"{MAYA}:3: segmnet: unknown key 'segmnet'; did you mean 'segment'?"],
        id="unknown-key-in-persona",
    ),
    pytest.param(
        VOCAB, "departments:\n", "department:\n",
        [f"{VOCAB}:14: department: unknown key 'department'; did you mean 'departments'?"],
        id="unknown-key-in-vocabulary",
    ),
    # every kind of reference, with the nearest known id
    pytest.param(
        BUY, "persona: maya\n", "persona: maia\n",
        [f"{BUY}:3: persona: unknown persona 'maia'; did you mean 'maya'?"],
        id="unknown-persona",
    ),
    pytest.param(
        BUY, "  - stage: awareness\n", "  - stage: awarenes\n",
        [f"{BUY}:10: phases[0].stage: unknown stage 'awarenes'; did you mean 'awareness'?"],
        id="unknown-stage",
    ),
    pytest.param(
        BUY, "channel: website\n", "channel: webiste\n",
        [f"{BUY}:30: phases[1].steps[0].touchpoints[0].channel: unknown channel 'webiste'; did you mean 'website'?"],
        id="unknown-channel",
    ),
    pytest.param(
        BUY, "device: mobile\n", "device: mobil\n",
        [f"{BUY}:17: phases[0].steps[0].touchpoints[0].device: unknown device 'mobil'; did you mean 'mobile'?"],
        id="unknown-device",
    ),
    pytest.param(
        BUY, "department: marketing\n", "department: marketting\n",
        [f"{BUY}:18: phases[0].steps[0].touchpoints[0].department: unknown department 'marketting'; "
         "did you mean 'marketing'?"],
        id="unknown-touchpoint-department",
    ),
    pytest.param(
        BUY, "owner: ecommerce\n", "owner: ecomerce\n",
        [f"{BUY}:6: owner: unknown department 'ecomerce'; did you mean 'ecommerce'?"],
        id="unknown-journey-owner",
    ),
    pytest.param(
        BUY, "            owner: marketing\n", "            owner: sales\n",
        [f"{BUY}:23: phases[0].steps[0].opportunities[0].owner: unknown department 'sales'; "
         "expected one of: ecommerce, marketing"],
        id="unknown-opportunity-owner",
    ),
    pytest.param(
        FUT, "baseline: retail/buy-shoes\n", "baseline: retail/buy-shoe\n",
        [f"{FUT}:5: baseline: unknown journey 'retail/buy-shoe'; did you mean 'retail/buy-shoes'?"],
        id="unknown-baseline",
    ),
    pytest.param(
        MAYA, "channels: [social-media, email]\n", "channels: [social-media, e-mail]\n",
        [f"{MAYA}:4: channels[1]: unknown channel 'e-mail'; did you mean 'email'?"],
        id="unknown-persona-channel",
    ),
    pytest.param(
        VOCAB, "devices:\n  - mobile\n  - desktop\n", "",
        [f"{BUY}:17: phases[0].steps[0].touchpoints[0].device: unknown device 'mobile': "
         "the vocabulary lists no devices; add it there",
         f"{BUY}:31: phases[1].steps[0].touchpoints[0].device: unknown device 'desktop': "
         "the vocabulary lists no devices; add it there"],
        id="device-when-the-vocabulary-has-no-devices",
    ),
    # emotion
    pytest.param(
        BUY, "emotion: 1\n", "emotion: 3\n",
        [f"{BUY}:13: phases[0].steps[0].emotion: 3 is outside the emotion scale -2..2"],
        id="emotion-above-the-scale",
    ),
    pytest.param(
        BUY, "emotion: -1\n", "emotion: -3\n",
        [f"{BUY}:27: phases[1].steps[0].emotion: -3 is outside the emotion scale -2..2"],
        id="emotion-below-the-scale",
    ),
    pytest.param(
        BUY, "emotion: 1\n", "emotion: 1.5\n",
        [f"{BUY}:13: phases[0].steps[0].emotion: expected a whole number, got a number (1.5)"],
        id="emotion-not-an-integer",
    ),
    pytest.param(
        BUY, "emotion: 1\n", 'emotion: "1"\n',
        [f"{BUY}:13: phases[0].steps[0].emotion: expected a whole number, got the text '1'"],
        id="emotion-quoted",
    ),
    pytest.param(
        BUY, "emotion: 1\n", "emotion: true\n",
        [f"{BUY}:13: phases[0].steps[0].emotion: expected a whole number, got true/false (true)"],
        id="emotion-boolean",
    ),
    pytest.param(
        VOCAB, "stages:\n", "emotion_scale: {min: 1, max: 5}\nstages:\n",
        [f"{BUY}:27: phases[1].steps[0].emotion: -1 is outside the emotion scale 1..5"],
        id="emotion-outside-a-custom-scale",
    ),
    pytest.param(
        VOCAB, "stages:\n", "emotion_scale: {min: 2, max: -2}\nstages:\n",
        [f"{VOCAB}:1: emotion_scale: min (2) must be below max (-2)"],
        id="emotion-scale-upside-down",
    ),
    # reviewed
    pytest.param(
        BUY, "reviewed: 2026-04-14\n", "reviewed: 2026-02-30\n",
        [f"{BUY}:7: reviewed: 2026-02-30 is not a real date (day is out of range for month)"],
        id="reviewed-impossible-date",
    ),
    pytest.param(
        BUY, "reviewed: 2026-04-14\n", "reviewed: 14/04/2026\n",
        [f"{BUY}:7: reviewed: expected a date written YYYY-MM-DD, got '14/04/2026'"],
        id="reviewed-day-first",
    ),
    pytest.param(
        BUY, "reviewed: 2026-04-14\n", "reviewed: 2026-4-14\n",
        [f"{BUY}:7: reviewed: expected a date written YYYY-MM-DD, got '2026-4-14'"],
        id="reviewed-without-leading-zero",
    ),
    pytest.param(
        BUY, "reviewed: 2026-04-14\n", "reviewed: 20260414\n",
        [f"{BUY}:7: reviewed: expected a date written YYYY-MM-DD, got 20260414"],
        id="reviewed-a-number",
    ),
    # duplicate keys
    pytest.param(
        BUY, "persona: maya\n", "persona: maya\ntitle: Buying shoes again\n",
        [f"{BUY}:4: title: duplicate key 'title' (first on line 2); keep one"],
        id="duplicate-top-level-key",
    ),
    pytest.param(
        BUY, "            device: desktop\n", "            device: desktop\n            channel: email\n",
        [f"{BUY}:32: phases[1].steps[0].touchpoints[0].channel: duplicate key 'channel' (first on line 30); keep one"],
        id="duplicate-nested-key",
    ),
    # wrong types
    pytest.param(
        BUY, "title: Buying running shoes\n", "title: 42\n",
        [f"{BUY}:2: title: expected text, got a number (42) (put it in quotes to make it text)"],
        id="number-for-text",
    ),
    pytest.param(
        BUY, "tags: [running, online]\n", "tags: [running, 2026]\n",
        [f"{BUY}:8: tags[1]: expected text, got a number (2026) (put it in quotes to make it text)"],
        id="number-in-a-list-of-text",
    ),
    pytest.param(
        BUY, "title: Buying running shoes\n", "title: true\n",
        [f"{BUY}:2: title: expected text, got true/false (true) (put it in quotes to make it text)"],
        id="boolean-for-text",
    ),
    pytest.param(
        BUY, "tags: [running, online]\n", "tags: [running, online]\nscope: [sees a post, buys]\n",
        [f"{BUY}:9: scope: expected a mapping of keys and values, got a list"],
        id="list-for-mapping",
    ),
    pytest.param(
        BUY, "          - name: Checkout\n            channel: website\n            device: desktop\n",
        "          - [Checkout, website, desktop]\n",
        [f"{BUY}:29: phases[1].steps[0].touchpoints[0]: expected a mapping of keys and values, got a list"],
        id="list-for-touchpoint",
    ),
    pytest.param(
        BUY, "tags: [running, online]\n", "tags: {running: yes}\n",
        [f"{BUY}:8: tags: expected a list, got a mapping"],
        id="mapping-for-list",
    ),
    pytest.param(
        MAYA, "segment: Millennials\n", "segment: Millennials\ngoals: Shoes that fit\n",
        [f"{MAYA}:4: goals: expected a list, got the text 'Shoes that fit'"],
        id="text-for-list",
    ),
    pytest.param(
        BUY, "        emotion: -1\n", "        emotion: -1\n        moment_of_truth: maybe\n",
        [f"{BUY}:28: phases[1].steps[0].moment_of_truth: expected true or false, got the text 'maybe'"],
        id="text-for-boolean",
    ),
    # the step keys of format 1.1: time is text, frontstage and support are lists of text
    pytest.param(
        BUY, "        emotion: 1\n", "        emotion: 1\n        time: 7.5\n",
        [f"{BUY}:14: phases[0].steps[0].time: expected text, got a number (7.5) (put it in quotes to make it text)"],
        id="time-a-number",
    ),
    pytest.param(
        BUY, "        emotion: 1\n", "        emotion: 1\n        time: 0730\n",
        [f"{BUY}:14: phases[0].steps[0].time: expected text, got a number (730) (put it in quotes to make it text)"],
        id="time-digits-only",
    ),
    pytest.param(
        BUY, "        emotion: 1\n", "        emotion: 1\n        time: [07:30, 08:00]\n",
        [f"{BUY}:14: phases[0].steps[0].time: expected text, got a list"],
        id="time-a-list",
    ),
    pytest.param(
        BUY, "        emotion: 1\n", "        emotion: 1\n        time: {start: 07:30}\n",
        [f"{BUY}:14: phases[0].steps[0].time: expected text, got a mapping"],
        id="time-a-mapping",
    ),
    pytest.param(
        BUY, "        emotion: 1\n", "        emotion: 1\n        time: ' '\n",
        [f"{BUY}:14: phases[0].steps[0].time: must not be empty"],
        id="time-blank",
    ),
    pytest.param(
        BUY, "        emotion: 1\n", "        emotion: 1\n        frontstage: text\n",
        [f"{BUY}:14: phases[0].steps[0].frontstage: expected a list, got the text 'text'"],
        id="frontstage-text",
    ),
    pytest.param(
        BUY, "        emotion: 1\n", "        emotion: 1\n        frontstage: [Staff answer the comments, 12]\n",
        [f"{BUY}:14: phases[0].steps[0].frontstage[1]: expected text, got a number (12) "
         "(put it in quotes to make it text)"],
        id="frontstage-number-item",
    ),
    pytest.param(
        BUY, "        emotion: 1\n", "        emotion: 1\n        support: {tool: CRM}\n",
        [f"{BUY}:14: phases[0].steps[0].support: expected a list, got a mapping"],
        id="support-mapping",
    ),
    pytest.param(
        BUY, "        emotion: 1\n", "        emotion: 1\n        support:\n          - CRM\n          - true\n",
        [f"{BUY}:16: phases[0].steps[0].support[1]: expected text, got true/false (true) "
         "(put it in quotes to make it text)"],
        id="support-boolean-item",
    ),
    pytest.param(
        BUY, "        emotion: 1\n", "        emotion: 1\n        support: 7.5\n",
        [f"{BUY}:14: phases[0].steps[0].support: expected a list, got a number (7.5)"],
        id="support-a-number",
    ),
    pytest.param(
        BUY, "        emotion: 1\n", "        emotion: 1\n        suport: [CRM]\n",
        [f"{BUY}:14: phases[0].steps[0].suport: unknown key 'suport'; did you mean 'support'?"],
        id="unknown-key-suport",
    ),
    pytest.param(
        BUY, "        emotion: 1\n", "        emotion: 1\n        xyz: [Ask the team]\n",
        [f"{BUY}:14: phases[0].steps[0].xyz: unknown key 'xyz'; expected one of: action, backstage, emotion, "
         "evidence, feeling, frontstage, metrics, moment_of_truth, opportunities, pain_points, support, thinking, "
         "time, touchpoints"],
        id="unknown-step-key-lists-all-14",
    ),
    pytest.param(
        BUY, "        emotion: 1\n", "        emotion: 1\n        front_stage: [Staff answer]\n",
        [f"{BUY}:14: phases[0].steps[0].front_stage: unknown key 'front_stage'; did you mean 'frontstage'?"],
        id="unknown-key-front_stage",
    ),
    pytest.param(
        BUY, "        emotion: 1\n", "        emotion: 1\n        time: '07:30'\n        time: '08:00'\n",
        [f"{BUY}:15: phases[0].steps[0].time: duplicate key 'time' (first on line 14); keep one"],
        id="duplicate-time",
    ),
    pytest.param(
        BUY, "type: current\n", "type: futur\n",
        [f"{BUY}:4: type: expected one of current, future, day-in-the-life, blueprint; got the text 'futur'; "
         "did you mean 'future'?"],
        id="map-type-misspelt",
    ),
    pytest.param(
        BUY, "          - name: Checkout\n", "          - name: Checkout\n            contact: indirectly\n",
        [f"{BUY}:30: phases[1].steps[0].touchpoints[0].contact: expected one of direct, indirect; "
         "got the text 'indirectly'; did you mean 'indirect'?"],
        id="contact-misspelt",
    ),
    # baseline
    pytest.param(
        BUY, "type: current\n", "type: current\nbaseline: retail/buy-shoes-future\n",
        [f"{BUY}:5: baseline: baseline is allowed on future maps only; this map's type is 'current'"],
        id="baseline-on-a-current-map",
    ),
    pytest.param(  # one line, not a second one for the unknown journey ''
        FUT, "baseline: retail/buy-shoes\n", 'baseline: ""\n',
        [f"{FUT}:5: baseline: must not be empty"],
        id="baseline-empty-text",
    ),
    pytest.param(
        BUY, "channel: website\n", "channel: ' '\n",
        [f"{BUY}:30: phases[1].steps[0].touchpoints[0].channel: must not be empty"],
        id="channel-blank-text",
    ),
    pytest.param(
        FUT, "type: future\n", "type:\n",
        [f"{FUT}:5: baseline: baseline is allowed on future maps only; this map's type is 'current'"],
        id="baseline-on-a-map-whose-type-is-empty",
    ),
    pytest.param(
        FUT, "baseline: retail/buy-shoes\n", "baseline: retail/buy-shoes-future\n",
        [f"{FUT}:5: baseline: a map cannot be its own baseline; name the current-state map it improves on"],
        id="baseline-is-itself",
    ),
    pytest.param(
        BUY, "type: current\n", "type: future\n",
        [f"{FUT}:5: baseline: 'retail/buy-shoes' is a future map too; a baseline must be a map of another type"],
        id="baseline-is-another-future-map",
    ),
    # phases and stages
    pytest.param(
        BUY, "  - stage: awareness\n", "  - stage: retention\n",
        [f"{BUY}:24: phases[1].stage: stage 'purchase' is out of order; phases follow the vocabulary's stages: "
         "awareness, consideration, purchase, retention"],
        id="stages-out-of-order",
    ),
    pytest.param(
        BUY, "  - stage: purchase\n", "  - stage: awareness\n",
        [f"{BUY}:24: phases[1].stage: stage 'awareness' already has a phase (line 10); "
         "a stage may appear once per journey"],
        id="duplicate-stage",
    ),
    pytest.param(
        FUT, "phases:\n  - stage: purchase\n    steps:\n      - action: Pays in one tap\n        emotion: 2\n", "",
        [f"{FUT}:2: phases: 'phases' is required"],
        id="phases-missing",
    ),
    pytest.param(
        FUT, "phases:\n  - stage: purchase\n    steps:\n      - action: Pays in one tap\n        emotion: 2\n",
        "phases: []\n",
        [f"{FUT}:6: phases: needs at least one entry"],
        id="phases-empty",
    ),
    pytest.param(
        FUT, "    steps:\n      - action: Pays in one tap\n        emotion: 2\n", "    steps: []\n",
        [f"{FUT}:8: phases[0].steps: needs at least one entry"],
        id="steps-empty",
    ),
    pytest.param(
        FUT, "    steps:\n      - action: Pays in one tap\n        emotion: 2\n", "    steps:\n",
        [f"{FUT}:8: phases[0].steps: expected a list, got nothing (an empty value)"],
        id="steps-without-value",
    ),
    # required fields
    pytest.param(
        BUY, "title: Buying running shoes\n", "",
        [f"{BUY}:2: title: 'title' is required"],
        id="title-missing",
    ),
    pytest.param(
        BUY, "title: Buying running shoes\n", "title:\n",
        [f"{BUY}:2: title: expected text, got nothing (an empty value)"],
        id="title-empty",
    ),
    pytest.param(
        BUY, "title: Buying running shoes\n", 'title: "  "\n',
        [f"{BUY}:2: title: must not be empty"],
        id="title-blank",
    ),
    pytest.param(
        BUY, "persona: maya\n", "",
        [f"{BUY}:2: persona: 'persona' is required"],
        id="persona-missing",
    ),
    pytest.param(  # an empty value is a value left out, and a required field stays required
        BUY, "persona: maya\n", "persona:\n",
        [f"{BUY}:3: persona: expected text, got nothing (an empty value)"],
        id="persona-empty",
    ),
    pytest.param(
        BUY, "            channel: website\n", "            channel:\n",
        [f"{BUY}:30: phases[1].steps[0].touchpoints[0].channel: expected text, got nothing (an empty value)"],
        id="touchpoint-channel-empty",
    ),
    pytest.param(
        VOCAB, "channels:\n  - social-media\n  - email\n  - {id: live-chat, name: Live chat}\n  - website\n",
        "channels:\n",
        [f"{VOCAB}:6: channels: expected a list, got nothing (an empty value)"],
        id="vocabulary-channels-empty",
    ),
    pytest.param(
        BUY, "status: approved\n", "status: approved\nstatuss:\n",
        [f"{BUY}:6: statuss: unknown key 'statuss'; did you mean 'status'?"],
        id="empty-unknown-key",
    ),
    pytest.param(
        BUY, "      - action: Pays on the website\n        emotion: -1\n", "      - emotion: -1\n",
        [f"{BUY}:26: phases[1].steps[0].action: 'action' is required"],
        id="action-missing",
    ),
    pytest.param(
        BUY, "          - name: Checkout\n            channel: website\n", "          - channel: website\n",
        [f"{BUY}:29: phases[1].steps[0].touchpoints[0].name: 'name' is required"],
        id="touchpoint-name-missing",
    ),
    pytest.param(
        BUY, "            channel: website\n", "",
        [f"{BUY}:29: phases[1].steps[0].touchpoints[0].channel: 'channel' is required"],
        id="touchpoint-channel-missing",
    ),
    pytest.param(
        MAYA, "name: Maya, the weekend runner\n", "",
        [f"{MAYA}:2: name: 'name' is required"],
        id="persona-name-missing",
    ),
    pytest.param(
        BUY, "          - title: Link posts to a fit finder\n            owner: marketing\n",
        "          - owner: marketing\n",
        [f"{BUY}:22: phases[0].steps[0].opportunities[0].title: 'title' is required"],
        id="opportunity-title-missing",
    ),
    # persona image
    pytest.param(
        MAYA, "image: images/maya.png\n", "image: ../../x.png\n",
        [f"{MAYA}:5: image: the image '../../x.png' must stay inside the journeys folder"],
        id="image-leaves-the-journeys-folder",
    ),
    pytest.param(
        MAYA, "image: images/maya.png\n", "image: /etc/hostname\n",
        [f"{MAYA}:5: image: the image '/etc/hostname' must stay inside the journeys folder"],
        id="image-absolute",
    ),
    pytest.param(
        MAYA, "image: images/maya.png\n", "image: images/maia.png\n",
        [f"{MAYA}:5: image: the image 'images/maia.png' does not exist (relative to this file)"],
        id="image-missing",
    ),
    pytest.param(
        MAYA, "image: images/maya.png\n", "image: ../retail/buy-shoes.md\n",
        [f"{MAYA}:5: image: '../retail/buy-shoes.md' is not an image file: use a .png, .jpg, .jpeg, .gif, .svg, "
         ".webp or .avif file"],
        id="image-not-an-image",
    ),
    pytest.param(
        MAYA, "image: images/maya.png\n", "image: images/maya.pdf\n",
        [f"{MAYA}:5: image: 'images/maya.pdf' is not an image file: use a .png, .jpg, .jpeg, .gif, .svg, "
         ".webp or .avif file"],
        id="image-missing-and-not-an-image",
    ),
    pytest.param(
        MAYA, "image: images/maya.png\n", "image: images\n",
        [f"{MAYA}:5: image: 'images' is not an image file: use a .png, .jpg, .jpeg, .gif, .svg, .webp or .avif file"],
        id="image-is-a-folder",
    ),
    # touchpoint addresses
    pytest.param(
        BUY, "            device: desktop\n", "            device: desktop\n          - name: checkout!\n"
        "            channel: email\n",
        [f"{BUY}:32: phases[1].steps[0].touchpoints[1].name: 'checkout!' has the same address as 'Checkout' "
         "in this step; give touchpoints of one step different names"],
        id="touchpoints-with-the-same-address",
    ),
    # vocabulary
    pytest.param(
        VOCAB, "  - website\n", "  - website\n  - email\n",
        [f"{VOCAB}:11: channels[4]: 'email' is listed twice (first as entry 2); ids must be unique"],
        id="vocabulary-duplicate-id",
    ),
    pytest.param(
        VOCAB, "  - website\n", "  - Web Site\n",
        [f"{VOCAB}:10: channels[3]: 'Web Site' is not a valid id: use lower-case letters, digits, '-' and '_', "
         "starting with a letter or digit"],
        id="vocabulary-invalid-id",
    ),
    pytest.param(
        VOCAB, "stages:\n  - awareness\n  - consideration\n  - purchase\n  - retention\n", "",
        [f"{VOCAB}:1: stages: 'stages' is required"],
        id="vocabulary-without-stages",
    ),
    # YAML
    pytest.param(
        BUY, "title: Buying running shoes\n", "title: Buying: running shoes\n",
        [f"{BUY}:2: this is not valid YAML: "
         + yaml_says("mapping values are not allowed in this context", "mapping values are not allowed here")],
        id="yaml-syntax-error",
    ),
    pytest.param(
        BUY, "            device: mobile\n", "           device: mobile\n",
        [f"{BUY}:17: this is not valid YAML: while parsing a block collection that starts on line 15, "
         + yaml_says("did not find expected '-' indicator", "expected <block end>, but found '<block mapping start>'")],
        id="yaml-bad-indentation",
    ),
    pytest.param(
        BUY, "title: Buying running shoes\n", "title: !!python/object/apply:os.system [echo hacked]\n",
        [f"{BUY}:2: title: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; "
         "write plain values"],
        id="python-tag-refused",
    ),
    pytest.param(
        BUY, "title: Buying running shoes\n", "title: !include title.txt\n",
        [f"{BUY}:2: title: the YAML tag '!include' is not allowed; write plain values"],
        id="custom-tag-refused",
    ),
]


@pytest.mark.parametrize(("rel", "old", "new", "expected"), RULES)
def test_rule(corpus: Path, rel: str, old: str, new: str, expected: list[str]) -> None:
    edit(corpus, rel, old, new)
    validate("journeys").assert_problems(expected)


MORE_CHANNELS = "".join(f"  - {c}\n" for c in ("print", "phone", "store", "sms", "letter", "kiosk", "fax", "radio",
                                                 "billboard", "podcast"))


def test_an_unknown_id_among_many_says_where_they_are_listed(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(corpus, VOCAB, "  - website\n", "  - website\n" + MORE_CHANNELS)
    edit(corpus, BUY, "channel: website\n", "channel: tv\n")
    for n in range(13):
        write(corpus / f"journeys/personas/p{n:02}.md", "---\nname: Someone\n---\n")
    edit(corpus, FUT, "persona: maya\n", "persona: zz\n")
    edit(corpus, FUT, "baseline: retail/buy-shoes\n", "baseline: zz\n")
    for n in range(11):
        write(corpus / f"journeys/more/m{n:02}.md", JOURNEY)
    validate("journeys").assert_problems([
        f"{FUT}:3: persona: unknown persona 'zz'; see the 14 personas in journeys/personas/",
        f"{FUT}:5: baseline: unknown journey 'zz'; see the 13 maps in journeys/",
        f"{BUY}:30: phases[1].steps[0].touchpoints[0].channel: unknown channel 'tv'; "
        "see the 14 channels in journeys/vocabulary.yml",
    ])
    monkeypatch.chdir(corpus / "journeys")  # paths are shown from the journeys folder
    assert validate(".").lines[1:] == [
        "retail/buy-shoes-future.md:5: baseline: unknown journey 'zz'; see the 13 maps in the journeys folder",
        "retail/buy-shoes.md:30: phases[1].steps[0].touchpoints[0].channel: unknown channel 'tv'; "
        "see the 14 channels in vocabulary.yml",
    ]


def test_python_object_is_never_built(corpus: Path) -> None:
    marker = corpus / "hacked"
    edit(corpus, BUY, "title: Buying running shoes\n",
         f"title: !!python/object/apply:os.system [touch {marker}]\n")
    run = validate("journeys")
    assert run.code == 1
    assert not marker.exists()


def test_files_with_problems_are_left_out_of_the_corpus(corpus: Path) -> None:
    edit(corpus, BUY, "channel: website\n", "channel: webiste\n")
    loaded = load_corpus(corpus / "journeys")
    assert sorted(loaded.journeys) == ["retail/buy-shoes-future"]
    assert sorted(loaded.personas) == ["maya"]


def test_unknown_key_and_reference_errors_of_one_file_come_together(corpus: Path) -> None:
    edit(corpus, BUY, "        pain_points:\n", "        pain_point:\n")
    edit(corpus, BUY, "channel: website\n", "channel: webiste\n")
    validate("journeys").assert_problems([
        f"{BUY}:19: phases[0].steps[0].pain_point: unknown key 'pain_point'; did you mean 'pain_points'?",
        f"{BUY}:30: phases[1].steps[0].touchpoints[0].channel: unknown channel 'webiste'; did you mean 'website'?",
    ])


def test_a_duplicate_key_does_not_hide_the_other_problems_of_the_file(corpus: Path) -> None:
    edit(corpus, BUY, "persona: maya\n", "persona: maya\ntitle: Buying shoes again\n")
    edit(corpus, BUY, "        pain_points:\n", "        pain_point:\n")
    edit(corpus, BUY, "channel: website\n", "channel: webiste\n            channel: website\n")
    validate("journeys").assert_problems([
        f"{BUY}:4: title: duplicate key 'title' (first on line 2); keep one",
        f"{BUY}:20: phases[0].steps[0].pain_point: unknown key 'pain_point'; did you mean 'pain_points'?",
        f"{BUY}:31: phases[1].steps[0].touchpoints[0].channel: unknown channel 'webiste'; did you mean 'website'?",
        f"{BUY}:32: phases[1].steps[0].touchpoints[0].channel: duplicate key 'channel' (first on line 31); keep one",
    ])


def test_a_key_written_three_times_on_one_line_gives_one_line(corpus: Path) -> None:
    edit(corpus, BUY, "tags: [running, online]\n", "tags: [running, online]\nscope: {end: a, end: b, end: c}\n")
    loaded = load_corpus(corpus / "journeys", display_base=corpus)
    assert [p.format() for p in loaded.problems] == [
        f"{BUY}:9: scope.end: duplicate key 'end' (first on line 9); keep one"]


def test_a_map_whose_only_problem_is_a_duplicate_key_is_left_out(corpus: Path) -> None:
    edit(corpus, BUY, "persona: maya\n", "persona: maya\npersona: maya\n")
    loaded = load_corpus(corpus / "journeys")
    assert [p.message for p in loaded.problems] == ["duplicate key 'persona' (first on line 3); keep one"]
    assert sorted(loaded.journeys) == ["retail/buy-shoes-future"]


def test_a_duplicate_key_in_the_vocabulary_does_not_hide_its_other_problems(corpus: Path) -> None:
    edit(corpus, VOCAB, "  - website\n", "  - website\n  - email\nchannels: [fax]\n")
    validate("journeys").assert_problems([
        f"{VOCAB}:11: channels[4]: 'email' is listed twice (first as entry 2); ids must be unique",
        f"{VOCAB}:12: channels: duplicate key 'channels' (first on line 6); keep one",
    ])
    loaded = load_corpus(corpus / "journeys")
    assert (loaded.vocabulary, loaded.journeys, loaded.personas) == (None, {}, {})


FULL = """\
---
title: Buying running shoes online
persona: maya
type: current
status: review
owner: ecommerce
reviewed: 2026-09-30
scenario: buy-running-shoes
goal: Find shoes that fit and arrive before the race.
scope:
  start: Sees a friend's post about the shoe
  end: Recommends the shoe in a review
tags: [running, online]
phases:
  - stage: awareness
    name: Hears about the shoe
    steps:
      - action: Sees a friend's post about the shoe
        thinking: Would these help my knee?
        feeling: Curious
        emotion: 1
        moment_of_truth: false
        touchpoints:
          - name: Friend's post on Instagram
            channel: social-media
            device: mobile
            department: marketing
            contact: indirect
        pain_points:
          - No size guide in the post
        opportunities:
          - Link posts to a fit finder
          - title: Influencer discount code
            impact: high
            effort: low
            owner: marketing
        evidence:
          - kind: quote
            text: "I only buy what my running club wears."
            source: Interview 4, March 2026
        metrics:
          - {name: Click-through, value: 2.1, unit: "%", target: 3}
        time: "07:30"
        frontstage:
          - Store staff answer comments on the post
        backstage:
          - Marketing schedules the influencer campaign
        support:
          - Campaign scheduling tool
---
## Hears about the shoe

Free Markdown.
"""


def test_every_field_of_the_spec_example_is_accepted(corpus: Path) -> None:
    # the journey example of the format spec (1.1), without its 'baseline' line (allowed on future maps only)
    write(corpus / "journeys/retail/full.md", FULL)
    validate("journeys").assert_clean("3 journeys and 1 persona are valid\n")
    step = load_corpus(corpus / "journeys").journeys["retail/full"].journey.phases[0].steps[0]
    assert (step.time, step.frontstage, step.backstage, step.support) == (
        "07:30", ["Store staff answer comments on the post"], ["Marketing schedules the influencer campaign"],
        ["Campaign scheduling tool"])


def test_a_version_1_map_has_no_time_and_empty_lanes(corpus: Path) -> None:
    step = load_corpus(corpus / "journeys").journeys["retail/buy-shoes"].journey.phases[0].steps[0]
    assert (step.time, step.frontstage, step.support) == (None, [], [])


# --- values that YAML 1.1 would have turned into something else --------------------


@pytest.mark.parametrize(
    ("old", "new", "read", "expected"),
    [
        ("title: Buying running shoes\n", "title: no\n", lambda j: j.title, "no"),
        ("title: Buying running shoes\n", "title: off\n", lambda j: j.title, "off"),
        ("title: Buying running shoes\n", "title: 2026-09-30\n", lambda j: j.title, "2026-09-30"),
        ("      - action: Sees a friend's post\n", "      - action: no\n",
         lambda j: j.phases[0].steps[0].action, "no"),
        ("          - No size guide in the post\n", "          - no\n",
         lambda j: j.phases[0].steps[0].pain_points[0], "no"),
        ("tags: [running, online]\n", "tags: [running, no]\n", lambda j: j.tags, ["running", "no"]),
        ("status: approved\n", "status: approved\ngoal: yes\n", lambda j: j.goal, "yes"),
        # a time is text as written: never minutes (YAML 1.1 read 7:30 as 450), a date or a boolean
        ("        emotion: 1\n", "        emotion: 1\n        time: 07:30\n", lambda j: j.phases[0].steps[0].time,
         "07:30"),
        ("        emotion: 1\n", "        emotion: 1\n        time: 7:30\n", lambda j: j.phases[0].steps[0].time,
         "7:30"),
        ("        emotion: 1\n", "        emotion: 1\n        time: 12:30:15\n",
         lambda j: j.phases[0].steps[0].time, "12:30:15"),
        ("        emotion: 1\n", "        emotion: 1\n        time: 2026-03-01\n",
         lambda j: j.phases[0].steps[0].time, "2026-03-01"),
        ("        emotion: 1\n", "        emotion: 1\n        time: Lunch break\n",
         lambda j: j.phases[0].steps[0].time, "Lunch break"),
        ("        emotion: 1\n", "        emotion: 1\n        time: no\n", lambda j: j.phases[0].steps[0].time,
         "no"),
        ("        emotion: 1\n", "        emotion: 1\n        frontstage: [no, 09:00]\n        support: [off]\n",
         lambda j: (j.phases[0].steps[0].frontstage, j.phases[0].steps[0].support), (["no", "09:00"], ["off"])),
    ],
    ids=["title-no", "title-off", "title-date", "action-no", "pain-point-no", "tag-no", "goal-yes",
         "time-07:30", "time-7:30", "time-seconds", "time-date", "time-words", "time-no", "lanes-no-and-clock"],
)
def test_yes_no_words_and_dates_in_text_fields_stay_text(corpus: Path, old: str, new: str, read, expected) -> None:
    edit(corpus, BUY, old, new)
    validate("journeys").assert_clean()
    journey = load_corpus(corpus / "journeys").journeys["retail/buy-shoes"].journey
    assert read(journey) == expected


@pytest.mark.parametrize(("word", "value"), [("yes", True), ("no", False), ("true", True), ("false", False)])
def test_moment_of_truth_accepts_yes_and_no(corpus: Path, word: str, value: bool) -> None:
    edit(corpus, BUY, "        emotion: 1\n", f"        emotion: 1\n        moment_of_truth: {word}\n")
    validate("journeys").assert_clean()
    journey = load_corpus(corpus / "journeys").journeys["retail/buy-shoes"].journey
    assert journey.phases[0].steps[0].moment_of_truth is value


def test_quoted_date_and_spec_example_values_are_valid(corpus: Path) -> None:
    edit(corpus, BUY, "reviewed: 2026-04-14\n", 'reviewed: "2026-09-30"\nscenario: buy-running-shoes\n')
    validate("journeys").assert_clean()
    journey = load_corpus(corpus / "journeys").journeys["retail/buy-shoes"].journey
    assert str(journey.reviewed) == "2026-09-30"


# --- touchpoint addresses across the whole journey ---------------------------------

ANOTHER_STEP = """\
      - action: Calls the shop
        touchpoints:
          - name: 1 Hotline
            channel: email
  - stage: purchase-2
    steps:
      - action: Calls again
        touchpoints:
          - name: Hotline
            channel: email
"""


def test_touchpoint_addresses_must_differ_across_stages(corpus: Path) -> None:
    # 'purchase' + step 2 + '1 Hotline' and 'purchase-2' + step 1 + 'Hotline' both make 'purchase-2-1-hotline'
    edit(corpus, VOCAB, "  - purchase\n", "  - purchase\n  - purchase-2\n")
    edit(corpus, BUY, "            device: desktop\n", "            device: desktop\n" + ANOTHER_STEP)
    validate("journeys").assert_problems([
        f"{BUY}:40: phases[2].steps[0].touchpoints[0].name: 'Hotline' has the same address ('purchase-2-1-hotline') "
        "as '1 Hotline' in step 2 of stage 'purchase' (line 34); give the touchpoints different names",
    ])


def test_a_touchpoint_address_must_differ_from_the_steps(corpus: Path) -> None:
    # '1' in step 2 of 'purchase' would take 'purchase-2-1', the address of step 1 of 'purchase-2'
    edit(corpus, VOCAB, "  - purchase\n", "  - purchase\n  - purchase-2\n")
    edit(corpus, BUY, "            device: desktop\n",
         "            device: desktop\n" + ANOTHER_STEP.replace("1 Hotline", "'1'").replace("Hotline", "Shop hotline"))
    validate("journeys").assert_problems([
        f"{BUY}:34: phases[1].steps[1].touchpoints[0].name: '1' gets the address 'purchase-2-1', which is the "
        "address of step 1 of stage 'purchase-2'; give the touchpoint another name",
    ])


def test_names_without_letters_share_the_address_touchpoint(corpus: Path) -> None:
    edit(corpus, BUY, "            device: desktop\n",
         "            device: desktop\n          - name: '???'\n            channel: email\n"
         "          - name: Touchpoint\n            channel: email\n")
    validate("journeys").assert_problems([
        f"{BUY}:34: phases[1].steps[0].touchpoints[2].name: 'Touchpoint' has the same address as '???' in this step; "
        "give touchpoints of one step different names",
    ])


# --- an empty value is a value left out -------------------------------------------


def _journey(loaded, ident: str = "retail/buy-shoes"):
    return loaded.journeys[ident].journey


def _step(loaded, phase: int = 0):
    return _journey(loaded).phases[phase].steps[0]


@pytest.mark.parametrize(
    ("rel", "old", "new", "read", "expected"),
    [
        pytest.param(BUY, "type: current\n", "type:\n", lambda c: _journey(c).type, "current", id="type"),
        pytest.param(BUY, "status: approved\n", "status:\n", lambda c: _journey(c).status, "draft", id="status"),
        pytest.param(BUY, "owner: ecommerce\nreviewed: 2026-04-14\ntags: [running, online]\n",
                     "owner:\nreviewed:\ntags:\nscenario:\nbaseline:\ngoal:\nscope:\n",
                     lambda c: [getattr(_journey(c), f) for f in ("owner", "reviewed", "tags", "scenario", "baseline",
                                                                   "goal", "scope")],
                     [None, None, [], None, None, None, None], id="journey-fields"),
        pytest.param(FUT, "baseline: retail/buy-shoes\n", "baseline:\n",
                     lambda c: _journey(c, "retail/buy-shoes-future").baseline, None, id="baseline"),
        pytest.param(BUY, "tags: [running, online]\n", "tags: [running, online]\nscope: {start: , end: }\n",
                     lambda c: (_journey(c).scope.start, _journey(c).scope.end), (None, None), id="scope-fields"),
        pytest.param(BUY, "  - stage: awareness\n", "  - stage: awareness\n    name:\n",
                     lambda c: _journey(c).phases[0].name, None, id="phase-name"),
        pytest.param(BUY, "        emotion: 1\n",
                     "        emotion:\n        thinking:\n        feeling:\n        moment_of_truth:\n",
                     lambda c: [getattr(_step(c), f) for f in ("emotion", "thinking", "feeling", "moment_of_truth")],
                     [None, None, None, False], id="step-fields"),
        pytest.param(BUY, "        pain_points:\n          - No size guide in the post\n",
                     "        pain_points:\n        evidence:\n        metrics:\n        backstage:\n"
                     "        time:\n        frontstage:\n        support:\n",
                     lambda c: [getattr(_step(c), f) for f in ("pain_points", "evidence", "metrics", "backstage",
                                                                "time", "frontstage", "support")],
                     [[], [], [], [], None, [], []], id="step-lists"),
        pytest.param(BUY, "        touchpoints:\n          - name: Checkout\n            channel: website\n"
                          "            device: desktop\n", "        touchpoints:\n        opportunities:\n",
                     lambda c: (_step(c, 1).touchpoints, _step(c, 1).opportunities), ([], []), id="step-lists-2"),
        pytest.param(BUY, "            device: mobile\n            department: marketing\n",
                     "            device:\n            department:\n            contact:\n",
                     lambda c: [getattr(_step(c).touchpoints[0], f) for f in ("device", "department", "contact")],
                     [None, None, "direct"], id="touchpoint-fields"),
        pytest.param(BUY, "            owner: marketing\n",
                     "            owner:\n            impact:\n            effort:\n",
                     lambda c: [getattr(_step(c).opportunities[0], f) for f in ("owner", "impact", "effort")],
                     [None, None, None], id="opportunity-fields"),
        pytest.param(FUT, "        emotion: 2\n",
                     "        emotion: 2\n        evidence: [{kind: quote, text: Fast, source: }]\n"
                     "        metrics: [{name: Taps, value: , unit: , target: }]\n",
                     lambda c: (_journey(c, "retail/buy-shoes-future").phases[0].steps[0].evidence[0].source,
                                _journey(c, "retail/buy-shoes-future").phases[0].steps[0].metrics[0].model_dump()),
                     (None, {"name": "Taps", "value": None, "unit": None, "target": None}), id="evidence-and-metric"),
        pytest.param(MAYA, "segment: Millennials\nchannels: [social-media, email]\nimage: images/maya.png\n",
                     "segment:\nsummary:\nquote:\ngoals:\nfrustrations:\nchannels:\nimage:\n",
                     lambda c: c.personas["maya"].persona.model_dump(exclude={"name"}),
                     {"segment": None, "summary": None, "quote": None, "goals": [], "frustrations": [],
                      "channels": [], "image": None}, id="persona-fields"),
        pytest.param(VOCAB, "stages:\n", "emotion_scale: {min: , max: , labels: }\nstages:\n",
                     lambda c: c.vocabulary.emotion_scale.model_dump(), {"min": -2, "max": 2, "labels": {}},
                     id="emotion-scale-fields"),
        pytest.param(VOCAB, "  - {id: marketing, name: Marketing}\n", "  - {id: marketing, name: , description: }\n",
                     lambda c: c.vocabulary.index("departments")["marketing"].label, "Marketing", id="term-fields"),
    ],
)
def test_an_empty_optional_value_is_the_value_left_out(corpus: Path, rel: str, old: str, new: str, read,
                                                      expected) -> None:
    edit(corpus, rel, old, new)
    validate("journeys").assert_clean()
    assert read(load_corpus(corpus / "journeys")) == expected


def test_an_empty_emotion_scale_and_device_list_are_the_defaults(corpus: Path) -> None:
    edit(corpus, VOCAB, "stages:\n", "emotion_scale:\nstages:\n")
    edit(corpus, VOCAB, "devices:\n  - mobile\n  - desktop\n", "devices:\n")
    edit(corpus, BUY, "            device: mobile\n", "")
    edit(corpus, BUY, "            device: desktop\n", "")
    validate("journeys").assert_clean()
    vocabulary = load_corpus(corpus / "journeys").vocabulary
    assert (vocabulary.emotion_scale.min, vocabulary.emotion_scale.max, vocabulary.devices) == (-2, 2, [])


# --- files that are not front matter at all -----------------------------------------

NEW = "journeys/retail/new.md"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param("# Buying shoes\n\nNo front matter here.\n",
                     f"{NEW}:1: the file does not start with front matter: its first line must be '---'",
                     id="no-front-matter"),
        pytest.param("---\ntitle: Buying shoes\npersona: maya\n\n## Body\n",
                     f"{NEW}:1: the front matter opened on line 1 is never closed with a '---' line",
                     id="unclosed-front-matter"),
        pytest.param("", f"{NEW}:1: the file is empty; it needs front matter between two '---' lines",
                     id="empty-file"),
        pytest.param("\n  \n", f"{NEW}:1: the file is empty; it needs front matter between two '---' lines",
                     id="blank-file"),
        pytest.param("---\n---\nOnly a body.\n",
                     f"{NEW}:1: expected a mapping of keys and values, got nothing (an empty value)",
                     id="empty-front-matter"),
        pytest.param("---\n- title: Buying shoes\n---\n",
                     f"{NEW}:2: expected a mapping of keys and values, got a list",
                     id="front-matter-is-a-list"),
        pytest.param(b"---\ntitle: Caf\xe9 shoes\npersona: maya\n---\n",
                     f"{NEW}:2: the file is not UTF-8 text (byte 14); save it as UTF-8",
                     id="latin-1-file"),
        pytest.param("\ufeff---\ntitle: Buying shoes\npersona: maia\n"
                     "phases: [{stage: purchase, steps: [{action: Pays}]}]\n---\n",
                     f"{NEW}:3: persona: unknown persona 'maia'; did you mean 'maya'?",
                     id="byte-order-mark-keeps-lines"),
    ],
)
def test_file_format(corpus: Path, content: str | bytes, expected: str) -> None:
    write(corpus / NEW, content)
    validate("journeys").assert_problems([expected])


def test_byte_order_mark_is_accepted(corpus: Path) -> None:
    path = corpus / BUY
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    validate("journeys").assert_clean()


def test_windows_line_endings_are_accepted(corpus: Path) -> None:
    path = corpus / BUY
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    validate("journeys").assert_clean()


def test_alias_bomb_is_refused(corpus: Path) -> None:
    lines = ["---", 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    write(corpus / NEW, "\n".join([*lines, "---", ""]))
    validate("journeys").assert_problems([
        f"{NEW}:2: anchors and aliases expand to more than 10,000 values; write the values out instead"
    ])


def test_small_anchors_and_merge_keys_are_allowed(corpus: Path) -> None:
    edit(corpus, BUY, "          - name: Checkout\n            channel: website\n            device: desktop\n",
         "          - &web\n            name: Checkout\n            channel: website\n            device: desktop\n"
         "          - <<: *web\n            name: Confirmation page\n")
    validate("journeys").assert_clean()
    step = load_corpus(corpus / "journeys").journeys["retail/buy-shoes"].journey.phases[1].steps[0]
    assert [(t.name, t.channel, t.device) for t in step.touchpoints] == [
        ("Checkout", "website", "desktop"), ("Confirmation page", "website", "desktop")
    ]


def test_error_in_a_value_that_overrides_a_merge_key_names_its_own_line(corpus: Path) -> None:
    edit(corpus, BUY, "          - name: Checkout\n            channel: website\n            device: desktop\n",
         "          - &web\n            name: Checkout\n            channel: website\n            device: desktop\n"
         "          - <<: *web\n            name: Confirmation email\n            channel: emial\n")
    validate("journeys").assert_problems([
        f"{BUY}:35: phases[1].steps[0].touchpoints[1].channel: unknown channel 'emial'; did you mean 'email'?"
    ])


def test_infinite_metric_target_does_not_crash(corpus: Path) -> None:
    edit(corpus, FUT, "        emotion: 2\n",
         "        emotion: 2\n        metrics: [{name: Taps to pay, value: 1, target: .inf}]\n")
    run = validate("journeys")
    assert run.code in (0, 1)


def test_metric_value_that_is_not_a_number(corpus: Path) -> None:
    edit(corpus, FUT, "        emotion: 2\n",
         "        emotion: 2\n        metrics:\n          - {name: Taps to pay, value: abc}\n")
    validate("journeys").assert_problems([
        f"{FUT}:12: phases[0].steps[0].metrics[0].value: expected a number, got the text 'abc'"
    ])


def test_control_character_is_reported_on_its_line_in_one_line(corpus: Path) -> None:
    edit(corpus, BUY, "          - No size guide in the post\n", "          - No size\x0b guide in the post\n")
    validate("journeys").assert_problems([
        f"{BUY}:20: this is not valid YAML: unacceptable character #x000b: control characters are not allowed"
    ])


def test_null_key_is_reported_on_its_line(corpus: Path) -> None:
    edit(corpus, BUY, "status: approved\n", "status: approved\n~: approved\n")
    run = validate("journeys")
    assert run.code == 1
    assert [line.split(":")[1] for line in run.lines] == ["6"]


def test_number_key_is_an_error_on_its_line(corpus: Path) -> None:
    edit(corpus, BUY, "status: approved\n", "status: approved\n2026: approved\n")
    validate("journeys").assert_problems([f"{BUY}:6: 2026: unknown key 2026; expected one of: baseline, goal, owner, "
                                          "persona, phases, reviewed, scenario, scope, status, tags, title, type"])


@pytest.mark.parametrize("name", ["maya.PNG", "maya.jpg", "maya.JPEG", "maya.gif", "maya.svg", "maya.webp",
                                  "maya.avif"])
def test_persona_image_types(corpus: Path, name: str) -> None:
    write(corpus / "journeys/personas/images" / name, b"image")
    edit(corpus, MAYA, "image: images/maya.png\n", f"image: images/{name}\n")
    validate("journeys").assert_clean()


def test_persona_image_in_an_ignored_folder_is_reported(corpus: Path) -> None:
    write(corpus / "journeys/personas/_images/maya.png", b"\x89PNG\r\n\x1a\n")
    edit(corpus, MAYA, "image: images/maya.png\n", "image: _images/maya.png\n")
    run = validate("journeys")
    assert run.code == 1
    assert [line.split(": ")[0] for line in run.lines] == [f"{MAYA}:5"]


# --- ids and ignored files ----------------------------------------------------------


def test_journey_ids_that_differ_only_by_case(corpus: Path) -> None:
    write(corpus / "journeys/retail/Buy.md", JOURNEY)
    write(corpus / "journeys/retail/buy.md", JOURNEY)
    validate("journeys").assert_problems([
        "journeys/retail/Buy.md:1: the id 'retail/Buy' differs from 'retail/buy' (journeys/retail/buy.md) only in "
        "upper/lower case; both would publish at the same address, which journeys/retail/buy.md keeps: "
        "rename this file"
    ])


def test_persona_ids_that_differ_only_by_case(corpus: Path) -> None:
    write(corpus / "journeys/personas/Maya.md", PERSONA)
    validate("journeys").assert_problems([
        f"journeys/personas/Maya.md:1: the id 'Maya' differs from 'maya' ({MAYA}) only in "
        f"upper/lower case; both would publish at the same address, which {MAYA} keeps: rename this file"
    ])
    assert sorted(load_corpus(corpus / "journeys").personas) == ["maya"]


def test_without_a_lower_case_id_the_first_in_path_order_is_kept(corpus: Path) -> None:
    write(corpus / "journeys/retail/BUY.md", JOURNEY)
    write(corpus / "journeys/retail/Buy.md", JOURNEY)
    validate("journeys").assert_problems([
        "journeys/retail/Buy.md:1: the id 'retail/Buy' differs from 'retail/BUY' (journeys/retail/BUY.md) only in "
        "upper/lower case; both would publish at the same address, which journeys/retail/BUY.md keeps: "
        "rename this file"
    ])


def test_a_map_beside_a_folder_of_maps_is_left_out_and_the_folder_keeps_its_page(corpus: Path) -> None:
    write(corpus / "journeys/retail.md", JOURNEY)
    validate("journeys").assert_problems([
        "journeys/retail.md:1: this map would take the address of the page of the folder journeys/retail/, "
        "which lists the maps in it; rename the map or the folder"
    ])
    assert sorted(load_corpus(corpus / "journeys").journeys) == ["retail/buy-shoes", "retail/buy-shoes-future"]


def test_a_map_at_the_address_of_a_part_of_a_list_is_left_out(corpus: Path) -> None:
    # a list of more than 200 maps is published in parts at <list>page/<k>/ (k from 2)
    for rel in ("page/2.md", "retail/page/12.md", "retail/page/1.md", "retail/page/02.md", "pages/2.md"):
        write(corpus / "journeys" / rel, JOURNEY)
    validate("journeys").assert_problems([
        "journeys/page/2.md:1: this map would take the address of part 2 of the list of maps at journeys/, which a "
        "long list is published in; rename the map or the folder 'page'",
        "journeys/retail/page/12.md:1: this map would take the address of part 12 of the list of maps at "
        "journeys/retail/, which a long list is published in; rename the map or the folder 'page'",
    ])
    assert {"retail/page/1", "retail/page/02", "pages/2"} <= set(load_corpus(corpus / "journeys").journeys)


def test_a_map_beside_a_folder_of_other_files_is_fine(corpus: Path) -> None:
    write(corpus / "journeys/service.md", JOURNEY)
    write(corpus / "journeys/service/photo.png", b"\x89PNG\r\n\x1a\n")
    validate("journeys").assert_clean("3 journeys and 1 persona are valid\n")


def test_folders_that_differ_only_in_case_are_reported_once_per_map(corpus: Path) -> None:
    write(corpus / "journeys/Retail/Online/buy.md", JOURNEY)
    write(corpus / "journeys/retail/online/sell.md", JOURNEY)
    write(corpus / "journeys/Service/a.md", JOURNEY)
    write(corpus / "journeys/SERVICE/b.md", JOURNEY)
    write(corpus / "journeys/retail/Online/more.md", JOURNEY)  # 'online' is kept below the kept 'retail'
    validate("journeys").assert_problems([
        "journeys/Retail/Online/buy.md:1: the folder journeys/Retail/ differs from journeys/retail/ only in "
        "upper/lower case; on Windows and macOS they are one folder, and their pages one page: move this file to "
        "journeys/retail/ or rename the folder",
        "journeys/Service/a.md:1: the folder journeys/Service/ differs from journeys/SERVICE/ only in "
        "upper/lower case; on Windows and macOS they are one folder, and their pages one page: move this file to "
        "journeys/SERVICE/ or rename the folder",
        "journeys/retail/Online/more.md:1: the folder journeys/retail/Online/ differs from journeys/retail/online/ "
        "only in upper/lower case; on Windows and macOS they are one folder, and their pages one page: move this "
        "file to journeys/retail/online/ or rename the folder",
    ])


@pytest.mark.parametrize(
    "rel",
    ["_drafts/broken.md", ".git/broken.md", "retail/_template.md", "retail/.broken.md",
     "personas/_template.md", "retail/_old/broken.md", ".hidden/deeper/broken.md"],
)
def test_files_and_folders_starting_with_underscore_or_dot_are_ignored(corpus: Path, rel: str) -> None:
    write(corpus / "journeys" / rel, "---\ntitle: [broken\n")
    validate("journeys").assert_clean()


# --- the vocabulary -----------------------------------------------------------------


def test_vocabulary_missing(corpus: Path) -> None:
    (corpus / VOCAB).unlink()
    validate("journeys").assert_problems([
        f"{VOCAB}:1: the vocabulary file is missing; it lists the stages and channels"
    ])


def test_vocabulary_syntax_error_has_its_file_line(corpus: Path) -> None:
    # the flow mapping opened on line 9 is found unclosed on line 11, where the parser stops
    edit(corpus, VOCAB, "  - {id: live-chat, name: Live chat}\n", "  - {id: live-chat, name: Live chat\n")
    validate("journeys").assert_problems([
        f"{VOCAB}:11: this is not valid YAML: while parsing a flow mapping that starts on line 9, "
        + yaml_says("did not find expected ',' or '}'", "expected ',' or '}', but got ':'")
    ])


def test_vocabulary_with_an_unknown_key_publishes_nothing(corpus: Path) -> None:
    edit(corpus, VOCAB, "departments:\n", "department:\n")
    loaded = load_corpus(corpus / "journeys", display_base=corpus)
    assert [p.format() for p in loaded.problems] == [
        f"{VOCAB}:14: department: unknown key 'department'; did you mean 'departments'?"
    ]
    assert loaded.journeys == {}
    assert loaded.personas == {}


def test_a_duplicate_vocabulary_id_does_not_hide_the_errors_of_journeys(corpus: Path) -> None:
    edit(corpus, VOCAB, "  - website\n", "  - website\n  - email\n")
    edit(corpus, BUY, "emotion: 1\n", "emotion: 7\n")
    validate("journeys").assert_problems([
        f"{BUY}:13: phases[0].steps[0].emotion: 7 is outside the emotion scale -2..2",
        f"{VOCAB}:11: channels[4]: 'email' is listed twice (first as entry 2); ids must be unique",
    ])


# --- every error of every file in one run -------------------------------------------


def break_several_files(base: Path) -> list[str]:
    """Break five files in different ways; return the expected lines, in the order printed."""
    edit(base, MAYA, "segment: Millennials\n", "segmnet: Millennials\n")
    edit(base, MAYA, "image: images/maya.png\n", "image: ../../x.png\n")
    edit(base, BUY, "title: Buying running shoes\n", "titel: Buying running shoes\n")
    edit(base, BUY, "emotion: 1\n", "emotion: 7\n")
    edit(base, BUY, "  - stage: purchase\n", "  - stage: awareness\n")
    edit(base, FUT, "baseline: retail/buy-shoes\n", "baseline: retail/buy-shoes-future\n")
    write(base / "journeys/service/zz-empty.md", "")
    write(base / "journeys/service/return.md", "---\ntitle: Returns\npersona: [maya]\nphases: {}\n---\n")
    return sorted([
        f"{MAYA}:3: segmnet: unknown key 'segmnet'; did you mean 'segment'?",
        f"{MAYA}:5: image: the image '../../x.png' must stay inside the journeys folder",
        f"{BUY}:2: title: 'title' is required",
        f"{BUY}:2: titel: unknown key 'titel'; did you mean 'title'?",
        f"{BUY}:13: phases[0].steps[0].emotion: 7 is outside the emotion scale -2..2",
        f"{BUY}:24: phases[1].stage: stage 'awareness' already has a phase (line 10); "
        "a stage may appear once per journey",
        f"{FUT}:5: baseline: a map cannot be its own baseline; name the current-state map it improves on",
        "journeys/service/return.md:3: persona: expected text, got a list",
        "journeys/service/return.md:4: phases: expected a list, got a mapping",
        "journeys/service/zz-empty.md:1: the file is empty; it needs front matter between two '---' lines",
    ], key=sort_key)


def sort_key(line: str) -> tuple[str, int, str]:
    path, number, rest = line.split(":", 2)
    return path, int(number), rest


def test_all_errors_of_all_files_in_one_run(corpus: Path) -> None:
    expected = break_several_files(corpus)
    run = validate("journeys")
    run.assert_problems(expected)
    assert run.stderr == "10 problems in 5 files\n"


def test_all_errors_of_all_files_in_a_subprocess(corpus: Path) -> None:
    expected = break_several_files(corpus)
    validate_subprocess(corpus, "journeys").assert_problems(expected)


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [p for p in RULES if p.id in ("unknown-key-pain_point", "unknown-channel", "reviewed-impossible-date",
                                  "python-tag-refused", "time-a-number", "frontstage-text")],
)
def test_rules_in_a_subprocess(corpus: Path, rel: str, old: str, new: str, expected: list[str]) -> None:
    edit(corpus, rel, old, new)
    validate_subprocess(corpus, "journeys").assert_problems(expected)


def test_paths_are_relative_to_the_working_directory(corpus: Path) -> None:
    edit(corpus, BUY, "persona: maya\n", "persona: maia\n")
    run = validate_subprocess(corpus / "journeys", ".")
    run.assert_problems(["retail/buy-shoes.md:3: persona: unknown persona 'maia'; did you mean 'maya'?"])


# --- a real MkDocs build ------------------------------------------------------------

BROKEN = """\
---
title: Returning shoes
persona: maya
phases:
  - stage: retention
    steps:
      - action: Sends the shoes back
        touchpoints:
          - name: Returns form
            channel: post
        pain_point:
          - No printer for the label
---
"""
BROKEN_LINES = [
    "journeys/service/return-shoes.md:10: phases[0].steps[0].touchpoints[0].channel: unknown channel 'post'; "
    "expected one of: email, live-chat, social-media, website",
    "journeys/service/return-shoes.md:11: phases[0].steps[0].pain_point: unknown key 'pain_point'; "
    "did you mean 'pain_points'?",
]


def write_site(base: Path) -> None:
    write(base / "mkdocs.yml", "site_name: Journeys\ntheme: {name: material}\nplugins: [search, journeys]\n")
    (base / "docs").mkdir()
    write_corpus(base)
    (base / FUT).unlink()
    write(base / "journeys/service/return-shoes.md", BROKEN)


def mkdocs(base: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--site-dir", "site", *args],
        cwd=base, capture_output=True, text=True, timeout=300, check=False,
    )


def test_the_broken_site_fixture_has_exactly_the_expected_problems(tmp_path: Path, monkeypatch) -> None:
    write_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    validate("journeys").assert_problems(BROKEN_LINES)


def test_mkdocs_build_publishes_the_healthy_map_and_warns_about_the_broken_one(tmp_path: Path) -> None:
    write_site(tmp_path)
    done = mkdocs(tmp_path)
    assert done.returncode == 0, done.stderr
    log = done.stdout + done.stderr
    for line in BROKEN_LINES:
        assert f"WARNING -  journeymaps: {line} (this file is left out of the site)" in log.splitlines()
    site = tmp_path / "site"
    assert (site / "journeys/retail/buy-shoes/index.html").is_file()
    assert not (site / "journeys/service/return-shoes").exists()
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "journeys/retail/buy-shoes/" in locations
    assert not [loc for loc in locations if "return-shoes" in loc]
    assert not (tmp_path / "docs" / "journeys").exists(), "generated pages must not be written into docs/"


def test_mkdocs_build_in_process_logs_the_problems(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    write_site(tmp_path)
    build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "built")))
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == [f"journeymaps: {line} (this file is left out of the site)" for line in BROKEN_LINES]
    assert (tmp_path / "built/journeys/retail/buy-shoes/index.html").is_file()
    assert not (tmp_path / "built/journeys/service/return-shoes").exists()


def test_mkdocs_strict_build_fails_and_lists_every_problem(tmp_path: Path) -> None:
    write_site(tmp_path)
    done = mkdocs(tmp_path, "--strict")
    assert done.returncode != 0
    log = (done.stdout + done.stderr).splitlines()
    for line in BROKEN_LINES:
        assert f"WARNING -  journeymaps: {line} (this file is left out of the site)" in log


def test_a_new_file_whose_id_differs_only_in_case_takes_nothing_over(tmp_path: Path) -> None:
    write_site(tmp_path)
    (tmp_path / "journeys/service/return-shoes.md").unlink()
    write(tmp_path / "journeys/personas/MAYA.md", "---\nname: Evil MAYA\n---\n")
    write(tmp_path / "journeys/retail/Buy-shoes.md", JOURNEY.replace("Buying running shoes", "Evil buying"))
    done = mkdocs(tmp_path)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in (done.stdout + done.stderr).splitlines() if line.startswith("WARNING")]
    assert warnings == [
        "WARNING -  journeymaps: journeys/personas/MAYA.md:1: the id 'MAYA' differs from 'maya' "
        f"({MAYA}) only in upper/lower case; both would publish at the same address, which {MAYA} keeps: "
        "rename this file (this file is left out of the site)",
        "WARNING -  journeymaps: journeys/retail/Buy-shoes.md:1: the id 'retail/Buy-shoes' differs from "
        f"'retail/buy-shoes' ({BUY}) only in upper/lower case; both would publish at the same address, which "
        f"{BUY} keeps: rename this file (this file is left out of the site)",
    ]
    site = tmp_path / "site"
    persona = (site / "personas/maya/index.html").read_text(encoding="utf-8")
    assert "Maya, the weekend runner" in persona and "Evil" not in persona
    assert 'href="../../journeys/retail/buy-shoes/"' in persona  # and lists the original map
    assert not (site / "personas/MAYA").exists()
    page = (site / "journeys/retail/buy-shoes/index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Buying running shoes" in page and "Evil" not in page
    assert 'href="../../../personas/maya/"' in page  # the map still links its persona
    assert not (site / "journeys/retail/Buy-shoes").exists()
    assert "Evil" not in (site / "search/search_index.json").read_text(encoding="utf-8")


def test_mkdocs_strict_build_of_a_healthy_site_succeeds(tmp_path: Path) -> None:
    write_site(tmp_path)
    (tmp_path / "journeys/service/return-shoes.md").unlink()
    done = mkdocs(tmp_path, "--strict")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site/journeys/retail/buy-shoes/index.html").is_file()

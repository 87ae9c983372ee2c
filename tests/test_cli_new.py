"""``journeymaps new journey|persona``: prompts or options, a file that validates, never an overwrite."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from cli import invoke
from journeymaps.model.load import load_corpus
from sites import BIN, FRESH_CONFIG, SPEC_VOCABULARY, build, spec_site
from test_validation import write_corpus


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The small corpus of test_validation: stages awareness, consideration, purchase, retention; persona maya."""
    write_corpus(tmp_path)
    return tmp_path


def valid(repo: Path) -> None:
    corpus = load_corpus(repo / "journeys")
    assert corpus.problems == []


EXPECTED_JOURNEY = """\
---
title: Returning shoes
persona: maya
type: current
status: draft                           # draft | review | approved | archived
# owner: <department>                   # the department responsible: marketing, ecommerce
# reviewed: YYYY-MM-DD                  # the date of the last review
# goal: What the customer wants to achieve.
# scope: {start: Where the journey starts, end: Where it ends}
# tags: [a, few, words]
phases:
  - stage: purchase
    steps:
      - action: Describe what the customer does
        # thinking: What the customer thinks
        # feeling: The emotion, in words
        # emotion: 0                    # a whole number from -2 to 2
        # moment_of_truth: true
        # touchpoints:
        #   - name: Where the customer meets us
        #     channel: <channel>        # social-media, email, live-chat, website
        #     device: <device>          # mobile, desktop
        #     department: <department>
        #     contact: indirect         # direct (the default) | indirect
        # pain_points: [What goes wrong]
        # opportunities: [An idea to improve the step]
        # evidence:
        #   - {kind: quote, text: What a customer said, source: Interview 1}
        # time: "07:30"                 # when the step happens, as text: 07:30, Day 3, Week 2
        # frontstage: [What staff do in the customer's sight]
        # backstage: [What happens out of the customer's sight]
        # support: [Systems and processes that make it possible]
  - stage: retention
    steps:
      - action: Describe what the customer does
---
<!-- The story of the journey: research, context, quotes. A '## heading' with a phase's name or stage id \
attaches the text below it to that phase. -->

## Purchase


## Retention

"""


def test_new_journey_asks_and_offers_the_vocabulary(repo: Path) -> None:
    answers = "Returning shoes\nservice/returns\nmaia\nmaya\n\nretention, purchase\n"
    result = invoke(repo, "new", "journey", input=answers)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Title: Returning shoes",
        "Id (its path below journeys/, without .md) [returning-shoes]: service/returns",
        "Persona (maya): maia",
        "Error: 'maia' is not 'maya'.",
        "Persona (maya): maya",
        "Type (current, future, day-in-the-life, blueprint) [current]: ",
        "Stages, separated by commas (awareness, consideration, purchase, retention) "
        "[awareness, consideration, purchase, retention]: retention, purchase",
        "wrote journeys/service/returns.md",
    ]
    assert result.stderr == "Fill in the steps, then check it with: journeymaps validate journeys/service/returns.md\n"
    assert (repo / "journeys/service/returns.md").read_text(encoding="utf-8") == EXPECTED_JOURNEY
    valid(repo)


def test_unknown_stage_is_asked_again(repo: Path) -> None:
    result = invoke(repo, "new", "journey", input="Socks\n\nmaya\nfuture\nawarenes\nawareness\n")
    assert "Error: unknown stage 'awarenes'; did you mean 'awareness'?" in result.stdout.splitlines()
    assert result.exit_code == 0
    text = (repo / "journeys/socks.md").read_text(encoding="utf-8")
    assert "type: future\n" in text
    assert "# baseline: <journey id>                # the current-state map this one improves on\n" in text
    valid(repo)


@pytest.mark.parametrize("map_type", ["current", "future", "day-in-the-life", "blueprint"])
def test_new_journey_from_options_only_writes_a_valid_map(repo: Path, map_type: str) -> None:
    result = invoke(repo, "new", "journey", "--title", "Buying socks", "--persona", "maya", "--type", map_type)
    assert (result.exit_code, result.stdout) == (0, "wrote journeys/buying-socks.md\n")
    text = (repo / "journeys/buying-socks.md").read_text(encoding="utf-8")
    assert f"type: {map_type}\n" in text
    assert [line for line in text.splitlines() if line.startswith("  - stage:")] == [
        "  - stage: awareness", "  - stage: consideration", "  - stage: purchase", "  - stage: retention"]
    valid(repo)


def test_uncommented_time_and_lanes_make_a_valid_step(repo: Path) -> None:
    result = invoke(repo, "new", "journey", "--title", "Returns", "--persona", "maya", "--type", "blueprint")
    assert result.exit_code == 0
    path = repo / "journeys/returns.md"
    keys = ("time", "frontstage", "backstage", "support")
    lines = [line.replace("# ", "", 1) if line.lstrip("# ").startswith(tuple(f"{k}:" for k in keys)) else line
             for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    valid(repo)
    step = load_corpus(repo / "journeys").journeys["returns"].journey.phases[0].steps[0]
    assert (step.time, step.frontstage, step.backstage, step.support) == (
        "07:30", ["What staff do in the customer's sight"], ["What happens out of the customer's sight"],
        ["Systems and processes that make it possible"])


@pytest.mark.parametrize(("title", "line"), [
    ("no", "title: 'no'"), ("2024", "title: '2024'"), ("Returns: by post", "title: 'Returns: by post'"),
    ("#1 map", "title: '#1 map'"), ("Café crème", "title: Café crème"),
])
def test_titles_that_yaml_would_misread_are_quoted(repo: Path, title: str, line: str) -> None:
    result = invoke(repo, "new", "journey", "--title", title, "--id", "t", "--persona", "maya", "--stages", "purchase")
    assert result.exit_code == 0, result.output
    assert line in (repo / "journeys/t.md").read_text(encoding="utf-8").splitlines()
    assert load_corpus(repo / "journeys").journeys["t"].journey.title == title


def test_existing_file_is_never_overwritten(repo: Path) -> None:
    before = (repo / "journeys/retail/buy-shoes.md").read_bytes()
    result = invoke(repo, "new", "journey", "--title", "x", "--id", "retail/buy-shoes", "--persona", "maya")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "journeys/retail/buy-shoes.md: exists already; choose another id (nothing was written)\n"
    assert (repo / "journeys/retail/buy-shoes.md").read_bytes() == before


@pytest.mark.parametrize(("args", "message"), [
    (["--stages", "purchase,checkout"], "Invalid value for '--stages': unknown stage 'checkout'; expected one of: "
                                        "awareness, consideration, purchase, retention"),
    (["--persona", "maia"], "Invalid value for '--persona': unknown persona 'maia'; did you mean 'maya'?"),
    (["--id", "../outside"], "Invalid value for '--id': '../outside' cannot be a journey id"),
    (["--id", "personas/x"], "Invalid value for '--id': 'personas/x' cannot be a journey id: the personas folder"),
])
def test_bad_options_are_usage_errors(repo: Path, args: list[str], message: str) -> None:
    options = {"--title": "Socks", "--persona": "maya"}
    for key, value in zip(args[::2], args[1::2], strict=True):
        options[key] = value
    result = invoke(repo, "new", "journey", *[x for pair in options.items() for x in pair])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert sorted(p.name for p in (repo / "journeys").rglob("*.md")) == ["buy-shoes-future.md", "buy-shoes.md",
                                                                         "maya.md"]


def test_new_journey_needs_a_persona_first(tmp_path: Path) -> None:
    repo = spec_site(tmp_path)
    (repo / "journeys/personas/maya.md").unlink()
    result = invoke(repo, "new", "journey", "--title", "x")
    assert result.exit_code == 2
    assert "the journeys folder has no persona yet; write one first with 'journeymaps new persona'" in result.stderr


def test_new_journey_in_a_folder_with_a_broken_vocabulary(repo: Path) -> None:
    path = repo / "journeys/vocabulary.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("stages:", "stage:"), encoding="utf-8")
    result = invoke(repo, "new", "journey", "--title", "x", "--persona", "maya")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "journeys/vocabulary.yml:1: stage: unknown key 'stage'; did you mean 'stages'?",
        "journeys/vocabulary.yml:1: stages: 'stages' is required",
    ]


def test_new_persona_asks_and_then_a_journey_can_use_it(repo: Path) -> None:
    result = invoke(repo, "new", "persona", input="Kofi, the commuter\n\nemail, webste\nemail, website\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Name: Kofi, the commuter",
        "Id (its file name, without .md) [kofi]: ",
        "Preferred channels, separated by commas (social-media, email, live-chat, website): email, webste",
        "Error: unknown channel 'webste'; did you mean 'website'?",
        "Preferred channels, separated by commas (social-media, email, live-chat, website): email, website",
        "wrote journeys/personas/kofi.md",
    ]
    assert (repo / "journeys/personas/kofi.md").read_text(encoding="utf-8") == """\
---
name: Kofi, the commuter
# segment: The group this persona stands for
# summary: One or two sentences about who they are.
# quote: "Something they said in research."
# goals: [What they want]
# frustrations: [What gets in their way]
channels: [email, website]              # preferred channels: social-media, email, live-chat, website
# image: images/<file>.png              # relative to this file; it must stay inside journeys/
---
<!-- Background and research notes. -->
"""
    result = invoke(repo, "new", "journey", "--title", "Commute", "--persona", "kofi", "--stages", "awareness")
    assert result.exit_code == 0
    valid(repo)


def test_new_persona_from_options_without_channels(repo: Path) -> None:
    result = invoke(repo, "new", "persona", "--name", "Priya")
    assert (result.exit_code, result.stdout) == (0, "wrote journeys/personas/priya.md\n")
    assert "# channels: [<channel>]" in (repo / "journeys/personas/priya.md").read_text(encoding="utf-8")
    valid(repo)
    result = invoke(repo, "new", "persona", "--name", "Priya again", "--id", "priya")
    assert result.exit_code == 1
    result = invoke(repo, "new", "persona", "--name", "X", "--id", "Not An Id")
    assert result.exit_code == 2
    assert "'Not An Id' is not a valid id" in result.stderr
    result = invoke(repo, "new", "persona", "--name", "X", "--channels", "email,fax")
    assert result.exit_code == 2
    assert "Invalid value for '--channels': unknown channel 'fax'" in " ".join(result.stderr.split())


def test_new_in_a_fresh_repository_made_from_the_spec(tmp_path: Path) -> None:
    repo = spec_site(tmp_path)
    done = subprocess.run([str(BIN / "journeymaps"), "new", "journey", "--title", "Gift cards", "--persona", "maya",
                           "--stages", "advocacy,awareness"], cwd=repo, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, "wrote journeys/gift-cards.md\n")
    validate = subprocess.run([str(BIN / "journeymaps"), "validate"], cwd=repo, capture_output=True, text=True,
                              check=False)
    assert (validate.returncode, validate.stderr) == (0, "2 journeys and 1 persona are valid\n")


@pytest.mark.slow
def test_a_fresh_repository_from_new_vocabulary_to_a_built_site(tmp_path: Path) -> None:
    """Every command a newcomer types, in a subprocess, then the build: nothing written by hand but mkdocs.yml."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(FRESH_CONFIG, encoding="utf-8")

    def journeymaps(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BIN / "journeymaps"), *args], cwd=tmp_path, capture_output=True, text=True,
                              check=False)

    done = journeymaps("new", "persona", "--name", "Maya")
    assert done.returncode == 2
    assert ("Error: there is no journeys/vocabulary.yml yet: write one with 'journeymaps new vocabulary' (the "
            "specification's example, to adapt)") in done.stderr
    (tmp_path / "day.mmd").write_text("journey\n  section Purchase\n    Pays: 3: Maya\n", encoding="utf-8")
    done = journeymaps("import", "day.mmd")
    assert done.returncode == 2 and "write one with 'journeymaps new vocabulary'" in done.stderr
    done = journeymaps("new", "vocabulary")
    assert (done.returncode, done.stdout) == (0, "wrote journeys/vocabulary.yml\n")
    assert done.stderr == ("Adapt its stages, channels, devices and departments, then write a persona with: "
                           "journeymaps new persona\n")
    text = (tmp_path / "journeys/vocabulary.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(text) == yaml.safe_load(SPEC_VOCABULARY)  # the specification's example
    (tmp_path / "journeys/vocabulary.yml").write_text(text + "# adapted\n", encoding="utf-8")
    done = journeymaps("new", "vocabulary")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "journeys/vocabulary.yml: exists already; edit it instead (nothing was written)\n"
    assert (tmp_path / "journeys/vocabulary.yml").read_text(encoding="utf-8").endswith("# adapted\n")
    assert journeymaps("new", "persona", "--name", "Maya, the weekend runner").returncode == 0
    done = journeymaps("new", "journey", "--title", "Buying socks", "--persona", "maya")
    assert (done.returncode, done.stdout) == (0, "wrote journeys/buying-socks.md\n")
    done = journeymaps("validate")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "1 journey and 1 persona are valid\n")
    built = build(tmp_path, "--strict")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site/journeys/buying-socks/index.html").is_file()
    assert (tmp_path / "site/personas/maya/index.html").is_file()

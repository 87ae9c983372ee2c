"""``journeymaps import`` of Mermaid user-journey diagrams: the example of Mermaid's documentation and broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli import invoke
from journeymaps.cli.importers.scores import map_score
from journeymaps.model.types import EmotionScale
from test_validation import write, write_corpus

# The user-journey example of Mermaid's documentation, as printed there.
MERMAID_DOCS = """\
journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
"""
# line 3 section Go to work, 4..6 its tasks; 7 section Go home, 8..9 its tasks

MAPPED = ("--section", "Go to work=purchase", "--section", "Go home=retention")




@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The small corpus of test_validation (stages awareness, consideration, purchase, retention; persona maya)."""
    write_corpus(tmp_path)
    return tmp_path


def diagram(repo: Path, text: str, name: str = "day.mmd") -> str:
    write(repo / name, text)
    return name


def md_files(repo: Path) -> dict[str, str]:
    root = repo / "journeys"
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.md"))}


# --- Mermaid's documentation example -------------------------------------------------


def test_docs_example_with_new_personas(repo: Path) -> None:
    name = diagram(repo, MERMAID_DOCS, "my-working-day.mmd")
    result = invoke(repo, "import", name, *MAPPED, "--create-personas")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "wrote journeys/my-working-day.md",
        "wrote journeys/personas/cat.md (new persona 'Cat')",
        "wrote journeys/personas/me.md (new persona 'Me')",
    ]
    assert result.stderr == ""
    files = md_files(repo)
    assert files["my-working-day.md"] == """\
---
title: My working day
persona: me
type: current
status: draft
phases:
  - stage: purchase
    name: Go to work
    steps:
      - action: Make tea
        emotion: 2
      - action: Go upstairs
        emotion: 0
      - action: Do work
        emotion: -2
  - stage: retention
    name: Go home
    steps:
      - action: Go downstairs
        emotion: 2
      - action: Sit down
        emotion: 2
---
Imported from the Mermaid diagram `my-working-day.mmd` with `journeymaps import`.

## Go to work

Also taking part:

- Do work: Cat (persona `cat`)
"""
    assert files["personas/cat.md"] == """\
---
name: Cat
---
Created by `journeymaps import` for the actor Cat of `my-working-day.mmd`. Describe the persona here.
"""
    assert files["personas/me.md"].startswith("---\nname: Me\n---\n")
    validate = invoke(repo, "validate")
    assert (validate.exit_code, validate.stderr) == (0, "3 journeys and 3 personas are valid\n")


def test_docs_example_for_an_existing_persona_keeps_the_other_actor_in_the_narrative(repo: Path) -> None:
    name = diagram(repo, MERMAID_DOCS)
    result = invoke(repo, "import", name, *MAPPED, "--persona", "maya", "--id", "life/working-day")
    assert result.exit_code == 0
    assert result.stdout == "wrote journeys/life/working-day.md\n"
    assert result.stderr == ("note: day.mmd: people other than the persona, named in the narrative under their "
                             "phases (--create-personas writes persona files for them): Cat\n")
    text = (repo / "journeys/life/working-day.md").read_text(encoding="utf-8")
    assert "persona: maya\n" in text
    assert text.endswith("## Go to work\n\nAlso taking part:\n\n- Do work: Cat\n")
    assert sorted(md_files(repo)) == ["life/working-day.md", "personas/maya.md", "retail/buy-shoes-future.md",
                                      "retail/buy-shoes.md"]


def test_docs_example_without_a_mapping_is_refused_with_every_reason(repo: Path) -> None:
    name = diagram(repo, MERMAID_DOCS)
    before = md_files(repo)
    result = invoke(repo, "import", name)
    assert result.stdout.splitlines() == [
        "day.mmd:3: section: the section 'Go to work' matches no stage: --section 'Go to work=STAGE' maps it to a "
        "stage (awareness, consideration, purchase, retention), or --extend-vocabulary adds it as a new stage",
        "day.mmd:4: actor: the actor 'Me' (in most tasks) is not a persona; name the persona with --persona ID, or "
        "add --create-personas to write personas/me.md",
        "day.mmd:7: section: the section 'Go home' matches no stage: --section 'Go home=STAGE' maps it to a stage "
        "(awareness, consideration, purchase, retention), or --extend-vocabulary adds it as a new stage",
    ]
    assert result.stderr.splitlines()[-1] == "3 problems; nothing was written"
    assert result.exit_code == 1
    assert md_files(repo) == before


def test_sections_named_like_stages_and_actors_named_like_personas_map_by_themselves(repo: Path) -> None:
    name = diagram(repo, """\
journey
  title Buying socks
  section Awareness
    Sees an advert: 4: Maya
  section purchase
    Pays: 2: maya, Cashier
""")
    result = invoke(repo, "import", name)
    assert result.exit_code == 0, result.stdout
    text = (repo / "journeys/buying-socks.md").read_text(encoding="utf-8")
    assert "persona: maya\n" in text
    assert "  - stage: awareness\n    steps:\n      - action: Sees an advert\n        emotion: 1\n" in text
    assert "  - stage: purchase\n    name: purchase\n    steps:\n      - action: Pays\n        emotion: -1\n" in text
    assert "name: Awareness" not in text  # a section called like its stage's name is not repeated
    assert text.endswith("## purchase\n\nAlso taking part:\n\n- Pays: Cashier\n")  # 'maya' is Maya, the persona


@pytest.mark.parametrize(("low", "high", "expected"), [
    (-2, 2, [-2, -1, 0, 1, 2]),
    (1, 5, [1, 2, 3, 4, 5]),
    (0, 10, [0, 2, 5, 8, 10]),  # 2.5 and 7.5 are rounded away from the middle, so the mapping stays symmetric
    (-3, 3, [-3, -2, 0, 2, 3]),
    (-1, 1, [-1, -1, 0, 1, 1]),
])
def test_scores_are_mapped_linearly_onto_the_scale(low: int, high: int, expected: list[int]) -> None:
    scale = EmotionScale(min=low, max=high)
    assert [map_score(score, scale).emotion for score in range(1, 6)] == expected


def test_rounding_onto_another_scale_is_noted(repo: Path) -> None:
    vocabulary = repo / "journeys/vocabulary.yml"
    vocabulary.write_text("emotion_scale: {min: -3, max: 3}\n" + vocabulary.read_text(encoding="utf-8"),
                          encoding="utf-8")
    name = diagram(repo, "journey\n  section Purchase\n    Pays: 2: Maya\n    Leaves: 3: Maya\n")
    result = invoke(repo, "import", name, "--title", "Pay")
    assert result.exit_code == 0, result.stdout
    assert result.stderr == "note: day.mmd:3: the score 2 of 'Pays' is -1.5 on the scale -3..3; written as -2\n"
    assert "emotion: -2\n" in (repo / "journeys/pay.md").read_text(encoding="utf-8")


def test_markdown_file_with_a_mermaid_block_and_front_matter_title(repo: Path) -> None:
    name = diagram(repo, """\
# Workshop notes

```mermaid
---
title: Returning shoes
---
journey
  accDescr: How Maya returns shoes that do not fit
  section Retention
    Prints the label: 1: Maya
```
""", "notes.md")
    result = invoke(repo, "import", name)
    assert result.exit_code == 0, result.stdout
    text = (repo / "journeys/returning-shoes.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Returning shoes\npersona: maya\n")
    assert "\n\nHow Maya returns shoes that do not fit\n" in text


def test_text_from_the_diagram_cannot_inject_markup(repo: Path) -> None:
    name = diagram(repo, """\
journey
  title <script>alert(1)</script>
  section Purchase
    Pays *now* [here](https//x): 3: Maya, <img src=x onerror=alert(1)>
""")
    result = invoke(repo, "import", name, "--id", "odd")
    assert result.exit_code == 0, result.stdout
    text = (repo / "journeys/odd.md").read_text(encoding="utf-8")
    assert "title: <script>alert(1)</script>\n" in text  # front matter keeps the text; the site escapes it
    assert text.endswith("- Pays \\*now\\* \\[here\\](https//x): &lt;img src=x onerror=alert(1)&gt;\n")


# --- malformed diagrams -------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("graph TD\n  A --> B\n",
                 ["day.mmd:1: this is not a Mermaid journey diagram: it must start with 'journey' (it is a graph "
                  "diagram)"], id="not-a-journey"),
    pytest.param("", ["day.mmd:1: the file is empty; a Mermaid journey diagram starts with 'journey'"], id="empty"),
    pytest.param("journey\n  title Nothing\n",
                 ["day.mmd:1: the diagram 'Nothing' has no tasks; nothing to import (a task is written 'Task: score: "
                  "Actor, Actor' under a section)"], id="no-tasks"),
    pytest.param("journey\n  section Purchase\n    Pays: Maya\n",
                 ["day.mmd:1: persona: no task names a person (only systems, or no actor); name the journey's "
                  "persona with --persona ID",
                  "day.mmd:3: score: the score 'Maya' of 'Pays' is not a number; Mermaid scores run from 1 to 5 (a "
                  "task is written 'Task: score: Actor, Actor')"], id="task-without-score"),
    pytest.param("journey\n  section Purchase\n    Pays: five: Maya\n",
                 ["day.mmd:3: score: the score 'five' of 'Pays' is not a number; Mermaid scores run from 1 to 5 (a "
                  "task is written 'Task: score: Actor, Actor')"], id="score-not-a-number"),
    pytest.param("journey\n  section Purchase\n    Pays 3 Maya\n",
                 ["day.mmd:3: 'Pays 3 Maya' is not understood: Mermaid expects 'title …', 'section …', 'accTitle: "
                  "…', 'accDescr: …' or a task 'Task: score: Actor, Actor'"], id="line-not-understood"),
    pytest.param("journey\n  section Purchase\n    Pays; leaves: 3: Maya\n",
                 ["day.mmd:3: ';' cannot be written in 'Pays;…' (Mermaid refuses it); write '#59;' for a ';' in a "
                  "name"], id="semicolon"),
    pytest.param("---\ntitle: x\njourney\n", ["day.mmd:1: the diagram's front matter opened here is never closed "
                                               "with '---'"], id="unclosed-front-matter"),
    pytest.param("journey\n  section Retention\n    Leaves: 3: Maya\n  section Purchase\n    Pays: 3: Maya\n",
                 ["day.mmd:4: section: the section 'Purchase' maps to the stage 'purchase', which comes before the "
                  "stage 'retention' of the section 'Retention' (line 2); sections must follow the vocabulary's "
                  "stages: awareness, consideration, purchase, retention"], id="sections-out-of-order"),
    pytest.param("journey\n  section Purchase\n    Pays: 3\n",
                 ["day.mmd:1: persona: no task names a person (only systems, or no actor); name the journey's persona "
                  "with --persona ID"], id="no-actors"),
])
def test_malformed_diagrams_are_reported_with_their_lines(repo: Path, text: str, expected: list[str]) -> None:
    name = diagram(repo, text)
    before = md_files(repo)
    result = invoke(repo, "import", name, "--title", "Broken")
    assert result.stdout.splitlines() == expected
    assert result.stderr.splitlines()[-1] == f"{len(expected)} problem{'s' * (len(expected) != 1)}; nothing was written"
    assert result.exit_code == 1
    assert md_files(repo) == before


# Refused before issue 16; Mermaid's grammar accepts them all, so they import now, each with a note.
@pytest.mark.parametrize(("text", "notes", "expected"), [
    pytest.param("journey\n  section Purchase\n    Pays:: Maya\n",
                 ["day.mmd:3: 'Pays' has no score; the step has no emotion"],
                 "      - action: Pays\n---\n", id="empty-score"),
    pytest.param("journey\n  section Purchase\n    Pays: 6: Maya\n    Leaves: 0: Maya\n    Waves: 2.5: Maya\n",
                 ["day.mmd:3: the score 6 of 'Pays' lies outside 1..5: written as 2, the end of the scale; if the "
                  "diagram uses another range, give it with --scores MIN..MAX",
                  "day.mmd:4: the score 0 of 'Leaves' lies outside 1..5: written as -2, the end of the scale; if the "
                  "diagram uses another range, give it with --scores MIN..MAX",
                  "day.mmd:5: the score 2.5 of 'Waves' is -0.5 on the scale -2..2; written as -1"],
                 "## Purchase\n\nScores as written:\n\n- Pays: 6\n- Leaves: 0\n- Waves: 2.5\n",
                 id="scores-outside-1-to-5"),
    pytest.param("journey\n  Pays: 3: Maya\n  section Purchase\n    Leaves: 3: Maya\n",
                 ["day.mmd:2: 1 task before the first section joins the section 'Purchase' (line 3)"],
                 "      - action: Pays\n        emotion: 0\n      - action: Leaves\n", id="task-before-any-section"),
    pytest.param("journey\n  section Purchase\n  section Retention\n    Leaves: 3: Maya\n",
                 ["day.mmd:2: the section 'Purchase' has no tasks; no phase is made of it"],
                 "phases:\n  - stage: retention\n", id="empty-section"),
    pytest.param("journey\n  section Purchase\n    Pays: 3: Maya: Cat\n",
                 ["day.mmd:3: 'Cat' after a third ':' is not shown by Mermaid; it is kept in the narrative"],
                 "Text after a third ':' (Mermaid does not show it):\n\n- Pays: Cat\n", id="three-colons"),
    pytest.param("journey\n  section Purchase\n    Pays: 3: Maya,, Cat,\n",
                 ["day.mmd: people other than the persona, named in the narrative under their phases "
                  "(--create-personas writes persona files for them): Cat"],
                 "Also taking part:\n\n- Pays: Cat\n", id="empty-actors"),
    pytest.param("journey\n  section Purchase\n    Pays: 3: Maya\n  section purchase\n    Leaves: 3: Maya\n",
                 ["day.mmd:4: 'purchase' and 'Purchase' are on the same stage 'purchase' one after the other: one "
                  "phase"], "      - action: Pays\n        emotion: 0\n      - action: Leaves\n",
                 id="two-adjacent-sections-one-stage"),
])
def test_diagrams_that_were_refused_import_with_a_note(repo: Path, text: str, notes: list[str], expected: str) -> None:
    name = diagram(repo, text)
    result = invoke(repo, "import", name, "--title", "Fine")
    assert (result.exit_code, result.stdout) == (0, "wrote journeys/fine.md\n")
    assert result.stderr.splitlines() == [f"note: {note}" for note in notes]
    assert expected in (repo / "journeys/fine.md").read_text(encoding="utf-8")
    assert invoke(repo, "validate").exit_code == 0


def test_section_option_naming_an_unknown_stage(repo: Path) -> None:
    name = diagram(repo, MERMAID_DOCS)
    result = invoke(repo, "import", name, "--section", "Go to work=purchas", "--section", "Go home=retention",
                    "--persona", "maya")
    assert result.stdout == ("day.mmd:3: section: --section 'Go to work=purchas' maps the section 'Go to work' to "
                             "'purchas', which is not a stage; did you mean 'purchase'?\n")
    assert result.exit_code == 1


def test_malformed_section_option_is_a_usage_error(repo: Path) -> None:
    name = diagram(repo, MERMAID_DOCS)
    result = invoke(repo, "import", name, "--section", "Go to work")
    assert result.exit_code == 2
    assert "--section 'Go to work' must be written NAME=STAGE" in result.stderr


def test_markdown_file_with_two_diagrams_and_an_id(repo: Path) -> None:
    block = "```mermaid\njourney\n  title T{n}\n  section Purchase\n    Pays: 3: Maya\n```\n"
    name = diagram(repo, block.format(n=1) + "\n" + block.format(n=2), "two.md")
    result = invoke(repo, "import", name, "--id", "one")
    assert result.stdout == ("two.md:9: the file has 2 diagrams; --id and --title name one map: import the diagrams "
                             "one by one\n")
    result = invoke(repo, "import", name)
    assert result.stdout.splitlines() == ["wrote journeys/t1.md", "wrote journeys/t2.md"]


def test_unknown_persona_option(repo: Path) -> None:
    name = diagram(repo, MERMAID_DOCS)
    result = invoke(repo, "import", name, *MAPPED, "--persona", "mya")
    assert result.stdout == ("day.mmd:1: persona: unknown persona 'mya'; did you mean 'maya'? (--create-personas "
                             "writes a new one)\n")
    assert result.exit_code == 1


def test_existing_journey_is_not_overwritten(repo: Path) -> None:
    name = diagram(repo, MERMAID_DOCS)
    result = invoke(repo, "import", name, *MAPPED, "--persona", "maya", "--id", "retail/buy-shoes")
    assert result.stderr.splitlines()[-2:] == [
        "journeys/retail/buy-shoes.md: exists already; use --force to replace it", "nothing was written"]
    assert result.exit_code == 1
    assert "title: Buying running shoes\n" in (repo / "journeys/retail/buy-shoes.md").read_text(encoding="utf-8")


# --- Markdown files with other diagrams; everything reported in one run ------------------------


def test_markdown_file_with_a_flowchart_beside_the_journey(repo: Path) -> None:
    name = diagram(repo, """\
# Workshop notes

```mermaid
flowchart LR
  A --> B
```

```mermaid
%% the journey we sketched
journey
  title Returning shoes
  section Retention
    Prints the label: 1: Maya
```

```mermaid
---
title: Ignored too
---
sequenceDiagram
  Maya->>Shop: Hello
```
""", "notes.md")
    result = invoke(repo, "import", name)
    assert result.exit_code == 0, result.stdout
    assert result.stderr.splitlines() == [
        "note: notes.md:4: a flowchart diagram, not a journey: skipped",
        "note: notes.md:17: a sequenceDiagram diagram, not a journey: skipped",
        "note: notes.md: 1 comment kept in the narrative under '## Comments in the diagram'",
    ]
    assert result.stdout == "wrote journeys/returning-shoes.md\n"


@pytest.mark.parametrize(("text", "notes"), [
    pytest.param("# Notes\n\nNo diagram here.\n", [], id="no-block"),
    pytest.param("Text\n\n```mermaid\ngraph TD\n  A --> B\n```\n",
                 ["note: notes.md:4: a graph diagram, not a journey: skipped"], id="only-a-flowchart"),
])
def test_markdown_file_without_a_journey_diagram(repo: Path, text: str, notes: list[str]) -> None:
    name = diagram(repo, text, "notes.md")
    result = invoke(repo, "import", name)
    assert result.exit_code == 1
    assert result.stdout == ("notes.md:1: the file has no ```mermaid block with a journey diagram that has tasks; "
                             "nothing to import\n")
    assert result.stderr.splitlines() == [*notes, "1 problem; nothing was written"]


def test_every_problem_of_a_diagram_shows_in_one_run(repo: Path) -> None:
    name = diagram(repo, """\
journey
  Orphan: 3: Maya
  section Purchase
    Pays: 7: Maya
  section Awareness
    Sees an advert: 3: Maya
  section Purchase
    Pays again: 3: Maya
  section Go home
    Walks: 3: Maya
""")
    result = invoke(repo, "import", name, "--title", "Broken")
    assert result.stdout.splitlines() == [
        "day.mmd:5: section: the section 'Awareness' maps to the stage 'awareness', which comes before the stage "
        "'purchase' of the section 'Purchase' (line 3); sections must follow the vocabulary's stages: awareness, "
        "consideration, purchase, retention",
        "day.mmd:7: section: the section 'Purchase' comes again after other sections; a stage has one phase per map, "
        "so map this one to another stage: --section 'Purchase#2=STAGE' maps it to a stage (awareness, "
        "consideration, purchase, retention), or --extend-vocabulary adds it as a new stage",
        "day.mmd:9: section: the section 'Go home' matches no stage: --section 'Go home=STAGE' maps it to a stage "
        "(awareness, consideration, purchase, retention), or --extend-vocabulary adds it as a new stage",
    ]
    assert result.exit_code == 1


def test_titles_and_descriptions_that_are_not_used_are_noted(repo: Path) -> None:
    name = diagram(repo, """\
---
title: From the front matter
---
journey
  accTitle: For screen readers
  title Returning shoes
  accDescr: First description
  accDescr {
    Second
    description
  }
  section Retention
    Prints the label: 1: Maya
""")
    result = invoke(repo, "import", name)
    assert result.exit_code == 0, result.stdout
    assert result.stderr.splitlines() == [
        "note: day.mmd:2: the title 'From the front matter' is not the map's title ('Returning shoes'); it is kept in "
        "the introduction",
        "note: day.mmd:5: the accessible title (accTitle) 'For screen readers' is not the map's title ('Returning "
        "shoes'); it is kept in the introduction",
    ]
    text = (repo / "journeys/returning-shoes.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Returning shoes\n")
    # Mermaid shows the last accDescr; every one is kept, in order, and so are the titles not used
    assert text.endswith("\n\nFirst description\n\nSecond\ndescription\n\nAlso titled (line 2): From the front "
                         "matter\n\nAccessible title (line 5): For screen readers\n")


def test_acc_title_names_a_map_without_a_title(repo: Path) -> None:
    name = diagram(repo, "journey\n  accTitle: Returning shoes\n  section Retention\n    Prints: 1: Maya\n")
    result = invoke(repo, "import", name)
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", "wrote journeys/returning-shoes.md\n")

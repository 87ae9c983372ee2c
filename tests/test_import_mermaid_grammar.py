"""Mermaid's journey grammar as the importer reads it: the same reading as Mermaid's own parser, every feature of
the grammar, and the few lines Mermaid refuses that are read anyway (with a note)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from cli import invoke
from journeymaps.cli.importers.mermaid_diagram import Diagram, read
from journeymaps.cli.importers.mermaid_text import Block, blocks, clean
from journeymaps.cli.importers.scores import js_number
from test_validation import write, write_corpus

INPUTS = Path(__file__).parent / "import_inputs"
READS = json.loads((INPUTS / "mermaid-reads.json").read_text(encoding="utf-8"))


def reading(diagram: Diagram) -> dict:
    """A diagram as mermaid-reads.json writes what Mermaid's parser read."""
    def score(text: str) -> float | None:
        value = js_number(text)
        return None if value is None else (int(value) if value.is_integer() else value)

    tasks = []
    for task in diagram.tasks:
        entry = {"section": diagram.sections[task.section].text if task.section >= 0 else "", "task": task.text,
                 "score": score(task.score), "people": task.actors}
        if task.dropped:
            entry["dropped"] = task.dropped
        tasks.append(entry)
    return {"kind": "journey", "title": diagram.title,
            "accTitle": diagram.acc_titles[-1][1] if diagram.acc_titles else "",
            "accDescr": diagram.acc_descriptions[-1][1] if diagram.acc_descriptions else "",
            "sections": [s.text for s in diagram.sections], "tasks": tasks}


@pytest.mark.parametrize("name", sorted(READS))
def test_the_importer_reads_each_input_as_mermaid_does(name: str) -> None:
    text = (INPUTS / "mermaid" / name).read_text(encoding="utf-8")
    found, fenced = blocks(text, markdown=name.endswith(".md"))
    expected = READS[name] if isinstance(READS[name], list) else [READS[name]]
    assert len(found) == len(expected)
    for block, want in zip(found, expected, strict=True):
        cleaned = clean(block)
        if fenced:
            assert block.first_line == want["line"]
        if want["kind"] != "journey":
            assert cleaned.kind == want["kind"]
            continue
        got = reading(read(cleaned))
        assert got == {k: v for k, v in want.items() if k != "line"}


def diagram(text: str) -> Diagram:
    return read(clean(Block(text, 1)))


def test_crlf_and_tabs_read_as_any_other_file() -> None:
    text = (INPUTS / "mermaid/repeat-prescription.mmd").read_bytes()
    assert b"\r\n" in text and b"\t" in text
    found = diagram(text.decode("utf-8").replace("\r\n", "\n"))
    assert [t.line for t in found.tasks] == [5, 6, 7, 9, 10]


@pytest.mark.parametrize(("text", "title", "sections"), [
    ("journey\nTITLE Loud\nSECTION Big\n  Shouts: 3: Me\n", "Loud", ["Big"]),
    ("journey\n  title A: with a colon\n  section S\n    T: 3: Me\n", "A: with a colon", ["S"]),
    ("journey\n  title First\n  title Second\n  section S\n    T: 3: Me\n", "Second", ["S"]),
    ("---\ntitle: From the front matter\n---\njourney\n  section S\n    T: 3: Me\n", "From the front matter", ["S"]),
    ("---\ntitle: Loses\n---\njourney\n  title Wins\n  section S\n    T: 3: Me\n", "Wins", ["S"]),
    ("journey\n  title Kept # a comment\n  section Day#58; one # another\n    T: 3: Me\n", "Kept", ["Day: one"]),
])
def test_titles_and_sections(text: str, title: str, sections: list[str]) -> None:
    found = diagram(text)
    assert (found.title, [s.text.strip() for s in found.sections], found.problems) == (title, sections, [])


@pytest.mark.parametrize(("line", "name", "score", "actors", "dropped"), [
    ("Make tea: 5: Me", "Make tea", " 5", ["Me"], []),
    ("Make tea:5:Me,Cat", "Make tea", "5", ["Me", "Cat"], []),
    ("Make tea : 5 : Me , Cat", "Make tea ", " 5 ", ["Me", "Cat"], []),
    ("Make tea: 5:", "Make tea", " 5", [""], []),
    ("Make tea: 5: Me,", "Make tea", " 5", ["Me", ""], []),
    ("Make tea: 5", "Make tea", " 5", [], []),
    ("Make tea: : Me", "Make tea", " ", ["Me"], []),
    ("Make tea: 5: Me: with milk", "Make tea", " 5", ["Me"], [" with milk"]),
    ("Make tea: 5: Me %% milk", "Make tea", " 5", ["Me %% milk"], []),  # '%%' after text is not a comment
    ("Make tea: 5: Me  # a comment", "Make tea", " 5", ["Me"], []),
    ("Pays #163;5: 4: Me", "Pays £5", " 4", ["Me"], []),
    ("Orders #2; online: 4: Me", "Orders #2; online", " 4", ["Me"], []),  # not a character: kept as written
])
def test_a_task_splits_as_mermaid_splits_it(line: str, name: str, score: str, actors: list[str],
                                            dropped: list[str]) -> None:
    found = diagram(f"journey\n  section S\n    {line}\n")
    assert found.problems == []
    [task] = found.tasks
    assert (task.text, task.score, task.actors, task.dropped) == (name, score, actors, dropped)


@pytest.mark.parametrize(("text", "value"), [
    ("5", 5), (" 3.5 ", 3.5), (".5", 0.5), ("5.", 5), ("+4", 4), ("-1", -1), ("1e0", 1), ("0x5", 5), ("0b101", 5),
    ("0o7", 7), ("", 0), ("  ", 0), ("Infinity", math.inf), ("-Infinity", -math.inf),
    ("five", None), ("4/5", None), ("3,5", None), ("5 stars", None), ("inf", None), ("nan", None), ("-0x5", None),
    ("1_0", None),
])
def test_scores_are_numbers_as_javascript_reads_them(text: str, value: float | None) -> None:
    assert js_number(text) == value


def test_accessible_title_and_descriptions() -> None:
    found = diagram("journey\n  accTitle : Order #2; kept whole\n  accDescr: One line\n"
                    "  accDescr{\n    Two\n      lines\n  } section After\n    T: 3: Me\n")
    assert found.acc_titles == [(2, "Order #2; kept whole")]
    assert found.acc_descriptions == [(3, "One line"), (4, "Two\nlines")]
    assert [s.text for s in found.sections] == ["After"]


def test_comments_are_kept_with_their_lines() -> None:
    found = diagram("%% before\njourney\n  # hash\n  section S %% not a comment here\n    T: 3: Me # after\n"
                    "  %% inside\n")
    assert found.comments == [(1, "before"), (3, "hash"), (5, "after"), (6, "inside")]
    assert found.sections[0].text == "S %% not a comment here"


@pytest.mark.parametrize(("line", "task", "section", "note"), [
    ("Section 8 voucher: 4: Me", "Section 8 voucher", None,
     "line 3 starts with 'Section' but is read as a task; Mermaid reads it as a section and refuses the line: "
     "reword the task"),
    ("Journey planner opened: 3: Me", "Journey planner opened", None,
     "line 3 starts with 'Journey' but is read as a task; Mermaid refuses the line: reword the task"),
    ("section Day 1: Arrival", None, "Day 1: Arrival",
     "the section 'Day 1: Arrival' has a ':' in its name, which Mermaid refuses; it is read as one name (in the "
     "diagram, write '#58;' for ':')"),
])
def test_lines_mermaid_refuses_that_nobody_means_otherwise(line: str, task: str | None, section: str | None,
                                                           note: str) -> None:
    found = diagram(f"journey\n  section S\n  {line}\n    T: 3: Me\n")
    assert found.problems == []
    assert found.notes == [(3, note)]
    if task:
        assert found.tasks[0].text == task
    else:
        assert found.sections[-1].text == section


def test_a_task_that_starts_with_title_is_a_title_as_in_mermaid() -> None:
    found = diagram("journey\n  title Buying a house\n  section S\n    Title deed checked: 5: Me\n    T: 3: Me\n")
    assert found.title == "deed checked: 5: Me"
    assert found.notes == [(4, "line 4 reads as a title, as in Mermaid: 'deed checked: 5: Me'; to make it a task, "
                               "reword it so that it does not start with 'title'")]


def test_a_journey_keyword_in_another_case_is_read_with_a_note() -> None:
    found = diagram("Journey\n  section S\n    T: 3: Me\n")
    assert found.notes == [(1, "the diagram starts with 'Journey'; Mermaid itself draws a journey only when it "
                               "starts with 'journey' in lower case")]
    assert len(found.tasks) == 1


# --- the import of what the grammar reads ---------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The small corpus of test_validation (stages awareness, consideration, purchase, retention; persona maya)."""
    write_corpus(tmp_path)
    return tmp_path


def run(repo: Path, text: str, *options: str, name: str = "day.mmd"):
    write(repo / name, text)
    return invoke(repo, "import", name, *options)


def test_quotes_breaks_and_entities_are_tidied(repo: Path) -> None:
    result = run(repo, (INPUTS / "mermaid/parking-permit.mmd").read_text(encoding="utf-8"), "--persona", "maya",
                 "--extend-vocabulary")
    assert result.exit_code == 0, result.stdout
    text = (repo / "journeys/resident-parking-permit-applying-online.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: 'Resident parking permit: applying online'\n")
    assert "  - stage: check-eligibility-and-zone\n" in text and "<br" not in text
    assert "      - action: Pays the £85 fee by card\n" in text
    vocabulary = (repo / "journeys/vocabulary.yml").read_text(encoding="utf-8")
    assert "  - {id: apply-upload-proof, name: 'Apply: upload proof'}\n" in vocabulary


GYM = (INPUTS / "mermaid/gym-membership.mmd").read_text(encoding="utf-8")


def test_a_section_used_twice_without_options_names_the_option_to_type(repo: Path) -> None:
    result = run(repo, GYM, "--persona", "maya", "--section", "At the front desk=awareness",
                 "--section", "Using the app=purchase")
    assert result.stdout.splitlines() == [
        "day.mmd:9: section: the section 'At the front desk' maps to the stage 'awareness' like the section 'At the "
        "front desk' (line 3), with other sections between; a stage has one phase per map: map it to another stage "
        "with --section 'At the front desk#2=STAGE'"]


def test_a_section_used_twice_is_told_apart_with_its_number(repo: Path) -> None:
    result = run(repo, GYM, "--persona", "maya", "--section", "At the front desk=consideration",
                 "--section", "Using the app=purchase", "--section", "at the front desk#2=retention")
    assert result.exit_code == 0, result.stdout
    text = (repo / "journeys/joining-a-gym-and-coming-back-after-a-break.md").read_text(encoding="utf-8")
    assert "  - stage: consideration\n    name: At the front desk\n" in text
    assert "  - stage: retention\n    name: At the front desk\n" in text
    assert "\n## retention\n" in text  # the second phase of that name is attached by its stage id
    assert "note: day.mmd: system actors, on their steps under 'support' and not made personas: Tablet, App" \
        in result.stderr.splitlines()


def test_a_section_used_twice_becomes_two_stages_with_extend_vocabulary(repo: Path) -> None:
    result = run(repo, GYM, "--persona", "maya", "--extend-vocabulary")
    assert result.exit_code == 0, result.stdout
    assert "note: vocabulary.yml: 3 stages added: At the front desk (at-the-front-desk), Using the app " \
           "(using-the-app), At the front desk (2) (at-the-front-desk-2)" in result.stderr.splitlines()


def test_the_same_section_option_twice_is_refused(repo: Path) -> None:
    result = run(repo, GYM, "--section", "Darkoob=purchase", "--section", "darkoob=retention")
    assert result.exit_code == 2
    assert ("--section 'darkoob=retention' names the section 'darkoob' again (already --section "
            "'Darkoob=purchase'); give each section once") in result.stderr


def test_a_diagram_without_sections_is_one_phase(repo: Path) -> None:
    result = run(repo, "journey\n  title Quick\n  Looks: 4: Maya\n  Buys: 5: Maya\n", "--section", "=purchase")
    assert result.exit_code == 0, result.stdout
    assert "phases:\n  - stage: purchase\n    steps:\n      - action: Looks\n" in \
        (repo / "journeys/quick.md").read_text(encoding="utf-8")
    result = run(repo, "journey\n  title Quicker\n  Looks: 4: Maya\n")
    assert result.stderr == ("note: day.mmd:3: the diagram has no sections; its tasks are one phase on the first stage "
                             "'awareness' (choose another with --section '=STAGE')\n")


def test_scores_out_of_ten(repo: Path) -> None:
    result = run(repo, "journey\n  title Ten\n  section Purchase\n    Pays: 0: Maya\n    Waits: 5: Maya\n"
                       "    Leaves: 10: Maya\n", "--scores", "0..10")
    assert (result.exit_code, result.stderr) == (0, "")
    text = (repo / "journeys/ten.md").read_text(encoding="utf-8")
    assert [line.strip() for line in text.splitlines() if "emotion" in line] == ["emotion: -2", "emotion: 0",
                                                                                "emotion: 2"]
    assert run(repo, "journey\n", "--scores", "10..0").exit_code == 2


def test_unknown_section_suggests_only_what_is_really_close(repo: Path) -> None:
    result = run(repo, "journey\n  section Documentation\n    Reads: 3: Maya\n"
                       "  section Retentoin\n    Stays: 3: Maya\n")
    assert result.stdout.splitlines() == [
        "day.mmd:2: section: the section 'Documentation' matches no stage: --section 'Documentation=STAGE' maps it to "
        "a stage (awareness, consideration, purchase, retention), or --extend-vocabulary adds it as a new stage",
        "day.mmd:4: section: the section 'Retentoin' matches no stage; did you mean 'Retention'?: --section "
        "'Retentoin=STAGE' maps it to a stage (awareness, consideration, purchase, retention), or "
        "--extend-vocabulary adds it as a new stage",
    ]


def test_systems_are_never_personas_and_people_are_made_personas_on_request(repo: Path) -> None:
    result = run(repo, (INPUTS / "mermaid/moving-home-energy.mmd").read_text(encoding="utf-8"),
                 "--create-personas", "--extend-vocabulary")
    assert result.exit_code == 0, result.stdout
    assert [line for line in result.stdout.splitlines() if "personas/" in line] == [
        "wrote journeys/personas/account-manager.md (new persona 'Account manager')",
        "wrote journeys/personas/agent.md (new persona 'Agent')",
        "wrote journeys/personas/landlord.md (new persona 'Landlord')",
        "wrote journeys/personas/tenant.md (new persona 'Tenant')",
    ]
    assert ("note: day.mmd: system actors, on their steps under 'support' and not made personas: Website, System, "
            "CRM, App, Billing system, Chatbot") in result.stderr.splitlines()
    text = (repo / "journeys/moving-home-setting-up-energy-at-the-new-flat.md").read_text(encoding="utf-8")
    assert "persona: tenant\n" in text
    assert "      - action: Form is matched to the new meter\n        emotion: 0\n        support:\n" \
           "          - System\n" in text
    assert "- Landlord sends the previous tenant's final reading: Landlord (persona `landlord`)\n" in text

"""``--extend-vocabulary``: what an import adds to ``vocabulary.yml``, written in the style of the file, placed so
that every map stays valid; ``--dry-run`` shows the lines first."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli import invoke
from journeymaps.cli.importers.vocabulary_edit import insert_entry, make_id
from test_validation import write, write_corpus


@pytest.mark.parametrize(("text", "index", "expected"), [
    pytest.param("stages:\n  - a\n  - b\nchannels: [web]\n", 1,
                 "stages:\n  - a\n  - {id: new-one, name: New one!}\n  - b\nchannels: [web]\n", id="bare"),
    pytest.param("stages:\n  - {id: a, name: A}\n  - {id: b, name: B}  # last\nchannels: [web]\n", 2,
                 "stages:\n  - {id: a, name: A}\n  - {id: b, name: B}  # last\n  - {id: new-one, name: New one!}\n"
                 "channels: [web]\n", id="flow-mappings-with-a-comment"),
    pytest.param("stages:\n  - id: a\n    name: A\n    description: First.\n\n# the end\nchannels: [web]\n", 1,
                 "stages:\n  - id: a\n    name: A\n    description: First.\n  - id: new-one\n    name: New one!\n"
                 "\n# the end\nchannels: [web]\n", id="block-mappings"),
    pytest.param("stages: [a, b]\nchannels: [web]\n", 0,
                 "stages: [{id: new-one, name: New one!}, a, b]\nchannels: [web]\n", id="flow-list-first"),
    pytest.param("stages: [a, b]\nchannels: [web]\n", 2,
                 "stages: [a, b, {id: new-one, name: New one!}]\nchannels: [web]\n", id="flow-list-last"),
])
def test_a_new_stage_in_the_style_of_its_neighbours(text: str, index: int, expected: str) -> None:
    assert insert_entry(text, "stages", index, "new-one", "New one!") == expected


def test_a_list_the_file_has_not_is_made() -> None:
    assert insert_entry("stages: [a]\nchannels: [web]", "devices", 0, "paper", "Paper") == \
        "stages: [a]\nchannels: [web]\ndevices:\n  - {id: paper, name: Paper}\n"
    assert insert_entry("stages: [a]\ndevices:\nchannels: [web]\n", "devices", 0, "tv", "TV: big") == \
        "stages: [a]\ndevices:\n  - {id: tv, name: 'TV: big'}\nchannels: [web]\n"


@pytest.mark.parametrize(("name", "taken", "expected"), [
    ("At the front desk", set(), "at-the-front-desk"), ("Café & bar", set(), "cafe-bar"),
    ("Apply: upload proof", set(), "apply-upload-proof"), ("Order", {"order"}, "order-2"),
    ("Ordnung", {"ordnung", "ordnung-2"}, "ordnung-3"), ("日本", set(), "stage"),
])
def test_new_ids(name: str, taken: set[str], expected: str) -> None:
    assert make_id(name, taken, "stage") == expected


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The small corpus of test_validation: stages awareness, consideration, purchase, retention; persona maya."""
    write_corpus(tmp_path)
    return tmp_path


def test_new_stages_go_next_to_the_sections_around_them(repo: Path) -> None:
    write(repo / "day.mmd", "journey\n  title Socks\n  section Browsing\n    Looks: 3: Maya\n  section Purchase\n"
                            "    Pays: 3: Maya\n  section Unboxing\n    Opens: 5: Maya\n  section Wearing\n"
                            "    Runs: 5: Maya\n  section Retention\n    Comes back: 4: Maya\n")
    result = invoke(repo, "import", "day.mmd", "--extend-vocabulary", "--dry-run")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines() == [
        "would write journeys/socks.md",
        "would add to journeys/vocabulary.yml:",
        "    - browsing",
        "    - unboxing",
        "    - wearing",
    ]
    before = (repo / "journeys/vocabulary.yml").read_text(encoding="utf-8")
    assert invoke(repo, "import", "day.mmd", "--extend-vocabulary").exit_code == 0
    after = (repo / "journeys/vocabulary.yml").read_text(encoding="utf-8")
    stages = [line.strip()[2:] for line in after.split("channels:")[0].splitlines() if line.startswith("  - ")]
    # before the first section's stage when nothing comes before it; right after the stage before it otherwise
    assert stages == ["awareness", "consideration", "browsing", "purchase", "unboxing", "wearing", "retention"]
    assert [line for line in before.splitlines() if line not in after.splitlines()] == []  # nothing else changed
    assert invoke(repo, "validate").exit_code == 0  # the maps that were there stay valid


def test_a_second_import_places_its_stages_among_the_ones_the_first_added(repo: Path) -> None:
    write(repo / "one.mmd", "journey\n  title One\n  section Purchase\n    Pays: 3: Maya\n  section Unboxing\n"
                            "    Opens: 5: Maya\n")
    write(repo / "two.mmd", "journey\n  title Two\n  section Purchase\n    Pays: 3: Maya\n  section Wrapping\n"
                            "    Wraps: 5: Maya\n  section Retention\n    Comes back: 4: Maya\n")
    result = invoke(repo, "import", "one.mmd", "two.mmd", "--extend-vocabulary")
    assert result.exit_code == 0, result.stdout
    text = (repo / "journeys/vocabulary.yml").read_text(encoding="utf-8")
    stages = [line.strip()[2:] for line in text.split("channels:")[0].splitlines() if line.startswith("  - ")]
    assert stages == ["awareness", "consideration", "purchase", "unboxing", "wrapping", "retention"]
    assert invoke(repo, "validate").exit_code == 0


def test_without_the_option_nothing_is_added_and_the_option_is_named(repo: Path) -> None:
    write(repo / "day.mmd", "journey\n  section Browsing\n    Looks: 3: Maya\n")
    before = (repo / "journeys/vocabulary.yml").read_text(encoding="utf-8")
    result = invoke(repo, "import", "day.mmd", "--title", "Looking")
    assert result.exit_code == 1
    assert "or --extend-vocabulary adds it as a new stage" in result.stdout
    assert (repo / "journeys/vocabulary.yml").read_text(encoding="utf-8") == before


def test_the_vocabulary_keeps_its_line_ends(repo: Path) -> None:
    path = repo / "journeys/vocabulary.yml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    write(repo / "day.mmd", "journey\n  section Browsing\n    Looks: 3: Maya\n")
    result = invoke(repo, "import", "day.mmd", "--title", "Looking", "--extend-vocabulary")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[0] == "updated journeys/vocabulary.yml: 1 entry added"
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"  - browsing\r\n" in data


def test_nothing_is_written_when_one_file_of_the_command_has_a_problem(repo: Path) -> None:
    write(repo / "good.mmd", "journey\n  title Good\n  section Browsing\n    Looks: 3: Maya\n")
    write(repo / "bad.mmd", "journey\n  title Bad\n  section Purchase\n    Pays: lots: Maya\n")
    before = (repo / "journeys/vocabulary.yml").read_text(encoding="utf-8")
    result = invoke(repo, "import", "good.mmd", "bad.mmd", "--extend-vocabulary")
    assert result.exit_code == 1
    assert result.stdout.startswith("bad.mmd:4: score: the score 'lots' of 'Pays' is not a number")
    assert not (repo / "journeys/good.md").exists()
    assert (repo / "journeys/vocabulary.yml").read_text(encoding="utf-8") == before

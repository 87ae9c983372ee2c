"""``journeymaps validate PATH... --format text|github|json`` on folders and single files."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from journeymaps.cli.main import main
from sites import build, spec_site
from test_validation import BIN, BUY, FUT, MAYA, edit, write, write_corpus

PAIN = f"{BUY}:19: phases[0].steps[0].pain_point: unknown key 'pain_point'; did you mean 'pain_points'?"
MAIA = f"{FUT}:3: persona: unknown persona 'maia'; did you mean 'maya'?"


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus with one problem in each of the two journeys; the working directory is its repository."""
    write_corpus(tmp_path)
    edit(tmp_path, BUY, "        pain_points:\n", "        pain_point:\n")
    edit(tmp_path, FUT, "persona: maya\n", "persona: maia\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    result = CliRunner().invoke(main, ["validate", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_folder_lists_every_problem(broken: Path) -> None:
    result = run("journeys")
    assert result.stdout.splitlines() == [MAIA, PAIN]
    assert result.stderr == "2 problems in 2 files\n"
    assert result.exit_code == 1


def test_single_file_reports_only_its_own_problems(broken: Path) -> None:
    result = run(BUY)
    assert result.stdout.splitlines() == [PAIN]
    assert result.stderr == "1 problem in 1 file\n"
    assert result.exit_code == 1


def test_single_file_gets_the_cross_file_checks(broken: Path) -> None:
    """The unknown persona can only be found by reading the personas folder too."""
    assert run(FUT).stdout.splitlines() == [MAIA]


def test_single_valid_file_passes_and_counts_itself(broken: Path) -> None:
    result = run(MAYA)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "0 journeys and 1 persona are valid\n")


def test_several_files_and_folders_of_one_corpus(broken: Path) -> None:
    edit(broken, BUY, "        pain_point:\n", "        pain_points:\n")
    result = run(BUY, "journeys/personas")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "1 journey and 1 persona are valid\n")
    result = run("journeys/retail", MAYA)
    assert result.stdout.splitlines() == [MAIA]


def test_a_file_given_twice_is_reported_once(broken: Path) -> None:
    assert run(BUY, BUY, "journeys").stdout.splitlines() == [MAIA, PAIN]


def test_vocabulary_problems_are_reported_with_any_file(broken: Path) -> None:
    edit(broken, "journeys/vocabulary.yml", "  - website\n", "  - website\n  - website\n")
    result = run(MAYA)
    assert result.stdout.splitlines() == [
        "journeys/vocabulary.yml:11: channels[4]: 'website' is listed twice (first as entry 4); ids must be unique"
    ]
    assert result.exit_code == 1


def test_ignored_and_non_markdown_files_are_skipped_with_a_notice(broken: Path) -> None:
    write(broken / "journeys/_README.md", "notes")
    edit(broken, FUT, "persona: maia\n", "persona: maya\n")
    result = run("journeys/_README.md", "journeys/personas/images/maya.png", FUT)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "journeys/_README.md: skipped: not a journey, persona or vocabulary file "
        "(names starting with '_' or '.' and files other than .md are not read)",
        "journeys/personas/images/maya.png: skipped: not a journey, persona or vocabulary file "
        "(names starting with '_' or '.' and files other than .md are not read)",
        "1 journey and 0 personas are valid",
    ]


def test_missing_file_and_file_outside_a_journeys_folder(broken: Path) -> None:
    write(broken / "notes.md", "---\ntitle: x\n---\n")
    result = run("journeys/retail/nope.md", "notes.md")
    assert result.stdout.splitlines() == [
        "journeys/retail/nope.md:1: the file does not exist",
        "notes.md:1: no vocabulary.yml in this file's folder or any folder above it; "
        "check files that are inside a journeys folder",
    ]
    assert result.exit_code == 1


def test_repository_root_stands_for_its_journeys_folder(broken: Path) -> None:
    assert run(".").stdout.splitlines() == [MAIA, PAIN]


def test_run_inside_the_journeys_folder_checks_that_folder(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken / "journeys/retail")
    result = run()
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [line.replace("journeys/retail/", "") for line in (MAIA, PAIN)]
    monkeypatch.chdir(broken / "journeys")
    assert run().stdout.splitlines() == [line.replace("journeys/", "") for line in (MAIA, PAIN)]


def test_no_journeys_folder_here_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--format", "github")
    assert (result.exit_code, result.stderr) == (1, "1 problem in 1 file\n")
    assert result.stdout == ("::error file=journeys,line=1::there is no journeys folder here; run the command in the "
                             "folder that holds journeys/ (or inside journeys/), or name the folder: journeymaps "
                             "validate path/to/journeys\n")


def test_github_format_annotates_the_lines(broken: Path) -> None:
    result = run("--format", "github")
    assert result.stdout.splitlines() == [
        f"::error file={FUT},line=3,title=persona::unknown persona 'maia'; did you mean 'maya'?",
        f"::error file={BUY},line=19,title=phases[0].steps[0].pain_point::"
        "unknown key 'pain_point'; did you mean 'pain_points'?",
    ]
    assert result.exit_code == 1


def test_github_format_escapes_its_special_characters(broken: Path) -> None:
    """A ',' or ':' in a file name would end the property, a newline the command, a '%' starts an escape."""
    write(broken / "journeys/odd, name: 100%.md", "no front matter\n")
    result = run("--format", "github", "journeys/odd, name: 100%.md")
    # such a name cannot become a web address, which is the problem reported (its text escaped too)
    assert result.stdout.splitlines() == [
        "::error file=journeys/odd%2C name%3A 100%25.md,line=1::"
        "the name 'odd, name: 100%25' has characters that do not belong in a web address "
        "(' ', '%25', ',', ':'); rename it using letters, digits, '-', '_' and '.'"
    ]


def test_json_format(broken: Path) -> None:
    result = run("--format", "json", BUY)
    assert json.loads(result.stdout) == {
        "ok": False,
        "problems": [{"path": BUY, "line": 19, "field": "phases[0].steps[0].pain_point",
                      "message": "unknown key 'pain_point'; did you mean 'pain_points'?"}],
        "journeys": 0,
        "personas": 0,
    }
    assert result.exit_code == 1
    edit(broken, BUY, "        pain_point:\n", "        pain_points:\n")
    result = run("--format", "json", BUY)
    assert json.loads(result.stdout) == {"ok": True, "problems": [], "journeys": 1, "personas": 0}
    assert result.exit_code == 0


def test_unknown_format_is_a_usage_error(broken: Path) -> None:
    result = run("--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


def test_github_format_in_a_subprocess(broken: Path) -> None:
    done = subprocess.run([str(BIN / "journeymaps"), "validate", "--format", "github", BUY],
                          cwd=broken, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stdout == (f"::error file={BUY},line=19,title=phases[0].steps[0].pain_point::"
                           "unknown key 'pain_point'; did you mean 'pain_points'?\n")
    assert done.stderr == "1 problem in 1 file\n"


def test_the_sample_repository_is_valid() -> None:
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([str(BIN / "journeymaps"), "validate"], cwd=root, capture_output=True, text=True,
                          check=False)
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr.endswith("personas are valid\n")


LINKS = """
See [the old map](../retail/buy-shoe.md#top), [the future](buy-shoes-future.md) and [Maya](../personas/maya.md).
Not links: `[code](nope.md)` and

```
[fenced](nope.md)
```

    [indented](nope.md)

![A photo](images/till.png) [the docs](../../docs/guide.md) [elsewhere](https://example.org/x.md)
[a folder](../personas/) [the words](../vocabulary.yml) [mail](mailto:ana@example.org) [here](#top)
[the study][study] and a <b>[draft](_draft.md)</b> and [my notes](<my notes.md>).

[study]: research/study.pdf "The study"
"""


def test_narrative_links_to_missing_files_are_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``mkdocs build --strict`` would refuse (see test_validate_finds_the_links_the_build_refuses)."""
    write_corpus(tmp_path)
    (tmp_path / BUY).write_text((tmp_path / BUY).read_text(encoding="utf-8") + LINKS, encoding="utf-8")
    write(tmp_path / "journeys/retail/_draft.md", "---\ntitle: Not read\n---\n")
    write(tmp_path / MAYA, (tmp_path / MAYA).read_text(encoding="utf-8") + "![Maya](images/maya.jpg)\n")
    monkeypatch.chdir(tmp_path)
    result = run()
    assert result.stdout.splitlines() == [
        f"{MAYA}:8: narrative: shows the image 'images/maya.jpg', which does not exist; did you mean "
        "'images/maya.png'?",
        f"{BUY}:37: narrative: links to '../retail/buy-shoe.md#top', which does not exist; did you mean "
        "'buy-shoes.md'?",
        f"{BUY}:46: narrative: shows the image 'images/till.png', which does not exist",
        f"{BUY}:47: narrative: links to '../vocabulary.yml', which the site does not publish",
        f"{BUY}:48: narrative: links to '_draft.md', which the site does not publish",
        f"{BUY}:48: narrative: links to 'my notes.md', which does not exist",
        f"{BUY}:50: narrative: links to 'research/study.pdf', which does not exist",
    ]
    assert result.exit_code == 1
    assert run(FUT).stdout == ""  # only the files named are checked
    assert run(MAYA).stdout.splitlines() == [result.stdout.splitlines()[0]]
    write(tmp_path / "journeys/retail/images/till.png", "png")
    assert len(run().stdout.splitlines()) == 6


def test_validate_finds_the_links_the_build_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same links fail ``mkdocs build --strict``, except the one that leaves journeys/ (left to the build)."""
    site = spec_site(tmp_path)
    journey = site / "journeys/retail/buy-running-shoes.md"
    journey.write_text(journey.read_text(encoding="utf-8") + LINKS.replace("buy-shoes-future.md", "x.md"),
                       encoding="utf-8")
    write(site / "journeys/retail/_draft.md", "---\ntitle: Not read\n---\n")
    built = build(site, "--strict")
    assert built.returncode == 1
    refused = set(re.findall(r"^WARNING +- +Doc file .* contains a link '([^']+)'", built.stderr, re.MULTILINE))
    monkeypatch.chdir(site)
    checked = {re.search(r"(?:links to|image) '([^']+)'", line).group(1) for line in run().stdout.splitlines()}
    assert checked == refused - {"../../docs/guide.md"}
    assert checked == {"../retail/buy-shoe.md#top", "x.md", "images/till.png", "../vocabulary.yml", "_draft.md",
                       "my notes.md", "research/study.pdf"}

"""Hostile and broken input, end to end: each one beside healthy maps, through `journeymaps validate` and MkDocs.

The corpus is the files of ``tests/hostile/`` (copied into ``journeys/hostile/``,
personas into ``journeys/personas/``) and the inputs made below that cannot be
files of a repository that works everywhere: bytes that are not UTF-8, links,
names that differ only in case, file names with markup, deep nesting.

Every case gives its exact ``path:line: field: message`` lines, alone beside
the healthy site (``journeymaps validate``), and then all cases together in
one real ``mkdocs build``: no traceback, every line logged, the healthy maps
and personas published, nothing of the broken files published.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from journeymaps.cli.main import main
from sites import BIN, build, command_env, search_index, spec_site, write

HOSTILE = Path(__file__).parent / "hostile"
H = "journeys/hostile"
P = "journeys/personas"

FUTURE = """
---
title: Buying running shoes in one tap
persona: maya
type: future
baseline: retail/buy-running-shoes
phases:
  - stage: purchase
    steps:
      - action: Pays in one tap
        emotion: 2
---
"""

#: A map saved by Windows Notepad: a byte-order mark and CRLF line endings. It must publish.
NOTEPAD = "\ufeff---\r\ntitle: Saved with Notepad\r\npersona: maya\r\nphases:\r\n  - stage: purchase\r\n" \
          "    steps:\r\n      - action: Pays\r\n---\r\nThe narrative.\r\n"

#: Addresses of the healthy pages: every one must be published whatever breaks beside it.
HEALTHY_PAGES = [
    "journeys/retail/buy-running-shoes/", "journeys/retail/buy-running-shoes-future/",
    "journeys/healthy/notepad/", "personas/maya/", "journeys/", "personas/",
]


def healthy_site(root: Path) -> Path:
    """The spec's example site plus a future map and a map saved by Notepad."""
    spec_site(root)
    write(root, {"journeys/retail/buy-running-shoes-future.md": FUTURE})
    (root / "journeys/healthy").mkdir()
    (root / "journeys/healthy/notepad.md").write_bytes(NOTEPAD.encode("utf-8"))
    return root


def yaml_says(libyaml: str, pure_python: str) -> str:
    """PyYAML words syntax errors differently with and without libyaml."""
    return libyaml if yaml.__with_libyaml__ else pure_python


# --- the cases ----------------------------------------------------------------------


@dataclass
class Case:
    """A broken input: how to put it into a journeys folder, and the lines ``validate`` must print."""

    name: str
    make: Callable[[Path], None]  # receives the journeys folder
    expected: list[str]
    pages: tuple[str, ...] = ()  # addresses of pages it still publishes (the first of two clashing files)


def copied(name: str) -> Callable[[Path], None]:
    def make(journeys: Path) -> None:
        folder = journeys / ("personas" if name.startswith("personas/") else "hostile")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(HOSTILE / name, folder / Path(name).name)

    return make


def written(rel: str, content: str | bytes) -> Callable[[Path], None]:
    def make(journeys: Path) -> None:
        path = journeys / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

    return make


def linked(rel: str, target: str) -> Callable[[Path], None]:
    def make(journeys: Path) -> None:
        path = journeys / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)

    return make


def both(*makers: Callable[[Path], None]) -> Callable[[Path], None]:
    def make(journeys: Path) -> None:
        for maker in makers:
            maker(journeys)

    return make


def journey(title: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\npersona: maya\n{extra}phases:\n  - stage: purchase\n    steps:\n" \
           "      - action: Pays\n---\n"


FILE_CASES = {
    "malformed-yaml.md": [
        f"{H}/malformed-yaml.md:3: this is not valid YAML: while parsing a flow sequence that starts on line 2, "
        + yaml_says("did not find expected ',' or ']'", "expected ',' or ']', but got ':'")],
    "bad-indentation.md": [
        f"{H}/bad-indentation.md:8: this is not valid YAML: "
        + yaml_says("while parsing a block collection that starts on line 7, did not find expected '-' indicator",
                    "while parsing a block collection that starts on line 7, expected <block end>, "
                    "but found '<block mapping start>'")],
    "tab-indentation.md": [
        f"{H}/tab-indentation.md:5: this is not valid YAML: "
        + yaml_says("while scanning for the next token found character that cannot start any token; "
                    "indent with spaces, not tabs",
                    "while scanning for the next token found character '\\t' that cannot start any token; "
                    "indent with spaces, not tabs")],
    "unclosed-front-matter.md": [
        f"{H}/unclosed-front-matter.md:1: the front matter opened on line 1 is never closed with a '---' line"],
    "no-front-matter.md": [
        f"{H}/no-front-matter.md:1: the file does not start with front matter: its first line must be '---'"],
    "empty.md": [f"{H}/empty.md:1: the file is empty; it needs front matter between two '---' lines"],
    "front-matter-is-text.md": [
        f"{H}/front-matter-is-text.md:2: expected a mapping of keys and values, "
        "got the text 'Buying shoes, the map is still to come'"],
    "front-matter-is-a-list.md": [
        f"{H}/front-matter-is-a-list.md:2: expected a mapping of keys and values, got a list"],
    "wrong-types.md": [
        f"{H}/wrong-types.md:2: title: expected text, got a list",
        f"{H}/wrong-types.md:4: status: expected one of draft, review, approved, archived; got a number (3)",
        f"{H}/wrong-types.md:5: reviewed: expected a date written YYYY-MM-DD, got 'yesterday'",
        f"{H}/wrong-types.md:6: goal: expected text, got a mapping",
        f"{H}/wrong-types.md:7: scope: expected a mapping of keys and values, got a list",
        f"{H}/wrong-types.md:8: tags: expected a list, got the text 'running'",
        f"{H}/wrong-types.md:11: phases[0].name: expected text, got a number (12) (put it in quotes to make it text)",
        f"{H}/wrong-types.md:14: phases[0].steps[0].thinking: expected text, got a list",
        f"{H}/wrong-types.md:15: phases[0].steps[0].moment_of_truth: expected true or false, got the text 'maybe'",
        f"{H}/wrong-types.md:17: phases[0].steps[0].touchpoints[0]: expected a mapping of keys and values, "
        "got the text 'Checkout page'",
        f"{H}/wrong-types.md:19: phases[0].steps[0].touchpoints[1].channel: expected text, got a list",
        f"{H}/wrong-types.md:20: phases[0].steps[0].touchpoints[1].contact: expected one of direct, indirect; "
        "got a number (1)",
        f"{H}/wrong-types.md:21: phases[0].steps[0].pain_points: expected a list, got the text 'Slow checkout'",
        f"{H}/wrong-types.md:23: phases[0].steps[0].opportunities[0]: expected a mapping of keys and values, "
        "got a number (42)",
        f"{H}/wrong-types.md:25: phases[0].steps[0].opportunities[1].impact: expected one of low, medium, high; "
        "got the text 'huge'; did you mean 'high'?",
        f"{H}/wrong-types.md:27: phases[0].steps[0].evidence[0]: expected a mapping of keys and values, "
        "got the text 'Interview 4'",
        f"{H}/wrong-types.md:29: phases[0].steps[0].evidence[1].text: expected text, got a number (7) "
        "(put it in quotes to make it text)",
        f"{H}/wrong-types.md:32: phases[0].steps[0].metrics[0].value: expected a number, got the text 'high'",
        f"{H}/wrong-types.md:33: phases[0].steps[0].metrics[0].target: expected a number, got a list",
        f"{H}/wrong-types.md:34: phases[0].steps[0].backstage: expected a list, got a mapping",
    ],
    "wrong-types-phases.md": [
        f"{H}/wrong-types-phases.md:5: phases[0]: expected a mapping of keys and values, got the text 'purchase'",
        f"{H}/wrong-types-phases.md:7: phases[1].steps: expected a list, got the text 'Sends a thank-you email'",
    ],
    "unknown-keys.md": [
        f"{H}/unknown-keys.md:4: sumary: unknown key 'sumary'; expected one of: baseline, goal, owner, persona, "
        "phases, reviewed, scenario, scope, status, tags, title, type",
        f"{H}/unknown-keys.md:6: scope.begin: unknown key 'begin'; did you mean 'end'?",
        f"{H}/unknown-keys.md:9: phases[0].stages: unknown key 'stages'; did you mean 'stage'?",
        f"{H}/unknown-keys.md:12: phases[0].steps[0].emotions: unknown key 'emotions'; did you mean 'emotion'?",
        f"{H}/unknown-keys.md:16: phases[0].steps[0].touchpoints[0].chanel: unknown key 'chanel'; "
        "did you mean 'channel'?",
        f"{H}/unknown-keys.md:19: phases[0].steps[0].opportunities[0].efort: unknown key 'efort'; "
        "did you mean 'effort'?",
        f"{H}/unknown-keys.md:23: phases[0].steps[0].evidence[0].sources: unknown key 'sources'; "
        "did you mean 'source'?",
        f"{H}/unknown-keys.md:26: phases[0].steps[0].metrics[0].units: unknown key 'units'; did you mean 'unit'?",
    ],
    "unknown-references.md": [
        f"{H}/unknown-references.md:3: persona: unknown persona 'maia'; did you mean 'maya'?",
        f"{H}/unknown-references.md:5: baseline: unknown journey 'retail/buy-running-shoe'; "
        "did you mean 'retail/buy-running-shoes'?",
        f"{H}/unknown-references.md:6: owner: unknown department 'ecomerce'; did you mean 'ecommerce'?",
        f"{H}/unknown-references.md:8: phases[0].stage: unknown stage 'purchse'; did you mean 'purchase'?",
        f"{H}/unknown-references.md:13: phases[0].steps[0].touchpoints[0].channel: unknown channel 'webiste'; "
        "did you mean 'website'?",
        f"{H}/unknown-references.md:14: phases[0].steps[0].touchpoints[0].device: unknown device 'mobil'; "
        "did you mean 'mobile'?",
        f"{H}/unknown-references.md:15: phases[0].steps[0].touchpoints[0].department: unknown department "
        "'marketting'; did you mean 'marketing'?",
        f"{H}/unknown-references.md:18: phases[0].steps[0].opportunities[0].owner: unknown department 'sales'; "
        "expected one of: customer-service, ecommerce, marketing",
    ],
    "number-as-key.md": [
        f"{H}/number-as-key.md:4: 2026: unknown key 2026; expected one of: baseline, goal, owner, persona, phases, "
        "reviewed, scenario, scope, status, tags, title, type",
        f"{H}/number-as-key.md:9: phases[0].steps[0].1: unknown key 1; expected one of: action, backstage, emotion, "
        "evidence, feeling, frontstage, metrics, moment_of_truth, opportunities, pain_points, support, thinking, "
        "time, touchpoints",
    ],
    "duplicate-key.md": [f"{H}/duplicate-key.md:4: title: duplicate key 'title' (first on line 2); keep one"],
    "duplicate-nested-key.md": [
        f"{H}/duplicate-nested-key.md:9: phases[0].steps[0].emotion: duplicate key 'emotion' (first on line 8); "
        "keep one"],
    "duplicate-keys-and-more.md": [  # a duplicate key does not hide the other problems of the file
        f"{H}/duplicate-keys-and-more.md:5: goal: duplicate key 'goal' (first on line 3); keep one",
        f"{H}/duplicate-keys-and-more.md:10: phases[0].steps[0].pain_point: unknown key 'pain_point'; "
        "did you mean 'pain_points'?",
        f"{H}/duplicate-keys-and-more.md:11: phases[0].steps[0].emotion: 9 is outside the emotion scale -2..2",
        f"{H}/duplicate-keys-and-more.md:14: phases[0].steps[0].touchpoints[0].channel: unknown channel 'webiste'; "
        "did you mean 'website'?",
        f"{H}/duplicate-keys-and-more.md:16: phases[0].steps[0].touchpoints[0].contact: duplicate key 'contact' "
        "(first on line 15); keep one",
    ],
    "duplicate-stage.md": [
        f"{H}/duplicate-stage.md:8: phases[1].stage: stage 'purchase' already has a phase (line 5); "
        "a stage may appear once per journey"],
    "stages-out-of-order.md": [
        f"{H}/stages-out-of-order.md:8: phases[1].stage: stage 'awareness' is out of order; phases follow the "
        "vocabulary's stages: awareness, consideration, purchase, retention, advocacy"],
    "emotion.md": [
        f"{H}/emotion.md:8: phases[0].steps[0].emotion: 3 is outside the emotion scale -2..2",
        f"{H}/emotion.md:10: phases[0].steps[1].emotion: -7 is outside the emotion scale -2..2",
        f"{H}/emotion.md:12: phases[0].steps[2].emotion: expected a whole number, got a number (1.5)",
        f"{H}/emotion.md:14: phases[0].steps[3].emotion: expected a whole number, got the text '2'",
        f"{H}/emotion.md:16: phases[0].steps[4].emotion: expected a whole number, got the text 'yes'",
        f"{H}/emotion.md:18: phases[0].steps[5].emotion: expected a whole number, got a number (nan)",
    ],
    "dates.md": [f"{H}/dates.md:4: reviewed: 2026-02-30 is not a real date (day is out of range for month)"],
    "date-not-iso.md": [f"{H}/date-not-iso.md:4: reviewed: expected a date written YYYY-MM-DD, got '30/09/2026'"],
    "baseline-on-current-map.md": [
        f"{H}/baseline-on-current-map.md:5: baseline: baseline is allowed on future maps only; "
        "this map's type is 'current'"],
    "baseline-is-itself.md": [
        f"{H}/baseline-is-itself.md:5: baseline: a map cannot be its own baseline; "
        "name the current-state map it improves on"],
    "baseline-missing.md": [
        f"{H}/baseline-missing.md:5: baseline: unknown journey 'retail/sell-running-shoes'; "
        "did you mean 'retail/buy-running-shoes'?"],
    "baseline-is-a-future-map.md": [
        f"{H}/baseline-is-a-future-map.md:5: baseline: 'retail/buy-running-shoes-future' is a future map too; "
        "a baseline must be a map of another type"],
    "python-object-tag.md": [
        f"{H}/python-object-tag.md:2: title: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
        "is not allowed; write plain values"],
    "python-name-tag.md": [
        f"{H}/python-name-tag.md:3: persona: the YAML tag 'tag:yaml.org,2002:python/name:os.system' "
        "is not allowed; write plain values"],
    "set-tag.md": [f"{H}/set-tag.md:4: tags: the YAML tag 'tag:yaml.org,2002:set' is not allowed; write plain values"],
    "custom-tag.md": [f"{H}/custom-tag.md:2: title: the YAML tag '!include' is not allowed; write plain values"],
    "billion-laughs.md": [
        f"{H}/billion-laughs.md:2: anchors and aliases expand to more than 10,000 values; "
        "write the values out instead"],
    "merge-key-bomb.md": [
        f"{H}/merge-key-bomb.md:2: anchors and aliases expand to more than 10,000 values; "
        "write the values out instead"],
    "metric-not-finite.md": [
        f"{H}/metric-not-finite.md:9: phases[0].steps[0].metrics[0].target: expected a finite number, got .inf",
        f"{H}/metric-not-finite.md:9: phases[0].steps[0].metrics[0].value: expected a finite number, got .nan",
    ],
    "control-characters-in-values.md": [
        f"{H}/control-characters-in-values.md:10: phases[0].steps[0].touchpoints[0].channel: unknown channel "
        "'\\x1b[2J\\x1b[31mwebsite\\nWARNING -  all good'; "
        "expected one of: email, live-chat, phone, print, social-media, store, website"],
    "number-too-long.md": [
        f"{H}/number-too-long.md:8: phases[0].steps[0].emotion: the number '1{'0' * 79}…' is too long "
        "(109 characters); put it in quotes if it is text"],
    "touchpoint-addresses-collide.md": [
        f"{H}/touchpoint-addresses-collide.md:11: phases[0].steps[0].touchpoints[1].name: 'Check out page!' has "
        "the same address as 'Check-out page' in this step; give touchpoints of one step different names"],
    "personas/wrong-persona.md": [
        f"{P}/wrong-persona.md:2: name: expected text, got a list",
        f"{P}/wrong-persona.md:3: segmnet: unknown key 'segmnet'; did you mean 'segment'?",
        f"{P}/wrong-persona.md:4: goals: expected a list, got the text 'Cheap shoes'",
        f"{P}/wrong-persona.md:5: frustrations: expected a list, got a mapping",
        f"{P}/wrong-persona.md:6: channels[1]: unknown channel 'fax'; "
        "expected one of: email, live-chat, phone, print, social-media, store, website",
        f"{P}/wrong-persona.md:7: image: the image '../../../../etc/passwd' must stay inside the journeys folder",
    ],
    "personas/image-absolute.md": [
        f"{P}/image-absolute.md:3: image: the image '/etc/passwd' must stay inside the journeys folder"],
}

DEEP = "[" * 100_000 + "]" * 100_000  # libyaml's composer recursed on this until the process crashed
LONG_TEXT = "x" * 100_000
BAD_NAME = "rename it using letters, digits, '-', '_' and '.'"

MADE_CASES = [
    Case("latin-1", written("hostile/latin-1.md", "---\ntitle: Café shoes\n---\n".encode("latin-1")),
         [f"{H}/latin-1.md:2: the file is not UTF-8 text (byte 14); save it as UTF-8"]),
    Case("utf-16", written("hostile/utf-16.md", journey("Buying shoes").encode("utf-16")),
         [f"{H}/utf-16.md:1: the file is not UTF-8 text (byte 0); save it as UTF-8"]),
    Case("photo-named-md", written("hostile/photo.md", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
         [f"{H}/photo.md:1: the file is not UTF-8 text (byte 0); save it as UTF-8"]),
    Case("nul-byte", written("hostile/nul-byte.md", journey("Buying\x00 shoes")),
         [f"{H}/nul-byte.md:2: this is not valid YAML: unacceptable character #x0000: "
          "control characters are not allowed"]),
    Case("byte-order-mark-with-an-error", written("hostile/bom.md", "\ufeff" + journey("Buying shoes", "owner: it\n")),
         [f"{H}/bom.md:4: owner: unknown department 'it'; "
          "expected one of: customer-service, ecommerce, marketing"]),
    Case("deep-nesting", written("hostile/deep.md", f"---\ntitle: Deep\ntags: {DEEP}\n---\n"),
         [f"{H}/deep.md:3: lists and mappings are nested more than 50 levels deep here; "
          "no field of the format needs that"]),
    Case("long-text-repeated-by-aliases",
         written("hostile/text-bomb.md", f'---\ntitle: &t "{LONG_TEXT}"\npersona: maya\n'
                                         f"tags: [{', '.join(['*t'] * 20)}]\n---\n"),
         [f"{H}/text-bomb.md:2: anchors and aliases repeat more than 1,000,000 characters of text; "
          "write the values out instead"]),
    Case("link-to-a-file-outside", linked("hostile/passwd.md", "/etc/passwd"),
         [f"{H}/passwd.md:1: this file is a link to a file outside the journeys folder, which is not published; "
          "copy the file here instead"]),
    Case("link-to-nowhere", linked("hostile/gone.md", "nowhere.md"),
         [f"{H}/gone.md:1: this file is a link to a file that does not exist"]),
    Case("link-to-a-folder", linked("hostile-folder", "/etc"),
         ["journeys/hostile-folder:1: this folder is a link, which is not followed; move the files here instead"]),
    Case("persona-image-that-links-outside",
         both(linked("personas/images/leak.png", "/etc/passwd"),
              written("personas/leaky.md", "---\nname: Leaky\nimage: images/leak.png\n---\n")),
         [f"{P}/images/leak.png:1: this file is a link to a file outside the journeys folder, which is not "
          "published; copy the file here instead",
          f"{P}/leaky.md:3: image: the image 'images/leak.png' must stay inside the journeys folder"]),
    Case("javascript-file-name", written("javascript:alert(1)<!--.md", journey("Script")),
         ["journeys/javascript:alert(1)<!--.md:1: the name 'javascript:alert(1)<!--' has characters that do not "
          f"belong in a web address ('!', '(', ')', ':', '<'); {BAD_NAME}"]),
    Case("markup-folder-name", written("<img src=x onerror=alert(2)>/map.md", journey("Image")),
         ["journeys/<img src=x onerror=alert(2)>/map.md:1: the name '<img src=x onerror=alert(2)>' has characters "
          f"that do not belong in a web address (' ', '(', ')', '<', '=', '>'); {BAD_NAME}"]),
    Case("hash-in-file-name", written("hostile/size#guide.md", journey("Size guide")),
         [f"{H}/size#guide.md:1: the name 'size#guide' has characters that do not belong in a web address ('#'); "
          f"{BAD_NAME}"]),
    Case("newline-in-file-name", written("hostile/two\nlines.md", journey("Two lines")),
         [f"{H}/two\\nlines.md:1: the name 'two\\nlines' has characters that do not belong in a web address "
          f"('\\n'); {BAD_NAME}"]),
    Case("journey-ids-differ-only-in-case",
         both(written("hostile/Case-Clash.md", journey("Case clash, upper")),
              written("hostile/case-clash.md", journey("Case clash, lower"))),
         [f"{H}/Case-Clash.md:1: the id 'hostile/Case-Clash' differs from 'hostile/case-clash' "
          f"({H}/case-clash.md) only in upper/lower case; both would publish at the same address, which "
          f"{H}/case-clash.md keeps: rename this file"],
         pages=("journeys/hostile/case-clash/",)),
    Case("persona-ids-differ-only-in-case",
         both(written("personas/Kofi.md", "---\nname: Kofi, upper\n---\n"),
              written("personas/kofi.md", "---\nname: Kofi, lower\n---\n")),
         [f"{P}/Kofi.md:1: the id 'Kofi' differs from 'kofi' ({P}/kofi.md) only in upper/lower case; "
          f"both would publish at the same address, which {P}/kofi.md keeps: rename this file"],
         pages=("personas/kofi/",)),
    Case("map-beside-a-folder-of-maps", written("retail.md", journey("Retail as a map")),
         ["journeys/retail.md:1: this map would take the address of the page of the folder journeys/retail/, "
          "which lists the maps in it; rename the map or the folder"]),
    Case("folders-differ-only-in-case", written("Retail/shoes.md", journey("Upper-case folder")),
         ["journeys/Retail/shoes.md:1: the folder journeys/Retail/ differs from journeys/retail/ only in upper/lower "
          "case; on Windows and macOS they are one folder, and their pages one page: move this file to "
          "journeys/retail/ or rename the folder"]),
    Case("persona-ids-equal-in-two-folders",
         both(written("personas/lee.md", "---\nname: Lee\n---\n"),
              written("personas/team/lee.md", "---\nname: Lee from the team\n---\n")),
         [f"{P}/team/lee.md:1: the id 'lee' is also the id of {P}/lee.md, which keeps it; ids must be unique: "
          "rename this file"],
         pages=("personas/lee/",)),
]

CASES = [Case(name.removesuffix(".md"), copied(name), lines) for name, lines in FILE_CASES.items()] + MADE_CASES


def test_every_file_of_the_folder_is_a_case() -> None:
    files = {p.relative_to(HOSTILE).as_posix() for p in HOSTILE.rglob("*.md") if p.name != "README.md"}
    assert files == set(FILE_CASES)


def validate(cwd: Path) -> tuple[int, list[str], str]:
    """``journeymaps validate`` in-process, from ``cwd`` as the working directory."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["validate", "journeys"])
    finally:
        os.chdir(old)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback is a failure, not a problem report
    return result.exit_code, result.stdout.splitlines(), result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_beside_healthy_files(tmp_path: Path, case: Case) -> None:
    healthy_site(tmp_path)
    case.make(tmp_path / "journeys")
    code, lines, stderr = validate(tmp_path)
    assert lines == case.expected
    assert code == 1
    assert "Traceback" not in stderr


# --- everything at once, through a real MkDocs build --------------------------------

MARKER = Path("/tmp/journeymaps-hacked")  # what python-object-tag.md would create if its tag ran


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = healthy_site(tmp_path_factory.mktemp("hostile"))
    for case in CASES:
        case.make(root / "journeys")
    MARKER.unlink(missing_ok=True)
    return root


def all_expected() -> list[str]:
    return [line for case in CASES for line in case.expected]


def test_validate_lists_every_problem_of_every_case(hostile_site: Path) -> None:
    done = subprocess.run([str(BIN / "journeymaps"), "validate", "journeys"], cwd=hostile_site,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert sorted(done.stdout.splitlines()) == sorted(all_expected())
    assert done.stderr.endswith(f"{len(all_expected())} problems in {len({*map(_path_of, all_expected())})} "
                                "files\n")
    assert not MARKER.exists()


def _path_of(line: str) -> str:
    """The file a ``path:line: ...`` line is about (file names may hold ':' themselves)."""
    found = re.match(r"(.*?):\d+: ", line)
    assert found, line
    return found.group(1)


def test_mkdocs_build_publishes_the_healthy_files_and_logs_every_problem(hostile_site: Path) -> None:
    done = build(hostile_site)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    assert "Traceback" not in log
    logged = [line for line in log.splitlines() if line.startswith("WARNING -  journeymaps: ")]
    assert sorted(logged) == sorted(f"WARNING -  journeymaps: {line} (this file is left out of the site)"
                                    for line in all_expected())
    site = hostile_site / "site"
    for address in [*HEALTHY_PAGES, *(page for case in CASES for page in case.pages)]:
        assert (site / address / "index.html").is_file(), address
    published = sorted(p.relative_to(site / "journeys").parent.as_posix()
                       for p in (site / "journeys").rglob("index.html"))
    # the maps, and a page for each folder that holds one
    assert published == [".", "healthy", "healthy/notepad", "hostile", "hostile/case-clash", "retail",
                         "retail/buy-running-shoes", "retail/buy-running-shoes-future"]
    # the folder retail/ keeps its page, which lists its maps: the map retail.md beside it is left out
    folder_page = (site / "journeys/retail/index.html").read_text(encoding="utf-8")
    assert "Retail as a map" not in folder_page and 'href="buy-running-shoes/"' in folder_page
    personas = sorted(p.parent.name for p in (site / "personas").glob("*/index.html"))
    assert personas == ["kofi", "lee", "maya"]
    locations = {entry["location"].split("#")[0] for entry in search_index(site)}
    assert {"journeys/retail/buy-running-shoes/", "journeys/healthy/notepad/", "personas/maya/"} <= locations
    # of the hostile folder only its healthy map and the folder's page (which lists that map) are searchable
    assert not [loc for loc in locations
                if "hostile/" in loc and "case-clash" not in loc and loc != "journeys/hostile/"]
    # nothing a broken file carried reached the site: no markup from file names, no linked secrets
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert "onerror=alert" not in text, path
            assert "javascript:alert" not in text, path
    assert not (site / "journeys/personas/images/leak.png").exists()
    assert not list(site.rglob("passwd*"))
    assert not MARKER.exists()


def test_strict_build_with_these_problems_fails(hostile_site: Path, tmp_path: Path) -> None:
    done = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(tmp_path / "site")],
                          cwd=hostile_site, capture_output=True, text=True, timeout=300,
                          env=command_env())
    log = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Traceback" not in log
    assert f"Aborted with {len(all_expected())} warnings in strict mode!" in log


# --- a broken vocabulary: every map depends on it -----------------------------------

V = "journeys/vocabulary.yml"
BILLION_LAUGHS = (HOSTILE / "billion-laughs.md").read_text(encoding="utf-8").split("---\n")[1]

VOCABULARY_CASES = [
    pytest.param("stages: [awareness, purchase\nchannels: [website]\n",
                 [f"{V}:2: this is not valid YAML: while parsing a flow sequence that starts on line 1, "
                  + yaml_says("did not find expected ',' or ']'", "expected ',' or ']', but got ':'")],
                 id="malformed"),
    pytest.param("stages: awareness\nchannels: [website]\n",
                 [f"{V}:1: stages: expected a list, got the text 'awareness'"], id="wrong-type"),
    pytest.param("stages: [awareness, purchase]\nchanels: [website]\n",
                 [f"{V}:1: channels: 'channels' is required",
                  f"{V}:2: chanels: unknown key 'chanels'; did you mean 'channels'?"], id="unknown-key"),
    pytest.param("", [f"{V}:1: expected a mapping of keys and values, got nothing (an empty value)"], id="empty"),
    pytest.param("stages: [awareness]\nchannels: [café]\n".encode("latin-1"),
                 [f"{V}:2: the file is not UTF-8 text (byte 34); save it as UTF-8"], id="latin-1"),
    pytest.param(BILLION_LAUGHS,
                 [f"{V}:1: anchors and aliases expand to more than 10,000 values; write the values out instead"],
                 id="billion-laughs"),
    pytest.param(None, [f"{V}:1: the vocabulary file is missing; it lists the stages and channels"], id="missing"),
    pytest.param("/etc/hostname",
                 [f"{V}:1: this file is a link to a file outside the journeys folder, which is not published; "
                  "copy the file here instead"], id="link-outside"),
]


@pytest.mark.parametrize(("content", "expected"), VOCABULARY_CASES)
def test_broken_vocabulary(tmp_path: Path, content: str | bytes | None, expected: list[str]) -> None:
    healthy_site(tmp_path)
    vocabulary = tmp_path / V
    vocabulary.unlink()
    if content == "/etc/hostname":
        os.symlink(content, vocabulary)
    elif content is not None:
        vocabulary.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    code, lines, _ = validate(tmp_path)
    assert (code, lines) == (1, expected)
    # without the vocabulary no map can be checked, and a site without its maps must never be published
    # silently: the build fails even without --strict, naming the file, the line and the problem
    done = build(tmp_path)
    log = done.stdout + done.stderr
    assert done.returncode == 1, log
    assert "Traceback" not in log
    assert f"ERROR   -  journeymaps: {'; '.join(expected)} (no map can be published without the vocabulary)" \
        in log.splitlines()
    assert "Aborted with a BuildError!" in log
    assert not (tmp_path / "site/journeys/retail").exists()


# --- huge inputs ----------------------------------------------------------------------

TEN_MB = 10 * 1024 * 1024
PAIN = "          - The checkout page is slow and forgets the basket when the app goes to the background\n"


def ten_mb_body() -> str:
    """A valid map whose narrative is 10 MB of Markdown."""
    paragraph = "Maya compares the fit notes of three brands and writes down her sizes. " * 10 + "\n\n"
    return journey("Ten megabytes of narrative") + paragraph * (TEN_MB // len(paragraph) + 1)


def ten_mb_front_matter() -> tuple[str, int]:
    """10 MB of front matter (a list of pain points) with a misspelt key on its last line, and that line."""
    head = "---\ntitle: Ten megabytes of pain\npersona: maya\nphases:\n  - stage: purchase\n    steps:\n" \
           "      - action: Pays\n        pain_points:\n"
    count = (TEN_MB - len(head)) // len(PAIN) + 1
    return head + PAIN * count + "        pain_point: [a typo at the very end]\n---\n", 8 + count + 1


def many_touchpoints(touchpoints: int = 5000, per_step: int = 10) -> str:
    """A valid map of ``touchpoints`` touchpoints, ``per_step`` a step, over four stages."""
    lines = ["---", f"title: {touchpoints:,} touchpoints", "persona: maya", "phases:"]
    stages = ["awareness", "consideration", "purchase", "retention"]
    steps = touchpoints // per_step // len(stages)
    number = 0
    for s, stage in enumerate(stages):
        lines += [f"  - stage: {stage}", "    steps:"]
        for k in range(steps):
            lines += [f"      - action: Step {s + 1}.{k + 1}", f"        emotion: {k % 5 - 2}", "        touchpoints:"]
            for _ in range(per_step):
                number += 1
                lines += [f"          - name: Touchpoint {number}", "            channel: website"]
    return "\n".join([*lines, "---", ""])


@pytest.mark.slow
def test_ten_megabyte_files_beside_healthy_ones(tmp_path: Path) -> None:
    healthy_site(tmp_path)
    big, line = ten_mb_front_matter()
    write(tmp_path, {"journeys/huge/body.md": ten_mb_body(), "journeys/huge/front-matter.md": big})
    (tmp_path / "journeys/huge/photo.md").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(TEN_MB))
    expected = [
        f"journeys/huge/front-matter.md:{line}: phases[0].steps[0].pain_point: unknown key 'pain_point'; "
        "did you mean 'pain_points'?",
        "journeys/huge/photo.md:1: the file is not UTF-8 text (byte 0); save it as UTF-8",
    ]
    assert validate(tmp_path)[:2] == (1, expected)
    done = build(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    site = tmp_path / "site"
    for address in [*HEALTHY_PAGES, "journeys/huge/body/"]:
        assert (site / address / "index.html").is_file(), address
    page = (site / "journeys/huge/body/index.html").read_text(encoding="utf-8")
    assert page.count("Maya compares the fit notes") > 100_000


@pytest.mark.slow
def test_five_thousand_touchpoints_build(tmp_path: Path) -> None:
    healthy_site(tmp_path)
    write(tmp_path, {"journeys/huge/touchpoints.md": many_touchpoints()})
    assert validate(tmp_path)[:2] == (0, [])
    done = build(tmp_path, "--strict")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site/journeys/huge/touchpoints/index.html").read_text(encoding="utf-8")
    anchors = re.findall(r'<h3 id="([^"]+)" class="jm-tp-name">', page)
    assert len(anchors) == len(set(anchors)) == 5000
    assert anchors[0] == "awareness-1-touchpoint-1" and anchors[-1] == "retention-125-touchpoint-5000"
    located = {e["location"] for e in search_index(tmp_path / "site")}
    assert "journeys/huge/touchpoints/#retention-125-touchpoint-5000" in located


# --- alias bombs: memory, measured in a fresh process --------------------------------

# The resident peak is read from /proc (VmHWM, this process's own memory): ru_maxrss of a child started
# by a big parent keeps the parent's size, which Linux carries over through fork and exec.
MEASURE = """
import json, re, resource, sys, time, tracemalloc
from pathlib import Path
from journeymaps.model.load import load_corpus
def resident_peak_mb():
    status = Path("/proc/self/status")
    if status.exists():
        return int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read_text()).group(1)) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
before = resident_peak_mb()
tracemalloc.start()
start = time.perf_counter()
corpus = load_corpus(sys.argv[1], display_base=None)
seconds = time.perf_counter() - start
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"seconds": seconds, "traced_peak_mb": peak / 2**20, "imports_mb": before,
                  "max_rss_mb": resident_peak_mb(), "problems": [p.format() for p in corpus.problems]}))
"""


def measure_load(journeys: Path) -> dict:
    """Load ``journeys`` in a new Python process; its time, traced peak and resident peak memory."""
    done = subprocess.run([str(BIN / "python"), "-c", MEASURE, str(journeys)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("where", ["front-matter", "vocabulary"])
def test_alias_bombs_fail_in_little_memory(tmp_path: Path, where: str) -> None:
    healthy_site(tmp_path)
    journeys = tmp_path / "journeys"
    if where == "vocabulary":
        (journeys / "vocabulary.yml").write_text(BILLION_LAUGHS, encoding="utf-8")
        expected = ["anchors and aliases expand to more than 10,000 values"]
    else:
        for name in ("billion-laughs", "merge-key-bomb", "long-text-repeated-by-aliases", "deep-nesting"):
            next(c for c in CASES if c.name == name).make(journeys)
        expected = ["anchors and aliases expand", "anchors and aliases expand", "anchors and aliases repeat",
                    "nested more than 50 levels"]
    measured = measure_load(journeys)
    print(f"\nalias bombs in {where}: {measured['seconds']:.3f} s, traced peak {measured['traced_peak_mb']:.1f} MB, "
          f"resident peak {measured['max_rss_mb']:.1f} MB (after imports {measured['imports_mb']:.1f} MB)")
    found = [next((words for words in expected if words in problem), problem) for problem in measured["problems"]]
    assert sorted(found) == sorted(expected)
    assert measured["max_rss_mb"] < 200  # the whole process, Python and its imports included

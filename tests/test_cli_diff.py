"""``journeymaps diff [BASE] [HEAD]`` on real git repositories made in the test, with fixed names and dates."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

import cli
from test_validation import BUY, FUT, MAYA, edit, write, write_corpus


def git(repo: Path, *args: str, when: str = "2026-05-01T10:00:00Z") -> str:
    env = {
        **os.environ, "GIT_AUTHOR_NAME": "Ana Example", "GIT_AUTHOR_EMAIL": "ana@example.com",
        "GIT_COMMITTER_NAME": "Ana Example", "GIT_COMMITTER_EMAIL": "ana@example.com",
        "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo),
    }
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit(repo: Path, message: str, when: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)
    return git(repo, "rev-parse", "--short=7", "HEAD")


def invoke(cwd: Path, *args: str):
    """``journeymaps diff ARGS`` from the folder ``cwd``."""
    return cli.invoke(cwd, "diff", *args)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose main branch has the small corpus of test_validation, on a new branch 'edit'."""
    write_corpus(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "Maps", "2026-05-01T10:00:00Z")
    git(tmp_path, "switch", "-q", "-c", "edit")
    return tmp_path


NEW_MAP = """\
---
title: Buying socks <b>fast</b>
persona: maya
phases:
  - stage: purchase
    steps:
      - action: Adds *three* pairs
        emotion: 1
        touchpoints:
          - {name: Basket, channel: website}
        pain_points: [No multipack price]
---
"""


def edit_everything(repo: Path) -> None:
    """One change of each kind the diff reports."""
    edit(repo, BUY, "status: approved\n", "status: review\n")
    edit(repo, BUY, "        emotion: 1\n", "        emotion: -1\n")  # awareness step 1
    edit(repo, BUY, "            department: marketing\n",
         "            department: ecommerce\n          - name: Search advert\n            channel: website\n")
    edit(repo, BUY, "          - No size guide in the post\n", "          - The post has no price\n")
    edit(repo, BUY, "          - title: Link posts to a fit finder\n            owner: marketing\n",
         "          - Show the price in the post\n")
    edit(repo, BUY, "      - action: Pays on the website\n        emotion: -1\n",
         "      - action: Pays on the website with a card\n        emotion: 0\n")
    edit(repo, BUY, "            device: desktop\n---\n",
         "            device: desktop\n      - action: Reads the confirmation\n        emotion: 1\n---\n")
    (repo / FUT).unlink()
    write(repo / "journeys/retail/buy-socks.md", NEW_MAP)
    write(repo / "journeys/personas/kofi.md", "---\nname: Kofi\n---\n")


EXPECTED = """\
## Journey maps: 1 added, 1 changed, 1 removed

Compared {base} (main) with {head} (HEAD).

### Added

- **Buying socks &lt;b&gt;fast&lt;/b&gt;** (`retail/buy-socks`): `maya` · current · draft · 1 step · 1 touchpoint · \
1 pain point · 0 opportunities · average emotion +1.0

### Removed

- **Buying running shoes in one tap** (`retail/buy-shoes-future`)

### Changed

#### Buying running shoes (`retail/buy-shoes`)

- status: approved → review
- Awareness, step 1: “Sees a friend's post”:
  - emotion: +1 → −1 (worse ↓)
  - touchpoint added: “Search advert” (`website`)
  - touchpoint changed: “Friend's post”: department marketing → ecommerce
  - pain point added: “The post has no price”
  - pain point resolved: “No size guide in the post”
  - opportunity added: “Show the price in the post”
  - opportunity resolved: “Link posts to a fit finder”
- Purchase, step 1: “Pays on the website with a card”:
  - was “Pays on the website”
  - emotion: −1 → 0 (better ↑)
- new step: Purchase, step 2: “Reads the confirmation” (emotion +1)

### Personas

- added: `kofi`
"""


def test_diff_between_two_commits(repo: Path) -> None:
    base = git(repo, "rev-parse", "--short=7", "main")
    edit_everything(repo)
    head = commit(repo, "Edit maps", "2026-05-02T10:00:00Z")
    result = invoke(repo, "main", "HEAD")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == EXPECTED.format(base=base, head=head)
    assert git(repo, "status", "--porcelain") == "", "the diff must not write into the repository"


def test_default_is_the_merge_base_with_main_against_the_working_tree(repo: Path) -> None:
    base = git(repo, "rev-parse", "--short=7", "main")
    edit(repo, BUY, "status: approved\n", "status: review\n")
    commit(repo, "Review", "2026-05-02T10:00:00Z")
    # main moves on after the branch was made: its change is not part of this branch's diff
    git(repo, "switch", "-q", "main")
    edit(repo, FUT, "title: Buying running shoes in one tap\n", "title: One-tap checkout\n")
    commit(repo, "Rename on main", "2026-05-03T10:00:00Z")
    git(repo, "switch", "-q", "edit")
    edit(repo, BUY, "title: Buying running shoes\n", "title: Buying running shoes online\n")  # not committed
    result = invoke(repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"""\
## Journey maps: 0 added, 1 changed, 0 removed

Compared {base} (merge base with main) with the working tree.

### Changed

#### Buying running shoes online (`retail/buy-shoes`)

- title: Buying running shoes → Buying running shoes online
- status: approved → review
"""


def test_json_format(repo: Path) -> None:
    edit_everything(repo)
    result = invoke(repo, "main", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["summary"] == {"added": 1, "changed": 1, "removed": 1, "not_compared": 0}
    assert data["head"] == "the working tree"
    assert [j["id"] for j in data["added"]] == ["retail/buy-socks"]
    changed = data["changed"][0]
    assert changed["fields"] == [{"field": "status", "before": "approved", "after": "review"}]
    assert "average_emotion" not in changed  # 1 and -1 before, -1, 0 and 1 after: 0.0 both times
    first = changed["steps"]["changed"][0]
    assert (first["stage"], first["number"], first["emotion"]) == (
        "awareness", 1, {"before": 1, "after": -1, "direction": "worse"})
    assert first["touchpoints"]["added"] == [{"name": "Search advert", "channel": "website", "contact": "direct"}]
    assert first["pain_points"] == {"added": ["The post has no price"], "resolved": ["No size guide in the post"]}
    assert changed["steps"]["added"] == [{
        "stage": "purchase", "phase": "Purchase", "number": 2, "action": "Reads the confirmation", "emotion": 1,
        "touchpoints": [], "pain_points": [], "opportunities": []}]
    assert data["personas"] == {"added": ["kofi"], "removed": [], "changed": []}


def test_removed_step_resolves_its_pain_points_and_opportunities(repo: Path) -> None:
    edit(repo, BUY, "    steps:\n      - action: Sees a friend's post\n",
         "    steps:\n      - action: Hears about it at the club\n      - action: Sees a friend's post\n")
    head = commit(repo, "Add a step", "2026-05-02T10:00:00Z")
    text = (repo / BUY).read_text(encoding="utf-8")
    start, end = text.index("      - action: Sees a friend's post\n"), text.index("  - stage: purchase\n")
    (repo / BUY).write_text(text[:start] + text[end:], encoding="utf-8")
    result = invoke(repo, "HEAD")
    assert result.stdout == f"""\
## Journey maps: 0 added, 1 changed, 0 removed

Compared {head} (HEAD) with the working tree.

### Changed

#### Buying running shoes (`retail/buy-shoes`)

- average emotion: 0.0 → −1.0 (worse ↓)
- step removed: Awareness, step 2: “Sees a friend's post” (emotion +1, 1 touchpoint, 1 pain point, 1 opportunity)
  - pain point resolved: “No size guide in the post”
  - opportunity resolved: “Link posts to a fit finder”
"""


def test_broken_file_is_not_compared(repo: Path) -> None:
    edit(repo, BUY, "        pain_points:\n", "        pain_point:\n")
    result = invoke(repo)
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "### Not compared\n\n- `retail/buy-shoes.md` has 1 problem at the working tree; "
        "run `journeymaps validate` to see them\n")
    assert "### Removed" not in result.stdout


def test_broken_vocabulary_compares_nothing(repo: Path) -> None:
    edit(repo, "journeys/vocabulary.yml", "devices:", "device:")
    result = invoke(repo)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "## Journey maps: 0 added, 0 changed, 0 removed, 1 not compared"
    assert result.stdout.endswith(
        "### Not compared\n\n- `vocabulary.yml` has 1 problem at the working tree; no map can be compared until it "
        "is fixed; run `journeymaps validate` to see them\n")


def test_no_changes(repo: Path) -> None:
    base = git(repo, "rev-parse", "--short=7", "main")
    result = invoke(repo)
    assert result.stdout == (f"## Journey maps: no changes\n\nCompared {base} (merge base with main) with the "
                             "working tree.\n\nNo journey map or persona changed.\n")


def test_master_is_the_main_branch_when_there_is_no_main(repo: Path) -> None:
    git(repo, "branch", "-q", "-m", "main", "master")
    base = git(repo, "rev-parse", "--short=7", "master")
    assert f"Compared {base} (merge base with master)" in invoke(repo).stdout


def test_without_main_or_master_base_must_be_named(repo: Path) -> None:
    git(repo, "branch", "-q", "-m", "main", "trunk")
    result = invoke(repo)
    assert result.exit_code == 2
    assert result.stderr == ("journeymaps diff: none of the branches main, master, origin/main, origin/master "
                             "exists; name BASE\n")
    assert invoke(repo, "trunk").exit_code == 0


def test_unknown_revision(repo: Path) -> None:
    result = invoke(repo, "nosuchbranch")
    assert (result.exit_code, result.stderr) == (2, "journeymaps diff: unknown revision 'nosuchbranch'\n")


def test_not_a_git_repository(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    result = invoke(tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"journeymaps diff: {(tmp_path / 'journeys').resolve().as_posix()} is not in a "
                                    "git repository (")


def test_journeys_folder_below_the_repository_root(tmp_path: Path) -> None:
    site = tmp_path / "intranet"
    write_corpus(site)
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "Maps", "2026-05-01T10:00:00Z")
    edit(site, MAYA, "segment: Millennials\n", "segment: Runners\n")
    result = invoke(tmp_path, "--journeys", "intranet/journeys", "main")
    assert result.stdout.endswith("### Personas\n\n- changed: `maya`\n")
    result = invoke(site, "main")  # from inside the site folder, journeys/ is found there
    assert result.stdout.endswith("### Personas\n\n- changed: `maya`\n")


def set_awareness_steps(repo: Path, *steps: str) -> None:
    """Replace the steps of the awareness phase of BUY with ``steps`` (YAML items, indented for the phase)."""
    text = (repo / BUY).read_text(encoding="utf-8")
    start, end = text.index("      - action: "), text.index("  - stage: purchase\n")
    (repo / BUY).write_text(text[:start] + "".join(steps) + text[end:], encoding="utf-8")


def awareness_step(repo: Path) -> str:
    """The first awareness step of BUY as committed (with its pain point and opportunity)."""
    text = (repo / BUY).read_text(encoding="utf-8")
    return text[text.index("      - action: "):text.index("  - stage: purchase\n")]


READS = "      - action: Reads reviews\n        emotion: 0\n"
ASKS = "      - action: Asks at the club\n        emotion: 1\n        pain_points: [Nobody runs trails]\n"


def changed_lines(stdout: str) -> list[str]:
    """The lines below the changed map's heading."""
    return stdout.split("#### Buying running shoes (`retail/buy-shoes`)\n\n", 1)[1].splitlines()


def test_a_step_moved_within_its_phase_is_one_moved_step(repo: Path) -> None:
    post = awareness_step(repo)
    set_awareness_steps(repo, post, READS, ASKS)
    commit(repo, "Three steps", "2026-05-02T10:00:00Z")
    set_awareness_steps(repo, READS, ASKS, post)
    result = invoke(repo, "HEAD")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "## Journey maps: 0 added, 1 changed, 0 removed"
    assert changed_lines(result.stdout) == [
        "- Awareness, step 3: “Sees a friend's post”:",
        "  - moved from step 1",
    ]
    data = json.loads(invoke(repo, "HEAD", "--format", "json").stdout)
    assert data["changed"][0]["steps"] == {"added": [], "removed": [], "changed": [{
        "stage": "awareness", "phase": "Awareness", "number": 3, "action": "Sees a friend's post",
        "moved_from": {"stage": "awareness", "phase": "Awareness", "number": 1}}]}


def test_a_moved_step_that_also_changed_says_both(repo: Path) -> None:
    post = awareness_step(repo)
    set_awareness_steps(repo, post, READS, ASKS)
    commit(repo, "Three steps", "2026-05-02T10:00:00Z")
    set_awareness_steps(repo, ASKS.replace("emotion: 1", "emotion: -1"), post, READS)
    assert changed_lines(invoke(repo, "HEAD").stdout) == [
        "- average emotion: +0.3 → −0.3 (worse ↓)",
        "- Awareness, step 1: “Asks at the club”:",
        "  - moved from step 3",
        "  - emotion: +1 → −1 (worse ↓)",
    ]


def test_steps_shifted_by_a_new_step_have_not_moved(repo: Path) -> None:
    post = awareness_step(repo)
    set_awareness_steps(repo, post, READS)
    commit(repo, "Two steps", "2026-05-02T10:00:00Z")
    set_awareness_steps(repo, ASKS, post, READS.replace("Reads reviews", "Reads two reviews"))
    assert changed_lines(invoke(repo, "HEAD").stdout) == [
        "- average emotion: 0.0 → +0.3 (better ↑)",
        "- Awareness, step 3: “Reads two reviews”:",
        "  - was “Reads reviews”",
        "- new step: Awareness, step 1: “Asks at the club” (emotion +1, 1 pain point)",
        "  - pain point added: “Nobody runs trails”",
    ]


def test_a_step_moved_to_another_phase(repo: Path) -> None:
    post = awareness_step(repo)
    set_awareness_steps(repo, post, READS)
    commit(repo, "Two steps", "2026-05-02T10:00:00Z")
    set_awareness_steps(repo, post)
    edit(repo, BUY, "  - stage: purchase\n    steps:\n", "  - stage: purchase\n    steps:\n" + READS)
    assert changed_lines(invoke(repo, "HEAD").stdout) == [
        "- Purchase, step 1: “Reads reviews”:",
        "  - moved from Awareness, step 2",
    ]


def test_a_missing_journeys_folder_is_an_error(repo: Path) -> None:
    base = git(repo, "rev-parse", "--short=7", "main")
    result = invoke(repo, "--journeys", "typo")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"journeymaps diff: there is no journeys folder 'typo' at {base} (merge base with main) "
                             "or at the working tree; run the command in the folder that holds it, or name it with "
                             "--journeys\n")


def test_run_inside_the_journeys_folder_compares_that_folder(repo: Path) -> None:
    edit(repo, MAYA, "segment: Millennials\n", "segment: Runners\n")
    result = invoke(repo / "journeys")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("### Personas\n\n- changed: `maya`\n")
    assert invoke(repo / "journeys/retail").stdout == result.stdout


def test_first_maps_of_a_fresh_repository_are_all_added(tmp_path: Path) -> None:
    write(tmp_path / "README.md", "# Shop\n")
    git(tmp_path, "init", "-q", "-b", "main")
    base = commit(tmp_path, "Start", "2026-05-01T10:00:00Z")
    git(tmp_path, "switch", "-q", "-c", "maps")
    write_corpus(tmp_path)
    result = invoke(tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"""\
## Journey maps: 2 added, 0 changed, 0 removed

Compared {base} (merge base with main) with the working tree. There is no journeys folder at {base} (merge base with \
main).

### Added

- **Buying running shoes** (`retail/buy-shoes`): `maya` · current · approved · 2 steps · 2 touchpoints · 1 pain point \
· 1 opportunity · average emotion 0.0
- **Buying running shoes in one tap** (`retail/buy-shoes-future`): `maya` · future · draft · 1 step · 0 touchpoints \
· 0 pain points · 0 opportunities · average emotion +2.0

### Personas

- added: `maya`
"""
    head = commit(tmp_path, "Maps", "2026-05-02T10:00:00Z")
    data = json.loads(invoke(tmp_path, "HEAD", "main", "--format", "json").stdout)
    assert data["no_folder_at"] == [f"{base} (main)"]
    assert [j["id"] for j in data["removed"]] == ["retail/buy-shoes", "retail/buy-shoes-future"]
    assert data["head"] == f"{base} (main)" and data["base"] == f"{head} (HEAD)"


def test_scores_on_a_scale_without_negatives_have_no_sign(tmp_path: Path) -> None:
    """On a 1..5 scale "+4" means nothing: the diff writes scores as the site does."""
    write_corpus(tmp_path)
    edit(tmp_path, "journeys/vocabulary.yml", "stages:\n", "emotion_scale: {min: 1, max: 5}\nstages:\n")
    for rel in (BUY, FUT):
        text = (tmp_path / rel).read_text(encoding="utf-8")
        for old, new in (("emotion: -1", "emotion: 2"), ("emotion: 1", "emotion: 4"), ("emotion: 2", "emotion: 5")):
            text = text.replace(old, new)
        write(tmp_path / rel, text)
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "Maps on a 1..5 scale", "2026-05-01T10:00:00Z")
    edit(tmp_path, BUY, "        emotion: 4\n", "        emotion: 3\n")
    result = invoke(tmp_path, "HEAD")
    assert result.exit_code == 0, result.stderr
    assert "  - emotion: 4 → 3 (worse ↓)\n" in result.stdout
    assert "- average emotion: 4.5 → 4.0 (worse ↓)\n" in result.stdout
    assert "+" not in result.stdout
    data = json.loads(invoke(tmp_path, "HEAD", "--format", "json").stdout)
    assert data["emotion_scale"] == {"min": 1, "max": 5}


BLUEPRINT_STEP = """\
        time: "07:10"
        frontstage: [Staff answer comments on the post]
        backstage: [Marketing schedules the campaign, Legal checks the claims]
        support: [Campaign tool, Social media inbox]
"""


def test_time_and_lane_changes_in_words(repo: Path) -> None:
    edit(repo, BUY, "        emotion: 1\n", "        emotion: 1\n" + BLUEPRINT_STEP)
    edit(repo, BUY, "        emotion: -1\n", "        emotion: -1\n        time: Lunch break\n")
    commit(repo, "Lanes", "2026-05-02T10:00:00Z")
    edit(repo, BUY, '        time: "07:10"\n', '        time: "07:30"\n')
    edit(repo, BUY, "        frontstage: [Staff answer comments on the post]\n",
         "        frontstage: [Staff answer comments on the post, A *store* manager replies]\n")
    edit(repo, BUY, "        backstage: [Marketing schedules the campaign, Legal checks the claims]\n",
         "        backstage: [Marketing schedules the campaign]\n")
    edit(repo, BUY, "        support: [Campaign tool, Social media inbox]\n",
         "        support: [CRM, Campaign tool]\n")
    edit(repo, BUY, "        time: Lunch break\n", "")
    result = invoke(repo, "HEAD")
    assert result.exit_code == 0, result.stderr
    assert changed_lines(result.stdout) == [
        "- Awareness, step 1: “Sees a friend's post”:",
        "  - time: 07:10 → 07:30",
        "  - frontstage action added: “A \\*store\\* manager replies”",
        "  - backstage action removed: “Legal checks the claims”",
        "  - support process added: “CRM”",
        "  - support process removed: “Social media inbox”",
        "- Purchase, step 1: “Pays on the website”:",
        "  - time: Lunch break → none",
    ]
    step = json.loads(invoke(repo, "HEAD", "--format", "json").stdout)["changed"][0]["steps"]["changed"][0]
    assert step["time"] == {"before": "07:10", "after": "07:30"}
    assert step["frontstage"] == {"added": ["A *store* manager replies"], "removed": []}
    assert step["backstage"] == {"added": [], "removed": ["Legal checks the claims"]}
    assert step["support"] == {"added": ["CRM"], "removed": ["Social media inbox"]}
    assert "other" not in step


def test_a_time_set_and_lanes_only_reordered(repo: Path) -> None:
    without_time = BLUEPRINT_STEP.replace('        time: "07:10"\n', "")
    edit(repo, BUY, "        emotion: 1\n", "        emotion: 1\n" + without_time)
    commit(repo, "Lanes", "2026-05-02T10:00:00Z")
    edit(repo, BUY, "        support: [Campaign tool, Social media inbox]\n",
         "        support: [Social media inbox, Campaign tool]\n        time: '07:10'\n")
    assert changed_lines(invoke(repo, "HEAD").stdout) == [
        "- Awareness, step 1: “Sees a friend's post”:",
        "  - time: none → 07:10",
        "  - also changed: support",
    ]

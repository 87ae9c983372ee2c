"""History from git: last change, contributors, the change history with its emotion trend, and the cases without git.

Every repository is made here with fixed authors and dates, and every site is built with real MkDocs.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from pathlib import Path

import pytest

from gitrepo import ANA, BEN, BIN, CHRIS, build_with, commit, counting_git, git, init
from journeymaps.figures.trend import revision_average
from journeymaps.git.history import read_history
from journeymaps.git.runner import Git, GitError
from sites import SPEC_JOURNEY, search_index, spec_site, write

JOURNEY = "journeys/retail/buy-running-shoes.md"


def page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def text_of(fragment: str) -> str:
    """The visible text of an HTML fragment, on one line."""
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    return re.sub(r" ([,.;)])", r"\1", words)


def section(text: str, start: str, end: str = "</table>") -> str:
    i = text.index(start)
    return text[i : text.index(end, i)]


def with_emotion(value: str, title: str = "Buying running shoes online") -> str:
    """The spec's journey (one step) with another emotion score and title, as a file's text."""
    text = re.sub(r"emotion: 1\b", f"emotion: {value}", SPEC_JOURNEY).lstrip("\n")
    return text.replace("Buying running shoes online", title)


# --- reading the log ------------------------------------------------------------


def test_one_log_pass_follows_renames_and_restarts_after_a_delete(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write(repo, {"journeys/a.md": "one\n", "journeys/c.md": "c1\n", "journeys/e.md": "e\n", "other/x.md": "x\n"})
    init(repo)
    commit(repo, "Add a, c and e", ANA, "2026-01-05T09:00:00+00:00")
    write(repo, {"journeys/a.md": "one\ntwo\n"})
    (repo / "journeys/c.md").unlink()
    commit(repo, "Change a, drop c", BEN, "2026-02-10T09:00:00+01:00")
    git(repo, "mv", "journeys/a.md", "journeys/b.md")
    write(repo, {"journeys/b.md": "one\ntwo\nthree\n", "journeys/c.md": "c2\n"})
    third = commit(repo, "Rename a to b; c again", CHRIS, "2026-03-15T09:00:00+00:00")
    write(repo, {"journeys/d.md": "new\n", "journeys/e.md": "e changed\n"})

    history = read_history(repo / "journeys")
    assert history.available and history.reason is None
    assert history.calls == 3  # rev-parse, log, status

    b = history.of(repo / "journeys/b.md")
    assert [r.commit.subject for r in b.revisions] == ["Rename a to b; c again", "Change a, drop c", "Add a, c and e"]
    assert [r.path for r in b.revisions] == ["journeys/b.md", "journeys/a.md", "journeys/a.md"]
    assert b.last.short == third and b.last.author == "Chris Dee" and b.last.email == "chris@example.org"
    assert b.last.date == dt.datetime(2026, 3, 15, 9, tzinfo=dt.UTC)
    assert b.revisions[1].commit.date.isoformat() == "2026-02-10T09:00:00+01:00"
    assert [(a.name, a.commits) for a in b.authors()] == [("Chris Dee", 1), ("Ben Ode", 1), ("Ana Lima", 1)]
    assert not b.uncommitted_changes

    c = history.of(repo / "journeys/c.md")  # deleted, then created again: a new file
    assert [r.commit.subject for r in c.revisions] == ["Rename a to b; c again"]
    assert not history.of(repo / "journeys/d.md").committed
    assert history.of(repo / "journeys/e.md").uncommitted_changes
    assert history.of(repo / "other/x.md").revisions == []  # outside the folder: not read

    contents = history.contents(r.blob for r in b.revisions)
    assert [contents[r.blob] for r in b.revisions] == [b"one\ntwo\nthree\n", b"one\ntwo\n", b"one\n"]
    assert history.calls == 4  # one cat-file for every revision


def test_the_users_git_configuration_changes_nothing_that_is_read(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    write(repo, {"journeys/a.md": "one\n"})
    init(repo)
    commit(repo, "Add a")
    git(repo, "mv", "journeys/a.md", "journeys/b é.md")
    commit(repo, "Rename a", BEN)
    config = tmp_path / "user.gitconfig"
    config.write_text("[core]\n\tabbrev = 12\n\tquotePath = true\n[log]\n\tfollow = true\n\tshowSignature = true\n"
                      "[i18n]\n\tlogOutputEncoding = ISO-8859-1\n[diff]\n\trenameLimit = 1\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    history = read_history(repo / "journeys")
    b = history.of(repo / "journeys/b é.md")
    assert [(r.commit.short, r.path) for r in b.revisions] == [
        (git(repo, "rev-parse", "--short=7", "HEAD").strip(), "journeys/b é.md"),
        (git(repo, "rev-parse", "--short=7", "HEAD~1").strip(), "journeys/a.md"),
    ]


def test_git_errors_name_the_command_and_say_what_git_said(tmp_path: Path) -> None:
    runner = Git(tmp_path)
    with pytest.raises(GitError) as failed:
        runner.run("log")
    assert str(failed.value) == "'git log' failed: fatal: not a git repository (or any of the parent directories): .git"
    with pytest.raises(GitError) as missing:
        Git(tmp_path, "no-such-git").run("log")
    assert not missing.value.started and str(missing.value).startswith("git could not be started (")
    assert runner.calls == 1


def test_one_cat_file_reads_every_object_in_order(tmp_path: Path) -> None:
    write(tmp_path, {"a.md": "one\n", "b.md": ""})
    init(tmp_path)
    commit(tmp_path, "Add")
    a, b = (git(tmp_path, "rev-parse", f"HEAD:{name}").strip() for name in ("a.md", "b.md"))
    runner = Git(tmp_path)
    assert runner.objects([b, "0" * 40, a, a]) == [b"", None, b"one\n", b"one\n"]
    assert runner.objects([]) == [] and runner.calls == 1


def test_contributors_are_counted_by_email(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write(repo, {"journeys/a.md": "1\n"})
    init(repo)
    commit(repo, "one", ("ana", "ANA@example.org"), "2026-01-01T00:00:00+00:00")
    for i, who in enumerate((BEN, ANA, ANA), start=2):
        write(repo, {"journeys/a.md": f"{i}\n"})
        commit(repo, f"change {i}", who, f"2026-01-0{i}T00:00:00+00:00")
    authors = read_history(repo / "journeys").of(repo / "journeys/a.md").authors()
    assert [(a.name, a.commits) for a in authors] == [("Ana Lima", 3), ("Ben Ode", 1)]


def test_old_revisions_are_read_with_the_loader() -> None:
    assert revision_average(with_emotion("-1").encode()) == (-1.0, None)
    average, problem = revision_average(with_emotion("high").encode())
    assert average is None
    assert problem.startswith("it did not validate (line ") and "expected a whole number" in problem
    assert revision_average(b"no front matter")[1].startswith("it did not validate (line 1: the file does not start")
    assert revision_average(b"\xff\xfe")[1] == "the file was not UTF-8 text"


# --- pages ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tracked(tmp_path_factory) -> Path:
    """A site in a git repository: a journey with four commits (one broken, one rename), and uncommitted work."""
    root = spec_site(tmp_path_factory.mktemp("tracked") / "site-repo")
    init(root)
    write(root, {".gitignore": "site/\n"})
    hashes = [commit(root, "First map of buying running shoes", ANA, "2026-01-05T09:00:00+00:00")]
    write(root, {JOURNEY: with_emotion("-1")})
    hashes.append(commit(root, "Interviews: the post does not convince", BEN, "2026-02-10T10:30:00+01:00"))
    write(root, {JOURNEY: with_emotion("high")})
    hashes.append(commit(root, "Work in progress <b>", ANA, "2026-03-15T09:00:00+00:00"))
    git(root, "mv", JOURNEY, "journeys/retail/buy-shoes.md")
    write(root, {"journeys/retail/buy-shoes.md": with_emotion("2")})
    hashes.append(commit(root, "Rename; the fit finder works", CHRIS, "2026-04-20T09:00:00+00:00"))
    # not committed: a new map, and a change to the persona
    write(root, {"journeys/retail/new-map.md": SPEC_JOURNEY.replace("Buying running shoes online", "A new map")})
    persona = root / "journeys/personas/maya.md"
    persona.write_text(persona.read_text().replace("Runs 10 km", "Runs 12 km"))
    result = build_with(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert "History not available" not in result.stderr
    (root / "hashes.txt").write_text(" ".join(hashes))
    return root


def test_journey_page_says_when_and_by_whom_it_last_changed(tracked: Path) -> None:
    text = page(tracked / "site", "journeys/retail/buy-shoes")
    facts = text_of(section(text, '<dl class="jm-facts jm-freshness">', "</dl>"))
    assert "Last changed 20 April 2026 by Chris Dee" in facts
    assert "Contributors 3: Ana Lima (2 commits), Chris Dee (1 commit), Ben Ode (1 commit)" in facts
    assert '<time datetime="2026-04-20T09:00:00+00:00">20 April 2026</time>' in text
    assert "example.org" not in text  # email addresses are not published


def test_history_table_lists_every_commit_with_its_average(tracked: Path) -> None:
    hashes = (tracked / "hashes.txt").read_text().split()
    text = page(tracked / "site", "journeys/retail/buy-shoes")
    table = section(text, '<table class="jm-list jm-history">')
    rows = [text_of(row) for row in re.findall(r"<tr>.*?</tr>", table, re.S)[1:]]
    old = "(then at journeys/retail/buy-running-shoes.md)"
    assert rows == [
        f"20 April 2026 Chris Dee Rename; the fit finder works {hashes[3]} +2.0",
        f"15 March 2026 Ana Lima Work in progress <b> {old} {hashes[2]} left out: it did not validate "
        "(line 21: phases[0].steps[0].emotion: expected a whole number, got the text 'high')",
        f"10 February 2026 Ben Ode Interviews: the post does not convince {old} {hashes[1]} −1.0",
        f"5 January 2026 Ana Lima First map of buying running shoes {old} {hashes[0]} +1.0",
    ]
    assert "Work in progress &lt;b&gt;" in table  # commit subjects are escaped
    assert "1 revision is left out of the trend because it did not validate at the time." in text


def test_change_history_is_kept_out_of_the_search_index(tracked: Path) -> None:
    entries = search_index(tracked / "site")
    ours = [e for e in entries if e["location"].startswith("journeys/retail/buy-shoes/")]
    assert ours and not any("change-history" in e["location"] for e in ours)
    assert not any("Interviews: the post does not convince" in e["text"] for e in entries)
    assert "journeys/retail/buy-shoes/" in {e["location"] for e in ours}  # the map is found


def test_trend_chart_draws_the_valid_revisions_oldest_first(tracked: Path) -> None:
    hashes = (tracked / "hashes.txt").read_text().split()
    text = page(tracked / "site", "journeys/retail/buy-shoes")
    svg = re.search(r'<svg class="jm-trend".*?</svg>', text, re.S).group(0)
    assert 'role="img"' in svg and "<script" not in svg
    desc = html.unescape(re.search(r"<desc>(.*?)</desc>", svg).group(1))
    assert desc == (f"5 January 2026 ({hashes[0]}): +1.0; 10 February 2026 ({hashes[1]}): −1.0; "
                    f"20 April 2026 ({hashes[3]}): +2.0")
    assert svg.count("<circle") == 3
    assert [html.unescape(v) for v in re.findall(r'class="jm-value"[^>]*>([^<]+)<', svg)] == ["+1.0", "−1.0", "+2.0"]
    summary = text_of(section(text, '<h2 id="jm-change-history" data-search-exclude', "</p>"))
    assert "4 commits changed this file since 5 January 2026." in summary
    assert "went from +1.0 at the first revision with scores to +2.0 at the latest (+1.0)" in summary


def test_uncommitted_files_say_so(tracked: Path) -> None:
    new = page(tracked / "site", "journeys/retail/new-map")
    assert text_of(section(new, '<dl class="jm-facts jm-freshness">', "</dl>")).endswith(
        "Last changed Not committed yet")
    assert "This map is not committed yet. Its history starts with its first commit." in new
    assert 'class="jm-trend"' not in new
    persona = page(tracked / "site", "personas/maya")
    facts = text_of(section(persona, '<dl class="jm-facts jm-freshness">', "</dl>"))
    assert facts == ("Last changed 5 January 2026 by Ana Lima (and changed since, not committed yet) "
                     "Contributors 1: Ana Lima (1 commit)")
    assert "Next review" not in facts and "change-history" not in persona  # personas have neither


def test_changes_not_committed_yet_are_the_newest_point_of_the_trend(tmp_path: Path) -> None:
    root = spec_site(tmp_path / "site-repo")
    write(root, {".gitignore": "site/\n"})
    init(root)
    first = commit(root, "First map", ANA, "2026-01-05T09:00:00+00:00")
    write(root, {JOURNEY: with_emotion("-2")})  # not committed
    result = build_with(root, "--strict")
    assert result.returncode == 0, result.stderr
    text = page(root / "site", "journeys/retail/buy-running-shoes")
    rows = [text_of(row) for row in re.findall(r"<tr[^>]*>.*?</tr>", section(text, 'class="jm-list jm-history"'),
                                                   re.S)[1:]]
    assert rows == ["Working copy: changes not committed yet −2.0", f"5 January 2026 Ana Lima First map {first} +1.0"]
    desc = html.unescape(re.search(r'<svg class="jm-trend".*?<desc>(.*?)</desc>', text, re.S).group(1))
    assert desc == f"5 January 2026 ({first}): +1.0; not committed: −2.0"
    assert "to +1.0" not in text and "went from <strong>+1.0</strong>" in text and "<strong>−2.0</strong> now" in text


def test_a_repository_without_commits_has_nothing_committed_yet(tmp_path: Path) -> None:
    root = spec_site(tmp_path / "site-repo")
    init(root)
    result = build_with(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert "History not available" not in result.stderr
    text = page(root / "site", "journeys/retail/buy-running-shoes")
    assert '<span class="jm-uncommitted">Not committed yet</span>' in text
    assert "This map is not committed yet." in text


# --- without history -----------------------------------------------------------------


def _history_off_checks(result: subprocess.CompletedProcess, site: Path, reason: str) -> None:
    assert result.returncode == 0, result.stderr
    notices = [line for line in result.stderr.splitlines() if "History not available" in line]
    assert len(notices) == 1, result.stderr
    assert notices[0].startswith("INFO")
    text = page(site, "journeys/retail/buy-running-shoes")
    assert f"Last changed</dt>\n<dd class=\"jm-last-changed\"><span class=\"jm-muted\">not available: {reason}" in text
    assert f"The history of this map is not available in this build: {reason}." in text
    assert "Not available" not in page(site, "journeys")  # listings are unchanged
    assert "jm-review" in text  # the review state does not need git


def test_folder_outside_git_builds_with_a_notice(tmp_path: Path) -> None:
    root = spec_site(tmp_path / "plain")
    result = build_with(root, "--strict")
    _history_off_checks(result, root / "site", "the journeys folder is not in a git repository")
    assert "is not in a git repository, so pages show no history" in result.stderr


def test_shallow_clone_builds_with_a_notice(tmp_path: Path) -> None:
    origin = spec_site(tmp_path / "origin")
    write(origin, {"docs/index.md": "# Home\n"})  # git keeps no empty folder
    init(origin)
    commit(origin, "one", ANA, "2026-01-05T09:00:00+00:00")
    write(origin, {JOURNEY: with_emotion("2")})
    commit(origin, "two", BEN, "2026-01-06T09:00:00+00:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    result = build_with(clone, "--strict")
    _history_off_checks(result, clone / "site", "this is a shallow clone, so its history is incomplete")
    assert "git fetch --unshallow" in result.stderr


def test_without_git_installed_builds_with_a_notice(tmp_path: Path) -> None:
    root = spec_site(tmp_path / "site-repo")
    init(root)
    commit(root, "one")
    result = build_with(root, "--strict", path=str(BIN))  # this environment's bin has no git
    _history_off_checks(result, root / "site", "git is not installed")
    assert read_history(root / "journeys", git="no-such-git").reason == "git is not installed"


def test_history_option_false_asks_git_nothing(tmp_path: Path) -> None:
    root = spec_site(tmp_path / "site-repo")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - journeys", "  - journeys:\n      history: false"))
    init(root)
    commit(root, "one")
    log = tmp_path / "git-calls.txt"
    result = build_with(root, "--strict", path=f"{counting_git(tmp_path / 'bin', log)}:{BIN}:/usr/bin:/bin")
    assert result.returncode == 0, result.stderr
    assert not log.exists()
    text = page(root / "site", "journeys/retail/buy-running-shoes")
    assert "Last changed" not in text and "change-history" not in text
    assert "Next review" in text


# --- cost --------------------------------------------------------------------------------


def _repo_with_journeys(root: Path, count: int) -> Path:
    spec_site(root)
    (root / JOURNEY).unlink()
    for i in range(count):
        write(root, {f"journeys/maps/map-{i:02d}.md": SPEC_JOURNEY.replace("Buying running shoes online", f"Map {i}")})
    init(root)
    write(root, {".gitignore": "site/\n"})
    commit(root, "all maps", ANA, "2026-01-05T09:00:00+00:00")
    for i in range(0, count, 2):  # a second revision of every other map
        write(root, {f"journeys/maps/map-{i:02d}.md": with_emotion("2", f"Map {i}")})
    commit(root, "half of them change", BEN, "2026-01-06T09:00:00+00:00")
    return root


def test_git_is_started_the_same_few_times_for_2_or_20_journeys(tmp_path: Path) -> None:
    calls = {}
    for count in (2, 20):
        root = _repo_with_journeys(tmp_path / f"repo-{count}", count)
        log = tmp_path / f"calls-{count}.txt"
        wrapper = counting_git(tmp_path / f"bin-{count}", log)
        result = build_with(root, "--strict", path=f"{wrapper}:{BIN}:/usr/bin:/bin")
        assert result.returncode == 0, result.stderr
        lines = log.read_text().splitlines()
        calls[count] = [next((w for w in ("rev-parse", "log", "status", "cat-file") if f" {w} " in f" {line} "), line)
                        for line in lines]
        assert "went from <strong>+1.0</strong>" in page(root / "site", "journeys/maps/map-00")  # the trend was read
    assert calls[2] == calls[20] == ["rev-parse", "log", "status", "cat-file"]


def _four_steps(first: int) -> str:
    steps = "\n".join(f"      - {{action: Step {i}, emotion: {e}}}" for i, e in enumerate([first, 0, 0, 0], start=1))
    return (f"---\ntitle: Four steps\npersona: maya\nstatus: approved\n"
            f"phases:\n  - stage: awareness\n    steps:\n{steps}\n---\n")


def test_the_trend_summary_works_the_change_out_from_the_averages_shown(tmp_path: Path) -> None:
    root = spec_site(tmp_path / "site-repo")
    write(root, {".gitignore": "site/\n", "journeys/retail/four.md": _four_steps(-1)})  # −0.25 shows as −0.3
    init(root)
    commit(root, "Four steps", ANA, "2026-01-05T09:00:00+00:00")
    write(root, {"journeys/retail/four.md": _four_steps(1)})  # +0.25 shows as +0.3
    commit(root, "Better", BEN, "2026-02-05T09:00:00+00:00")
    result = build_with(root, "--strict")
    assert result.returncode == 0, result.stderr
    summary = text_of(section(page(root / "site", "journeys/retail/four"), '<h2 id="jm-change-history"', "</p>"))
    # the exact change is 0.5 (+0.5); a reader who sees −0.3 and +0.3 works out +0.6
    assert "went from −0.3 at the first revision with scores to +0.3 at the latest (+0.6)." in summary
